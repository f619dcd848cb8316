import { writable, type Node, type Pod } from '../../../lib/api/types.js';
import { NodeToStatus } from '../../../lib/scheduler/fit-error.js';
import { Framework } from '../../../lib/scheduler/framework.js';
import { buildSnapshot } from '../../../lib/scheduler/node-info.js';
import { CycleState } from '../../../lib/scheduler/plugins/interface.js';
import { preempt, podEligibleToPreemptOthers } from '../../../lib/scheduler/preemption.js';
import { schedulePod, type SchedulingSnapshot } from '../../../lib/scheduler/schedule-one.js';
import { Code, newStatus } from '../../../lib/scheduler/status.js';
import { allocatable, makeNode, makePod, onNode, priority, requests } from './fixtures.js';

const small = (name: string) => makeNode(name, allocatable({ cpu: '1', memory: '1Gi', pods: '10' }));

function run(nodes: Node[], pods: Pod[], pod: Pod) {
  const snap: SchedulingSnapshot = { framework: new Framework(), nodes: buildSnapshot(nodes, pods), nominatedPodsForNode: () => [] };
  const state = new CycleState();
  const r = schedulePod(snap, state, pod, { nextStartNodeIndex: 0 });
  if (r.kind !== 'unschedulable') throw new Error(r.kind);
  return preempt(snap, state, pod, r.diagnosis.nodeToStatus, 0);
}

describe('DefaultPreemption PostFilter', () => {
  it('evicts the lowest-priority pods needed, keeping the ones that can stay', () => {
    const pods = [
      makePod('keep', onNode('n1'), priority(50), requests({ cpu: '300m' })),
      makePod('evict', onNode('n1'), priority(10), requests({ cpu: '600m' })),
    ];
    const r = run([small('n1')], pods, makePod('p', priority(100), requests({ cpu: '500m' })));
    expect(r.status.code).toBe('Success');
    expect(r.nominatedNodeName).toBe('n1');
    expect(r.victims.map((v) => v.metadata!.name)).toEqual(['evict']);
  });

  it('never evicts pods of equal or higher priority: "No preemption victims found for incoming pod"', () => {
    const pods = [makePod('same', onNode('n1'), priority(100), requests({ cpu: '800m' }))];
    const r = run([small('n1')], pods, makePod('p', priority(100), requests({ cpu: '500m' })));
    expect(r.status).toEqual({
      code: 'Unschedulable',
      reasons: ['preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'],
    });
    expect(r.nominatedNodeName).toBe('');
  });

  it('reports the filter reason of a node where even evicting every lower-priority pod is not enough', () => {
    const pods = [makePod('low', onNode('n1'), priority(0), requests({ cpu: '200m' }))];
    const r = run([small('n1')], pods, makePod('p', priority(100), requests({ cpu: '2' })));
    expect(r.status.reasons).toEqual(['preemption: 0/1 nodes are available: 1 Insufficient cpu.']);
  });

  it('does not preempt with preemptionPolicy Never, and leaves the nomination alone', () => {
    const pods = [makePod('low', onNode('n1'), requests({ cpu: '800m' }))];
    const r = run([small('n1')], pods, makePod('p', priority(100), requests({ cpu: '500m' }), (p) => (p.spec!.preemptionPolicy = 'Never')));
    expect(r.status.reasons).toEqual(['preemption: not eligible due to preemptionPolicy=Never.']);
    expect(r.nominatedNodeName).toBeUndefined();
  });

  it('picks the node whose most important victim has the lowest priority', () => {
    const pods = [
      makePod('a', onNode('n1'), priority(20), requests({ cpu: '800m' })),
      makePod('b', onNode('n2'), priority(10), requests({ cpu: '800m' })),
    ];
    const r = run([small('n1'), small('n2')], pods, makePod('p', priority(100), requests({ cpu: '500m' })));
    expect(r.nominatedNodeName).toBe('n2');
  });

  it('then the smallest sum of victim priorities (so fewer victims of equal priority)', () => {
    const pods = [
      makePod('a1', onNode('n1'), requests({ cpu: '400m' })),
      makePod('a2', onNode('n1'), requests({ cpu: '400m' })),
      makePod('b1', onNode('n2'), requests({ cpu: '800m' })),
    ];
    const r = run([small('n1'), small('n2')], pods, makePod('p', priority(100), requests({ cpu: '700m' })));
    expect(r.nominatedNodeName).toBe('n2');
    expect(r.victims.map((v) => v.metadata!.name)).toEqual(['b1']);
  });
});

describe('PodEligibleToPreemptOthers', () => {
  const nodes = buildSnapshot(
    [small('n1')],
    [
      makePod('victim', onNode('n1'), (p) => {
        writable(p.metadata!).deletionTimestamp = '2024-01-01T00:00:00Z';
        writable(p).status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
      }),
    ],
  );
  const nominated = makePod('p', priority(100), (p) => (writable(p).status = { nominatedNodeName: 'n1' }));

  it('waits while a pod it preempted is still terminating on its nominated node', () => {
    expect(podEligibleToPreemptOthers(nominated, nodes, newStatus(Code.Unschedulable, 'Insufficient cpu'))).toEqual({
      eligible: false,
      message: 'not eligible due to a terminating pod on the nominated node.',
    });
  });

  it('may preempt again when its nominated node now rejects it outright', () => {
    expect(podEligibleToPreemptOthers(nominated, nodes, newStatus(Code.UnschedulableAndUnresolvable, 'x')).eligible).toBe(true);
  });

  it('is eligible without a nomination', () => {
    expect(podEligibleToPreemptOthers(makePod('q', priority(100)), nodes, new NodeToStatus().get('')).eligible).toBe(true);
  });
});
