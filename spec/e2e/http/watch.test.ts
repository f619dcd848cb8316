import { json, startServer, type TestServer } from '../support/served.js';
import { eventually, openWatch, type StreamEvent } from '../support/watch-stream.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.close();
});

const rv = (): string => String(s.cluster.store.resourceVersion);
const names = (events: (StreamEvent | null)[]): string[] => events.map((e) => `${e?.type} ${String(e?.object.metadata?.name ?? e?.object.kind)}`);

describe('watch over HTTP (WatchServer.HandleHTTP)', () => {
  it('flushes the response head before any event, then writes one JSON event per line as it happens', async () => {
    const w = await openWatch(s.served.url, `/api/v1/namespaces?watch=true&resourceVersion=${rv()}`);
    expect(w.status).toBe(200);
    expect(w.headers['content-type']).toBe('application/json');
    expect(w.headers['transfer-encoding']).toBe('chunked');
    s.cluster.namespaces.create({ metadata: { name: 'later' } });
    const e = await w.next();
    expect(e?.type).toBe('ADDED');
    expect(e?.object).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'later' } });
    w.close();
  });

  it('starts with a synthetic ADDED for every object when resourceVersion is 0 or absent', async () => {
    for (const q of ['&resourceVersion=0', '']) {
      const w = await openWatch(s.served.url, `/api/v1/namespaces?watch=1${q}`);
      const events = [await w.next(), await w.next(), await w.next(), await w.next()];
      expect(names(events)).toEqual(['ADDED default', 'ADDED kube-node-lease', 'ADDED kube-public', 'ADDED kube-system']);
      w.close();
    }
  });

  it('replays what happened after a list resourceVersion, and nothing before it', async () => {
    const list = await json<{ metadata: { resourceVersion: string } }>(await s.request('/api/v1/namespaces'));
    s.cluster.namespaces.create({ metadata: { name: 'after-list' } });
    const w = await openWatch(s.served.url, `/api/v1/namespaces?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
    expect(names([await w.next()])).toEqual(['ADDED after-list']);
    w.close();
  });

  it('filters by label and field selectors', async () => {
    const w = await openWatch(s.served.url, `/api/v1/namespaces?watch=true&resourceVersion=${rv()}&labelSelector=team%3Da`);
    s.cluster.namespaces.create({ metadata: { name: 'team-b', labels: { team: 'b' } } });
    s.cluster.namespaces.create({ metadata: { name: 'team-a', labels: { team: 'a' } } });
    expect(names([await w.next()])).toEqual(['ADDED team-a']);
    w.close();
    const one = await openWatch(s.served.url, '/api/v1/namespaces?fieldSelector=metadata.name%3Ddefault&resourceVersion=0&watch=true');
    expect(names([await one.next()])).toEqual(['ADDED default']);
    one.close();
  });

  it('watches one object through the deprecated /watch/ path', async () => {
    const w = await openWatch(s.served.url, '/api/v1/watch/namespaces/kube-public');
    expect(names([await w.next()])).toEqual(['ADDED kube-public']);
    w.close();
  });

  it('ends the stream when timeoutSeconds of the cluster clock have passed', async () => {
    const w = await openWatch(s.served.url, `/api/v1/namespaces?watch=true&resourceVersion=${rv()}&timeoutSeconds=30`);
    s.cluster.advance(29_000);
    s.cluster.namespaces.create({ metadata: { name: 'in-time' } });
    expect(names([await w.next()])).toEqual(['ADDED in-time']);
    s.cluster.advance(1_000);
    await w.ended;
    expect(await w.next()).toBeNull();
  });

  it('answers a resourceVersion older than the history with 200, one ERROR 410 Expired event, and the end of the stream', async () => {
    s.cluster.namespaces.create({ metadata: { name: 'x' } });
    s.cluster.store.compact();
    const w = await openWatch(s.served.url, '/api/v1/namespaces?watch=true&resourceVersion=1');
    expect(w.status).toBe(200);
    const e = await w.next();
    expect(e?.type).toBe('ERROR');
    expect(e?.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(String(e?.object.message)).toMatch(/^too old resource version: 1 \(\d+\)$/);
    expect(await w.next()).toBeNull();
  });

  it('stops the registry watcher as soon as the client disconnects', async () => {
    const before = s.cluster.store.watcherCount('namespaces');
    const w = await openWatch(s.served.url, `/api/v1/namespaces?watch=true&resourceVersion=${rv()}`);
    await eventually(() => s.cluster.store.watcherCount('namespaces') === before + 1);
    w.close();
    await eventually(() => s.cluster.store.watcherCount('namespaces') === before);
    expect(s.cluster.store.watcherCount('namespaces')).toBe(before);
  });

  it('sends Table events for kubectl get -w, with column definitions in the first event only', async () => {
    const w = await openWatch(s.served.url, '/api/v1/namespaces?watch=true&resourceVersion=0&fieldSelector=metadata.name%3Ddefault', {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    });
    const first = await w.next();
    expect(first?.object.kind).toBe('Table');
    expect((first?.object.columnDefinitions as { name: string }[]).map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect((first?.object.rows as { cells: unknown[] }[])[0]!.cells.slice(0, 2)).toEqual(['default', 'Active']);
    s.cluster.namespaces.patch('default', 'merge', { metadata: { labels: { touched: 'yes' } } });
    const second = await w.next();
    expect(second?.type).toBe('MODIFIED');
    expect(second?.object.columnDefinitions).toBeNull();
    w.close();
  });

  it('ends the initial events of a watch-list request with a bookmark carrying the list blueprint', async () => {
    const w = await openWatch(s.served.url, '/api/v1/namespaces?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan');
    const events: (StreamEvent | null)[] = [];
    for (let i = 0; i < 5; i++) events.push(await w.next());
    expect(events.map((e) => e?.type)).toEqual(['ADDED', 'ADDED', 'ADDED', 'ADDED', 'BOOKMARK']);
    const annotations = events[4]!.object.metadata?.annotations as Record<string, string>;
    expect(annotations['k8s.io/initial-events-end']).toBe('true');
    expect(Buffer.from(annotations['k8s.io/initial-events-list-blueprint']!, 'base64').toString()).toBe('{"kind":"NamespaceList","apiVersion":"v1","metadata":{},"items":null}\n');
    w.close();
  });

  it('refuses sendInitialEvents without resourceVersionMatch=NotOlderThan with 422 before the stream starts', async () => {
    const r = await s.request('/api/v1/namespaces?watch=true&sendInitialEvents=true');
    expect(r.status).toBe(422);
    expect((await json(r)).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  });
});
