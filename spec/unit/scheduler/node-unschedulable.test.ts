import { NodeInfo } from '../../../lib/scheduler/node-info.js';
import { CycleState } from '../../../lib/scheduler/plugins/interface.js';
import { nodeUnschedulable } from '../../../lib/scheduler/plugins/node-unschedulable.js';
import { makeNode, makePod } from './fixtures.js';

const cordoned = new NodeInfo(makeNode('n1', (n) => (n.spec = { unschedulable: true })));

describe('NodeUnschedulable Filter', () => {
  it('passes a node that is not cordoned', () => {
    expect(nodeUnschedulable.filter(new CycleState(), makePod('p'), new NodeInfo(makeNode('n1'))).code).toBe('Success');
  });
  it('rejects a cordoned node with "node(s) were unschedulable" (UnschedulableAndUnresolvable)', () => {
    expect(nodeUnschedulable.filter(new CycleState(), makePod('p'), cordoned)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) were unschedulable'],
    });
  });
  it.each([
    ['key and effect', { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
    ['the key, any effect', { key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }],
    ['every taint', { operator: 'Exists' }],
  ])('passes a cordoned node for a pod tolerating the unschedulable taint (%s)', (_name, toleration) => {
    const pod = makePod('p', (p) => (p.spec!.tolerations = [toleration]));
    expect(nodeUnschedulable.filter(new CycleState(), pod, cordoned).code).toBe('Success');
  });
  it('does not accept a toleration for another effect', () => {
    const pod = makePod('p', (p) => (p.spec!.tolerations = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }]));
    expect(nodeUnschedulable.filter(new CycleState(), pod, cordoned).code).toBe('UnschedulableAndUnresolvable');
  });
});
