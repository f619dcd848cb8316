/**
 * PATCH pods/NAME through the library door: the three patch types on pods (strategic merge by patch
 * keys, JSON merge patch replacing lists, JSON patch), what the patchers answer when the patched object
 * does not decode, and that a patch then takes the update path (names, resourceVersion, validation).
 */
import type { OwnerReference, Pod } from '../../../lib/api/types.js';
import type { Cluster } from '../../../lib/cluster.js';
import { goMarshal } from '../../../lib/registry/go-format.js';
import { copy, newCluster, podBody, recordEvents, snapshot, statusOf } from './helpers.js';

const owner = (uid: string): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: `cm-${uid}`, uid });

function withPod(extra: Partial<Pod> = {}): { cluster: Cluster; pod: Pod } {
  const cluster = newCluster();
  cluster.pods().create(podBody('web', extra));
  return { cluster, pod: copy(cluster.pods().get('web')) };
}

describe('PATCH pods: strategic merge patch', () => {
  it('merges containers by name: only the named fields change', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().patch('web', 'strategic', { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } });
    expect(out.spec?.containers).toEqual([{ ...pod.spec!.containers[0]!, image: 'nginx:1.28' }]);
  });

  it('accepts the body as JSON text too', () => {
    const { cluster } = withPod();
    expect(cluster.pods().patch('web', 'strategic', '{"metadata":{"labels":{"a":"b"}}}').metadata?.labels).toEqual({ a: 'b' });
  });

  it('a new item of a merge-keyed list goes first without $setElementOrder', () => {
    const { cluster } = withPod({ metadata: { name: 'web', ownerReferences: [owner('a')] } });
    const out = cluster.pods().patch('web', 'strategic', { metadata: { ownerReferences: [owner('b')] } });
    expect(out.metadata?.ownerReferences?.map((o) => o.uid)).toEqual(['b', 'a']);
  });

  it('$setElementOrder fixes the order of the merged list', () => {
    const { cluster } = withPod({ metadata: { name: 'web', ownerReferences: [owner('a')] } });
    const out = cluster.pods().patch('web', 'strategic', { metadata: { '$setElementOrder/ownerReferences': [{ uid: 'a' }, { uid: 'b' }], ownerReferences: [owner('b')] } });
    expect(out.metadata?.ownerReferences?.map((o) => o.uid)).toEqual(['a', 'b']);
  });

  it('$patch: delete removes the item with that merge key', () => {
    const { cluster } = withPod({ metadata: { name: 'web', ownerReferences: [owner('a'), owner('b')] } });
    const out = cluster.pods().patch('web', 'strategic', { metadata: { ownerReferences: [{ uid: 'a', $patch: 'delete' }] } });
    expect(out.metadata?.ownerReferences?.map((o) => o.uid)).toEqual(['b']);
  });

  it('a value of the wrong type is 422 on field `patch` with the converter\'s error and the patch printed by Go', () => {
    const { cluster } = withPod();
    const st = statusOf(() => cluster.pods().patch('web', 'strategic', { spec: { hostNetwork: 'yes' } }));
    expect(st).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: ' "" is invalid: patch: Invalid value: "map[spec:map[hostNetwork:yes]]": unrecognized type: bool',
      reason: 'Invalid',
      details: { causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "map[spec:map[hostNetwork:yes]]": unrecognized type: bool', field: 'patch' }] },
      code: 422,
    });
  });

  it('a string where a struct goes is `cannot restore struct from: string`', () => {
    const { cluster } = withPod();
    expect(statusOf(() => cluster.pods().patch('web', 'strategic', { spec: { securityContext: 'x' } })).message)
      .toBe(' "" is invalid: patch: Invalid value: "map[spec:map[securityContext:x]]": cannot restore struct from: string');
  });

  it('under Strict, unknown fields are 422 `strict decoding error` (sorted); under Warn they are warnings', () => {
    const { cluster } = withPod();
    const st = statusOf(() => cluster.pods().patch('web', 'strategic', { spec: { zeta: 1, alpha: 2 } }, { fieldValidation: 'Strict' }));
    expect(st.message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[alpha:2 zeta:1]]": strict decoding error: unknown field "spec.alpha", unknown field "spec.zeta"');
    const warnings: string[] = [];
    cluster.pods().patch('web', 'strategic', { metadata: { labels: { a: 'b' } }, spec: { zeta: 1 } }, { warnings });
    expect(warnings).toEqual(['unknown field "spec.zeta"']);
  });
});

