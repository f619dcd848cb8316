import type { Event, Node, Pod } from '../../../lib/api/types.js';
import { createCluster, type Cluster } from '../../../lib/cluster.js';
import { Scheduler } from '../../../lib/scheduler/scheduler.js';
import { allocatable, makeNode, taint } from './fixtures.js';

/** A pod as a user creates it (the apiserver defaults, admits and stamps it). */
const userPod = (name: string, cpu?: string, extra: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'busybox', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...extra },
});
const nodeFor = (n: Node): Node => ({ ...n, metadata: { name: n.metadata!.name!, labels: n.metadata!.labels! } });

function start(cluster: Cluster): Scheduler {
  const s = new Scheduler({
    clock: cluster.clock,
    pods: (ns) => cluster.pods(ns),
    nodes: cluster.nodes,
    events: (ns) => cluster.events(ns),
  });
  s.start();
  return s;
}
const events = (cluster: Cluster, reason?: string): Event[] =>
  cluster.events('').list().items.filter((e) => !reason || e.reason === reason);
const podScheduled = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'PodScheduled');

describe('Scheduler (driver over the API)', () => {
  let cluster: Cluster;
  let scheduler: Scheduler;
  beforeEach(() => {
    cluster = createCluster({ seed: 7, nodes: 0, scheduler: false });
  });
  afterEach(() => {
    scheduler?.stop();
    cluster.close();
  });

  it('binds a pending pod through pods/binding on the next clock tick and records Scheduled', () => {
    cluster.nodes.create(nodeFor(makeNode('node-1')));
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('web', '100m'));
    // Nothing happens inside the watch callback: the work waits for the clock.
    expect(cluster.pods('default').get('web').spec?.nodeName).toBeUndefined();
    cluster.runUntil(() => Boolean(cluster.pods('default').get('web').spec?.nodeName), 1000);
    const pod = cluster.pods('default').get('web');
    expect(pod.spec?.nodeName).toBe('node-1');
    expect(podScheduled(pod)?.status).toBe('True');
    const [ev] = events(cluster, 'Scheduled');
    expect(ev).toMatchObject({
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to node-1',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-kubesim',
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: pod.metadata?.uid, apiVersion: 'v1' },
    });
    expect(ev!.metadata?.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(ev!.involvedObject.resourceVersion).toBeDefined();
    expect(ev!.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('records FailedScheduling and PodScheduled=False Unschedulable with the FitError message', () => {
    cluster.nodes.create(nodeFor(makeNode('cp', taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'))));
    cluster.nodes.create(nodeFor(makeNode('worker', allocatable({ cpu: '1', memory: '1Gi', pods: '110' }))));
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('big', '2'));
    cluster.runUntil(() => events(cluster, 'FailedScheduling').length > 0, 1000);
    const message =
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.';
    expect(events(cluster, 'FailedScheduling')[0]).toMatchObject({ type: 'Warning', action: 'Scheduling', message });
    cluster.advance(0);
    const cond = podScheduled(cluster.pods('default').get('big'));
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(scheduler.queueCounts()).toEqual({ active: 0, backoff: 0, unschedulable: 1 });
  });

  it('retries an unschedulable pod when a node that fits it is added', () => {
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('p', '500m'));
    cluster.runUntil(() => events(cluster, 'FailedScheduling').length > 0, 1000);
    expect(events(cluster, 'FailedScheduling')[0]?.message).toBe('no nodes available to schedule pods');
    cluster.nodes.create(nodeFor(makeNode('late')));
    cluster.runUntil(() => Boolean(cluster.pods('default').get('p').spec?.nodeName), 30_000);
    expect(cluster.pods('default').get('p').spec?.nodeName).toBe('late');
  });

  it('retries when a pod on the node is deleted and frees its resources', () => {
    cluster.nodes.create(nodeFor(makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '110' }))));
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('first', '800m'));
    cluster.runUntil(() => Boolean(cluster.pods('default').get('first').spec?.nodeName), 1000);
    cluster.pods('default').create(userPod('second', '800m'));
    cluster.runUntil(() => events(cluster, 'FailedScheduling').length > 0, 1000);
    cluster.pods('default').delete('first', { gracePeriodSeconds: 0 });
    cluster.runUntil(() => Boolean(cluster.pods('default').get('second').spec?.nodeName), 30_000);
    expect(cluster.pods('default').get('second').spec?.nodeName).toBe('n1');
  });

  it('does not schedule pods of another scheduler or pods with scheduling gates', () => {
    cluster.nodes.create(nodeFor(makeNode('n1')));
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('other', undefined, { schedulerName: 'my-scheduler' }));
    cluster.pods('default').create(userPod('gated', undefined, { schedulingGates: [{ name: 'example.com/wait' }] }));
    cluster.advance(10_000);
    expect(cluster.pods('default').get('other').spec?.nodeName).toBeUndefined();
    expect(cluster.pods('default').get('gated').spec?.nodeName).toBeUndefined();
    expect(events(cluster, 'FailedScheduling')).toHaveLength(0);
  });

  it('turns a repeated identical failure into an event series instead of new events', () => {
    cluster.nodes.create(nodeFor(makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '110' }))));
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('big', '2'));
    // Retried every 5 minutes (plus up to 30s) while nothing changes.
    cluster.advance(12 * 60_000);
    const failed = events(cluster, "FailedScheduling");
    // The first failure, the retry after the condition changed the pod's resourceVersion, then a series.
    expect(failed).toHaveLength(2);
    expect(failed[1]!.series?.count).toBe(2);
  });

  it('preempts a lower-priority pod: DisruptionTarget, graceful delete, Preempted event, nominatedNodeName', () => {
    cluster.nodes.create(nodeFor(makeNode('n1', allocatable({ cpu: '1', memory: '1Gi', pods: '110' }))));
    scheduler = start(cluster);
    cluster.pods('default').create(userPod('low', '800m'));
    cluster.runUntil(() => Boolean(cluster.pods('default').get('low').spec?.nodeName), 1000);
    const preemptor = cluster.pods('default').create(userPod('vip', '500m', { priorityClassName: 'system-cluster-critical' }));
    cluster.runUntil(() => Boolean(cluster.pods('default').get('vip').status?.nominatedNodeName), 1000);

    const victim = cluster.pods('default').get('low');
    expect(victim.metadata?.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(events(cluster, 'Preempted')[0]).toMatchObject({
      type: 'Normal',
      action: 'Preempting',
      message: `Preempted by pod ${preemptor.metadata?.uid} on node n1`,
      involvedObject: { name: 'low' },
      related: { kind: 'Pod', name: 'vip' },
    });
    const vip = cluster.pods('default').get('vip');
    expect(vip.status?.nominatedNodeName).toBe('n1');
    // A successful preemption adds nothing to the message.
    expect(podScheduled(vip)?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');

    // While the victim terminates the preemptor waits; once it is gone the preemptor lands on the node.
    cluster.pods('default').delete('low', { gracePeriodSeconds: 0 });
    cluster.runUntil(() => Boolean(cluster.pods('default').get('vip').spec?.nodeName), 60_000);
    expect(cluster.pods('default').get('vip').spec?.nodeName).toBe('n1');
  });

  it('runs inside createCluster: pods spread over the kubelets\' nodes by least allocation', () => {
    const full = createCluster({ seed: 3, nodes: 2 });
    try {
      full.pods('default').create(userPod('a', '1'));
      full.pods('default').create(userPod('b', '1'));
      full.runUntil(() => ['a', 'b'].every((n) => full.pods('default').get(n).spec?.nodeName), 10_000);
      expect(['a', 'b'].map((n) => full.pods('default').get(n).spec?.nodeName).sort()).toEqual(['node-1', 'node-2']);
    } finally {
      full.close();
    }
  });
});

