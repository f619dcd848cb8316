import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { Pod } from '../../../lib/api/types.js';
import { AdmissionDenied, type AdmissionAttributes } from '../../../lib/admission/attributes.js';
import { admitPriority, SYSTEM_PRIORITY_CLASSES } from '../../../lib/admission/priority.js';

const create: AdmissionAttributes = { operation: 'CREATE', resource: 'pods', subresource: '', namespace: 'default', name: 'p' };
const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({ metadata: { name }, value, ...extra });
const lister = (...classes: PriorityClass[]) => {
  const all = [...SYSTEM_PRIORITY_CLASSES, ...classes];
  return { priorityClasses: { get: (n: string) => all.find((c) => c.metadata?.name === n), list: () => all } };
};
const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } });
const admitted = (p: Pod, d = lister(), attrs = create): NonNullable<Pod['spec']> => {
  admitPriority(p, attrs, d);
  return p.spec!;
};
const denial = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AdmissionDenied) return e.message;
    throw e;
  }
  return 'admitted';
};

describe('Priority admission (admitPod)', () => {
  it('gives a pod without class priority 0 and PreemptLowerPriority when no class is the global default', () => {
    const spec = admitted(pod());
    expect([spec.priority, spec.preemptionPolicy, spec.priorityClassName]).toEqual([0, 'PreemptLowerPriority', undefined]);
  });

  it('uses the global default class and writes its name; with several defaults the lowest value wins', () => {
    const spec = admitted(pod(), lister(pc('high', 1000, { globalDefault: true }), pc('low', 10, { globalDefault: true, preemptionPolicy: 'Never' })));
    expect([spec.priorityClassName, spec.priority, spec.preemptionPolicy]).toEqual(['low', 10, 'Never']);
  });

  it('copies value and preemptionPolicy of the named class', () => {
    const spec = admitted(pod({ priorityClassName: 'high-priority' }), lister(pc('high-priority', 1000000, { preemptionPolicy: 'Never' })));
    expect([spec.priority, spec.preemptionPolicy]).toEqual([1000000, 'Never']);
  });

  it('resolves the system classes every apiserver creates', () => {
    expect(admitted(pod({ priorityClassName: 'system-node-critical' })).priority).toBe(2000001000);
    expect(admitted(pod({ priorityClassName: 'system-cluster-critical' })).priority).toBe(2000000000);
  });

  it('refuses an unknown class with 403', () => {
    expect(denial(() => admitted(pod({ priorityClassName: 'nope' })))).toBe('no PriorityClass with name nope was found');
  });

  it('accepts a client-set priority equal to the computed one and refuses a different one', () => {
    expect(admitted(pod({ priority: 0 })).priority).toBe(0);
    expect(denial(() => admitted(pod({ priority: 5 })))).toBe(
      'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it('refuses a client-set preemptionPolicy that disagrees with the class', () => {
    expect(denial(() => admitted(pod({ preemptionPolicy: 'Never' })))).toBe(
      'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
  });

  it('restores a priority an update dropped, from the stored pod', () => {
    const spec = admitted(pod(), lister(), { ...create, operation: 'UPDATE', oldObject: pod({ priority: 7 }) });
    expect(spec.priority).toBe(7);
  });

  it('ignores subresources', () => {
    expect(admitted(pod(), lister(), { ...create, subresource: 'status' }).priority).toBeUndefined();
  });
});