describe('PATCH pods: JSON merge patch', () => {
  it('replaces lists whole: sending one container drops its other fields, which the update then forbids', () => {
    const { cluster } = withPod();
    const before = snapshot(cluster, 'default', 'web');
    const st = statusOf(() => cluster.pods().patch('web', 'merge', { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } }));
    expect([st.code, st.details?.causes?.[0]?.field]).toEqual([422, 'spec']);
    expect(st.message.startsWith('Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than')).toBe(true);
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
  });

  it('null removes a key (labels, as kubectl label k- sends)', () => {
    const { cluster } = withPod({ metadata: { name: 'web', labels: { a: '1', b: '2' } } });
    expect(cluster.pods().patch('web', 'merge', { metadata: { labels: { a: null } } }).metadata?.labels).toEqual({ b: '2' });
  });

  it('a value of the wrong type is 422 on `patch` with the JSON decoder\'s error and the patched JSON', () => {
    const { cluster, pod } = withPod();
    const st = statusOf(() => cluster.pods().patch('web', 'merge', { spec: { hostNetwork: 'yes' } }));
    const patched = copy(pod) as unknown as { spec: Record<string, unknown> };
    patched.spec['hostNetwork'] = 'yes';
    const why = 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool';
    expect(st.message).toBe(` "" is invalid: patch: Invalid value: ${JSON.stringify(goMarshal(patched))}: ${why}`);
    expect(st.details?.causes?.map((c) => c.field)).toEqual(['patch']);
  });
});

describe('PATCH pods: JSON patch', () => {
  it('replace at a path', () => {
    const { cluster } = withPod();
    const out = cluster.pods().patch('web', 'json', [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.28' }]);
    expect(out.spec?.containers[0]?.image).toBe('nginx:1.28');
  });

  it('an operation that fails (test) is 422 `the server rejected our request due to an error in our request`', () => {
    const { cluster } = withPod();
    const st = statusOf(() => cluster.pods().patch('web', 'json', [{ op: 'test', path: '/spec/restartPolicy', value: 'Never' }]));
    expect([st.code, st.reason, st.message]).toEqual([422, 'Invalid', 'the server rejected our request due to an error in our request']);
  });

  it('an unknown op is 422 too', () => {
    const { cluster } = withPod();
    expect(statusOf(() => cluster.pods().patch('web', 'json', [{ op: 'frobnicate', path: '/spec' }])).message)
      .toBe('the server rejected our request due to an error in our request');
  });
});

describe('PATCH pods: then the update path', () => {
  it('a patch that changes the name is 400 `the name of the object (x) does not match the name on the URL (web)`', () => {
    const { cluster } = withPod();
    const st = statusOf(() => cluster.pods().patch('web', 'merge', { metadata: { name: 'other' } }));
    expect([st.code, st.message]).toEqual([400, 'the name of the object (other) does not match the name on the URL (web)']);
  });

  it('a patch that moves the pod to another namespace is 400 `the namespace of the object (x) does not match the namespace on the request (default)`', () => {
    const { cluster } = withPod();
    const st = statusOf(() => cluster.pods().patch('web', 'merge', { metadata: { namespace: 'kube-system' } }));
    expect([st.code, st.message]).toEqual([400, 'the namespace of the object (kube-system) does not match the namespace on the request (default)']);
  });

  it('a patch carrying a stale resourceVersion is 409', () => {
    const { cluster, pod } = withPod();
    cluster.pods().patch('web', 'merge', { metadata: { labels: { v: '2' } } });
    const st = statusOf(() => cluster.pods().patch('web', 'merge', { metadata: { resourceVersion: pod.metadata!.resourceVersion, labels: { v: '3' } } }));
    expect([st.code, st.reason]).toEqual([409, 'Conflict']);
  });

  it('a patch of a missing pod is 404', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().patch('ghost', 'merge', { metadata: { labels: { a: 'b' } } })).message).toBe('pods "ghost" not found');
  });

  it('a patch that changes nothing keeps the resourceVersion and emits no event', () => {
    const { cluster, pod } = withPod({ metadata: { name: 'web', labels: { a: 'b' } } });
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    const out = cluster.pods().patch('web', 'strategic', { metadata: { labels: { a: 'b' } } });
    expect(out.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
    expect(events).toEqual([]);
  });

  it('status in a main-resource patch is ignored', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().patch('web', 'merge', { status: { phase: 'Running' } });
    expect(out.status).toEqual(pod.status);
  });
});
