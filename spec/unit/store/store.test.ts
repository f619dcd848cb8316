import { VersionedStore } from '../../../lib/store/store.js';
import { isStorageError } from '../../../lib/store/storage-errors.js';
import type { KubernetesObject } from '../../../lib/api/types.js';

const obj = (name: string, labels: Record<string, string> = {}): KubernetesObject => ({ kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: 'ns', labels } });

describe('VersionedStore', () => {
  it('gives every write a new, increasing cluster-wide resourceVersion', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'ns/a', obj('a'));
    const b = s.create<KubernetesObject>('nodes', 'n1', { metadata: { name: 'n1' } });
    expect(Number(b.metadata!.resourceVersion)).toBeGreaterThan(Number(a.metadata!.resourceVersion));
  });
  it('stores frozen objects', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'ns/a', obj('a'));
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.metadata)).toBe(true);
  });
  it('rejects a second create of a key (KeyExists)', () => {
    const s = new VersionedStore();
    s.create('pods', 'ns/a', obj('a'));
    try {
      s.create('pods', 'ns/a', obj('a'));
      throw new Error('no error');
    } catch (e) {
      expect(isStorageError(e, 'KeyExists')).toBe(true);
    }
  });
  it('compare-and-swap fails on a stale resourceVersion and changes nothing', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'ns/a', obj('a'));
    s.update('pods', 'ns/a', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { x: '1' } } }));
    const before = s.get('pods', 'ns/a');
    expect(() => s.update('pods', 'ns/a', { resourceVersion: a.metadata!.resourceVersion! }, (cur) => cur)).toThrow(/Precondition failed/);
    expect(s.get('pods', 'ns/a')).toBe(before);
  });
  it('an update that returns no change writes nothing', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'ns/a', obj('a'));
    const rv = s.resourceVersion;
    expect(s.update('pods', 'ns/a', {}, () => undefined)).toBe(a);
    expect(s.resourceVersion).toBe(rv);
  });
  it('lists in key order with the list resourceVersion', () => {
    const s = new VersionedStore();
    s.create('pods', 'ns/b', obj('b'));
    s.create('pods', 'ns/a', obj('a'));
    const l = s.list('pods');
    expect(l.items.map((o) => o.metadata!.name)).toEqual(['a', 'b']);
    expect(l.resourceVersion).toBe(String(s.resourceVersion));
  });
  it('delete checks uid preconditions', () => {
    const s = new VersionedStore();
    s.create('pods', 'ns/a', { ...obj('a'), metadata: { name: 'a', uid: 'u1' } });
    expect(() => s.delete('pods', 'ns/a', { uid: 'u2' })).toThrow(/UID in precondition: u2/);
    expect(s.get('pods', 'ns/a')).toBeDefined();
  });
});

describe('watch', () => {
  it('delivers ADDED, MODIFIED and DELETED with the object as stored', () => {
    const s = new VersionedStore();
    const w = s.watch('pods');
    const a = s.create('pods', 'ns/a', obj('a'));
    const b = s.update('pods', 'ns/a', {}, (c) => ({ ...c, metadata: { ...c.metadata, labels: { v: '2' } } }));
    const d = s.delete('pods', 'ns/a');
    expect(w.drain()).toEqual([
      { type: 'ADDED', object: a },
      { type: 'MODIFIED', object: b },
      { type: 'DELETED', object: d },
    ]);
    expect(Number(d.metadata!.resourceVersion)).toBeGreaterThan(Number(b.metadata!.resourceVersion));
  });
  it('replays what happened after a resourceVersion', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'ns/a', obj('a'));
    s.create('pods', 'ns/b', obj('b'));
    const w = s.watch('pods', { resourceVersion: Number(a.metadata!.resourceVersion) });
    expect(w.drain().map((e) => e.object.metadata!.name)).toEqual(['b']);
  });
  it('answers a resourceVersion older than the window with too old resource version', () => {
    const s = new VersionedStore({ historySize: 2 });
    const first = s.create('pods', 'ns/a', obj('a'));
    s.create('pods', 'ns/b', obj('b'));
    s.create('pods', 'ns/c', obj('c'));
    s.create('pods', 'ns/d', obj('d'));
    expect(() => s.watch('pods', { resourceVersion: Number(first.metadata!.resourceVersion) })).toThrow(/too old resource version: 2 \(3\)/);
    expect(s.watcherCount('pods')).toBe(0);
  });
  it('compact() forces 410 for any older version on demand', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'ns/a', obj('a'));
    s.create('pods', 'ns/b', obj('b'));
    s.compact();
    expect(() => s.watch('pods', { resourceVersion: Number(a.metadata!.resourceVersion) })).toThrow(/too old resource version/);
  });
  it('an object that stops matching the selector is seen as DELETED, one that starts as ADDED', () => {
    const s = new VersionedStore();
    const w = s.watch('pods', { predicate: (o) => o.metadata?.labels?.['app'] === 'web' });
    s.create('pods', 'ns/a', obj('a', { app: 'db' }));
    s.update('pods', 'ns/a', {}, (c) => ({ ...c, metadata: { ...c.metadata, labels: { app: 'web' } } }));
    s.update('pods', 'ns/a', {}, (c) => ({ ...c, metadata: { ...c.metadata, labels: { app: 'web', x: '1' } } }));
    s.update('pods', 'ns/a', {}, (c) => ({ ...c, metadata: { ...c.metadata, labels: { app: 'db' } } }));
    expect(w.drain().map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });
  it('sendInitialEvents gives ADDED for each object then the initial-events-end bookmark', () => {
    const s = new VersionedStore();
    s.create('pods', 'ns/a', obj('a'));
    const w = s.watch('pods', { sendInitialEvents: true, bookmark: (rv, annotations) => ({ kind: 'Pod', metadata: { resourceVersion: rv, ...(annotations ? { annotations } : {}) } }) });
    const ev = w.drain();
    expect(ev.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(ev[1]!.object.metadata!.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });
  it('closes a watcher that overflows its buffer without blocking writers or other watchers', () => {
    const s = new VersionedStore({ watcherBufferSize: 3 });
    const slow = s.watch('pods');
    const fast: string[] = [];
    s.watch('pods').onEvent((e) => fast.push(e.object.metadata!.name!));
    for (let i = 0; i < 10; i++) s.create('pods', `ns/p${i}`, obj(`p${i}`));
    expect(slow.done).toBe(true);
    expect(slow.endReason).toBe('overflow');
    expect(fast).toHaveLength(10);
    expect(s.watcherCount('pods')).toBe(1);
  });
  it('delivers events in commit order to every watcher when a listener writes', () => {
    const s = new VersionedStore();
    const order: string[] = [];
    s.watch('pods').onEvent((e) => {
      if (e.object.metadata!.name === 'a') s.create('pods', 'ns/b', obj('b'));
    });
    s.watch('pods').onEvent((e) => order.push(e.object.metadata!.name!));
    s.create('pods', 'ns/a', obj('a'));
    expect(order).toEqual(['a', 'b']);
  });
  it('stop() frees the watcher at once', () => {
    const s = new VersionedStore();
    const w = s.watch('pods');
    expect(s.watcherCount()).toBe(1);
    w.stop();
    expect(s.watcherCount()).toBe(0);
  });
  it('can be read with for await', async () => {
    const s = new VersionedStore();
    const w = s.watch('pods');
    s.create('pods', 'ns/a', obj('a'));
    for await (const e of w) {
      expect(e.type).toBe('ADDED');
      break;
    }
    expect(w.done).toBe(true);
  });
});
