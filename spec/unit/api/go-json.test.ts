import { goRoundTrip, roundTripPod } from '../../../lib/api/go-json.js';

describe('roundTripPod: what decoding into v1.Pod and encoding again does to JSON', () => {
  it('writes fields in Go struct order', () => {
    const { value } = roundTripPod({ status: {}, spec: { restartPolicy: 'Always', containers: [{ image: 'x', name: 'c' }] }, metadata: { labels: { b: '1', a: '2' }, name: 'p' }, apiVersion: 'v1', kind: 'Pod' });
    expect(JSON.stringify(value)).toBe(
      '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","creationTimestamp":null,"labels":{"a":"2","b":"1"}},"spec":{"containers":[{"name":"c","image":"x","resources":{}}],"restartPolicy":"Always"},"status":{}}',
    );
  });

  it('drops omitempty fields holding their zero value but keeps pointers to zero values', () => {
    const { value } = roundTripPod({ spec: { hostNetwork: false, nodeName: '', automountServiceAccountToken: false, terminationGracePeriodSeconds: 0, containers: [{ name: 'c', command: [] }] } });
    expect((value as { spec: unknown }).spec).toEqual({ containers: [{ name: 'c', resources: {} }], terminationGracePeriodSeconds: 0, automountServiceAccountToken: false });
  });

  it('writes Go zero values of fields without omitempty (divisor "0", grpc service null, containerPort 0)', () => {
    const { value } = goRoundTrip({ env: [{ name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }], ports: [{ name: 'p' }], livenessProbe: { grpc: { port: 1 } } }, 'Container');
    expect(value).toEqual({
      name: '', ports: [{ name: 'p', containerPort: 0 }], env: [{ name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } }],
      resources: {}, livenessProbe: { grpc: { port: 1, service: null } },
    });
  });

  it('writes quantities in canonical form and accepts bare JSON numbers for them', () => {
    const { value } = goRoundTrip({ limits: { cpu: '0.5', memory: '1.5Gi', storage: 1000 }, requests: { cpu: 2 } }, 'ResourceRequirements');
    expect(value).toEqual({ limits: { cpu: '500m', memory: '1536Mi', storage: '1k' }, requests: { cpu: '2' } });
  });

  it('writes times in UTC at second precision', () => {
    const { value } = goRoundTrip({ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-08T15:27:07.123+01:00' }, 'PodCondition');
    expect(value).toEqual({ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-08T14:27:07Z' });
  });

  it('drops unknown fields and reports them by path', () => {
    const r = roundTripPod({ metadata: { name: 'p', colour: 'blue' }, spec: { containers: [{ name: 'c', imagee: 'x' }] } });
    expect(r.unknownFields).toEqual(['metadata.colour', 'spec.containers[0].imagee']);
    expect(JSON.stringify(r.value)).not.toContain('imagee');
  });

  it('is stable: a second round trip changes nothing', () => {
    const once = roundTripPod({ spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1000m' } } }], volumes: [{ name: 'v', hostPath: { path: '/' } }] } }).value;
    expect(roundTripPod(once).value).toEqual(once);
  });
});
