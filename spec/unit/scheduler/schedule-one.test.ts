import { writable, type Node, type Pod } from '../../../lib/api/types.js';
import { fitErrorMessage } from '../../../lib/scheduler/fit-error.js';
import { Framework } from '../../../lib/scheduler/framework.js';
import { buildSnapshot } from '../../../lib/scheduler/node-info.js';
import { CycleState } from '../../../lib/scheduler/plugins/interface.js';
import { preempt } from '../../../lib/scheduler/preemption.js';
import { numFeasibleNodesToFind, schedulePod, selectHost, type SchedulingSnapshot } from '../../../lib/scheduler/schedule-one.js';
import { allocatable, labels, makeNode, makePod, onNode, requests, taint } from './fixtures.js';

function snapshot(nodes: Node[], pods: Pod[] = []): SchedulingSnapshot {
  return {
    framework: new Framework(),
    nodes: buildSnapshot(nodes, pods),
    nominatedPodsForNode: (n) => pods.filter((p) => !p.spec?.nodeName && p.status?.nominatedNodeName === n),
  };
}

/** The whole FailedScheduling message, as the scheduler builds it: filters, then preemption. */
function failureMessage(nodes: Node[], pods: Pod[], pod: Pod): string {
  const snap = snapshot(nodes, pods);
  const state = new CycleState();
  const r = schedulePod(snap, state, pod, { nextStartNodeIndex: 0 });
  if (r.kind !== 'unschedulable') throw new Error(`expected a fit error, got ${r.kind}`);
  const post = preempt(snap, state, pod, r.diagnosis.nodeToStatus, 0);
  if (post.status.code !== 'Success') r.diagnosis.postFilterMsg = post.status.reasons.join(', ');
  return fitErrorMessage(r.numAllNodes, r.diagnosis);
}

const controlPlane = (name: string) => makeNode(name, taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'));

describe('schedulePod', () => {
  it('reports an empty cluster as no nodes', () => {
    expect(schedulePod(snapshot([]), new CycleState(), makePod('p'), { nextStartNodeIndex: 0 }).kind).toBe('noNodes');
  });

  it('builds the FailedScheduling message of a real cluster: filter reasons, then why preemption cannot help', () => {
    const nodes = [controlPlane('cp-1'), controlPlane('cp-2'), makeNode('worker', allocatable({ cpu: '1', memory: '1Gi', pods: '110' }))];
    expect(failureMessage(nodes, [], makePod('big', requests({ cpu: '2' })))).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('says preemption is not helpful on every node when every rejection is unresolvable', () => {
    const nodes = [controlPlane('a'), controlPlane('b'), controlPlane('c')];
    expect(failureMessage(nodes, [], makePod('p'))).toBe(
      '0/3 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('reports only the first failing filter of a node (NodeUnschedulable before TaintToleration before NodeResourcesFit)', () => {
    const node = makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '10' }), taint('t', 'v', 'NoSchedule'), (n) => (n.spec!.unschedulable = true));
    expect(failureMessage([node], [], makePod('p', requests({ cpu: '4' })))).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('names the plugin whose PreFilter left nodes out', () => {
    const pod = makePod('p', requests({ cpu: '4' }), (p) => {
      p.spec!.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } },
      };
    });
    const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => makeNode(n));
    expect(failureMessage(nodes, [], pod)).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    );
  });

  it('counts the pods already on the node', () => {
    const nodes = [makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '10' }))];
    const placed = [makePod('a', onNode('n1'), requests({ cpu: '800m' }))];
    expect(failureMessage(nodes, placed, makePod('p', requests({ cpu: '300m' })))).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\. /);
  });

  it('picks the only feasible node without scoring', () => {
    const r = schedulePod(snapshot([controlPlane('cp'), makeNode('w')]), new CycleState(), makePod('p'), { nextStartNodeIndex: 0 });
    expect(r).toEqual({ kind: 'scheduled', suggestedHost: 'w', evaluatedNodes: 2, feasibleNodes: 1 });
  });

  it('prefers the least allocated node', () => {
    const nodes = [makeNode('busy'), makeNode('idle')];
    const pods = [makePod('x', onNode('busy'), requests({ cpu: '1500m', memory: '3Gi' }))];
    const r = schedulePod(snapshot(nodes, pods), new CycleState(), makePod('p', requests({ cpu: '100m' })), { nextStartNodeIndex: 0 });
    expect(r.kind === 'scheduled' && r.suggestedHost).toBe('idle');
  });

  it('honours preferred node affinity over free capacity (weight 2 × 100 beats the resource scores)', () => {
    const nodes = [makeNode('ssd', labels({ disk: 'ssd' })), makeNode('idle')];
    const pods = [makePod('x', onNode('ssd'), requests({ cpu: '1', memory: '2Gi' }))];
    const pod = makePod('p', (p) => {
      p.spec!.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } };
    });
    const r = schedulePod(snapshot(nodes, pods), new CycleState(), pod, { nextStartNodeIndex: 0 });
    expect(r.kind === 'scheduled' && r.suggestedHost).toBe('ssd');
  });

  it('avoids PreferNoSchedule taints the pod does not tolerate', () => {
    const nodes = [makeNode('a', taint('soft', 'x', 'PreferNoSchedule')), makeNode('b')];
    const r = schedulePod(snapshot(nodes), new CycleState(), makePod('p'), { nextStartNodeIndex: 0 });
    expect(r.kind === 'scheduled' && r.suggestedHost).toBe('b');
  });

  it('breaks ties by node name', () => {
    expect(selectHost([{ name: 'c', score: 5 }, { name: 'a', score: 5 }, { name: 'b', score: 4 }])).toBe('a');
  });

  it('keeps room for a pod nominated to the node with at least the same priority', () => {
    const nodes = [makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '10' }))];
    const nominated = makePod('preemptor', requests({ cpu: '800m' }), (p) => {
      p.spec!.priority = 100;
      writable(p).status = { nominatedNodeName: 'n1' };
    });
    const low = schedulePod(snapshot(nodes, [nominated]), new CycleState(), makePod('p', requests({ cpu: '500m' })), { nextStartNodeIndex: 0 });
    expect(low.kind).toBe('unschedulable');
    const high = schedulePod(snapshot(nodes, [nominated]), new CycleState(), makePod('p', requests({ cpu: '500m' }), (p) => (p.spec!.priority = 200)), {
      nextStartNodeIndex: 0,
    });
    expect(high.kind).toBe('scheduled');
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [50, 50],
    [100, 100],
    [1000, 420],
    [5000, 500],
    [10000, 500],
  ])('%i nodes → %i checked', (n, want) => {
    expect(numFeasibleNodesToFind(n)).toBe(want);
  });
});
