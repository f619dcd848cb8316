import { SchedulingQueue } from '../../../lib/scheduler/scheduling-queue.js';
import { makeNode, makePod, priority } from './fixtures.js';

const T0 = 1_000_000;
const rejectedBy = (...p: string[]) => new Set(p);

describe('SchedulingQueue (PriorityQueue)', () => {
  it('pops higher priority first, then the earlier arrival', () => {
    const q = new SchedulingQueue(T0);
    q.add(makePod('low'), T0);
    q.add(makePod('high', priority(10)), T0 + 5);
    q.add(makePod('low2'), T0 + 1);
    expect([q.pop(), q.pop(), q.pop()].map((i) => i?.pod.metadata?.name)).toEqual(['high', 'low', 'low2']);
  });

  it('backs off 1s, 2s, 4s, 8s, then 10s at most', () => {
    const q = new SchedulingQueue(T0);
    q.add(makePod('p'), T0);
    const info = q.pop()!;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      seen.push(q.backoffDuration(info));
      info.attempts++;
    }
    expect(seen).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('keeps a pod rejected by plugins in the unschedulable pool until an event may help', () => {
    const q = new SchedulingQueue(T0);
    q.add(makePod('p'), T0);
    q.addUnschedulable(q.pop()!, rejectedBy('TaintToleration'), T0);
    expect(q.counts()).toEqual({ active: 0, backoff: 0, unschedulable: 1 });
    // A node that carries a taint the pod does not tolerate cannot help.
    q.moveAllToActiveOrBackoffQueue({ kind: 'NodeAdd', node: makeNode('n', (n) => (n.spec = { taints: [{ key: 'k', effect: 'NoSchedule' }] })) }, T0 + 100);
    expect(q.counts().unschedulable).toBe(1);
    // One without taints can; the pod is still within its 1s back-off, so it waits in backoffQ.
    q.moveAllToActiveOrBackoffQueue({ kind: 'NodeAdd', node: makeNode('n2') }, T0 + 100);
    expect(q.counts()).toEqual({ active: 0, backoff: 1, unschedulable: 0 });
    expect(q.nextWakeup()).toBe(T0 + 1000);
    q.flush(T0 + 1000);
    expect(q.counts().active).toBe(1);
  });

  it('retries a pod no plugin rejected (no nodes at all) after its back-off', () => {
    const q = new SchedulingQueue(T0);
    q.add(makePod('p'), T0);
    q.addUnschedulable(q.pop()!, rejectedBy(), T0 + 250);
    expect(q.counts().backoff).toBe(1);
    // Back-off ends at T0+1250; the flush runs every second from the queue's start.
    expect(q.nextWakeup()).toBe(T0 + 2000);
  });

  it('moves a pod unschedulable for more than 5 minutes at the next 30-second flush', () => {
    const q = new SchedulingQueue(T0);
    q.add(makePod('p'), T0);
    q.addUnschedulable(q.pop()!, rejectedBy('NodeResourcesFit'), T0 + 10_000);
    expect(q.nextWakeup()).toBe(T0 + 330_000);
    q.flush(T0 + 300_000);
    expect(q.counts().unschedulable).toBe(1);
    q.flush(T0 + 330_000);
    expect(q.counts().active).toBe(1);
  });

  it('holds gated pods until their scheduling gates are removed', () => {
    const q = new SchedulingQueue(T0);
    const gated = makePod('p', (p) => (p.spec!.schedulingGates = [{ name: 'example.com/gate' }]));
    q.add(gated, T0);
    expect(q.pop()).toBeUndefined();
    expect(q.nextWakeup()).toBeUndefined();
    q.update(gated, makePod('p'), T0 + 1);
    expect(q.pop()?.pod.metadata?.name).toBe('p');
  });

  it('requeues an unschedulable pod when it gains a toleration', () => {
    const q = new SchedulingQueue(T0);
    const pod = makePod('p');
    q.add(pod, T0);
    q.addUnschedulable(q.pop()!, rejectedBy('TaintToleration'), T0);
    q.update(pod, makePod('p', (p) => (p.spec!.tolerations = [{ operator: 'Exists' }])), T0 + 5000);
    expect(q.counts().active).toBe(1);
  });

  it('requeues pods rejected for resources when an assigned pod goes away', () => {
    const q = new SchedulingQueue(T0);
    q.add(makePod('p'), T0);
    q.addUnschedulable(q.pop()!, rejectedBy('NodeResourcesFit'), T0);
    q.moveAllToActiveOrBackoffQueue({ kind: 'AssignedPodDelete', pod: makePod('gone') }, T0 + 5000);
    expect(q.counts().active).toBe(1);
  });
});
