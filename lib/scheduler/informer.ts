/**
 * A small informer (client-go `tools/cache` reflector + store): list, then watch from the list's
 * resourceVersion, keeping a local copy and calling add/update/delete handlers synchronously. When the
 * watch is closed under it (an overflow, an expired resourceVersion, a timeout) it lists again on the next
 * clock tick and reconciles, as a reflector's relist does.
 */
import type { KubernetesList, KubernetesObject, WatchEvent } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import type { Watcher } from '../store/watcher.js';

/** The list and watch verbs an informer needs (a ResourceClient has them). */
export interface ListWatch<T extends KubernetesObject> {
  list(query?: { fieldSelector?: string }): KubernetesList<T>;
  watch(query?: { fieldSelector?: string; resourceVersion?: string }): Watcher<T>;
}

/** `ResourceEventHandler` */
export interface InformerHandlers<T> {
  onAdd(obj: T): void;
  onUpdate(oldObj: T, obj: T): void;
  onDelete(obj: T): void;
}

/** `MetaNamespaceKeyFunc`: `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(obj: KubernetesObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name ?? ''}` : (obj.metadata?.name ?? '');
}

/** A list-watch cache of one resource. */
export class Informer<T extends KubernetesObject> {
  /** The objects as last seen, by key. */
  readonly store = new Map<string, T>();
  private watcher: Watcher<T> | undefined;
  private stopped = false;

  constructor(
    private readonly lw: ListWatch<T>,
    private readonly handlers: InformerHandlers<T>,
    private readonly clock: Clock,
    private readonly fieldSelector?: string,
  ) {}

  /** Lists, delivers every object (as adds, or as updates and deletes when relisting), then watches. */
  start(): void {
    if (this.stopped) return;
    const q = this.fieldSelector ? { fieldSelector: this.fieldSelector } : {};
    const list = this.lw.list(q);
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = objectKey(obj);
      seen.add(key);
      this.apply({ type: 'ADDED', object: obj });
    }
    for (const [key, obj] of [...this.store]) {
      if (!seen.has(key)) this.apply({ type: 'DELETED', object: obj });
    }
    const rv = list.metadata.resourceVersion;
    const w = this.lw.watch({ ...q, ...(rv ? { resourceVersion: rv } : {}) });
    this.watcher = w;
    w.onEvent((e) => this.apply(e));
    w.onEnd((reason) => {
      if (this.stopped || reason === 'stopped') return;
      this.clock.setTimer(0, () => this.start());
    });
  }

  /** Stops watching. */
  stop(): void {
    this.stopped = true;
    this.watcher?.stop();
  }

  private apply(e: WatchEvent<T>): void {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') return;
    const key = objectKey(e.object);
    const old = this.store.get(key);
    if (e.type === 'DELETED') {
      if (!old) return;
      this.store.delete(key);
      this.handlers.onDelete(e.object);
      return;
    }
    this.store.set(key, e.object);
    if (!old) this.handlers.onAdd(e.object);
    else if (old.metadata?.resourceVersion !== e.object.metadata?.resourceVersion) this.handlers.onUpdate(old, e.object);
  }
}
