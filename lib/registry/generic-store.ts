import { mutableMeta, type DeleteOptions, type KubernetesList, type KubernetesObject, type MutableObjectMeta, type ObjectMeta } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import { rfc3339 } from '../clock/clock.js';
import {
  newAlreadyExists, newBadRequest, newConflict, newInvalid, newNotFound, newResourceExpired, OptimisticLockErrorMsg, type GroupResource,
} from '../errors/constructors.js';
import { StatusError } from '../errors/status-error.js';
import { invalid, type FieldError } from '../field/errors.js';
import type { Ids } from './ids.js';
import { generateName } from '../ids/generate-name.js';
import { newUID } from '../ids/uid.js';
import { StorageError, type VersionedStore } from '../store/store.js';
import type { Watcher } from '../store/watcher.js';
import type { RequestContext, ResourceIdentity, Strategy } from './strategy.js';
import { deepEqual } from './deep-equal.js';
import { validateCommonFieldsOnCreate, validateCommonFieldsOnUpdate } from '../validation/object-meta.js';

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
    let startAfter: string | undefined;
    if (opts.continue) {
      const tok = decodeContinue(opts.continue);
      if (tok.rv < this.deps.store.oldestResourceVersion(this.id.resource)) {
        throw newResourceExpired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      startAfter = tok.start;
    }
    const res = this.deps.store.list<T>(this.id.resource, scope, opts.predicate as ((o: T) => boolean) | undefined);
    let items = res.items;
    if (startAfter !== undefined) {
      const after = startAfter;
      items = items.filter((o) => this.sortKey(o) > after);
    }
    const meta: KubernetesList<T>['metadata'] = { resourceVersion: res.resourceVersion };
    if (opts.limit !== undefined && opts.limit > 0 && items.length > opts.limit) {
      const page = items.slice(0, opts.limit);
      meta.continue = encodeContinue(Number(res.resourceVersion), this.sortKey(page[page.length - 1]!));
      meta.remainingItemCount = items.length - opts.limit;
      items = page;
    }
    return { apiVersion: this.id.apiVersion, kind: `${this.id.kind}List`, metadata: meta, items };
  }

  private sortKey(o: KubernetesObject): string {
    return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
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
    // rest.BeforeCreate: the object's namespace must match the request.
    if (this.strategy.namespaced) {
      if (meta.namespace && meta.namespace !== ctx.namespace) {
        throw newBadRequest(`the namespace of the provided object does not match the namespace sent on the request`);
      }
      meta.namespace = ctx.namespace;
    } else {
      delete meta.namespace;
    }
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
      return obj;
    }
    try {
      return this.deps.store.create(this.id.resource, this.key(ctx.namespace, meta.name!), obj);
    } catch (e) {
      throw this.translate(e, meta.name!);
    }
  }

  /**
   * Update (PUT, and the last step of PATCH): optimistic concurrency, BeforeUpdate with the (sub)resource
   * strategy, validation, and a write only when something changed.
   */
  update(ctx: RequestContext, name: string, body: T, opts: UpdateOptions = {}): T {
    const strategy = (opts.strategy ?? this.strategy) as Strategy<T>;
    const obj = this.decode(body, ctx);
    strategy.defaults?.(obj);
    const meta = mutableMeta(obj);
    if (meta.name !== undefined && meta.name !== '' && meta.name !== name) {
      throw newBadRequest(
        opts.fromPatch
          ? `the name of the object (${meta.name}) does not match the name on the URL (${name})`
          : `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
      );
    }
    if (this.strategy.namespaced && meta.namespace && meta.namespace !== ctx.namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.name = name;
    const key = this.key(ctx.namespace, name);
    const old = this.deps.store.get<T>(this.id.resource, key);
    if (!old) throw newNotFound(this.gr, name);
    const rv = meta.resourceVersion ?? '';
    if (rv === '' && !strategy.allowUnconditionalUpdate) {
      throw newInvalid({ kind: this.id.kind, group: this.id.group }, name, [
        invalid('metadata.resourceVersion', 0, 'must be specified for an update'),
      ]);
    }
    if (rv !== '' && rv !== old.metadata?.resourceVersion) throw newConflict(this.gr, name, OptimisticLockErrorMsg);
    if (meta.uid && meta.uid !== old.metadata?.uid) {
      throw newConflict(
        this.gr,
        name,
        `StorageError: invalid object, Code: 4, Key: /registry/${this.id.resource}/${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata?.uid ?? ''}`,
      );
    }
    // rest.BeforeUpdate: server-owned metadata comes from the stored object.
    if (this.strategy.namespaced) meta.namespace = ctx.namespace;
    meta.uid = old.metadata?.uid;
    meta.creationTimestamp = old.metadata?.creationTimestamp;
    if (old.metadata?.generation !== undefined) meta.generation = old.metadata.generation;
    if (old.metadata?.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    if (old.metadata?.generateName !== undefined && meta.generateName === undefined) meta.generateName = old.metadata.generateName;
    meta.resourceVersion = old.metadata?.resourceVersion;
    strategy.prepareForUpdate(obj, old, ctx);
    strategy.updateManagedFields?.(obj, old, ctx, opts.subresource ?? '');
    // rest.BeforeUpdate: the generic metadata checks first, then the strategy's; causes are not de-duplicated.
    const errs = [...validateCommonFieldsOnUpdate(meta, old.metadata, this.strategy.namespaced), ...strategy.validateUpdate(obj, old, ctx)];
    if (errs.length > 0) throw newInvalid({ kind: this.id.kind, group: this.id.group }, name, errs);
    if (deepEqual(obj, old)) return old; // a no-op write is not persisted: same resourceVersion, no event
    if (ctx.dryRun) return obj;
    try {
      const stored = this.deps.store.update<T>(this.id.resource, key, { resourceVersion: old.metadata?.resourceVersion ?? '' }, () => obj);
      return this.finalizeIfDone(stored);
    } catch (e) {
      throw this.translate(e, name);
    }
  }

  /**
   * Delete: preconditions, graceful deletion (deletionTimestamp + grace period, the object stays),
   * finalizers (the object stays until they are removed), or removal. Returns the object as the
   * apiserver returns it for resources that return the deleted object (pods, namespaces, nodes).
   */
  delete(ctx: RequestContext, name: string, opts: DeleteOptions = {}): T {
    const key = this.key(ctx.namespace, name);
    const cur = this.deps.store.get<T>(this.id.resource, key);
    if (!cur) throw newNotFound(this.gr, name);
    const pre = opts.preconditions ?? {};
    if (pre.uid && pre.uid !== cur.metadata?.uid) {
      throw newConflict(
        this.gr,
        name,
        `StorageError: invalid object, Code: 4, Key: /registry/${this.id.resource}/${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata?.uid ?? ''}`,
      );
    }
    if (pre.resourceVersion && pre.resourceVersion !== cur.metadata?.resourceVersion) {
      throw newConflict(
        this.gr,
        name,
        `StorageError: invalid object, Code: 4, Key: /registry/${this.id.resource}/${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata?.resourceVersion ?? ''}`,
      );
    }
    if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds !== null && opts.gracePeriodSeconds < 0) {
      throw newInvalid({ kind: 'DeleteOptions', group: 'meta.k8s.io' }, '', [invalid('gracePeriodSeconds', opts.gracePeriodSeconds, 'must be greater than or equal to 0')]);
    }
    const grace = this.strategy.checkGracefulDelete?.(cur, opts.gracePeriodSeconds ?? undefined);
    const hasFinalizers = (cur.metadata?.finalizers?.length ?? 0) > 0;
    const graceful = grace !== undefined && grace > 0;
    if (graceful || hasFinalizers) {
      // BeforeDelete: set or shorten the deletion timestamp; the object stays.
      const curGrace = cur.metadata?.deletionGracePeriodSeconds;
      const already = cur.metadata?.deletionTimestamp !== undefined;
      const effective = graceful ? grace : 0;
      if (already && (!graceful || (curGrace !== undefined && effective >= curGrace))) {
        if (!hasFinalizers || graceful) return cur; // nothing to shorten
        return cur;
      }
      const next = clone(cur);
      const m = mutableMeta(next);
      m.deletionTimestamp = rfc3339(ctx.now + effective * 1000);
      m.deletionGracePeriodSeconds = effective;
      if (ctx.dryRun) return next;
      const stored = this.deps.store.update<T>(this.id.resource, key, {}, () => next);
      if (!graceful && !hasFinalizers) return this.remove(key);
      return stored;
    }
    if (ctx.dryRun) return cur;
    return this.remove(key);
  }

  /** deletecollection: deletes every object the options select, returns the list of what was deleted. */
  deleteCollection(ctx: RequestContext, listOpts: ListOptions, opts: DeleteOptions = {}): KubernetesList<T> {
    const items = this.list(ctx.namespace, { ...(listOpts.predicate ? { predicate: listOpts.predicate } : {}) }).items;
    const deleted: T[] = [];
    for (const o of items) {
      try {
        deleted.push(this.delete({ ...ctx, namespace: o.metadata?.namespace ?? '' }, o.metadata?.name ?? '', opts));
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
    return { apiVersion: this.id.apiVersion, kind: `${this.id.kind}List`, metadata: { resourceVersion: String(this.deps.store.resourceVersion) }, items: deleted };
  }

  private remove(key: string): T {
    return this.deps.store.delete<T>(this.id.resource, key);
  }

  /** An object being deleted with no finalizers left and no grace to wait for goes away (store.go's deleteWithoutFinalizers). */
  private finalizeIfDone(stored: T): T {
    const m = stored.metadata;
    const finalized = this.strategy.isFinalized ? this.strategy.isFinalized(stored) : (m?.finalizers?.length ?? 0) === 0;
    if (m?.deletionTimestamp && finalized && (m.deletionGracePeriodSeconds ?? 0) === 0) {
      return this.remove(this.key(m.namespace ?? '', m.name ?? ''));
    }
    return stored;
  }

  /**
   * Decodes a request body into a mutable copy (the caller's object is never touched or frozen); unknown
   * fields are a 400 under `fieldValidation=Strict`, a warning under Warn (the default), dropped either way.
   */
  decode(body: unknown, ctx: RequestContext): T {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw newBadRequest(`${this.id.kind} in version "v1" cannot be handled as a ${this.id.kind}: expected an object`);
    }
    if (!this.strategy.decode) return clone(body as T);
    const { object, unknownFields } = this.strategy.decode(body);
    if (unknownFields.length > 0) {
      const msgs = unknownFields.map((f) => `unknown field "${f}"`);
      if (ctx.fieldValidation === 'Strict') throw newBadRequest(`strict decoding error: ${msgs.join(', ')}`);
      if (ctx.fieldValidation !== 'Ignore') (ctx.warnings ??= []).push(...msgs);
    }
    return object;
  }

  /** Storage errors become API errors (apiserver storage.Interpret*Error). */
  translate(e: unknown, name: string): unknown {
    if (!(e instanceof StorageError)) return e;
    switch (e.code) {
      case 'KeyExists':
        return newAlreadyExists(this.gr, name);
      case 'KeyNotFound':
        return newNotFound(this.gr, name);
      case 'ResourceVersionConflict':
        return newConflict(this.gr, name, OptimisticLockErrorMsg);
      case 'PreconditionFailed':
        return newConflict(this.gr, name, e.message);
      case 'TooOldResourceVersion':
        return newResourceExpired(e.message);
    }
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

/** A plain deep copy of JSON data. */
export function clone<V>(v: V): V {
  return JSON.parse(JSON.stringify(v)) as V;
}

/** Parses a resourceVersion parameter; anything but a non-negative integer is a 400. */
export function parseResourceVersion(rv: string): number {
  if (!/^\d+$/.test(rv)) throw newBadRequest(`invalid resource version: ${rv}`);
  return Number(rv);
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(tok: string): { rv: number; start: string } {
  try {
    const o = JSON.parse(Buffer.from(tok, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof o.rv === 'number' && typeof o.start === 'string') return { rv: o.rv, start: o.start };
  } catch {
    /* fall through */
  }
  throw newBadRequest(`invalid continue token: ${tok}`);
}

export type { FieldError };
