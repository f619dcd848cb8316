import { mutableMeta, type DeleteOptions, type KubernetesList, type KubernetesObject, type MutableObjectMeta, type ObjectMeta } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import { rfc3339 } from '../clock/clock.js';
import {
  newAlreadyExists, newConflict, newInvalid, newNotFound, OptimisticLockErrorMsg, type GroupResource,
} from '../errors/constructors.js';
import { StatusError } from '../errors/status-error.js';
import { invalid, type FieldError } from '../field/errors.js';
import type { Ids } from './ids.js';
import { generateName } from '../ids/generate-name.js';
import { newUID } from '../ids/uid.js';
import type { VersionedStore } from '../store/store.js';
import type { Watcher } from '../store/watcher.js';
import type { RequestContext, ResourceIdentity, Strategy } from './strategy.js';
import { deepEqual } from './deep-equal.js';
import { canonicalObject, checkName, clone, decodeRequestBody, ensureObjectNamespace } from './object-codec.js';
import { listPage, parseResourceVersion } from './list-paging.js';
import { interpretStorageError } from './storage-errors.js';
import { validateCommonFieldsOnCreate, validateCommonFieldsOnUpdate } from '../validation/object-meta.js';
import { beforeDelete, markAsDeleting, shouldDeleteDuringUpdate } from './graceful-delete.js';
import { admitNamespaceLifecycle } from './namespace-lifecycle.js';

/** List and watch options (metav1.ListOptions) after parsing. */
export interface ListOptions {
  /** Filters objects; built from label and field selectors by the caller. */
  predicate?: (obj: KubernetesObject) => boolean;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

/** Watch options (metav1.ListOptions with watch=true). */
export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

/** Options of an update (PUT or the update step of a PATCH). */
export interface UpdateOptions {
  /** The strategy of the subresource being written, when it is not the main resource. */
  strategy?: Strategy<KubernetesObject>;
  /** The update came from a PATCH: the name check has a patch wording. */
  fromPatch?: boolean;
  /** Create when missing (PUT on a resource that allows create-on-update). */
  allowCreate?: boolean;
  /** The subresource written ('' for the resource itself), for the field manager. */
  subresource?: string;
  /** Records the write in managedFields instead of the strategy's Update bookkeeping (a server-side apply). */
  managedFields?: (obj: KubernetesObject, old: KubernetesObject, ctx: RequestContext) => void;
}

/** Dependencies the registry needs from the cluster. */
export interface RegistryDeps {
  store: VersionedStore;
  clock: Clock;
  ids: Ids;
}

const storageKey = (namespaced: boolean, ns: string, name: string): string => (namespaced ? `${ns}/${name}` : name);

/**
 * The generic REST flow of the apiserver (`registry/generic/registry/store.go` with `rest.BeforeCreate`
 * and `rest.BeforeUpdate`) for one resource: the fixed order of hooks, preconditions, optimistic
 * concurrency, graceful delete, finalizers, dry run, and translation of storage errors to API errors.
 * Nothing reaches the store unless it passed validation, so a rejected write changes nothing.
 */
export class GenericStore<T extends KubernetesObject> {
  readonly gr: GroupResource;

  constructor(
    readonly id: ResourceIdentity,
    readonly strategy: Strategy<T>,
    private readonly deps: RegistryDeps,
  ) {
    this.gr = { group: id.group, resource: id.resource };
  }

  private key(ns: string, name: string): string {
    return storageKey(this.strategy.namespaced, ns, name);
  }

  /** The stored object or a 404. */
  get(ns: string, name: string): T {
    const o = this.deps.store.get<T>(this.id.resource, this.key(ns, name));
    if (!o) throw newNotFound(this.gr, name);
    return o;
  }

  /** The stored object or undefined. */
  find(ns: string, name: string): T | undefined {
    return this.deps.store.get<T>(this.id.resource, this.key(ns, name));
  }

  /** A list (all namespaces when `ns` is ''), with paging by `limit`/`continue`. */
  list(ns: string, opts: ListOptions = {}): KubernetesList<T> {
    const scope = this.strategy.namespaced && ns !== '' ? ns : undefined;
    return listPage(this.deps.store, this.id, scope, opts);
  }

