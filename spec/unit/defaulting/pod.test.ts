import type { Pod } from '../../../lib/api/types.js';
import { setDefaultsPod, withPodDefaults } from '../../../lib/defaulting/pod.js';

const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x:1' }], ...spec } });

describe('setDefaultsPod (SetObjectDefaults_Pod)', () => {
  it('applies SetDefaults_PodSpec and SetDefaults_Pod: dnsPolicy, restartPolicy, securityContext, grace period, scheduler, service links', () => {
    const p = withPodDefaults(pod({}));
    expect(p.spec).toMatchObject({
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler', enableServiceLinks: true,
    });
  });

  it('sets nothing that admission owns (no serviceAccountName, priority, tolerations)', () => {
    const spec = withPodDefaults(pod({})).spec!;
    expect([spec.serviceAccountName, spec.priority, spec.tolerations, spec.preemptionPolicy]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('keeps explicit values, including a zero grace period and enableServiceLinks false', () => {
    const spec = withPodDefaults(pod({ terminationGracePeriodSeconds: 0, enableServiceLinks: false, restartPolicy: 'Never', dnsPolicy: 'None' })).spec!;
    expect([spec.terminationGracePeriodSeconds, spec.enableServiceLinks, spec.restartPolicy, spec.dnsPolicy]).toEqual([0, false, 'Never', 'None']);
  });

  it('copies each limit without a request into requests, for containers and init containers only', () => {
    const p = withPodDefaults(pod({
      containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m' } } }],
      initContainers: [{ name: 'i', image: 'x', resources: { limits: { memory: '64Mi' } } }],
      ephemeralContainers: [{ name: 'e', image: 'x', resources: { limits: { cpu: '1' } } }],
    }));
    expect(p.spec!.containers[0]!.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(p.spec!.initContainers![0]!.resources).toEqual({ limits: { memory: '64Mi' }, requests: { memory: '64Mi' } });
    expect(p.spec!.ephemeralContainers![0]!.resources).toEqual({ limits: { cpu: '1' } });
  });

  it('gives host-network pods hostPort = containerPort on containers and init containers, keeping explicit host ports', () => {
    const p = withPodDefaults(pod({
      hostNetwork: true,
      containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9091 }] }],
      initContainers: [{ name: 'i', image: 'x', ports: [{ containerPort: 53, protocol: 'UDP' }] }],
    }));
    expect(p.spec!.containers[0]!.ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }, { containerPort: 9090, hostPort: 9091, protocol: 'TCP' }]);
    expect(p.spec!.initContainers![0]!.ports).toEqual([{ containerPort: 53, hostPort: 53, protocol: 'UDP' }]);
  });

  it('leaves hostPort unset without host networking', () => {
    expect(withPodDefaults(pod({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }] }] })).spec!.containers[0]!.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('defaults init, regular and ephemeral containers alike', () => {
    const p = withPodDefaults(pod({ initContainers: [{ name: 'i', image: 'busybox' }], ephemeralContainers: [{ name: 'e', image: 'busybox:1.36' }] }));
    expect(p.spec!.initContainers![0]!.imagePullPolicy).toBe('Always');
    expect(p.spec!.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(p.spec!.ephemeralContainers![0]!.terminationMessagePolicy).toBe('File');
  });

  it('rounds overhead quantities like resources', () => {
    expect(withPodDefaults(pod({ overhead: { cpu: '0.25' } })).spec!.overhead).toEqual({ cpu: '250m' });
  });

  it('does not mutate a frozen input and returns a defaulted copy', () => {
    const input = Object.freeze(pod({})) as Pod;
    const out = withPodDefaults(input);
    expect(input.spec!.dnsPolicy).toBeUndefined();
    expect(out.spec!.dnsPolicy).toBe('ClusterFirst');
  });

  it('is idempotent: defaulting a defaulted pod changes nothing (what a GET decodes again)', () => {
    const once = withPodDefaults(pod({ volumes: [{ name: 'v' }], containers: [{ name: 'c', image: 'nginx', livenessProbe: { tcpSocket: { port: 80 } } }] }));
    const twice = structuredClone(once);
    setDefaultsPod(twice);
    expect(twice).toEqual(once);
  });
});
