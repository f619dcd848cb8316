/**
 * Nodes through the library door (`cluster.nodes`): a cluster-scoped resource with a status
 * subresource, ValidateNode/ValidateNodeUpdate, and its field selectors.
 */
import type { Node } from '../../../lib/api/types.js';
import { copy, newCluster, recordEvents, statusOf } from './helpers.js';

const node = (name: string, extra: Partial<Node> = {}): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } }, ...extra,
});

describe('nodes', () => {
  it('create keeps the status the kubelet registers, defaults allocatable to capacity, and has no namespace', () => {
    const cluster = newCluster();
    const out = cluster.nodes.create({ ...node('n1'), metadata: { name: 'n1', namespace: 'default' } });
    expect(out.metadata?.namespace).toBeUndefined();
    expect(out.status?.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(cluster.nodes.get('n1')).toEqual(out);
  });

  it('a body without kind and apiVersion is stored and answered with them, first', () => {
    const cluster = newCluster();
    const out = cluster.nodes.create({ metadata: { name: 'n1' } });
    expect(Object.keys(out).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata']);
    expect([out.kind, out.apiVersion]).toEqual(['Node', 'v1']);
  });

  it('a name already taken is 409 `nodes "n1" already exists`', () => {
    const cluster = newCluster();
    cluster.nodes.create(node('n1'));
    expect(statusOf(() => cluster.nodes.create(node('n1'))).message).toBe('nodes "n1" already exists');
  });

  it('the name must be a DNS subdomain', () => {
    const cluster = newCluster();
    const st = statusOf(() => cluster.nodes.create(node('Node_1')));
    expect([st.code, st.details?.kind, st.details?.causes?.[0]?.field]).toEqual([422, 'Node', 'metadata.name']);
  });

  it('taint errors are reported under metadata.taints (ValidateNode\'s path, as the apiserver has it)', () => {
    const cluster = newCluster();
    const st = statusOf(() => cluster.nodes.create({ ...node('n1'), spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } }));
    expect(st.message).toBe('Node "n1" is invalid: metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
  });

  it('taints must be unique by key and effect', () => {
    const cluster = newCluster();
    const st = statusOf(() => cluster.nodes.create({ ...node('n1'), spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] } }));
    expect(st.message).toBe('Node "n1" is invalid: metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair');
  });

  it('negative capacity is refused', () => {
    const cluster = newCluster();
    const st = statusOf(() => cluster.nodes.create({ ...node('n1'), status: { capacity: { cpu: '-1' } } }));
    expect(st.details?.causes?.map((c) => c.field)).toEqual(['status.capacity[cpu]', 'status.allocatable[cpu]']);
  });

  it('an update may change spec (cordon) but not status', () => {
    const cluster = newCluster();
    const created = copy(cluster.nodes.create(node('n1')));
    const out = cluster.nodes.update({ ...created, spec: { unschedulable: true }, status: { capacity: { cpu: '1' } } });
    expect(out.spec?.unschedulable).toBe(true);
    expect(out.status).toEqual(created.status);
  });

  it('nodes/status changes status but not spec', () => {
    const cluster = newCluster();
    const created = copy(cluster.nodes.create(node('n1')));
    const out = cluster.nodes.updateStatus({ ...created, spec: { unschedulable: true }, status: { ...created.status, conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(out.spec).toEqual(created.spec);
    expect(out.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(cluster.nodes.getStatus('n1')).toEqual(out);
  });

  it('PATCH nodes/status', () => {
    const cluster = newCluster();
    cluster.nodes.create(node('n1'));
    expect(cluster.nodes.patchStatus('n1', 'strategic', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }).status?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
  });

  it('podCIDRs may be set once, then not changed', () => {
    const cluster = newCluster();
    const created = copy(cluster.nodes.create(node('n1')));
    const set = copy(cluster.nodes.update({ ...created, spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] } }));
    const st = statusOf(() => cluster.nodes.update({ ...set, spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] } }));
    expect(st.message).toBe('Node "n1" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid');
  });

  it('delete removes a node at once (no graceful deletion)', () => {
    const cluster = newCluster();
    const created = cluster.nodes.create(node('n1'));
    const events = recordEvents(cluster.nodes, created.metadata!.resourceVersion!);
    cluster.nodes.delete('n1');
    expect(statusOf(() => cluster.nodes.get('n1')).message).toBe('nodes "n1" not found');
    expect(events.map((e) => e.type)).toEqual(['DELETED']);
  });

  it('field selectors metadata.name and spec.unschedulable; metadata.namespace is not supported', () => {
    const cluster = newCluster();
    cluster.nodes.create(node('a'));
    cluster.nodes.create({ ...node('b'), spec: { unschedulable: true } });
    expect(cluster.nodes.list({ fieldSelector: 'spec.unschedulable=true' }).items.map((n) => n.metadata?.name)).toEqual(['b']);
    expect(cluster.nodes.list({ fieldSelector: 'metadata.name=a' }).items.map((n) => n.metadata?.name)).toEqual(['a']);
    expect(statusOf(() => cluster.nodes.list({ fieldSelector: 'metadata.namespace=x' })).message).toBe('field label not supported: metadata.namespace');
  });

  it('a subresource nodes do not have is the router\'s 404 through the library door too', () => {
    const cluster = newCluster();
    cluster.nodes.create(node('n1'));
    const st = statusOf(() => cluster.events().getStatus('x'));
    expect([st.code, st.message]).toEqual([404, 'the server could not find the requested resource']);
  });
});