  /** Opens a watch; a resourceVersion outside the history window gives 410 Expired. */
  watch(ns: string, opts: WatchOptions = {}): Watcher<T> {
    const scope = this.strategy.namespaced && ns !== '' ? ns : undefined;
    let rv: number | undefined;
    let initial = opts.sendInitialEvents ?? false;
    if (opts.resourceVersion !== undefined && opts.resourceVersion !== '') {
      rv = parseResourceVersion(opts.resourceVersion);
      // "0": start from any state — the apiserver sends the current objects as ADDED first.
      if (rv === 0) {
        rv = undefined;
        initial = true;
      }
    } else if (opts.sendInitialEvents === undefined) {
      // No resourceVersion: "start at the most recent", with synthetic ADDED events for the current state.
      initial = true;
    }
    try {
      const w = this.deps.store.watch<T>(this.id.resource, {
        ...(scope !== undefined ? { namespace: scope } : {}),
        ...(rv !== undefined ? { resourceVersion: rv } : {}),
        ...(opts.predicate ? { predicate: opts.predicate as (o: T) => boolean } : {}),
        sendInitialEvents: initial,
        allowBookmarks: opts.allowWatchBookmarks ?? false,
        bookmark: (v, annotations) => this.bookmarkObject(v, annotations),
      });
      // Without sendInitialEvents the end-of-initial-events bookmark is not part of the protocol.
      if (initial && opts.sendInitialEvents !== true) {
        const pending = w.pending;
        const last = pending[pending.length - 1];
        if (last?.type === 'BOOKMARK') (pending as unknown[]).pop();
      }
      return w;
    } catch (e) {
      throw this.translate(e, '');
    }
  }

  private bookmarkObject(rv: string, annotations?: Record<string, string>): T {
    const metadata: ObjectMeta = { resourceVersion: rv };
    if (annotations) metadata.annotations = annotations;
    return { kind: this.id.kind, apiVersion: this.id.apiVersion, metadata } as T;
  }

  /**
   * Create (POST): defaulting → mutating admission → PrepareForCreate → system metadata → validate →
   * store. `body` is not mutated.
   */
  create(ctx: RequestContext, body: T): T {
    const obj = this.decode(body, ctx);
    this.strategy.defaults?.(obj);
    const meta = mutableMeta(obj);
    // handlers/create.go: the namespace is checked before admission; NamespaceLifecycle admits first.
    this.ensureNamespace(meta, ctx);
    if (this.strategy.namespaced) admitNamespaceLifecycle(this.deps.store, ctx, this.id, obj);
    this.strategy.admitCreate?.(obj, ctx);
    fillSystemFields(meta, this.deps, ctx.now);
    if (!meta.name && meta.generateName) meta.name = generateName(this.deps.ids.rng, meta.generateName);
    this.strategy.prepareForCreate(obj, ctx);
    return this.createPrepared(ctx, obj);
  }

  /**
   * The second half of create for an object already defaulted, admitted and prepared (a resource whose
   * create pipeline is its own): validation, then the store.
   */
  createPrepared(ctx: RequestContext, obj: T): T {
    const meta = mutableMeta(obj);
    // rest.BeforeCreate: the strategy's validation, then (only if it passed) the generic metadata checks.
    let errs = this.strategy.validate(obj, ctx);
    if (errs.length === 0) errs = validateCommonFieldsOnCreate(meta, this.strategy.namespaced);
    if (errs.length > 0) throw newInvalid({ kind: this.id.kind, group: this.id.group }, meta.name ?? '', errs);
    if (ctx.dryRun) {
      if (this.find(ctx.namespace, meta.name!)) throw newAlreadyExists(this.gr, meta.name!);
      return this.canonical(obj);
    }
    try {
      return this.deps.store.create(this.id.resource, this.key(ctx.namespace, meta.name!), this.canonical(obj, '0'));
    } catch (e) {
      throw this.translate(e, meta.name!);
    }
  }

