import { NodeToStatus, fitErrorMessage, newDiagnosis, truncateMessage } from '../../../lib/scheduler/fit-error.js';
import { Code, newStatus } from '../../../lib/scheduler/status.js';

describe('FitError.Error()', () => {
  it('counts each reason over the nodes and sorts "COUNT REASON" as strings', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', newStatus(Code.Unschedulable, 'Insufficient cpu'));
    d.nodeToStatus.set('n2', newStatus(Code.UnschedulableAndUnresolvable, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
    d.nodeToStatus.set('n3', newStatus(Code.UnschedulableAndUnresolvable, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
    expect(fitErrorMessage(3, d)).toBe('0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.');
  });

  it('counts every reason of a node (cpu and memory) separately', () => {
    const d = newDiagnosis();
    for (const n of ['a', 'b']) d.nodeToStatus.set(n, newStatus(Code.Unschedulable, 'Insufficient cpu', 'Insufficient memory'));
    expect(fitErrorMessage(2, d)).toBe('0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.');
  });

  it('sorts byte-wise, so 10 comes before 2 (sort.Strings on the formatted entries)', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`c${i}`, newStatus(Code.Unschedulable, 'Insufficient cpu'));
    for (let i = 0; i < 2; i++) d.nodeToStatus.set(`t${i}`, newStatus(Code.UnschedulableAndUnresolvable, 'Too many pods'));
    expect(fitErrorMessage(12, d)).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods.');
  });

  it('gives nodes without an explicit status the absent status reasons', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', newStatus(Code.Unschedulable, 'Insufficient cpu'));
    d.nodeToStatus.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, "node(s) didn't satisfy plugin(s) [NodeAffinity]"));
    expect(fitErrorMessage(4, d)).toBe("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('uses the PreFilter message instead of the histogram, then appends the PostFilter message', () => {
    const d = newDiagnosis();
    d.nodeToStatus.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, 'pod affinity terms conflict'));
    d.preFilterMsg = 'pod affinity terms conflict';
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('keeps the prefix alone when no node has a reason', () => {
    const d = newDiagnosis();
    d.nodeToStatus.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable));
    expect(fitErrorMessage(2, d)).toBe('0/2 nodes are available:');
  });
});

describe('NodeToStatus.NodesForStatusCode', () => {
  it('includes absent nodes when their status has the code', () => {
    const m = new NodeToStatus(newStatus(Code.Unschedulable, 'x'));
    m.set('b', newStatus(Code.UnschedulableAndUnresolvable, 'y'));
    const nodes = ['a', 'b', 'c'].map((name) => ({ name })) as never[];
    expect(m.nodesForStatusCode(nodes, Code.Unschedulable).map((n: { name: string }) => n.name)).toEqual(['a', 'c']);
  });
});

describe('truncateMessage (FailedScheduling event notes)', () => {
  it('keeps messages up to 1024 bytes', () => {
    const m = 'x'.repeat(1024);
    expect(truncateMessage(m)).toBe(m);
  });
  it('cuts longer ones to 1020 bytes and " ..."', () => {
    const out = truncateMessage('y'.repeat(2000));
    expect(out).toHaveLength(1024);
    expect(out.endsWith('y ...')).toBe(true);
  });
});
