/**
 * DELETE pods through the library door: podStrategy.CheckGracefulDelete and rest.BeforeDelete (grace
 * periods, shortening, preconditions), finalizers, dry run, deletecollection, and a namespace that
 * waits for its pods.
 */
import type { Pod } from '../../../lib/api/types.js';
import { rfc3339 } from '../../../lib/clock/clock.js';
import type { Cluster } from '../../../lib/cluster.js';
import { copy, newCluster, podBody, recordEvents, snapshot, statusOf } from './helpers.js';

/** A cluster with pod `web`, bound to node-1 unless `bound` is false. */
function withPod(opts: { bound?: boolean; extra?: Partial<Pod> } = {}): { cluster: Cluster; pod: Pod } {
  const cluster = newCluster();
  cluster.pods().create(podBody('web', opts.extra));
  if (opts.bound !== false) cluster.pods().bind('web', 'node-1');
  return { cluster, pod: copy(cluster.pods().get('web')) };
}

const gone = (cluster: Cluster, name = 'web'): boolean => statusOf(() => cluster.pods().get(name)).code === 404;

describe('DELETE pods: graceful deletion', () => {
  it('an unbound pod goes at once: the answer carries deletionTimestamp = now and grace 0; watchers see MODIFIED then DELETED', () => {
    const { cluster, pod } = withPod({ bound: false });
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    const out = cluster.pods().delete('web');
    expect(out.metadata?.deletionTimestamp).toBe(rfc3339(cluster.clock.now()));
    expect(out.metadata?.deletionGracePeriodSeconds).toBe(0);
    expect(gone(cluster)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('a bound pod stays with deletionTimestamp = now + 30s and deletionGracePeriodSeconds 30 (its terminationGracePeriodSeconds)', () => {
    const { cluster } = withPod();
    const out = cluster.pods().delete('web');
    expect(out.metadata?.deletionTimestamp).toBe(rfc3339(cluster.clock.now() + 30_000));
    expect(out.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(cluster.pods().get('web').metadata?.deletionGracePeriodSeconds).toBe(30);
  });

  it('the pod\'s own terminationGracePeriodSeconds is the default grace', () => {
    const { cluster } = withPod({ extra: { spec: { containers: [{ name: 'app', image: 'nginx' }], terminationGracePeriodSeconds: 10 } } });
    expect(cluster.pods().delete('web').metadata?.deletionGracePeriodSeconds).toBe(10);
  });

  it('the request\'s gracePeriodSeconds wins', () => {
    const { cluster } = withPod();
    const out = cluster.pods().delete('web', { gracePeriodSeconds: 5 });
    expect([out.metadata?.deletionGracePeriodSeconds, out.metadata?.deletionTimestamp]).toEqual([5, rfc3339(cluster.clock.now() + 5000)]);
  });

  it('a negative gracePeriodSeconds is read as 1', () => {
    const { cluster } = withPod();
    expect(cluster.pods().delete('web', { gracePeriodSeconds: -5 }).metadata?.deletionGracePeriodSeconds).toBe(1);
  });

  it('gracePeriodSeconds 0 removes a bound pod at once (kubectl delete --force)', () => {
    const { cluster } = withPod();
    cluster.pods().delete('web', { gracePeriodSeconds: 0 });
    expect(gone(cluster)).toBe(true);
  });

  it('a finished pod goes at once', () => {
    const { cluster, pod } = withPod();
    cluster.pods().updateStatus({ ...pod, status: { ...pod.status, phase: 'Succeeded' } });
    cluster.pods().delete('web');
    expect(gone(cluster)).toBe(true);
  });

  it('a second delete with a shorter grace moves deletionTimestamp back by the difference', () => {
    const { cluster } = withPod();
    const first = cluster.pods().delete('web');
    cluster.advance(4000);
    const second = cluster.pods().delete('web', { gracePeriodSeconds: 10 });
    expect(second.metadata?.deletionGracePeriodSeconds).toBe(10);
    expect(second.metadata?.deletionTimestamp).toBe(rfc3339(Date.parse(first.metadata!.deletionTimestamp!) - 20_000));
  });

  it('a second delete without a shorter grace changes nothing: same object, same resourceVersion, no event', () => {
    const { cluster } = withPod();
    const first = cluster.pods().delete('web');
    const events = recordEvents(cluster.pods(), first.metadata!.resourceVersion!);
    expect(cluster.pods().delete('web', { gracePeriodSeconds: 60 })).toEqual(first);
    expect(cluster.pods().delete('web')).toEqual(first);
    expect(events).toEqual([]);
  });

  it('a second delete with grace 0 removes the pod being deleted', () => {
    const { cluster } = withPod();
    cluster.pods().delete('web');
    cluster.pods().delete('web', { gracePeriodSeconds: 0 });
    expect(gone(cluster)).toBe(true);
  });

  it('deleting a missing pod is 404', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().delete('ghost')).message).toBe('pods "ghost" not found');
  });
});

describe('DELETE pods: finalizers', () => {
  it('finalizers keep an unbound pod, marked deleting with grace 0, until an update removes them; then it goes', () => {
    const { cluster } = withPod({ bound: false, extra: { metadata: { name: 'web', finalizers: ['example.com/hold'] } } });
    const marked = cluster.pods().delete('web');
    expect([marked.metadata?.deletionTimestamp, marked.metadata?.deletionGracePeriodSeconds]).toEqual([rfc3339(cluster.clock.now()), 0]);
    const held = copy(cluster.pods().get('web'));
    const events = recordEvents(cluster.pods(), held.metadata!.resourceVersion!);
    const answer = cluster.pods().update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(answer.metadata?.finalizers).toBeUndefined();
    expect(gone(cluster)).toBe(true);
    // deleteWithoutFinalizers: the object goes without a write of the emptied finalizers.
    expect(events.map((e) => e.type)).toEqual(['DELETED']);
  });

  it('a deleting pod may not gain finalizers', () => {
    const { cluster } = withPod({ bound: false, extra: { metadata: { name: 'web', finalizers: ['example.com/a'] } } });
    cluster.pods().delete('web');
    const held = copy(cluster.pods().get('web'));
    const st = statusOf(() => cluster.pods().update({ ...held, metadata: { ...held.metadata, finalizers: ['example.com/a', 'example.com/b'] } }));
    expect(st.message).toContain('metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}');
  });

  it('a bound pod keeps its grace period: removing the finalizers leaves it until a delete with grace 0', () => {
    const { cluster } = withPod({ extra: { metadata: { name: 'web', finalizers: ['example.com/hold'] } } });
    cluster.pods().delete('web');
    const held = copy(cluster.pods().get('web'));
    cluster.pods().update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(cluster.pods().get('web').metadata?.deletionGracePeriodSeconds).toBe(30);
    cluster.pods().delete('web', { gracePeriodSeconds: 0 });
    expect(gone(cluster)).toBe(true);
  });
});

describe('DELETE pods: preconditions and dry run', () => {
  it('a uid precondition that does not match is 409, naming the Kind', () => {
    const { cluster, pod } = withPod();
    expect(statusOf(() => cluster.pods().delete('web', { preconditions: { uid: 'other' } }))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: `Operation cannot be fulfilled on Pod "web": the UID in the precondition (other) does not match the UID in record (${pod.metadata!.uid!}). The object might have been deleted and then recreated`,
      reason: 'Conflict', details: { name: 'web', kind: 'Pod' }, code: 409,
    });
  });

  it('a resourceVersion precondition that does not match is 409', () => {
    const { cluster, pod } = withPod();
    expect(statusOf(() => cluster.pods().delete('web', { preconditions: { resourceVersion: '1' } })).message).toBe(
      `Operation cannot be fulfilled on Pod "web": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${pod.metadata!.resourceVersion!}). The object might have been modified`,
    );
  });

  it('matching preconditions delete', () => {
    const { cluster, pod } = withPod({ bound: false });
    cluster.pods().delete('web', { preconditions: { uid: pod.metadata!.uid!, resourceVersion: pod.metadata!.resourceVersion! } });
    expect(gone(cluster)).toBe(true);
  });

  it('dryRun answers the marked pod but stores nothing and emits no event', () => {
    const { cluster, pod } = withPod();
    const before = snapshot(cluster, 'default', 'web');
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    expect(cluster.pods().delete('web', { dryRun: true }).metadata?.deletionGracePeriodSeconds).toBe(30);
    cluster.pods().delete('web', { dryRun: true, gracePeriodSeconds: 0 });
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe('DELETE pods: deletecollection', () => {
  it('deletes what the label selector picks and answers the list as it was read', () => {
    const cluster = newCluster();
    for (const [name, tier] of [['a', 'web'], ['b', 'web'], ['c', 'db']] as const) {
      cluster.pods().create(podBody(name, { metadata: { name, labels: { tier } } }));
    }
    const out = cluster.pods().deleteCollection({ labelSelector: 'tier=web' });
    expect(out.items.map((p) => [p.metadata?.name, p.metadata?.deletionTimestamp])).toEqual([['a', undefined], ['b', undefined]]);
    expect(cluster.pods().list().items.map((p) => p.metadata?.name)).toEqual(['c']);
  });

  it('a label selector that does not parse is 400', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().deleteCollection({ labelSelector: 'tier in (web' })).code).toBe(400);
  });
});

describe('DELETE namespaces: the namespace waits for its pods', () => {
  it('a terminating namespace goes only when its last pod is gone', () => {
    const cluster = newCluster();
    cluster.namespaces.create({ metadata: { name: 'team' } });
    cluster.pods('team').create(podBody('web'));
    cluster.pods('team').bind('web', 'node-1');
    cluster.namespaces.delete('team');
    cluster.advance(1000);
    // The namespace controller deleted the pod gracefully; with no kubelet it stays, and so does the namespace.
    expect(cluster.pods('team').get('web').metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(cluster.namespaces.get('team').status?.phase).toBe('Terminating');
    cluster.advance(60_000);
    expect(cluster.namespaces.get('team').status?.phase).toBe('Terminating');
    cluster.pods('team').delete('web', { gracePeriodSeconds: 0 });
    cluster.advance(1000);
    expect(statusOf(() => cluster.namespaces.get('team')).code).toBe(404);
  });

  it('unbound pods go at once, and the namespace with them', () => {
    const cluster = newCluster();
    cluster.namespaces.create({ metadata: { name: 'team' } });
    cluster.pods('team').create(podBody('a'));
    cluster.namespaces.delete('team');
    cluster.advance(1000);
    expect(statusOf(() => cluster.namespaces.get('team')).code).toBe(404);
  });
});
