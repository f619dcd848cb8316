import type { KubernetesObject, WatchEvent } from '../api/types.js';
import { keyExists, keyNotFound, preconditionFailed, resourceVersionConflict, StorageError } from './storage-errors.js';
import { SharedValues } from './shared-values.js';
import { WatchHistory, type StoreEvent } from './watch-history.js';
import { Watcher } from './watcher.js';

/** Options of a {@link VersionedStore}. */
export interface StoreOptions {
  /** Events kept per resource for watches that resume from a resourceVersion (default 10,000). */
  historySize?: number;
  /** Events a watcher may hold unread before it is closed (default 10,000). */
  watcherBufferSize?: number;
}

/** Preconditions of an update or delete (metav1.Preconditions). */
export interface StorePreconditions {
  uid?: string;
  resourceVersion?: string;
}

/** Options of {@link VersionedStore.watch}. */
export interface StoreWatchOptions<T extends KubernetesObject> {
  /** Only keys in this namespace (`ns/`), or every key when absent. */
  namespace?: string;
  /** Replay what happened after this version; absent: from now. */
  resourceVersion?: number;
  /** Which objects the watcher sees; an object that stops matching is DELETED, one that starts is ADDED. */
  predicate?: (obj: T) => boolean;
  /** sendInitialEvents: ADDED for each existing object, then a BOOKMARK marking the end. */
  sendInitialEvents?: boolean;
  /** Deliver BOOKMARK events when the store sends them. */
  allowBookmarks?: boolean;
  /** Builds the (metadata-only) object of a BOOKMARK. */
  bookmark?: (rv: string, annotations?: Record<string, string>) => T;
}

interface Subscription {
  watcher: Watcher<KubernetesObject>;
  namespace: string | undefined;
  predicate: ((o: KubernetesObject) => boolean) | undefined;
  allowBookmarks: boolean;
  bookmark: ((rv: string, annotations?: Record<string, string>) => KubernetesObject) | undefined;
}

/** The result of a list: the items and the version they were read at. */
export interface StoreListResult<T> {
  items: T[];
  resourceVersion: string;
}


/** The namespace part of a key (`ns/name` → `ns`; cluster-scoped keys have none). */
const keyNamespace = (key: string): string | undefined => {
  const i = key.indexOf('/');
  return i < 0 ? undefined : key.slice(0, i);
};

/**
 * The single source of truth: frozen objects by resource and key, one cluster-wide resourceVersion
 * counter, compare-and-swap updates, and watches with a bounded history per resource. Mirrors etcd3 +
 * the apiserver's watch cache; knows nothing of kinds, validation or API errors.
 */
export class VersionedStore {
  private rv = 1;
  private readonly data = new Map<string, Map<string, KubernetesObject>>();
  private readonly histories = new Map<string, WatchHistory>();
  private readonly subs = new Map<string, Set<Subscription>>();
  private readonly outbox: { resource: string; event: StoreEvent }[] = [];
  private dispatching = false;
  private readonly historySize: number;
  private readonly watcherBufferSize: number;
  /** Equal subtrees of stored objects are one frozen value (see shared-values.ts). */
  private readonly shared = new SharedValues();

  constructor(opts: StoreOptions = {}) {
    this.historySize = opts.historySize ?? 10_000;
    this.watcherBufferSize = opts.watcherBufferSize ?? 10_000;
    if (!(this.historySize >= 1)) throw new RangeError('historySize must be at least 1');
    if (!(this.watcherBufferSize >= 1)) throw new RangeError('watcherBufferSize must be at least 1');
  }

