/**
 * Ephemeral containers: `validateEphemeralContainers` and `validateFieldAllowList` of core validation.
 * Per container, in Go's order: the common container checks, the pod-only image check, a name unique
 * across all containers (reported on the later entry), a target naming a regular or init container, one
 * Forbidden per non-allowed field that is set (Container struct order), then subPath/subPathExpr.
 */
import type { EphemeralContainer } from 'kubernetes-types/core/v1.js';
import { goStruct } from '../api/core-v1-schema.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, forbidden, notFound, type FieldError } from '../field/errors.js';
import { validateContainerCommon, validateContainerOnlyForPod, type AnyContainer, type ContainerContext } from './containers.js';
import { isFieldSet } from './equality.js';
import { EPHEMERAL_FORBIDDEN } from './common.js';

/** The fields of `core.Container` in declaration order (v1.32): the order of the Forbidden errors. */
export const CONTAINER_FIELDS: readonly string[] = goStruct('Container').fields.map((f) => f.name);

/** `allowedEphemeralContainerFields`: anything else is forbidden once set (including fields added later). */
export const ALLOWED_EPHEMERAL_CONTAINER_FIELDS: ReadonlySet<string> = new Set([
  'name', 'image', 'command', 'args', 'workingDir', 'envFrom', 'env', 'volumeMounts', 'volumeDevices', 'terminationMessagePath',
  'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
]);

/**
 * `validateFieldAllowList` over an EphemeralContainerCommon: one Forbidden per field outside the allow-list
 * whose value is not the Go zero value (`ports: []` and `lifecycle: {}` are set; `resources: {}` is not).
 */
export function validateFieldAllowList(container: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>, detail: string, path: FieldPath): FieldError[] {
  return CONTAINER_FIELDS.filter((f) => !allowed.has(f) && isFieldSet('Container', f, container[f])).map((f) => forbidden(path.child(f), detail));
}

/** `validateEphemeralContainers` (called by ValidatePodSpec after regular and init containers). */
export function validateEphemeralContainers(
  ephemeral: readonly EphemeralContainer[] | undefined,
  containers: readonly AnyContainer[] | undefined,
  initContainers: readonly AnyContainer[] | undefined,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const list = ephemeral ?? [];
  if (list.length === 0) return errs;
  const otherNames = new Set([...(containers ?? []), ...(initContainers ?? [])].map((c) => c.name));
  const allNames = new Set(otherNames);
  list.forEach((ec, i) => {
    const p = path.index(i);
    const { targetContainerName, ...common } = ec;
    const c = common as AnyContainer;
    errs.push(...validateContainerCommon(c, ctx, p));
    errs.push(...validateContainerOnlyForPod(c, p));
    if (allNames.has(ec.name)) errs.push(duplicate(p.child('name'), ec.name));
    else allNames.add(ec.name);
    if (targetContainerName && !otherNames.has(targetContainerName)) errs.push(notFound(p.child('targetContainerName'), targetContainerName));
    errs.push(...validateFieldAllowList(common, ALLOWED_EPHEMERAL_CONTAINER_FIELDS, EPHEMERAL_FORBIDDEN, p));
    // Subpath mounts are bind mounts that outlive the container, so they are refused outright.
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(forbidden(p.child('volumeMounts').index(j).child('subPath'), EPHEMERAL_FORBIDDEN));
      if (vm.subPathExpr) errs.push(forbidden(p.child('volumeMounts').index(j).child('subPathExpr'), EPHEMERAL_FORBIDDEN));
    });
  });
  return errs;
}
