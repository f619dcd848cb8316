import type { Toleration } from '../../../lib/api/types.js';
import { NodeInfo } from '../../../lib/scheduler/node-info.js';
import { CycleState, type NodeScore } from '../../../lib/scheduler/plugins/interface.js';
import { taintTolerationFilter, taintTolerationScore } from '../../../lib/scheduler/plugins/taint-toleration.js';
import { noScheduleTaintsForNode, toleratesTaint } from '../../../lib/scheduler/taints.js';
import { makeNode, makePod, taint } from './fixtures.js';

const withTolerations = (t: Toleration[]) => makePod('p', (p) => (p.spec!.tolerations = t));
const filter = (tolerations: Toleration[], ...tweaks: Parameters<typeof makeNode>[1][]) =>
  taintTolerationFilter.filter(new CycleState(), withTolerations(tolerations), new NodeInfo(makeNode('n1', ...tweaks)));

// The tolerations DefaultTolerationSeconds admission gives every pod.
const defaultTolerations: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

describe('TaintToleration Filter', () => {
  it('rejects the control-plane taint with its empty value: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"', () => {
    expect(filter([], taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    });
  });

  it('names the key and value of the first untolerated taint in node order', () => {
    const s = filter([{ key: 'a', operator: 'Exists' }], taint('a', '1', 'NoSchedule'), taint('dedicated', 'gpu', 'NoExecute'), taint('z', 'x', 'NoSchedule'));
    expect(s.reasons).toEqual(['node(s) had untolerated taint {dedicated: gpu}']);
  });

  it('ignores PreferNoSchedule taints', () => {
    expect(filter([], taint('soft', 'x', 'PreferNoSchedule')).code).toBe('Success');
  });

  it('keeps a not-ready node (NoSchedule taint) out even with the default NoExecute tolerations', () => {
    expect(filter(defaultTolerations, taint('node.kubernetes.io/not-ready', undefined, 'NoSchedule')).reasons).toEqual([
      'node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    ]);
  });

  it('lets the default tolerations through the not-ready and unreachable NoExecute taints', () => {
    const s = filter(defaultTolerations, taint('node.kubernetes.io/not-ready', undefined, 'NoExecute'), taint('node.kubernetes.io/unreachable', undefined, 'NoExecute'));
    expect(s.code).toBe('Success');
  });

  it('rejects an unreachable node for a pod without tolerations', () => {
    expect(filter([], taint('node.kubernetes.io/unreachable', undefined, 'NoExecute')).reasons).toEqual([
      'node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
    ]);
  });
});

describe('Toleration.ToleratesTaint', () => {
  const t = { key: 'k', value: 'v', effect: 'NoSchedule' };
  it.each<[string, Toleration, boolean]>([
    ['Equal with the same value', { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, true],
    ['an empty operator means Equal', { key: 'k', value: 'v' }, true],
    ['Equal with another value', { key: 'k', operator: 'Equal', value: 'w' }, false],
    ['Exists on the key', { key: 'k', operator: 'Exists' }, true],
    ['Exists with an empty key matches every key', { operator: 'Exists' }, true],
    ['another effect', { key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    ['another key', { key: 'j', operator: 'Exists' }, false],
    ['an unknown operator', { key: 'k', operator: 'Gt', value: 'v' }, false],
  ])('%s → %s', (_name, toleration, want) => {
    expect(toleratesTaint(toleration, t)).toBe(want);
  });
});

describe('TaintToleration Score', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints (normalized, reversed)', () => {
    const pod = withTolerations([{ key: 'ok', operator: 'Exists', effect: 'PreferNoSchedule' }]);
    const nodes = [
      makeNode('a'),
      makeNode('b', taint('x', '1', 'PreferNoSchedule')),
      makeNode('c', taint('x', '1', 'PreferNoSchedule'), taint('y', '1', 'PreferNoSchedule'), taint('ok', '1', 'PreferNoSchedule')),
    ];
    const scores: NodeScore[] = nodes.map((n) => ({ name: n.metadata!.name!, score: taintTolerationScore.score(new CycleState(), pod, new NodeInfo(n)) }));
    expect(scores.map((s) => s.score)).toEqual([0, 1, 2]);
    taintTolerationScore.normalizeScore!(new CycleState(), pod, scores);
    expect(scores.map((s) => s.score)).toEqual([100, 50, 0]);
  });
});

describe('the node lifecycle taints for conditions', () => {
  it('maps Ready=False to not-ready, Ready=Unknown to unreachable, pressures and cordon to their taints', () => {
    const node = makeNode('n1', (n) => {
      n.spec = { unschedulable: true };
      n.status!.conditions = [{ type: 'Ready', status: 'Unknown' }, { type: 'MemoryPressure', status: 'True' }, { type: 'DiskPressure', status: 'False' }];
    });
    expect(noScheduleTaintsForNode(node)).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ]);
    expect(noScheduleTaintsForNode(makeNode('n2', (n) => (n.status!.conditions = [{ type: 'Ready', status: 'False' }])))).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });
});
