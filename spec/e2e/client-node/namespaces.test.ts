import * as k8s from '@kubernetes/client-node';
import { eventually } from '../support/watch-stream.js';
import { apiError, clientNodeSuite } from './suite.js';

const ctx = clientNodeSuite();

describe('@kubernetes/client-node 1.4 against kubesim: namespaces', () => {
  it('loads the served kubeconfig (insecure-skip-tls-verify lets it use http)', () => {
    expect(ctx.kc.getCurrentCluster()).toMatchObject({ server: ctx.s.served.url, skipTLSVerify: true });
  });

  it('lists, creates, reads and deletes namespaces with CoreV1Api', async () => {
    const list = await ctx.core.listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const created = await ctx.core.createNamespace({ body: { metadata: { name: 'demo', labels: { team: 'a' } } } });
    expect(created.metadata?.name).toBe('demo');
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(ctx.s.cluster.namespaces.get('demo').metadata?.labels?.team).toBe('a');
    const read = await ctx.core.readNamespace({ name: 'demo' });
    expect(read.status?.phase).toBe('Active');
    // The apiserver answers with the Namespace (now Terminating); client-node types it as V1Status.
    const deleted = await ctx.core.deleteNamespace({ name: 'demo' });
    expect(deleted.kind).toBe('Namespace');
    expect(ctx.s.cluster.namespaces.get('demo').status?.phase).toBe('Terminating');
  });

  it('patches with a JSON patch (the generated default) and a merge patch chosen by header', async () => {
    await ctx.core.patchNamespace({ name: 'default', body: [{ op: 'add', path: '/metadata/labels/a', value: '1' }] });
    await ctx.core.patchNamespace(
      { name: 'default', body: { metadata: { labels: { b: '2' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(ctx.s.cluster.namespaces.get('default').metadata?.labels).toMatchObject({ a: '1', b: '2' });
  });

  it('rejects with an ApiException carrying the Status body', async () => {
    const notFound = await apiError(ctx.core.readNamespace({ name: 'nope' }));
    expect(notFound.code).toBe(404);
    expect(JSON.parse(notFound.body)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'namespaces' }, code: 404,
    });
    const conflict = await apiError(ctx.core.createNamespace({ body: { metadata: { name: 'default' } } }));
    expect(conflict.code).toBe(409);
    expect(JSON.parse(conflict.body)).toMatchObject({ reason: 'AlreadyExists', message: 'namespaces "default" already exists' });
    const invalid = await apiError(ctx.core.createNamespace({ body: { metadata: { name: 'Not_Valid' } } }));
    expect(invalid.code).toBe(422);
    expect(JSON.parse(invalid.body)).toMatchObject({ reason: 'Invalid', details: { name: 'Not_Valid', kind: 'Namespace' } });
  });

  it('watches: events arrive as they happen, and aborting frees the server-side watcher', async () => {
    const list = await ctx.core.listNamespace();
    const seen: string[] = [];
    let doneErr: unknown = 'not done';
    const before = ctx.s.cluster.store.watcherCount('namespaces');
    const ctrl = await new k8s.Watch(ctx.kc).watch(
      '/api/v1/namespaces',
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type, obj: k8s.V1Namespace) => seen.push(`${type} ${obj.metadata?.name}`),
      (err) => (doneErr = err),
    );
    await eventually(() => ctx.s.cluster.store.watcherCount('namespaces') === before + 1);
    ctx.s.cluster.namespaces.create({ metadata: { name: 'w1' } });
    ctx.s.cluster.namespaces.patch('w1', 'merge', { metadata: { labels: { x: 'y' } } });
    await eventually(() => seen.length === 2);
    expect(seen).toEqual(['ADDED w1', 'MODIFIED w1']);
    ctrl.abort();
    await eventually(() => ctx.s.cluster.store.watcherCount('namespaces') === before);
    await eventually(() => doneErr !== 'not done');
  });

  it('sees the ERROR 410 event and the end of the stream for a resourceVersion out of the history', async () => {
    ctx.s.cluster.namespaces.create({ metadata: { name: 'x' } });
    ctx.s.cluster.store.compact();
    const events: { type: string; code?: number }[] = [];
    let ended = false;
    await new k8s.Watch(ctx.kc).watch(
      '/api/v1/namespaces',
      { resourceVersion: '1' },
      (type, obj: { code?: number }) => events.push({ type, code: obj.code }),
      () => (ended = true),
    );
    await eventually(() => ended);
    expect(events).toEqual([{ type: 'ERROR', code: 410 }]);
  });

  it('runs an informer: list, then watch from the list resourceVersion', async () => {
    const informer = k8s.makeInformer(ctx.kc, '/api/v1/namespaces', () => ctx.core.listNamespace());
    const added: string[] = [];
    informer.on('add', (o: k8s.V1Namespace) => added.push(o.metadata?.name ?? ''));
    await informer.start();
    await eventually(() => added.length === 4);
    ctx.s.cluster.namespaces.create({ metadata: { name: 'informed' } });
    await eventually(() => added.includes('informed'));
    await informer.stop();
    expect(added).toContain('informed');
  });
});
