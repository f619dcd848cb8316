import * as k8s from '@kubernetes/client-node';
import { eventually } from '../support/watch-stream.js';
import { apiError, clientNodeSuite } from './suite.js';

const ctx = clientNodeSuite();

// A plain object: both client-node (V1Pod) and the library (Pod) accept it.
const pod = (name: string, labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.1' }] },
});

describe('@kubernetes/client-node 1.4 against kubesim: pods', () => {
  it('creates a pod and gets back the object the apiserver stores (defaults, uid, managedFields)', async () => {
    const created = await ctx.core.createNamespacedPod({ namespace: 'default', body: pod('web', { app: 'web' }) });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.spec?.restartPolicy).toBe('Always');
    expect(created.spec?.containers[0]?.terminationMessagePath).toBe('/dev/termination-log');
    expect(created.status?.phase).toBe('Pending');
    // No fieldManager: the manager is the User-Agent up to its first '/' (client-node 1.4 sends node-fetch's).
    expect(created.metadata?.managedFields?.[0]?.manager).toBe('node-fetch');
    // The library door sees the same object.
    expect(ctx.s.cluster.pods('default').get('web').metadata?.uid).toBe(created.metadata?.uid);
  });

  it('reads, lists with a label selector, replaces (timestamps with milliseconds) and deletes', async () => {
    await ctx.core.createNamespacedPod({ namespace: 'default', body: pod('a', { tier: 'web' }) });
    await ctx.core.createNamespacedPod({ namespace: 'default', body: pod('b', { tier: 'db' }) });
    const list = await ctx.core.listNamespacedPod({ namespace: 'default', labelSelector: 'tier=web' });
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['a']);
    expect(list.metadata?.resourceVersion).toBe(String(ctx.s.cluster.store.resourceVersion));

    const read = await ctx.core.readNamespacedPod({ name: 'a', namespace: 'default' });
    read.metadata!.labels = { ...read.metadata!.labels, tier: 'frontend' };
    read.spec!.containers[0]!.image = 'registry.k8s.io/pause:3.9';
    // client-node sends dates as "…T00:00:00.000Z": the apiserver accepts RFC 3339 with fractions.
    const replaced = await ctx.core.replaceNamespacedPod({ name: 'a', namespace: 'default', body: read });
    expect(replaced.metadata?.labels?.tier).toBe('frontend');
    expect(replaced.spec?.containers[0]?.image).toBe('registry.k8s.io/pause:3.9');
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));

    // An unscheduled pod has no kubelet to wait for: it goes at once, and DELETE answers with its last state.
    const deleted = await ctx.core.deleteNamespacedPod({ name: 'b', namespace: 'default' });
    expect(deleted.metadata?.name).toBe('b');
    expect(ctx.s.cluster.registry.pods.store.find('default', 'b')).toBeUndefined();
  });

  it('patches a pod with each patch type chosen through setHeaderOptions', async () => {
    await ctx.core.createNamespacedPod({ namespace: 'default', body: pod('p', { app: 'p' }) });
    // The generated default content type is application/json-patch+json.
    await ctx.core.patchNamespacedPod({ name: 'p', namespace: 'default', body: [{ op: 'add', path: '/metadata/labels/a', value: '1' }] });
    await ctx.core.patchNamespacedPod(
      { name: 'p', namespace: 'default', body: { metadata: { labels: { b: '2' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const smp = await ctx.core.patchNamespacedPod(
      { name: 'p', namespace: 'default', body: { spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(smp.metadata?.labels).toEqual({ app: 'p', a: '1', b: '2' });
    // Merged by name: the container keeps its defaults, only the image changes.
    expect(smp.spec?.containers).toHaveLength(1);
    expect(smp.spec?.containers[0]).toMatchObject({ name: 'main', image: 'registry.k8s.io/pause:3.10', imagePullPolicy: 'IfNotPresent' });
  });

  it('sees the pod Running once the cluster clock has run (scheduler and kubelet write status)', async () => {
    await ctx.core.createNamespacedPod({ namespace: 'default', body: pod('run') });
    ctx.s.cluster.runUntil(() => ctx.s.cluster.registry.pods.store.find('default', 'run')?.status?.phase === 'Running', 60_000);
    const read = await ctx.core.readNamespacedPodStatus({ name: 'run', namespace: 'default' });
    expect(read.spec?.nodeName).toBe('node-1');
    expect(read.status?.containerStatuses?.[0]).toMatchObject({ name: 'main', ready: true, started: true });
    expect(read.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('rejects with ApiException whose body is the Status: 404, 409 AlreadyExists, 409 Conflict, 422', async () => {
    const notFound = await apiError(ctx.core.readNamespacedPod({ name: 'nope', namespace: 'default' }));
    expect(notFound.code).toBe(404);
    expect(JSON.parse(notFound.body)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404,
    });

    const first = await ctx.core.createNamespacedPod({ namespace: 'default', body: pod('dup') });
    const exists = await apiError(ctx.core.createNamespacedPod({ namespace: 'default', body: pod('dup') }));
    expect(exists.code).toBe(409);
    expect(JSON.parse(exists.body)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "dup" already exists', reason: 'AlreadyExists', details: { name: 'dup', kind: 'pods' }, code: 409,
    });

    await ctx.core.patchNamespacedPod({ name: 'dup', namespace: 'default', body: [{ op: 'add', path: '/metadata/labels', value: { x: 'y' } }] });
    const stale = await apiError(ctx.core.replaceNamespacedPod({ name: 'dup', namespace: 'default', body: first }));
    expect(stale.code).toBe(409);
    expect(JSON.parse(stale.body)).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods "dup": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'dup', kind: 'pods' },
    });

    const invalid = await apiError(ctx.core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'bad' }, spec: { containers: [{ name: 'c', image: '' }] } } }));
    expect(invalid.code).toBe(422);
    expect(JSON.parse(invalid.body)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'Pod "bad" is invalid: spec.containers[0].image: Required value',
      reason: 'Invalid',
      details: { name: 'bad', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] },
      code: 422,
    });
  });

  it('watches pods from a list resourceVersion: ADDED, MODIFIED as the kubelet runs it, DELETED', async () => {
    const list = await ctx.core.listNamespacedPod({ namespace: 'default' });
    const seen: string[] = [];
    const ctrl = await new k8s.Watch(ctx.kc).watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: list.metadata?.resourceVersion },
      (type, obj: k8s.V1Pod) => seen.push(`${type} ${obj.metadata?.name} ${obj.status?.phase}${obj.metadata?.deletionTimestamp ? ' terminating' : ''}`),
      () => undefined,
    );
    await eventually(() => ctx.s.cluster.store.watcherCount('pods') > 2);
    const pods = ctx.s.cluster.pods('default');
    pods.create(pod('w'));
    ctx.s.cluster.runUntil(() => pods.get('w').status?.phase === 'Running', 60_000);
    pods.delete('w');
    ctx.s.cluster.runUntil(() => ctx.s.cluster.registry.pods.store.find('default', 'w') === undefined, 60_000);
    await eventually(() => seen.at(-1)?.startsWith('DELETED') === true);
    ctrl.abort();
    expect(seen[0]).toBe('ADDED w Pending');
    expect(seen).toContain('MODIFIED w Running');
    expect(seen.some((e) => e.startsWith('MODIFIED w') && e.endsWith('terminating'))).toBe(true);
    expect(seen.at(-1)).toMatch(/^DELETED w /);
  });

  it('keeps an informer right across a 410: the watch ends, its resourceVersion was compacted, it re-lists', async () => {
    // Watches end after this many seconds × [1, 2) of the cluster clock, as the apiserver ends long watches.
    await ctx.restart({ minRequestTimeoutSeconds: 60 });
    const pods = ctx.s.cluster.pods('default');
    pods.create(pod('keep'));
    pods.create(pod('gone'));

    const informer = k8s.makeInformer(ctx.kc, '/api/v1/namespaces/default/pods', () => ctx.core.listNamespacedPod({ namespace: 'default' }));
    const log: string[] = [];
    let connects = 0;
    informer.on('add', (p: k8s.V1Pod) => log.push(`add ${p.metadata?.name}`));
    informer.on('delete', (p: k8s.V1Pod) => log.push(`delete ${p.metadata?.name}`));
    informer.on('connect', () => connects++);
    informer.on('error', (e: unknown) => log.push(`error ${String(e)}`));
    const baseline = ctx.s.cluster.store.watcherCount('pods');
    await informer.start();
    await eventually(() => ctx.s.cluster.store.watcherCount('pods') === baseline + 1);
    expect(log).toEqual(['add gone', 'add keep']); // the list is in name order

    // In one turn of the event loop, before the informer can reconnect: its watch times out, a pod is
    // deleted and another created behind its back, and the history is compacted past what it has seen.
    ctx.s.cluster.advance(120_000);
    pods.delete('gone', { gracePeriodSeconds: 0 });
    pods.create(pod('new'));
    ctx.s.cluster.store.compact();

    // Watching from the old resourceVersion gets an ERROR 410 event; the informer re-lists and reconciles.
    await eventually(() => log.includes('add new') && log.includes('delete gone'));
    await eventually(() => ctx.s.cluster.store.watcherCount('pods') === baseline + 1);
    expect(connects).toBeGreaterThanOrEqual(3); // start, the reconnect that met the 410, the re-list
    expect(informer.list('default').map((p) => p.metadata?.name).sort()).toEqual(['keep', 'new']);
    expect(log.filter((l) => l.startsWith('error'))).toEqual([]);
    await informer.stop();
  });
});
