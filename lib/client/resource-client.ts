import type { DeleteOptions, KubernetesList, KubernetesObject } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import { newMethodNotSupported, newNotFoundPath } from '../errors/constructors.js';
import type { ListQuery, PatchRequest, ResourceREST, SubresourceREST } from '../registry/rest.js';
import type { RequestContext } from '../registry/strategy.js';
import type { Watcher } from '../store/watcher.js';

/** Options every write takes. */
export interface WriteOptions {
  /** `dryRun=All`: everything runs, nothing is stored. */
  dryRun?: boolean;
  /** The field manager recorded in `metadata.managedFields` (`?fieldManager=`; default `unknown`). */
  fieldManager?: string;
  /**
   * `?fieldValidation=`: what unknown fields in the body do. `Strict` rejects them (400), `Warn` (the
   * apiserver's default) reports them in `warnings`, `Ignore` drops them silently.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Receives the request's warnings (what the HTTP door sends as `Warning` headers). */
  warnings?: string[];
}

/** Options of a delete (metav1.DeleteOptions plus dry run). */
export interface DeleteCallOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

/** The patch kinds, as client-go names them. */
export type PatchKind = PatchRequest['type'];

/**
 * A typed client for one resource in one namespace ('' = all namespaces, or a cluster-scoped resource):
 * one method per verb, each the same registry call the HTTP door makes. Errors are thrown as
 * `StatusError`s carrying the apiserver's `Status`.
 */
export class ResourceClient<T extends KubernetesObject> {
  constructor(
    protected readonly rest: ResourceREST<T>,
    protected readonly clock: Clock,
    /** The namespace this client works in ('' for all namespaces or cluster-scoped resources). */
    readonly namespace: string,
  ) {}

  protected ctx(opts: WriteOptions = {}): RequestContext {
    const ctx: RequestContext = { namespace: this.namespace, now: this.clock.now() };
    if (opts.dryRun) ctx.dryRun = true;
    if (opts.fieldManager !== undefined) ctx.fieldManager = opts.fieldManager;
    if (opts.fieldValidation !== undefined) ctx.fieldValidation = opts.fieldValidation;
    if (opts.warnings !== undefined) ctx.warnings = opts.warnings;
    return ctx;
  }

  /** GET NAME. */
  get(name: string): T {
    return this.rest.get(this.ctx(), name);
  }

  /** LIST, with label/field selectors and paging. */
  list(query: ListQuery = {}): KubernetesList<T> {
    return this.rest.list(this.ctx(), query);
  }

  /**
   * WATCH. Without `resourceVersion` the current objects come first as ADDED (as the apiserver does);
   * with one, what happened after it. Read with `for await`, `drain()`, or `onEvent(fn)`.
   */
  watch(query: ListQuery = {}): Watcher<T> {
    return this.rest.watch(this.ctx(), query);
  }

  /** CREATE. */
  create(obj: T, opts: WriteOptions = {}): T {
    return this.rest.create(this.ctx(opts), obj);
  }

  /** UPDATE (PUT) of the object named in `obj.metadata.name`. */
  update(obj: T, opts: WriteOptions = {}): T {
    return this.rest.update(this.ctx(opts), obj.metadata?.name ?? '', obj);
  }

  /** PATCH with a JSON patch (array), merge patch or strategic merge patch (object or JSON text). */
  patch(name: string, type: PatchKind, body: unknown, opts: WriteOptions = {}): T {
    return this.rest.patch(this.ctx(opts), name, { type, body });
  }

  /** DELETE; returns the object (with deletionTimestamp when the deletion is graceful). */
  delete(name: string, opts: DeleteCallOptions = {}): T {
    const del: DeleteOptions = {};
    if (opts.gracePeriodSeconds !== undefined) del.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.preconditions) del.preconditions = opts.preconditions;
    if (opts.propagationPolicy) del.propagationPolicy = opts.propagationPolicy;
    return this.rest.delete(this.ctx(opts), name, del);
  }

  /** DELETECOLLECTION of what the selectors choose. */
  deleteCollection(query: ListQuery = {}, opts: DeleteCallOptions = {}): KubernetesList<T> {
    const del: DeleteOptions = {};
    if (opts.gracePeriodSeconds !== undefined) del.gracePeriodSeconds = opts.gracePeriodSeconds;
    return this.rest.deleteCollection(this.ctx(opts), query, del);
  }

  /** GET NAME/status (resources with a status subresource: pods, nodes, namespaces). */
  getStatus(name: string): T {
    return this.getSub('status', name) as T;
  }

  /** PUT NAME/status: only the status of `obj` is taken. */
  updateStatus(obj: T, opts: WriteOptions = {}): T {
    return this.updateSub('status', obj, opts) as T;
  }

  /** PATCH NAME/status. */
  patchStatus(name: string, type: PatchKind, body: unknown, opts: WriteOptions = {}): T {
    return this.patchSub('status', name, type, body, opts) as T;
  }

  /**
   * The endpoint of a subresource verb, or the router's answer as the HTTP door gives it: 404 `the
   * server could not find the requested resource` for a subresource the resource lacks, 405 for a
   * verb it does not serve.
   */
  private sub(name: string, verb: 'get' | 'update' | 'patch'): SubresourceREST {
    const s = this.rest.subresources[name];
    if (!s) throw newNotFoundPath();
    if (!s[verb]) throw newMethodNotSupported();
    return s;
  }

  /** GET of a subresource. */
  protected getSub(sub: string, name: string): KubernetesObject {
    return this.sub(sub, 'get').get!(this.ctx(), name);
  }

  /** PUT of a subresource. */
  protected updateSub(sub: string, obj: KubernetesObject, opts: WriteOptions = {}): KubernetesObject {
    return this.sub(sub, 'update').update!(this.ctx(opts), obj.metadata?.name ?? '', obj);
  }

  /** PATCH of a subresource. */
  protected patchSub(sub: string, name: string, type: PatchKind, body: unknown, opts: WriteOptions = {}): KubernetesObject {
    return this.sub(sub, 'patch').patch!(this.ctx(opts), name, { type, body });
  }
}
