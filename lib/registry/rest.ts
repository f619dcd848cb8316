import type { DeleteOptions, KubernetesList, KubernetesObject } from '../api/types.js';
import type { Watcher } from '../store/watcher.js';
import type { RequestContext, ResourceIdentity } from './strategy.js';

/** List/watch query parameters as they arrive (metav1.ListOptions), before parsing. */
export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

/** A patch request: the content type's patch kind and the raw body. */
export interface PatchRequest {
  /** `json` (RFC 6902), `merge` (RFC 7386), `strategic`, or `apply` (server-side apply). */
  type: 'json' | 'merge' | 'strategic' | 'apply';
  /** The patch document, as text or already parsed. */
  body: string | unknown;
  /** `?force=true` of a server-side apply: take fields other managers own instead of a 409. */
  force?: boolean;
}

/** The verbs of a subresource endpoint (pods/status, pods/ephemeralcontainers, pods/binding …). */
export interface SubresourceREST {
  /** The kind the endpoint takes and returns. */
  readonly kind: string;
  get?(ctx: RequestContext, name: string): KubernetesObject;
  update?(ctx: RequestContext, name: string, body: KubernetesObject): KubernetesObject;
  patch?(ctx: RequestContext, name: string, patch: PatchRequest): KubernetesObject;
  create?(ctx: RequestContext, name: string, body: KubernetesObject): KubernetesObject;
}

/**
 * One resource as both doors see it: the registry's verbs, in one place, so the HTTP door and the
 * library door cannot behave differently (apiserver's `rest.Storage` interfaces).
 */
export interface ResourceREST<T extends KubernetesObject = KubernetesObject> {
  readonly id: ResourceIdentity;
  readonly namespaced: boolean;
  get(ctx: RequestContext, name: string): T;
  list(ctx: RequestContext, q?: ListQuery): KubernetesList<T>;
  watch(ctx: RequestContext, q?: ListQuery): Watcher<T>;
  create(ctx: RequestContext, body: T): T;
  update(ctx: RequestContext, name: string, body: T): T;
  patch(ctx: RequestContext, name: string, patch: PatchRequest): T;
  delete(ctx: RequestContext, name: string, opts?: DeleteOptions): T;
  deleteCollection(ctx: RequestContext, q: ListQuery, opts?: DeleteOptions): KubernetesList<T>;
  readonly subresources: Readonly<Record<string, SubresourceREST>>;
}
