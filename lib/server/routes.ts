/**
 * Which endpoint a resource request reaches, as the routes kube-apiserver's installer registers for
 * each served resource (`registerResourceHandlers` in k8s.io/apiserver pkg/endpoints/installer.go) and
 * go-restful selects among them: an unknown path is 404 `the server could not find the requested
 * resource`, a known path without the method is 405 `the server does not allow this method on the
 * requested resource` (both from the router, with empty details). Paths and verbs come from the resource
 * table (`api/resources.ts`); a resource is only routed when the registry serves it.
 */
import { findResource, findSubresource, legacyGroupVersions, type ResourceInfo, type SubresourceInfo, type Verb } from '../api/resources.js';
import { newMethodNotSupported, newNotFoundPath } from '../errors/constructors.js';
import type { Registry } from '../registry/registry.js';
import type { ResourceREST, SubresourceREST } from '../registry/rest.js';
import type { RequestInfo } from './request-info.js';
import type { StreamingSubresource, StreamingSubresources } from './streaming.js';

/** The handler families (one file each under `handlers/`). */
export type HandlerVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'stream';

/** A request matched to an endpoint. */
export interface ResourceRoute {
  readonly verb: HandlerVerb;
  readonly info: RequestInfo;
  readonly resource: ResourceInfo;
  readonly rest: ResourceREST;
  /** The request's namespace ('' for cluster-scoped resources and across all namespaces). */
  readonly namespace: string;
  /** The object name from the path ('' for collections). */
  readonly name: string;
  readonly subresource?: SubresourceInfo;
  /** The registry endpoint of an object subresource (status, ephemeralcontainers, binding …). */
  readonly subREST?: SubresourceREST;
  /** The hook of a streaming subresource (log, exec, attach). */
  readonly streaming?: StreamingSubresource;
}

/** The HTTP method each verb is served on (installer.go actions). */
const verbMethods: Readonly<Record<Verb, string>> = {
  get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE',
};

/** Subresources answered by a stream: the Connecter (exec, attach) and log storages. */
export const streamingSubresourceNames: ReadonlySet<string> = new Set(['log', 'exec', 'attach', 'portforward', 'proxy']);

const has = (verbs: readonly Verb[], v: Verb): boolean => verbs.includes(v);

/** The verb a method on an object subresource means. */
const subresourceVerbs: Readonly<Record<string, HandlerVerb>> = { GET: 'get', PUT: 'update', PATCH: 'patch', POST: 'create' };

/**
 * Matches a resource request (RequestInfo.isResourceRequest) to its endpoint, or throws the router's
 * 404 or 405 Status.
 */
export function resolveRoute(info: RequestInfo, method: string, registry: Registry, streaming: StreamingSubresources = {}): ResourceRoute {
  const notFound = newNotFoundPath();
  // Only the core group (/api/v1) is served; /apis has no groups.
  if (info.apiPrefix !== 'api' || info.apiGroup !== '' || !legacyGroupVersions.includes(info.apiVersion)) throw notFound;
  const resource = findResource('', info.apiVersion, info.resource);
  const rest = resource ? registry.resource(info.resource) : undefined;
  if (!resource || !rest) throw notFound;
  const parts = info.parts;
  if (parts.length > 3) throw notFound;
  // A cluster-scoped resource has no route under /namespaces/{ns}/ (namespaces themselves excepted).
  const namespace = resource.namespaced ? info.namespace : '';
  if (!resource.namespaced && resource.resource !== 'namespaces' && info.namespace !== '') throw notFound;
  const name = parts[1] ?? '';
  const m = method.toUpperCase();
  const base = { info, resource, rest, namespace, name };

  if (info.verb === 'watch') {
    // GET …?watch=true on a collection, or the deprecated /watch/ prefix (which also takes a name).
    if (parts.length > 2) throw notFound;
    if (!has(resource.verbs, 'watch')) throw m === 'GET' ? notFound : newMethodNotSupported();
    if (m !== 'GET') throw newMethodNotSupported();
    if (resource.namespaced && namespace === '' && name !== '') throw notFound;
    return { verb: 'watch', ...base };
  }

  if (parts.length === 1) {
    // The collection: all namespaces only lists and watches.
    const allNamespaces = resource.namespaced && namespace === '';
    const allowed = new Map<string, HandlerVerb>();
    if (has(resource.verbs, 'list')) allowed.set('GET', 'list');
    if (!allNamespaces && has(resource.verbs, 'create')) allowed.set('POST', 'create');
    if (!allNamespaces && has(resource.verbs, 'deletecollection')) allowed.set('DELETE', 'deletecollection');
    if (allowed.size === 0) throw notFound;
    const verb = allowed.get(m);
    if (!verb) throw newMethodNotSupported();
    return { verb, ...base };
  }

  if (resource.namespaced && namespace === '') throw notFound;

  if (parts.length === 2) {
    const allowed = new Map<string, HandlerVerb>();
    for (const v of ['get', 'update', 'patch', 'delete'] as const) if (has(resource.verbs, v)) allowed.set(verbMethods[v], v);
    if (allowed.size === 0) throw notFound;
    const verb = allowed.get(m);
    if (!verb) throw newMethodNotSupported();
    return { verb, ...base };
  }

  const subresource = findSubresource(resource, parts[2]!);
  if (!subresource) throw notFound;
  if (streamingSubresourceNames.has(subresource.name)) {
    const hook = streaming[`${resource.resource}/${subresource.name}`];
    if (!hook) throw notFound;
    if (!hook.methods.includes(m)) throw newMethodNotSupported();
    return { verb: 'stream', ...base, subresource, streaming: hook };
  }
  const subREST = rest.subresources[subresource.name];
  if (!subREST) throw notFound;
  const verb = subresourceVerbs[m];
  if (!verb || !has(subresource.verbs, verb as Verb) || !subREST[verb as 'get' | 'update' | 'patch' | 'create']) throw newMethodNotSupported();
  return { verb, ...base, subresource, subREST };
}
