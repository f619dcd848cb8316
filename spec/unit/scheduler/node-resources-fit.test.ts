import { writable } from '../../../lib/api/types.js';
import { NodeInfo, buildSnapshot } from '../../../lib/scheduler/node-info.js';
import { CycleState } from '../../../lib/scheduler/plugins/interface.js';
import { fits, nodeResourcesFit, nodeResourcesFitScore } from '../../../lib/scheduler/plugins/node-resources-fit.js';
import { balancedAllocationScore } from '../../../lib/scheduler/plugins/balanced-allocation.js';
import { allocatable, makeNode, makePod, onNode, requests } from './fixtures.js';

const filter = (pod: ReturnType<typeof makePod>, info: NodeInfo) => {
  const state = new CycleState();
  nodeResourcesFit.preFilter!(state, pod);
  return nodeResourcesFit.filter(state, pod, info);
};

describe('NodeResourcesFit Filter', () => {
  const node = makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '3' }));

  it('passes a pod whose requests fit what is left', () => {
    const info = new NodeInfo(node, [makePod('a', onNode('n1'), requests({ cpu: '500m', memory: '512Mi' }))]);
    expect(filter(makePod('p', requests({ cpu: '500m', memory: '512Mi' })), info)).toEqual({ code: 'Success', reasons: [] });
  });

  it('rejects with "Insufficient cpu" as Unschedulable (preemption may help)', () => {
    const info = new NodeInfo(node, [makePod('a', onNode('n1'), requests({ cpu: '600m' }))]);
    expect(filter(makePod('p', requests({ cpu: '500m' })), info)).toEqual({ code: 'Unschedulable', reasons: ['Insufficient cpu'] });
  });

  it('reports every insufficient resource, cpu before memory', () => {
    const s = filter(makePod('p', requests({ cpu: '2', memory: '2Gi' })), new NodeInfo(node));
    expect(s.reasons).toEqual(['Insufficient cpu', 'Insufficient memory']);
  });

  it('rejects with "Too many pods" when the node holds allocatable pods already, even for a pod requesting nothing', () => {
    const pods = ['a', 'b', 'c'].map((n) => makePod(n, onNode('n1')));
    expect(filter(makePod('p'), new NodeInfo(node, pods)).reasons).toEqual(['Too many pods']);
  });

  it('does not count a container without requests against cpu or memory', () => {
    const info = new NodeInfo(node, [makePod('a', onNode('n1'), requests({ cpu: '1', memory: '1Gi' }))]);
    expect(filter(makePod('p'), info).code).toBe('Success');
  });

  it('checks ephemeral-storage and extended resources against allocatable', () => {
    const n = makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '10', 'ephemeral-storage': '1Gi', 'example.com/gpu': '1' }));
    const s = filter(makePod('p', requests({ 'ephemeral-storage': '2Gi', 'example.com/gpu': '2' })), new NodeInfo(n));
    expect(s.reasons).toEqual(['Insufficient ephemeral-storage', 'Insufficient example.com/gpu']);
  });

  it('counts init containers and overhead (max of init, sum of containers, plus overhead)', () => {
    const pod = makePod('p', requests({ cpu: '300m' }), (p) => {
      p.spec!.initContainers = [{ name: 'i', image: 'x', resources: { requests: { cpu: '800m' } } }];
      p.spec!.overhead = { cpu: '250m' };
    });
    expect(fits(pod, new NodeInfo(node)).map((r) => [r.reason, r.requested, r.capacity])).toEqual([['Insufficient cpu', 1050, 1000]]);
  });

  it('leaves terminated pods out of the node (the scheduler watches only pods not Succeeded/Failed)', () => {
    const done = makePod('done', onNode('n1'), requests({ cpu: '1' }), (p) => {
      writable(p).status = { phase: 'Succeeded' };
    });
    const [info] = buildSnapshot([node], [done]);
    expect(info!.pods).toHaveLength(0);
    expect(filter(makePod('p', requests({ cpu: '1' })), info!).code).toBe('Success');
  });
});

describe('NodeResourcesFit LeastAllocated score and BalancedAllocation', () => {
  const node = makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '10' }));

  it('scores the share left free after placing the pod (non-zero defaults for empty requests)', () => {
    const pod = makePod('p', requests({ cpu: '500m', memory: '256Mi' }));
    // cpu: (1000-500)*100/1000 = 50; memory: (1024-256)*100/1024 = 75; mean 62.
    expect(nodeResourcesFitScore.score(new CycleState(), pod, new NodeInfo(node))).toBe(62);
    // An empty pod counts as 100m and 200Mi: cpu 90, memory 80 → 85.
    expect(nodeResourcesFitScore.score(new CycleState(), makePod('e'), new NodeInfo(node))).toBe(85);
  });

  it('scores balance as 100 × (1 − |cpu fraction − memory fraction| / 2)', () => {
    const pod = makePod('p', requests({ cpu: '500m', memory: '256Mi' }));
    expect(balancedAllocationScore.score(new CycleState(), pod, new NodeInfo(node))).toBe(87);
  });
});
