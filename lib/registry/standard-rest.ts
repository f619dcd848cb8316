import type { DeleteOptions, KubernetesList, KubernetesObject } from '../api/types.js';
import type { Watcher } from '../store/watcher.js';
import { GenericStore, type RegistryDeps, type UpdateOptions } from './generic-store.js';
import { buildListPredicate } from './list-predicate.js';
import { patchObject } from './patcher.js';
import type { ListQuery, PatchRequest, ResourceREST, SubresourceREST } from './rest.js';
import type { RequestContext, ResourceIdentity, Strategy } from './strategy.js';

/**
 * The REST endpoints of a resource over the generic store: list options parsed into predicates,
 * patches applied to the stored object and then sent down the update path.
 */
export class StandardREST<T extends KubernetesObject> implements ResourceREST<T> {
  readonly store: GenericStore<T>;
  readonly subresources: Record<string, SubresourceREST> = {};

  constructor(
    readonly id: ResourceIdentity,
    strategy: Strategy<T>,
    protected readonly deps: RegistryDeps,
  ) {
    this.store = new GenericStore(id, strategy, deps);
  }

  get namespaced(): boolean {
    return this.store.strategy.namespaced;
  }

  get(ctx: RequestContext, name: string): T {
    return this.store.get(ctx.namespace, name);
  }

  list(ctx: RequestContext, q: ListQuery = {}): KubernetesList<T> {
    const predicate = buildListPredicate(this.id.resource, q, this.namespaced);
    return this.store.list(ctx.namespace, {
      ...(predicate ? { predicate } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.continue !== undefined ? { continue: q.continue } : {}),
    });
  }

  watch(ctx: RequestContext, q: ListQuery = {}): Watcher<T> {
    const predicate = buildListPredicate(this.id.resource, q, this.namespaced);
    return this.store.watch(ctx.namespace, {
      ...(predicate ? { predicate } : {}),
      ...(q.resourceVersion !== undefined ? { resourceVersion: q.resourceVersion } : {}),
      ...(q.allowWatchBookmarks !== undefined ? { allowWatchBookmarks: q.allowWatchBookmarks } : {}),
      ...(q.sendInitialEvents !== undefined ? { sendInitialEvents: q.sendInitialEvents } : {}),
    });
  }

  create(ctx: RequestContext, body: T): T {
    return this.store.create(ctx, body);
  }

  update(ctx: RequestContext, name: string, body: T): T {
    return this.store.update(ctx, name, body);
  }

  /** Applies a patch to the stored object, then takes exactly the update path (with `strategy` for a subresource). */
  patch(ctx: RequestContext, name: string, patch: PatchRequest, opts: UpdateOptions = {}): T {
    const current = this.store.get(ctx.namespace, name);
    const candidate = patchObject(current, patch, this.id, ctx);
    return this.store.update(ctx, name, candidate, { ...opts, fromPatch: true });
  }

  delete(ctx: RequestContext, name: string, opts: DeleteOptions = {}): T {
    return this.store.delete(ctx, name, opts);
  }

  deleteCollection(ctx: RequestContext, q: ListQuery, opts: DeleteOptions = {}): KubernetesList<T> {
    const predicate = buildListPredicate(this.id.resource, q, this.namespaced);
    return this.store.deleteCollection(ctx, predicate ? { predicate } : {}, opts);
  }

  /** A subresource that reads the whole object and writes it through its own strategy (status and the like). */
  addObjectSubresource(name: string, strategy: Strategy<T>): SubresourceREST {
    const sub: SubresourceREST = {
      kind: this.id.kind,
      get: (ctx, n) => this.get(ctx, n),
      update: (ctx, n, body) => this.store.update(ctx, n, body as T, { strategy: strategy as Strategy<KubernetesObject>, subresource: name }),
      patch: (ctx, n, p) => this.patch(ctx, n, p, { strategy: strategy as Strategy<KubernetesObject>, subresource: name }),
    };
    this.subresources[name] = sub;
    return sub;
  }
}