  /** `obj` as stored at `rv`: a copy with that resourceVersion, deeply frozen, equal subtrees shared. */
  private withRv<T extends KubernetesObject>(obj: T, rv: number): T {
    return this.shared.share({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } } as T);
  }

  /** The current cluster-wide resourceVersion. */
  get resourceVersion(): number {
    return this.rv;
  }

  private table(resource: string): Map<string, KubernetesObject> {
    let t = this.data.get(resource);
    if (!t) {
      t = new Map();
      this.data.set(resource, t);
    }
    return t;
  }

  private history(resource: string): WatchHistory {
    let h = this.histories.get(resource);
    if (!h) {
      h = new WatchHistory(this.historySize, 0); // nothing of this resource happened before its first event
      this.histories.set(resource, h);
    }
    return h;
  }

  /** Stores a new object; throws KeyExists. Returns the stored (frozen) object with its resourceVersion. */
  create<T extends KubernetesObject>(resource: string, key: string, obj: T): T {
    const t = this.table(resource);
    if (t.has(key)) throw keyExists(key);
    const rv = ++this.rv;
    const stored = this.withRv(obj, rv);
    t.set(key, stored);
    this.record(resource, { type: 'ADDED', rv, key, object: stored });
    return stored;
  }

  /** The stored object, or undefined. */
  get<T extends KubernetesObject>(resource: string, key: string): T | undefined {
    return this.data.get(resource)?.get(key) as T | undefined;
  }

  /** Every object of a resource (optionally one namespace), in key order, with the list resourceVersion. */
  list<T extends KubernetesObject>(resource: string, namespace?: string, filter?: (o: T) => boolean): StoreListResult<T> {
    const t = this.data.get(resource);
    const items: T[] = [];
    if (t) {
      const prefix = namespace === undefined ? undefined : `${namespace}/`;
      for (const [k, v] of t) {
        if (prefix !== undefined && !k.startsWith(prefix)) continue;
        if (filter && !filter(v as T)) continue;
        items.push(v as T);
      }
      items.sort((a, b) => cmpKey(a, b));
    }
    return { items, resourceVersion: String(this.rv) };
  }

  /** How many objects a resource has. */
  count(resource: string): number {
    return this.data.get(resource)?.size ?? 0;
  }

  /**
   * Compare-and-swap update (GuaranteedUpdate): `tryUpdate` gets the current object and returns the new one,
   * or `undefined` for "no change" (nothing is written, no event, the current object is returned).
   * Preconditions are checked against the current object first.
   */
  update<T extends KubernetesObject>(resource: string, key: string, pre: StorePreconditions, tryUpdate: (current: T) => T | undefined): T {
    const t = this.table(resource);
    const cur = t.get(key) as T | undefined;
    if (!cur) throw keyNotFound(key);
    checkPreconditions(key, cur, pre);
    const next = tryUpdate(cur);
    if (next === undefined || next === cur) return cur;
    const rv = ++this.rv;
    const stored = this.withRv(next, rv);
    t.set(key, stored);
    this.record(resource, { type: 'MODIFIED', rv, key, object: stored, prev: cur });
    return stored;
  }

  /** Removes an object; returns its last state with the deletion's resourceVersion. */
  delete<T extends KubernetesObject>(resource: string, key: string, pre: StorePreconditions = {}): T {
    const t = this.table(resource);
    const cur = t.get(key) as T | undefined;
    if (!cur) throw keyNotFound(key);
    checkPreconditions(key, cur, pre);
    t.delete(key);
    const rv = ++this.rv;
    const last = this.withRv(cur, rv);
    this.record(resource, { type: 'DELETED', rv, key, object: last, prev: cur });
    return last;
  }

  /**
   * Opens a watch on a resource. From `resourceVersion` it first replays the retained events after it
   * (TooOldResourceVersion when the window no longer reaches back); with `sendInitialEvents` it first
   * sends ADDED for every current object and a BOOKMARK with `k8s.io/initial-events-end`.
   */
  watch<T extends KubernetesObject>(resource: string, opts: StoreWatchOptions<T> = {}): Watcher<T> {
    const set = this.subs.get(resource) ?? new Set<Subscription>();
    this.subs.set(resource, set);
    const sub: Subscription = {
      watcher: undefined as unknown as Watcher<KubernetesObject>,
      namespace: opts.namespace,
      predicate: opts.predicate as ((o: KubernetesObject) => boolean) | undefined,
      allowBookmarks: opts.allowBookmarks ?? false,
      bookmark: opts.bookmark as Subscription['bookmark'],
    };
    // Checked before the watcher exists, so a 410 leaves nothing behind.
    const replay = opts.resourceVersion !== undefined && !opts.sendInitialEvents ? this.history(resource).since(opts.resourceVersion) : [];
    const w = new Watcher<KubernetesObject>(this.watcherBufferSize, () => set.delete(sub));
    sub.watcher = w;
    set.add(sub);
    if (opts.sendInitialEvents) {
      for (const o of this.list<KubernetesObject>(resource, opts.namespace).items) {
        if (!sub.predicate || sub.predicate(o)) w.push({ type: 'ADDED', object: o });
      }
      if (sub.bookmark) w.push({ type: 'BOOKMARK', object: sub.bookmark(String(this.rv), { 'k8s.io/initial-events-end': 'true' }) });
    } else {
      for (const e of replay) this.deliver(sub, e);
    }
    return w as unknown as Watcher<T>;
  }

  /** Sends a BOOKMARK at the current resourceVersion to every watcher that allows them. */
  sendBookmarks(): void {
    for (const set of this.subs.values()) {
      for (const sub of [...set]) {
        if (sub.allowBookmarks && sub.bookmark) sub.watcher.push({ type: 'BOOKMARK', object: sub.bookmark(String(this.rv)) });
      }
    }
  }

  /** How many watchers are open (all resources, or one). */
  watcherCount(resource?: string): number {
    if (resource !== undefined) return this.subs.get(resource)?.size ?? 0;
    let n = 0;
    for (const s of this.subs.values()) n += s.size;
    return n;
  }

  /** Forgets the watch history up to the current version, so a watch from any older version gets 410. */
  compact(): void {
    for (const h of this.histories.values()) h.compact(this.rv);
  }

  /** Closes every watcher, as an apiserver restart would. */
  closeAllWatchers(): void {
    for (const set of this.subs.values()) for (const sub of [...set]) sub.watcher.end('stopped');
  }

  /** The oldest version a watch on `resource` may resume from. */
  oldestResourceVersion(resource: string): number {
    return this.history(resource).oldest;
  }

  private record(resource: string, event: StoreEvent): void {
    this.history(resource).push(event);
    this.outbox.push({ resource, event });
    if (this.dispatching) return; // a write made by a listener: delivered in order by the outer loop
    this.dispatching = true;
    try {
      for (let i = 0; i < this.outbox.length; i++) {
        const { resource: r, event: e } = this.outbox[i]!;
        const set = this.subs.get(r);
        if (!set || set.size === 0) continue;
        for (const sub of [...set]) this.deliver(sub, e);
      }
    } finally {
      this.outbox.length = 0;
      this.dispatching = false;
    }
  }

  private deliver(sub: Subscription, e: StoreEvent): void {
    if (sub.watcher.done) return;
    if (sub.namespace !== undefined && keyNamespace(e.key) !== sub.namespace) return;
    let ev: WatchEvent<KubernetesObject> | undefined;
    if (!sub.predicate) ev = { type: e.type, object: e.object };
    else {
      const now = e.type === 'DELETED' ? false : sub.predicate(e.object);
      const before = e.prev !== undefined && e.type !== 'ADDED' ? sub.predicate(e.prev) : false;
      if (e.type === 'DELETED') ev = before ? { type: 'DELETED', object: e.object } : undefined;
      else if (now && before) ev = { type: 'MODIFIED', object: e.object };
      else if (now) ev = { type: 'ADDED', object: e.object };
      // Stopped matching: the watcher sees it leave, with the new state (as the apiserver's cacher does).
      else if (before) ev = { type: 'DELETED', object: e.object };
    }
    if (ev && !sub.watcher.push(ev)) sub.watcher.end('overflow');
  }
}

function cmpKey(a: KubernetesObject, b: KubernetesObject): number {
  const an = a.metadata?.namespace ?? '';
  const bn = b.metadata?.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata?.name ?? '';
  const b1 = b.metadata?.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

function checkPreconditions(key: string, cur: KubernetesObject, pre: StorePreconditions): void {
  if (pre.uid !== undefined && pre.uid !== '' && pre.uid !== cur.metadata?.uid) {
    throw preconditionFailed(key, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata?.uid ?? ''}`);
  }
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== '' && pre.resourceVersion !== cur.metadata?.resourceVersion) {
    throw resourceVersionConflict(
      key,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata?.resourceVersion ?? ''}`,
    );
  }
}

export { StorageError };
