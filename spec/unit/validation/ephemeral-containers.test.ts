import type { EphemeralContainer } from '../../../lib/api/types.js';
import { errorText } from '../../../lib/field/errors.js';
import { validatePodEphemeralContainersUpdate } from '../../../lib/validation/pod.js';
import {
  makeContainer, makeEphemeralContainer, makePod, setAnnotations, setEphemeralContainers, setInitContainers, setNodeName, setVolumes, stored,
} from '../../support/make-pod.js';

const base = makePod('pod', stored, setInitContainers(makeContainer('ictr')), setVolumes({ name: 'vol', emptyDir: {} }));
/** Errors of adding these ephemeral containers to the base pod through the subresource. */
const add = (...ecs: EphemeralContainer[]): string[] => validatePodEphemeralContainersUpdate(makePod('pod', stored, setInitContainers(makeContainer('ictr')), setVolumes({ name: 'vol', emptyDir: {} }), setEphemeralContainers(...ecs)), base).map(errorText);
const e0 = 'spec.ephemeralContainers[0]';
const forbiddenAt = (field: string): string => `${e0}.${field}: Forbidden: cannot be set for an Ephemeral Container`;
const ec = (patch: Record<string, unknown>): EphemeralContainer => ({ ...makeEphemeralContainer('debug'), ...patch }) as EphemeralContainer;

describe('validateEphemeralContainers: the allow-list', () => {
  it('accepts a debug container with only allowed fields', () => {
    expect(add(ec({ stdin: true, tty: true, targetContainerName: 'ctr', securityContext: { privileged: true }, volumeMounts: [{ name: 'vol', mountPath: '/v' }] }))).toEqual([]);
  });

  it('counts an empty ports list as set (non-nil slice)', () => {
    expect(add(ec({ ports: [] }))).toEqual([forbiddenAt('ports')]);
  });

  it('does not count resources: {} as set (zero struct), but resources with an empty map is set', () => {
    expect(add(ec({ resources: {} }))).toEqual([]);
    expect(add(ec({ resources: { limits: {} } }))).toEqual([forbiddenAt('resources')]);
  });

  it('counts lifecycle: {} and restartPolicy: "" as set (non-nil pointers)', () => {
    expect(add(ec({ lifecycle: {} }))).toEqual([forbiddenAt('lifecycle')]);
    expect(add(ec({ restartPolicy: '' }))).toEqual([forbiddenAt('restartPolicy')]);
  });

  it('reports one Forbidden per field in Container struct order', () => {
    const probe = { exec: { command: ['x'] } };
    expect(add(ec({ lifecycle: { preStop: probe }, startupProbe: probe, readinessProbe: probe, livenessProbe: probe, restartPolicy: 'Always', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }], resources: { limits: { cpu: '1' } }, ports: [{ containerPort: 80, protocol: 'TCP' }] }))).toEqual(
      ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'].map(forbiddenAt),
    );
  });

  it('does not validate the content of forbidden probes and hooks, only forbids them', () => {
    expect(add(ec({ livenessProbe: {} }))).toEqual([forbiddenAt('livenessProbe')]);
  });

  it('still validates the content of forbidden ports before forbidding them', () => {
    expect(add(ec({ ports: [{ containerPort: 0, protocol: 'TCP' }] }))).toEqual([`${e0}.ports[0].containerPort: Required value`, forbiddenAt('ports')]);
  });

  it('forbids subPath and subPathExpr on mounts, after the field errors', () => {
    expect(add(ec({ volumeMounts: [{ name: 'vol', mountPath: '/a', subPath: 'x' }, { name: 'vol', mountPath: '/b', subPathExpr: '$(X)' }] }))).toEqual([
      `${e0}.volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container`,
      `${e0}.volumeMounts[1].subPathExpr: Forbidden: cannot be set for an Ephemeral Container`,
    ]);
  });
});

describe('validateEphemeralContainers: names and targets', () => {
  it('reports a clash with a regular or init container on the ephemeral container', () => {
    expect(add(makeEphemeralContainer('ctr'))).toEqual([`${e0}.name: Duplicate value: "ctr"`]);
    expect(add(makeEphemeralContainer('ictr'))).toEqual([`${e0}.name: Duplicate value: "ictr"`]);
  });

  it('reports a clash between two ephemeral containers on the later one', () => {
    expect(add(makeEphemeralContainer('a'), makeEphemeralContainer('a'))).toEqual(['spec.ephemeralContainers[1].name: Duplicate value: "a"']);
  });

  it('lets a target be a regular or init container, not an ephemeral one', () => {
    expect(add(ec({ targetContainerName: 'ictr' }))).toEqual([]);
    expect(add(makeEphemeralContainer('a'), { ...makeEphemeralContainer('b'), targetContainerName: 'a' })).toEqual(['spec.ephemeralContainers[1].targetContainerName: Not found: "a"']);
  });

  it('checks the duplicate name before the target and the allow-list', () => {
    expect(add(ec({ name: 'ctr', targetContainerName: 'nope', ports: [] }))).toEqual([`${e0}.name: Duplicate value: "ctr"`, `${e0}.targetContainerName: Not found: "nope"`, forbiddenAt('ports')]);
  });
});

describe('ValidatePodEphemeralContainersUpdate', () => {
  const withEphemeral = (...ecs: EphemeralContainer[]) => makePod('pod', stored, setEphemeralContainers(...ecs));

  it('allows adding and reordering', () => {
    const old = withEphemeral(makeEphemeralContainer('a'), makeEphemeralContainer('b'));
    expect(validatePodEphemeralContainersUpdate(withEphemeral(makeEphemeralContainer('c'), makeEphemeralContainer('b'), makeEphemeralContainer('a')), old)).toEqual([]);
  });

  it('forbids removing an existing container (detail ends with a newline)', () => {
    const old = withEphemeral(makeEphemeralContainer('a'));
    expect(validatePodEphemeralContainersUpdate(withEphemeral(), old).map(errorText)).toEqual(['spec.ephemeralContainers: Forbidden: existing ephemeral containers "a" may not be removed\n']);
  });

  it('forbids changing an existing container, with a diff after the fixed text', () => {
    const old = withEphemeral(makeEphemeralContainer('a'));
    const [err] = validatePodEphemeralContainersUpdate(withEphemeral(makeEphemeralContainer('a', (c) => { c.image = 'alpine'; })), old);
    expect(err!.detail).toMatch(/^existing ephemeral containers "a" may not be changed\n {2}core\.EphemeralContainer\{\n- \tImage: "busybox:1\.36",\n\+ \tImage: "alpine",\n {2}\}\n$/);
  });

  it('treats an empty list as equal to a missing one (Semantic equality)', () => {
    const old = withEphemeral(makeEphemeralContainer('a'));
    expect(validatePodEphemeralContainersUpdate(withEphemeral(makeEphemeralContainer('a', (c) => { c.env = []; })), old)).toEqual([]);
  });

  it('answers a static (mirror) pod with a single Forbidden at [] even when nothing else is wrong', () => {
    const mirror = makePod('pod', stored, setNodeName('node'), setAnnotations({ 'kubernetes.io/config.mirror': 'x' }));
    expect(validatePodEphemeralContainersUpdate(mirror, mirror).map(errorText)).toEqual(['[]: Forbidden: static pods do not support ephemeral containers']);
  });
});
