import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1.js';
import type { Pod } from '../../../lib/api/types.js';
import { NodeInfo } from '../../../lib/scheduler/node-info.js';
import { CycleState, type NodeScore } from '../../../lib/scheduler/plugins/interface.js';
import { nodeAffinityFilter, nodeAffinityScore } from '../../../lib/scheduler/plugins/node-affinity.js';
import { labels, makeNode, makePod } from './fixtures.js';

const node = makeNode('node-1', labels({ zone: 'a', disk: 'ssd', cores: '8' }));
const required = (...terms: NodeSelectorTerm[]) => (p: Pod) => {
  p.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
};
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });
const run = (pod: Pod, n = node) => {
  const state = new CycleState();
  const pre = nodeAffinityFilter.preFilter!(state, pod);
  return { pre, status: nodeAffinityFilter.filter(state, pod, new NodeInfo(n)) };
};

describe('NodeAffinity Filter', () => {
  it('is skipped at PreFilter for a pod with neither nodeSelector nor required affinity', () => {
    expect(run(makePod('p')).pre.status.code).toBe('Skip');
  });

  it('matches spec.nodeSelector exactly', () => {
    expect(run(makePod('p', (p) => (p.spec!.nodeSelector = { zone: 'a' }))).status.code).toBe('Success');
    expect(run(makePod('p', (p) => (p.spec!.nodeSelector = { zone: 'b' }))).status).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match Pod's node affinity/selector"],
    });
  });

  it.each<[string, NodeSelectorRequirement, boolean]>([
    ['In (match)', expr('zone', 'In', ['a', 'b']), true],
    ['In (no match)', expr('zone', 'In', ['b']), false],
    ['NotIn (match)', expr('zone', 'NotIn', ['b']), true],
    ['NotIn (no match)', expr('zone', 'NotIn', ['a']), false],
    ['NotIn on a missing label', expr('gpu', 'NotIn', ['x']), true],
    ['Exists', expr('disk', 'Exists'), true],
    ['Exists on a missing label', expr('gpu', 'Exists'), false],
    ['DoesNotExist', expr('gpu', 'DoesNotExist'), true],
    ['DoesNotExist on a present label', expr('disk', 'DoesNotExist'), false],
    ['Gt', expr('cores', 'Gt', ['4']), true],
    ['Gt (equal is not greater)', expr('cores', 'Gt', ['8']), false],
    ['Lt', expr('cores', 'Lt', ['16']), true],
    ['Lt on a non-integer label', expr('zone', 'Lt', ['16']), false],
    ['Gt with two values does not parse and matches nothing', expr('cores', 'Gt', ['1', '2']), false],
    ['an unknown operator does not parse and matches nothing', expr('zone', 'Has', ['a']), false],
  ])('matchExpressions %s', (_name, requirement, matches) => {
    expect(run(makePod('p', required({ matchExpressions: [requirement] }))).status.code).toBe(matches ? 'Success' : 'UnschedulableAndUnresolvable');
  });

  it('ANDs the requirements of a term and ORs the terms', () => {
    const and = required({ matchExpressions: [expr('zone', 'In', ['a']), expr('disk', 'In', ['hdd'])] });
    expect(run(makePod('p', and)).status.code).toBe('UnschedulableAndUnresolvable');
    const or = required({ matchExpressions: [expr('zone', 'In', ['b'])] }, { matchExpressions: [expr('disk', 'In', ['ssd'])] });
    expect(run(makePod('p', or)).status.code).toBe('Success');
  });

  it('matches matchFields on metadata.name (In and NotIn, one value)', () => {
    expect(run(makePod('p', required({ matchFields: [expr('metadata.name', 'In', ['node-1'])] }))).status.code).toBe('Success');
    expect(run(makePod('p', required({ matchFields: [expr('metadata.name', 'NotIn', ['node-1'])] }))).status.code).toBe('UnschedulableAndUnresolvable');
    expect(run(makePod('p', required({ matchFields: [expr('metadata.name', 'In', ['node-1', 'node-2'])] }))).status.code).toBe('UnschedulableAndUnresolvable');
  });

  it('drops empty terms: a selector with only an empty term matches no node', () => {
    expect(run(makePod('p', required({}))).status.code).toBe('UnschedulableAndUnresolvable');
  });

  it('requires both nodeSelector and node affinity to match', () => {
    const pod = makePod('p', required({ matchExpressions: [expr('zone', 'In', ['a'])] }), (p) => (p.spec!.nodeSelector = { disk: 'hdd' }));
    expect(run(pod).status.code).toBe('UnschedulableAndUnresolvable');
  });

  it('narrows the nodes at PreFilter when every term pins metadata.name with In', () => {
    const pod = makePod('p', required({ matchFields: [expr('metadata.name', 'In', ['node-1'])] }, { matchFields: [expr('metadata.name', 'In', ['node-2'])] }));
    expect([...run(pod).pre.nodeNames!]).toEqual(['node-1', 'node-2']);
    const open = makePod('p', required({ matchFields: [expr('metadata.name', 'In', ['node-1'])] }, { matchExpressions: [expr('zone', 'Exists')] }));
    expect(run(open).pre.nodeNames).toBeUndefined();
  });

  it('rejects at PreFilter with "pod affinity terms conflict" when a term pins disjoint names', () => {
    const pod = makePod('p', required({ matchFields: [expr('metadata.name', 'In', ['node-1']), expr('metadata.name', 'In', ['node-2'])] }));
    expect(run(pod).pre.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'] });
  });
});

describe('NodeAffinity Score', () => {
  it('sums the weights of matching preferred terms and normalizes to 100', () => {
    const pod = makePod('p', (p) => {
      p.spec!.affinity = {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 20, preference: { matchExpressions: [expr('zone', 'In', ['a'])] } },
            { weight: 60, preference: { matchExpressions: [expr('disk', 'In', ['ssd'])] } },
          ],
        },
      };
    });
    const nodes = [node, makeNode('node-2', labels({ zone: 'a' })), makeNode('node-3')];
    expect(nodeAffinityScore.preScore!(new CycleState(), pod, []).code).toBe('Success');
    const scores: NodeScore[] = nodes.map((n) => ({ name: n.metadata!.name!, score: nodeAffinityScore.score(new CycleState(), pod, new NodeInfo(n)) }));
    expect(scores.map((s) => s.score)).toEqual([80, 20, 0]);
    nodeAffinityScore.normalizeScore!(new CycleState(), pod, scores);
    expect(scores.map((s) => s.score)).toEqual([100, 25, 0]);
  });

  it('is skipped for a pod without preferred terms', () => {
    expect(nodeAffinityScore.preScore!(new CycleState(), makePod('p'), []).code).toBe('Skip');
  });
});
