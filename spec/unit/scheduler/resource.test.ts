import { calculateResource, computePodResourceRequest, podRequests } from '../../../lib/scheduler/resource.js';
import { makePod, requests } from './fixtures.js';

const asStrings = (m: Map<string, { toString(): string }>): Record<string, string> => Object.fromEntries([...m].map(([k, v]) => [k, v.toString()]));

describe('podRequests (component-helpers resource.PodRequests)', () => {
  it('sums the requests of the regular containers', () => {
    const pod = makePod('p', requests({ cpu: '100m', memory: '64Mi' }), (p) => {
      p.spec!.containers.push({ name: 'b', image: 'x', resources: { requests: { cpu: '250m', memory: '1Gi' } } });
    });
    expect(asStrings(podRequests(pod))).toEqual({ cpu: '350m', memory: '1088Mi' });
  });

  it('takes the maximum of the sum and each init container (the KEP-753 example)', () => {
    const pod = makePod('p', (p) => {
      p.spec!.initContainers = [
        { name: 'i1', image: 'x', resources: { requests: { cpu: '2', memory: '1G' } } },
        { name: 'i2', image: 'x', resources: { requests: { cpu: '2', memory: '3G' } } },
      ];
      p.spec!.containers = [
        { name: 'c1', image: 'x', resources: { requests: { cpu: '2', memory: '1G' } } },
        { name: 'c2', image: 'x', resources: { requests: { cpu: '1', memory: '1G' } } },
      ];
    });
    expect(asStrings(podRequests(pod))).toEqual({ cpu: '3', memory: '3G' });
  });

  it('adds sidecars (restartPolicy Always) to the sum and to every later init container', () => {
    const pod = makePod('p', requests({ cpu: '100m' }), (p) => {
      p.spec!.initContainers = [
        { name: 'sidecar', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
        { name: 'init', image: 'x', resources: { requests: { cpu: '500m' } } },
      ];
    });
    // Sum: 100m + 200m = 300m; the init container needs 500m + the 200m sidecar already running.
    expect(asStrings(podRequests(pod))).toEqual({ cpu: '700m' });
  });

  it('adds the pod overhead', () => {
    const pod = makePod('p', requests({ cpu: '100m' }), (p) => {
      p.spec!.overhead = { cpu: '250m', memory: '120Mi' };
    });
    expect(asStrings(podRequests(pod))).toEqual({ cpu: '350m', memory: '120Mi' });
  });

  it('counts a container without requests as 100m cpu and 200Mi memory for scoring only', () => {
    const r = calculateResource(makePod('p'));
    expect(r.requested.milliCPU).toBe(0);
    expect(r.requested.memory).toBe(0);
    expect(r.nonZeroMilliCPU).toBe(100);
    expect(r.nonZeroMemory).toBe(200 * 1024 * 1024);
  });

  it('rounds cpu up to whole millicores and memory up to whole bytes (MilliValue/Value)', () => {
    const r = computePodResourceRequest(makePod('p', requests({ cpu: '100u', memory: '1500m' })));
    expect(r.milliCPU).toBe(1);
    expect(r.memory).toBe(2);
  });

  it('keeps scalar resources (extended, hugepages) and ignores unknown native names', () => {
    const r = computePodResourceRequest(makePod('p', requests({ 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi', foo: '1' })));
    expect(Object.fromEntries(r.scalar)).toEqual({ 'example.com/gpu': 2, 'hugepages-2Mi': 4 * 1024 * 1024 });
  });
});
