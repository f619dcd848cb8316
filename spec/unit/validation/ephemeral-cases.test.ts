/**
 * Replays every case of `shared/reference/ephemeral-cases.json` (format: k8s-semantics.md §N) against the
 * validation entry points, the way the apiserver composes them (§M): the request body is defaulted, the
 * strategy builds the new pod, the generic metadata checks of rest.BeforeUpdate come first, then the
 * strategy's validation; the list goes through `newInvalid` for the 422 message and causes.
 *
 * The strategy steps are done here by hand, as the registry will do them: PUT ephemeralcontainers keeps
 * everything of the stored pod but `spec.ephemeralContainers`; PUT pods keeps the stored status; and
 * `dropDisabledPodFields` removes `resizePolicy` (InPlacePodVerticalScaling is off in v1.32, §L2).
 */
import { produce } from 'immer';
import type { Container, Pod } from '../../../lib/api/types.js';
import { withPodDefaults } from '../../../lib/defaulting/pod.js';
import { newInvalid } from '../../../lib/errors/constructors.js';
import { errorBody, type FieldError } from '../../../lib/field/errors.js';
import { validateCommonFieldsOnUpdate } from '../../../lib/validation/object-meta.js';
import { validatePodCreate, validatePodEphemeralContainersUpdate, validatePodUpdate } from '../../../lib/validation/pod.js';
import { getPath, setPath } from '../../support/paths.js';
import { loadCases, type ConformanceCase } from '../../conformance/cases.js';

const cases = loadCases();

/** `dropDisabledPodFields` for the gates that are off in v1.32 and matter here: resizePolicy everywhere. */
function dropDisabledFields(pod: Pod): Pod {
  return produce(pod, (d) => {
    const all = [...(d.spec?.containers ?? []), ...(d.spec?.initContainers ?? []), ...(d.spec?.ephemeralContainers ?? [])] as Array<Container & { resizePolicy?: unknown }>;
    for (const c of all) delete c.resizePolicy;
  });
}

type EphemeralContainers = NonNullable<Pod['spec']>['ephemeralContainers'];

const maybeDefault = (c: ConformanceCase, pod: Pod): Pod => (c.defaulting ? withPodDefaults(pod) : pod);

/** What the apiserver validates for a case, in its order, and the pod the strategy would store. */
function run(c: ConformanceCase): { errors: FieldError[]; stored: Pod; name: string } {
  if (c.operation === 'POST pods') {
    const pod = dropDisabledFields(maybeDefault(c, c.create!));
    return { errors: validatePodCreate(pod), stored: pod, name: pod.metadata!.name! };
  }
  // Stored objects are defaulted again when read, like every decode.
  const oldPod = maybeDefault(c, c.pod!);
  let body: Pod;
  if (c.operation === 'PUT pods/{name}') body = c.update!;
  else {
    body = produce(c.pod!, (d) => {
      d.spec!.ephemeralContainers = c.ephemeralContainers as EphemeralContainers;
      for (const [path, value] of Object.entries(c.bodyOverrides ?? {})) setPath(d, path, value);
    });
  }
  const request = dropDisabledFields(maybeDefault(c, body));
  const newPod =
    c.operation === 'PUT pods/{name}'
      ? produce(request, (d) => {
          d.status = oldPod.status as typeof d.status;
        })
      : produce(oldPod, (d) => {
          d.spec!.ephemeralContainers = request.spec?.ephemeralContainers as EphemeralContainers;
        });
  const strategy = c.operation === 'PUT pods/{name}' ? validatePodUpdate(newPod, oldPod) : validatePodEphemeralContainersUpdate(newPod, oldPod);
  return { errors: [...validateCommonFieldsOnUpdate(newPod.metadata, oldPod.metadata, true), ...strategy], stored: newPod, name: newPod.metadata!.name! };
}

describe('ephemeral-cases.json replayed against the validation entry points', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { errors, stored, name } = run(c);
    if (c.expect === 'ok') {
      expect(errors).toEqual([]);
      for (const [path, want] of Object.entries(c.expectStored ?? {})) {
        if (want === 'unchanged') expect(getPath(stored, path)).toEqual(getPath(c.pod, path));
        else expect(getPath(stored, path) ?? null).toEqual(want);
      }
      return;
    }
    const expected = c.expect;
    expect(errors.map((e) => ({ type: e.type, field: e.field }))).toEqual(expected.errors.map((e) => ({ type: e.type, field: e.field })));
    errors.forEach((e, i) => {
      const want = expected.errors[i]!;
      const body = errorBody(e);
      if (want.detailMatch === 'prefix') {
        expect(body.startsWith(want.causeMessage)).toBe(true);
        expect(e.detail.startsWith(want.detail)).toBe(true);
      } else {
        expect(body).toBe(want.causeMessage);
        expect(e.detail).toBe(want.detail);
      }
      if ('value' in want) expect(e.badValue).toEqual(want.value);
    });
    const status = newInvalid({ kind: 'Pod' }, name, errors).status;
    expect(status.code).toBe(expected.code);
    expect(status.reason).toBe(expected.reason);
    expect(status.details?.causes?.map((cause) => cause.field)).toEqual(expected.errors.map((e) => e.field));
    if (expected.message !== undefined) expect(status.message).toBe(expected.message);
    if (expected.messagePrefix !== undefined) expect(status.message?.startsWith(expected.messagePrefix)).toBe(true);
  });
});