  /**
   * Update (PUT, and the last step of PATCH), in `Store.Update`'s order: the request's namespace and name
   * (400), the stored object (404), the uid precondition (409), mutating admission, the resourceVersion
   * (409), `rest.BeforeUpdate` with the (sub)resource strategy — PrepareForUpdate, server-owned metadata,
   * validation (422) — then delete-on-update when the last finalizer went, and a write only when
   * something changed.
   */
  update(ctx: RequestContext, name: string, body: T, opts: UpdateOptions = {}): T {
    const strategy = (opts.strategy ?? this.strategy) as Strategy<T>;
    const obj = this.decode(body, ctx, opts.fromPatch);
    strategy.defaults?.(obj);
    const meta = mutableMeta(obj);
    // UpdateResource checks the namespace, then the name; the patcher checks the patched object's name
    // and namespace together (checkName), so a patch moving the object reads as checkName words it.
    if (opts.fromPatch) this.checkName(obj, name, ctx.namespace);
    this.ensureNamespace(meta, ctx);
    if (!opts.fromPatch) this.checkName(obj, name, ctx.namespace);
    const key = this.key(ctx.namespace, name);
    const old = this.deps.store.get<T>(this.id.resource, key);
    if (!old) throw newNotFound(this.gr, name);
    // The uid of the body is a storage precondition (defaultUpdatedObjectInfo.Preconditions).
    if (meta.uid && meta.uid !== old.metadata?.uid) {
      throw newConflict(this.gr, name, `StorageError: invalid object, Code: 4, Key: /registry/${this.id.resource}/${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata?.uid ?? ''}`);
    }
    strategy.admitUpdate?.(obj, old, ctx, opts.subresource ?? '');
    const rv = meta.resourceVersion ?? '';
    if (rv === '' || rv === '0') {
      if (!strategy.allowUnconditionalUpdate) {
        throw newInvalid({ kind: this.id.resource, group: this.id.group }, name, [invalid('metadata.resourceVersion', 0, 'must be specified for an update')]);
      }
    } else if (rv !== old.metadata?.resourceVersion) {
      throw newConflict(this.gr, name, OptimisticLockErrorMsg);
    }
    meta.resourceVersion = old.metadata?.resourceVersion;
    // rest.BeforeUpdate: generation is the server's, then PrepareForUpdate, then what an update cannot change.
    if (old.metadata?.generation !== undefined) meta.generation = old.metadata.generation;
    else delete meta.generation;
    strategy.prepareForUpdate(obj, old, ctx);
    if (!meta.uid) meta.uid = old.metadata?.uid;
    if (old.metadata?.creationTimestamp) meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata?.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata?.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    if (opts.managedFields) opts.managedFields(obj, old, ctx);
    else strategy.updateManagedFields?.(obj, old, ctx, opts.subresource ?? '');
    // The generic metadata checks first, then the strategy's; causes are not de-duplicated.
    const errs = [...validateCommonFieldsOnUpdate(meta, old.metadata, this.strategy.namespaced), ...strategy.validateUpdate(obj, old, ctx)];
    if (errs.length > 0) throw newInvalid({ kind: this.id.kind, group: this.id.group }, name, errs);
    strategy.validateUpdateAdmission?.(obj, old, ctx, opts.subresource ?? '');
    const next = this.canonical(obj, old.metadata?.resourceVersion, false);
    if (shouldDeleteDuringUpdate(next, old, (o) => this.isFinalized(o as T))) {
      // deleteWithoutFinalizers: the stored object goes; the request's object is the answer.
      if (!ctx.dryRun) this.remove(key);
      return next;
    }
    // A write that changes nothing is not persisted: same resourceVersion, no event.
    if (deepEqual(next, old)) return old;
    if (ctx.dryRun) return next;
    try {
      return this.deps.store.update<T>(this.id.resource, key, { resourceVersion: old.metadata?.resourceVersion ?? '' }, () => next);
    } catch (e) {
      throw this.translate(e, name);
    }
  }

