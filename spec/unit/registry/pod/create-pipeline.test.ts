import type { Pod } from '../../../../lib/api/types.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../../../lib/admission/priority.js';
import { StatusError } from '../../../../lib/errors/status-error.js';
import { SeededRandom } from '../../../../lib/ids/random.js';
import { preparePodCreate, type PodCreateOptions } from '../../../../lib/registry/pod/create-pipeline.js';

const NOW = Date.parse('2025-01-08T14:27:07Z');
const options = (over: Partial<PodCreateOptions> = {}): PodCreateOptions => ({
  namespace: 'default', now: NOW, rng: new SeededRandom(7), manager: 'kubectl-create',
  admission: {
    serviceAccounts: { get: (ns, n) => (n === 'default' ? { metadata: { name: n, namespace: ns } } : undefined) },
    priorityClasses: { get: (n) => SYSTEM_PRIORITY_CLASSES.find((c) => c.metadata?.name === n), list: () => SYSTEM_PRIORITY_CLASSES },
  },
  ...over,
});
const body = (extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = { name: 'web' }): Record<string, unknown> => ({
  apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'app', image: 'nginx:1.27.3' }], ...extra },
});
const statusOf = (f: () => unknown): { code: number; message: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, message: e.status.message ?? '' };
    throw e;
  }
  return { code: 201, message: '' };
};

describe('preparePodCreate: the create path of kube-apiserver 1.32 around validation', () => {
  it('takes the namespace from the request when the body has none', () => {
    expect(preparePodCreate(body(), options()).pod.metadata?.namespace).toBe('default');
  });

  it('refuses a body naming another namespace with 400', () => {
    expect(statusOf(() => preparePodCreate(body({}, { name: 'web', namespace: 'other' }), options()))).toEqual({
      code: 400, message: 'the namespace of the provided object does not match the namespace sent on the request',
    });
  });

  it('turns an admission refusal into 403 naming the pod, or its generateName before the name is generated', () => {
    expect(statusOf(() => preparePodCreate(body({ serviceAccountName: 'ghost' }), options()))).toEqual({
      code: 403, message: 'pods "web" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    });
    expect(statusOf(() => preparePodCreate(body({ priorityClassName: 'nope' }, { generateName: 'w-' }), options())).message).toBe(
      'pods "w-" is forbidden: no PriorityClass with name nope was found',
    );
  });

  it('replaces the uid and timestamps a client sent and never sets resourceVersion or generation', () => {
    const { pod } = preparePodCreate(body({}, { name: 'web', uid: 'mine', creationTimestamp: '2020-01-01T00:00:00Z', deletionTimestamp: '2020-01-01T00:00:00Z', selfLink: '/x', deletionGracePeriodSeconds: 3 }), options());
    expect(pod.metadata?.uid).not.toBe('mine');
    expect(pod.metadata).toMatchObject({ creationTimestamp: '2025-01-08T14:27:07Z' });
    for (const k of ['deletionTimestamp', 'selfLink', 'deletionGracePeriodSeconds', 'resourceVersion', 'generation']) expect(pod.metadata).not.toHaveProperty(k);
  });

  it('does not mutate a frozen request body', () => {
    const input = Object.freeze(body());
    const copy = structuredClone(input);
    preparePodCreate(input, options());
    expect(input).toEqual(copy);
  });

  it('reads the deprecated spec.serviceAccount when serviceAccountName is empty and owns both fields', () => {
    const { pod } = preparePodCreate(body({ serviceAccount: 'default' }), options());
    expect(pod.spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
    expect((pod.metadata?.managedFields?.[0]?.fieldsV1 as Record<string, Record<string, unknown>>)['f:spec']).toMatchObject({ 'f:serviceAccount': {}, 'f:serviceAccountName': {} });
  });

  it('stores quantities rounded to milli precision in canonical form, as the response shows them', () => {
    const { pod } = preparePodCreate(body({ containers: [{ name: 'app', image: 'x', resources: { limits: { cpu: '0.5', memory: '0.25Gi', 'example.com/foo': 1000 } } }] }), options());
    expect(pod.spec?.containers[0]?.resources).toEqual({
      limits: { cpu: '500m', 'example.com/foo': '1k', memory: '256Mi' }, requests: { cpu: '500m', 'example.com/foo': '1k', memory: '256Mi' },
    });
    expect(pod.status?.qosClass).toBe('Guaranteed');
  });

  it('reports fields Go does not know and drops them', () => {
    const r = preparePodCreate(body({ containers: [{ name: 'app', image: 'x', imagee: 'y' }] }), options());
    expect(r.unknownFields).toEqual(['spec.containers[0].imagee']);
    expect(JSON.stringify(r.pod)).not.toContain('imagee');
  });

  it('dedups identical owner references with the apiserver warning', () => {
    const owner = { apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u-1' };
    const r = preparePodCreate(body({}, { name: 'web', ownerReferences: [owner, owner] }), options());
    expect(r.pod.metadata?.ownerReferences).toEqual([owner]);
    expect(r.warnings).toEqual([
      '.metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: u-1',
    ]);
  });

  it('keeps managedFields the client sent (the field manager starts from them) and drops them on []', () => {
    const sent = [{ manager: 'operator', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': {} } } }];
    const kept = preparePodCreate(body({}, { name: 'web', managedFields: sent }), options()).pod.metadata?.managedFields ?? [];
    expect(kept.map((e) => e.manager)).toEqual(['operator', 'kubectl-create']);
  });

  it('draws the token-volume suffix, the uid and the generated name from the seeded source, so a seed reproduces a pod', () => {
    const a = preparePodCreate(body({}, { generateName: 'w-' }), options({ rng: new SeededRandom(3) })).pod;
    const b = preparePodCreate(body({}, { generateName: 'w-' }), options({ rng: new SeededRandom(3) })).pod;
    expect(b).toEqual(a);
    expect(a.metadata?.name).toMatch(/^w-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('outputs kind and apiVersion first and the fields in Go struct order', () => {
    const { pod } = preparePodCreate(body(), options());
    expect(Object.keys(pod)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(Object.keys(pod.metadata ?? {})).toEqual(['name', 'namespace', 'uid', 'creationTimestamp', 'managedFields']);
  });

  it('owns nothing that admission added (service account, token volume, tolerations, priority)', () => {
    const { pod } = preparePodCreate(body(), options());
    const spec = (pod.metadata?.managedFields?.[0]?.fieldsV1 as Record<string, Record<string, unknown>>)['f:spec']!;
    for (const k of ['f:serviceAccountName', 'f:volumes', 'f:tolerations', 'f:priority', 'f:preemptionPolicy']) expect(spec).not.toHaveProperty(k);
    expect((pod as Pod).spec?.tolerations).toHaveLength(2);
  });
});
