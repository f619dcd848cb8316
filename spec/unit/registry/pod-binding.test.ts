/**
 * POST pods/NAME/binding (BindingREST): what a scheduler does to a pod, and every way it is refused.
 */
import type { Binding, KubernetesObject } from '../../../lib/api/types.js';
import { rfc3339 } from '../../../lib/clock/clock.js';
import type { Cluster } from '../../../lib/cluster.js';
import { copy, newCluster, podBody, recordEvents, snapshot, statusOf } from './helpers.js';

/** POST pods/NAME/binding with an arbitrary body (what the HTTP door passes on). */
function postBinding(cluster: Cluster, name: string, body: Partial<Binding>, ns = 'default'): KubernetesObject {
  return cluster.registry.pods.subresources['binding']!.create!({ namespace: ns, now: cluster.clock.now() }, name, body as KubernetesObject);
}

const binding = (name: string, node: string): Binding => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } });

describe('pods/binding', () => {
  it('sets spec.nodeName and PodScheduled=True, answers Status Success 201, one MODIFIED event', () => {
    const cluster = newCluster();
    const pod = cluster.pods().create(podBody('web'));
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    expect(postBinding(cluster, 'web', binding('web', 'node-1'))).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const bound = cluster.pods().get('web');
    expect(bound.spec?.nodeName).toBe('node-1');
    expect(bound.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(cluster.clock.now()) }]);
    expect(events.map((e) => e.type)).toEqual(['MODIFIED']);
    // nodeName lands where Go puts it in PodSpec.
    const keys = Object.keys(bound.spec!);
    expect(keys.indexOf('nodeName')).toBe(keys.indexOf('serviceAccount') + 1);
  });

  it('merges the binding\'s annotations into the pod', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web', { metadata: { name: 'web', annotations: { a: '1' } } }));
    postBinding(cluster, 'web', { ...binding('web', 'n'), metadata: { name: 'web', annotations: { b: '2' } } });
    expect(cluster.pods().get('web').metadata?.annotations).toEqual({ a: '1', b: '2' });
  });

  it('replaces a PodScheduled=False condition (reason and message go)', () => {
    const cluster = newCluster();
    const pod = copy(cluster.pods().create(podBody('web')));
    cluster.pods().updateStatus({ ...pod, status: { ...pod.status, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available', lastTransitionTime: '2023-01-01T00:00:00Z' }] } });
    cluster.pods().bind('web', 'n');
    expect(cluster.pods().get('web').status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(cluster.clock.now()) }]);
  });

  it('binding a bound pod is 409 `Operation cannot be fulfilled on pods/binding "x": pod x is already assigned to node "n"`', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web'));
    cluster.pods().bind('web', 'node-1');
    const before = snapshot(cluster, 'default', 'web');
    expect(statusOf(() => cluster.pods().bind('web', 'node-2'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"',
      reason: 'Conflict', details: { name: 'web', kind: 'pods/binding' }, code: 409,
    });
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
  });

  it('binding a pod being deleted is 409', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web', { metadata: { name: 'web', finalizers: ['example.com/hold'] } }));
    cluster.pods().delete('web');
    expect(statusOf(() => cluster.pods().bind('web', 'n')).message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is being deleted, cannot be assigned to a host');
  });

  it('binding a pod with scheduling gates is 409', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web', { spec: { containers: [{ name: 'a', image: 'b' }], schedulingGates: [{ name: 'example.com/wait' }] } }));
    expect(statusOf(() => cluster.pods().bind('web', 'n')).message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web has non-empty .spec.schedulingGates');
  });

  it('binding a missing pod is 404 `pods "x" not found`', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().bind('ghost', 'n')).message).toBe('pods "ghost" not found');
  });

  it('the binding\'s name must be the URL\'s: 400', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web'));
    expect(statusOf(() => postBinding(cluster, 'web', binding('other', 'n'))).message).toBe('name in URL does not match name in Binding object');
  });

  it('a target without name, or of another kind, is refused with the field errors as a 500 (BindingREST returns them unwrapped)', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web'));
    expect(statusOf(() => postBinding(cluster, 'web', { metadata: { name: 'web' }, target: { kind: 'Pod' } }))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: '[target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>", target.name: Required value]', code: 500,
    });
  });

  it('the binding\'s uid is a precondition: another uid is 409', () => {
    const cluster = newCluster();
    const pod = cluster.pods().create(podBody('web'));
    const st = statusOf(() => postBinding(cluster, 'web', { ...binding('web', 'n'), metadata: { name: 'web', uid: 'other' } }));
    expect(st.message).toBe(`Operation cannot be fulfilled on pods "web": StorageError: invalid object, Code: 4, Key: /registry/pods/default/web, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: other, UID in object meta: ${pod.metadata!.uid!}`);
  });

  it('binding in a terminating namespace is refused by NamespaceLifecycle', () => {
    const cluster = newCluster();
    cluster.namespaces.create({ metadata: { name: 'team' } });
    cluster.pods('team').create(podBody('web', { metadata: { name: 'web', finalizers: ['example.com/hold'] } }));
    cluster.namespaces.delete('team');
    expect(statusOf(() => cluster.pods('team').bind('web', 'n')).message).toBe('pods "web" is forbidden: unable to create new content in namespace team because it is being terminated');
  });

  it('dryRun checks everything and binds nothing', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web'));
    const before = snapshot(cluster, 'default', 'web');
    cluster.pods().bind('web', 'n', { dryRun: true });
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
  });
});
