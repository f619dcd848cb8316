import type { Pod } from '../../../../lib/api/types.js';
import { preparePodForCreate } from '../../../../lib/registry/pod/prepare-for-create.js';

const NOW = Date.parse('2025-01-08T14:27:07Z');
const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}, metadata: Pod['metadata'] = { name: 'p' }): Pod => ({ metadata, spec: { containers: [{ name: 'app', image: 'x' }], ...spec } });
const prepared = (p: Pod, warnings: string[] = []): Pod => {
  preparePodForCreate(p, { now: NOW, warnings });
  return p;
};

describe('podStrategy.PrepareForCreate', () => {
  it('replaces the status with phase Pending and the computed QoS class', () => {
    const p: Pod = {
      ...pod({ containers: [{ name: 'app', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } }] }),
      status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(prepared(p).status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('keeps a qosClass the client sent, because GetPodQOS reads the status before it is replaced', () => {
    const p: Pod = { ...pod(), status: { qosClass: 'Guaranteed' } };
    expect(prepared(p).status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('adds PodScheduled=False SchedulingGated at the request time to a gated pod, between phase and qosClass', () => {
    const p = prepared(pod({ schedulingGates: [{ name: 'example.com/quota' }] }));
    expect(JSON.stringify(p.status)).toBe(
      '{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","lastProbeTime":null,"lastTransitionTime":"2025-01-08T14:27:07Z","reason":"SchedulingGated","message":"Scheduling is blocked due to non-empty scheduling gates"}],"qosClass":"BestEffort"}',
    );
  });

  it('folds matchLabelKeys (In) and mismatchLabelKeys (NotIn) of pod affinity terms into their label selector', () => {
    const term = { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['rev', 'absent'], mismatchLabelKeys: ['tenant'] };
    const p = prepared(pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }, { name: 'p', labels: { rev: 'r1', tenant: 't1' } }));
    expect(p.spec!.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0]!.labelSelector).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'rev', operator: 'In', values: ['r1'] }, { key: 'tenant', operator: 'NotIn', values: ['t1'] }],
    });
  });

  it('leaves affinity terms without a label selector alone', () => {
    const term = { topologyKey: 'zone', matchLabelKeys: ['rev'] };
    const p = prepared(pod({ affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] } } }, { name: 'p', labels: { rev: 'r1' } }));
    expect(p.spec!.affinity!.podAffinity!.preferredDuringSchedulingIgnoredDuringExecution![0]!.podAffinityTerm).toEqual(term);
  });

  it('writes the deprecated AppArmor annotation from the container or pod field', () => {
    const p = prepared(pod({
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'a', image: 'x', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-deny' } } }, { name: 'b', image: 'x' }],
    }));
    expect(p.metadata!.annotations).toEqual({
      'container.apparmor.security.beta.kubernetes.io/a': 'localhost/k8s-deny',
      'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
    });
  });

  it('copies a deprecated AppArmor annotation into the container field, with a deprecation warning', () => {
    const warnings: string[] = [];
    const p = prepared(pod({}, { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }), warnings);
    expect(p.spec!.containers[0]!.securityContext).toEqual({ appArmorProfile: { type: 'Unconfined' } });
    expect(warnings).toEqual(['metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: deprecated since v1.30; use the "appArmorProfile" field instead']);
  });

  it('warns about an AppArmor annotation it cannot turn into a field, and copies nothing', () => {
    const warnings: string[] = [];
    const p = prepared(pod({}, { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/' } }), warnings);
    expect(p.spec!.containers[0]!.securityContext).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('does not touch AppArmor on Windows pods', () => {
    const p = prepared(pod({ os: { name: 'windows' }, securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }));
    expect(p.metadata!.annotations).toBeUndefined();
  });

  it('sets no metadata.generation (1.32)', () => {
    expect(prepared(pod()).metadata!.generation).toBeUndefined();
  });
});