  /**
   * Delete (`Store.Delete`): BeforeDelete (options 422, preconditions 409, graceful deletion), then a
   * pending graceful deletion is left alone, an object held by finalizers or a grace period is written
   * with its deletion timestamp and stays, and anything else is removed. Returns the object as the
   * apiserver returns it for resources that return the deleted object (pods, namespaces, nodes).
   */
  delete(ctx: RequestContext, name: string, opts: DeleteOptions = {}): T {
    const key = this.key(ctx.namespace, name);
    const cur = this.deps.store.get<T>(this.id.resource, key);
    if (!cur) throw newNotFound(this.gr, name);
    const candidate = clone(cur);
    const decision = beforeDelete(this.id, this.strategy, candidate, opts, ctx.now);
    if (decision.pending) return cur;
    const pendingFinalizers = !this.isFinalized(cur);
    if (decision.graceful || pendingFinalizers) {
      // updateForGracefulDeletionAndFinalizers: without grace, finalizers keep the object marked as deleting.
      if (!decision.graceful) markAsDeleting(candidate, ctx.now);
      const marked = this.canonical(candidate, cur.metadata?.resourceVersion, false);
      const written = ctx.dryRun || deepEqual(marked, cur) ? marked : this.deps.store.update<T>(this.id.resource, key, {}, () => marked);
      if (pendingFinalizers || decision.gracePeriodSeconds > 0) return written;
      if (ctx.dryRun) return written;
      return this.remove(key);
    }
    if (ctx.dryRun) return cur;
    return this.remove(key);
  }

  /**
   * deletecollection (`Store.DeleteCollection`): lists what the options select, deletes each (one not
   * found any more is skipped; any other error ends the call), and answers the list as it was read.
   */
  deleteCollection(ctx: RequestContext, listOpts: ListOptions, opts: DeleteOptions = {}): KubernetesList<T> {
    const listed = this.list(ctx.namespace, { ...(listOpts.predicate ? { predicate: listOpts.predicate } : {}) });
    for (const o of listed.items) {
      try {
        this.delete({ ...ctx, namespace: o.metadata?.namespace ?? '' }, o.metadata?.name ?? '', clone(opts));
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
    return listed;
  }

  private remove(key: string): T {
    return this.deps.store.delete<T>(this.id.resource, key);
  }

  /** Whether nothing holds an object being deleted (default: no metadata.finalizers). */
  private isFinalized(o: T): boolean {
    return this.strategy.isFinalized ? this.strategy.isFinalized(o) : (o.metadata?.finalizers?.length ?? 0) === 0;
  }

  /** `rest.EnsureObjectNamespaceMatchesRequestNamespace` for this resource (see object-codec.ts). */
  ensureNamespace(meta: MutableObjectMeta, ctx: RequestContext): void {
    ensureObjectNamespace(meta, ctx, this.strategy.namespaced);
  }

  /** handlers `checkName` (see object-codec.ts). */
  checkName(obj: KubernetesObject, name: string, namespace: string): void {
    checkName(obj, name, namespace);
  }

  /** Decodes a request body as the apiserver decodes it into the Go struct (see object-codec.ts). */
  decode(body: unknown, ctx: RequestContext, fromPatch = false): T {
    return decodeRequestBody(this.id, this.strategy, body, ctx, fromPatch);
  }

  /** The object as it is written and answered (see object-codec.ts). */
  canonical(obj: T, rv?: string, full = true): T {
    return canonicalObject(this.id, this.strategy, obj, rv, full);
  }

  /** Storage errors become API errors (apiserver storage.Interpret*Error). */
  translate(e: unknown, name: string): unknown {
    return interpretStorageError(e, this.gr, name);
  }
}

/** uid, creationTimestamp; generation where the resource uses it is the strategy's job. */
function fillSystemFields(meta: MutableObjectMeta, deps: RegistryDeps, now: number): void {
  meta.uid = newUID(deps.ids.rng);
  meta.creationTimestamp = rfc3339(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
}

export { clone, parseResourceVersion };
export type { FieldError };
