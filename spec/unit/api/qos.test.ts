import type { Container, Pod } from '../../../lib/api/types.js';
import { computePodQOS, getPodQOS } from '../../../lib/api/qos.js';

const c = (limits?: Record<string, string>, requests?: Record<string, string>): Container => ({
  name: 'c', image: 'x', resources: { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) },
});
const pod = (containers: Container[], initContainers: Container[] = [], ephemeral: Container[] = []): Pod => ({
  spec: { containers, initContainers, ephemeralContainers: ephemeral },
});
const full = { cpu: '500m', memory: '256Mi' };

describe('computePodQOS (pkg/apis/core/helper/qos ComputePodQOS)', () => {
  it('is BestEffort when nothing requests or limits cpu or memory', () => {
    expect(computePodQOS(pod([c(), c()]))).toBe('BestEffort');
  });

  it('ignores resources other than cpu and memory, and zero quantities', () => {
    expect(computePodQOS(pod([c({ 'nvidia.com/gpu': '1' }, { 'ephemeral-storage': '1Gi', cpu: '0' })]))).toBe('BestEffort');
  });

  it('is Guaranteed when every container has cpu and memory limits equal to its requests', () => {
    expect(computePodQOS(pod([c(full, full), c(full, full)], [c(full, full)]))).toBe('Guaranteed');
  });

  it('compares quantities by value (1 = 1000m, 1Gi = 1024Mi)', () => {
    expect(computePodQOS(pod([c({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' })]))).toBe('Guaranteed');
  });

  it('is Burstable when requests are below limits', () => {
    expect(computePodQOS(pod([c(full, { cpu: '100m', memory: '256Mi' })]))).toBe('Burstable');
  });

  it('is Burstable when a container lacks a cpu or memory limit', () => {
    expect(computePodQOS(pod([c({ memory: '128Mi' }, { memory: '128Mi' })]))).toBe('Burstable');
  });

  it('counts init containers: one without resources makes a limited pod Burstable', () => {
    expect(computePodQOS(pod([c(full, full)], [c()]))).toBe('Burstable');
  });

  it('ignores ephemeral containers', () => {
    expect(computePodQOS(pod([c(full, full)], [], [c()]))).toBe('Guaranteed');
    expect(computePodQOS(pod([c()], [], [c(full, full)]))).toBe('BestEffort');
  });

  it('compares the sums over all containers, not each container (as the Go function does)', () => {
    const a = c({ cpu: '250m', memory: '1Gi' }, { cpu: '100m', memory: '1Gi' });
    const b = c({ cpu: '250m', memory: '1Gi' }, { cpu: '400m', memory: '1Gi' });
    expect(computePodQOS(pod([a, b]))).toBe('Guaranteed');
  });

  it('without defaulting, a limits-only container is Burstable: no request matches its limits', () => {
    expect(computePodQOS(pod([c(full)]))).toBe('Burstable');
  });
});

describe('getPodQOS', () => {
  it('returns the class already in the status, never recomputing it', () => {
    expect(getPodQOS({ ...pod([c()]), status: { qosClass: 'Guaranteed' } })).toBe('Guaranteed');
    expect(getPodQOS(pod([c()]))).toBe('BestEffort');
  });
});
