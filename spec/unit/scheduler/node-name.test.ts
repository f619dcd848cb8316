import { NodeInfo } from '../../../lib/scheduler/node-info.js';
import { CycleState } from '../../../lib/scheduler/plugins/interface.js';
import { nodeName } from '../../../lib/scheduler/plugins/node-name.js';
import { makeNode, makePod, onNode } from './fixtures.js';

describe('NodeName Filter', () => {
  const info = new NodeInfo(makeNode('n1'));
  it('passes any node when the pod names none', () => {
    expect(nodeName.filter(new CycleState(), makePod('p'), info).code).toBe('Success');
  });
  it('passes the named node', () => {
    expect(nodeName.filter(new CycleState(), makePod('p', onNode('n1')), info).code).toBe('Success');
  });
  it("rejects other nodes with \"node(s) didn't match the requested node name\"", () => {
    expect(nodeName.filter(new CycleState(), makePod('p', onNode('n2')), info)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match the requested node name"],
    });
  });
});
