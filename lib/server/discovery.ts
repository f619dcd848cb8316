/**
 * Discovery as kube-apiserver 1.32 serves it: `/version`, the legacy documents (`/api` APIVersions,
 * `/apis` APIGroupList, `/api/v1` APIResourceList) and the aggregated documents kubectl 1.32 asks for first
 * (`Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,…`), all built from the
 * one resource table in `api/resources.ts`. Ports endpoints/discovery (legacy handlers) and
 * endpoints/discovery/aggregated (handler.go, wrapper.go, etag.go).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGroupList, APIResource, APIResourceList, APIVersions } from 'kubernetes-types/meta/v1.js';
import type { Info } from 'kubernetes-types/version.js';
import { groupVersionString, legacyGroupVersions, resourcesOf, type ResourceInfo } from '../api/resources.js';
import { discoveryEndpointRestrictions, isAggregatedDiscoveryGVK, negotiateOutputMediaType } from './negotiation.js';
import { encodeJSON, writeObject, writeRawJSON } from './responses.js';

/**
 * `/version` of a v1.32.5 kube-apiserver. The dispatching `kubectl` runs `kubectl.1.<minor>`, so minor
 * must be "32"; commit, build date and Go version are those of the v1.32.5 release build (the same
 * release's kubectl reports them).
 */
export const versionInfo: Info = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** `/api`: the core versions and the address clients should use. */
export function apiVersions(serverAddress: string): APIVersions {
  return {
    kind: 'APIVersions',
    versions: [...legacyGroupVersions],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `/apis`: the named groups (none are served). */
export function apiGroupList(): APIGroupList {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [] };
}

/** The APIResource entries of one group version: each resource, then its subresources, sorted by name. */
export function apiResources(group: string, version: string): APIResource[] {
  const out: APIResource[] = [];
  for (const r of resourcesOf(group, version)) {
    const main: APIResource = { name: r.resource, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs] };
    if (r.shortNames.length > 0) main.shortNames = [...r.shortNames];
    if (r.categories.length > 0) main.categories = [...r.categories];
    if (r.storageVersionHash) main.storageVersionHash = r.storageVersionHash;
    out.push(main);
    for (const s of r.subresources) {
      // Subresources carry an empty singularName; group/version only when they differ.
      const sub = { name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced } as APIResource;
      if (s.group !== undefined) sub.group = s.group;
      if (s.version !== undefined) sub.version = s.version;
      sub.kind = s.kind;
      sub.verbs = [...s.verbs];
      out.push(sub);
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `/api/v1` (legacy): the core resource list. Core documents carry no apiVersion. */
export function apiResourceList(group: string, version: string): APIResourceList {
  const list = { kind: 'APIResourceList', groupVersion: groupVersionString(group, version), resources: apiResources(group, version) };
  return (group === '' ? list : { kind: list.kind, apiVersion: 'v1', groupVersion: list.groupVersion, resources: list.resources }) as APIResourceList;
}

/** apidiscovery.k8s.io APIResourceDiscovery. */
export interface APIResourceDiscovery {
  resource: string;
  responseKind: { group: string; version: string; kind: string };
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: { subresource: string; responseKind: { group: string; version: string; kind: string }; verbs: string[] }[];
}

/** apidiscovery.k8s.io APIGroupDiscoveryList (v2 or v2beta1; the same shape). */
export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2' | 'apidiscovery.k8s.io/v2beta1';
  metadata: Record<string, never>;
  items: {
    metadata: { name?: string; creationTimestamp: null };
    versions: { version: string; resources: APIResourceDiscovery[]; freshness: 'Current' }[];
  }[];
}

/** One resource as aggregated discovery lists it (ConvertGroupVersionIntoToDiscovery). */
function resourceDiscovery(r: ResourceInfo): APIResourceDiscovery {
  const d: APIResourceDiscovery = {
    resource: r.resource,
    // Group and version stay empty unless the storage names another GVK, as in the legacy list.
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singularName,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length > 0) d.shortNames = [...r.shortNames];
  if (r.categories.length > 0) d.categories = [...r.categories];
  const subs = [...r.subresources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (subs.length > 0) {
    d.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: [...s.verbs],
    }));
  }
  return d;
}

/** The aggregated document of `/api` (the core group) or `/apis` (no groups served). */
export function aggregatedDiscovery(prefix: 'api' | 'apis', version: 'v2' | 'v2beta1' = 'v2'): APIGroupDiscoveryList {
  const items: APIGroupDiscoveryList['items'] =
    prefix === 'apis'
      ? []
      : [
          {
            metadata: { creationTimestamp: null },
            versions: legacyGroupVersions.map((v) => ({ version: v, resources: resourcesOf('', v).map(resourceDiscovery), freshness: 'Current' as const })),
          },
        ];
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** The aggregated version a request's Accept selects (WrappedHandler), or undefined for the legacy document. */
export function aggregatedVersionRequested(accept: string): 'v2' | 'v2beta1' | undefined {
  try {
    const options = negotiateOutputMediaType({ headers: { accept } }, discoveryEndpointRestrictions);
    if (isAggregatedDiscoveryGVK(options.convert)) return options.convert!.version as 'v2' | 'v2beta1';
  } catch {
    // Not acceptable as aggregated: the legacy handler answers.
  }
  return undefined;
}

/** Uppercase hex SHA-512, the ETag both aggregated discovery and OpenAPI use. */
export function sha512Hex(data: string | Buffer): string {
  return createHash('sha512').update(data).digest('hex').toUpperCase();
}

/** ServeHTTPWithETag: ETag, `Vary: Accept`, `Cache-Control: public`, 304 on a matching If-None-Match. */
function serveAggregated(req: IncomingMessage, res: ServerResponse, doc: APIGroupDiscoveryList, version: 'v2' | 'v2beta1'): void {
  const etag = JSON.stringify(sha512Hex(encodeJSON(doc)));
  res.setHeader('ETag', etag);
  res.setHeader('Vary', 'Accept');
  res.setHeader('Cache-Control', 'public');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const contentType = `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
  writeObject(res, 200, doc, { mediaType: 'application/json', contentType });
}

/** Options of {@link serveDiscovery}. */
export interface DiscoveryOptions {
  /** `host:port` clients should use (APIVersions.serverAddressByClientCIDRs). */
  serverAddress: string;
}

/**
 * Answers `GET`/`HEAD` of `/version`, `/api`, `/apis` and `/api/{version}`; returns false for any other
 * request, which the router handles. Accept negotiation failures throw a 406 StatusError.
 */
export function serveDiscovery(req: IncomingMessage, res: ServerResponse, options: DiscoveryOptions): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = new URL(`http://localhost${req.url ?? '/'}`).pathname.replace(/(.)\/+$/, '$1');
  if (path === '/version') {
    writeRawJSON(res, 200, versionInfo);
    return true;
  }
  if (path === '/api' || path === '/apis') {
    const prefix = path === '/api' ? 'api' : 'apis';
    const aggregated = aggregatedVersionRequested(req.headers.accept ?? '');
    if (aggregated) {
      serveAggregated(req, res, aggregatedDiscovery(prefix, aggregated), aggregated);
      return true;
    }
    const format = negotiateOutputMediaType(req);
    writeObject(res, 200, prefix === 'api' ? apiVersions(options.serverAddress) : apiGroupList(), format);
    return true;
  }
  const m = /^\/api\/([^/]+)$/.exec(path);
  if (m && legacyGroupVersions.includes(m[1]!)) {
    writeObject(res, 200, apiResourceList('', m[1]!), negotiateOutputMediaType(req));
    return true;
  }
  return false;
}
