/**
 * URL + method → RequestInfo, as the apiserver's `RequestInfoFactory.NewRequestInfo`
 * (k8s.io/apiserver pkg/endpoints/request/requestinfo.go, v1.32) parses every request once.
 *
 * Resource paths:
 *   /apis/{api-group}/{version}/namespaces
 *   /api/{version}/namespaces
 *   /api/{version}/namespaces/{namespace}
 *   /api/{version}/namespaces/{namespace}/{resource}
 *   /api/{version}/namespaces/{namespace}/{resource}/{resourceName}
 *   /api/{version}/{resource}
 *   /api/{version}/{resource}/{resourceName}
 * Special verbs without subresources:
 *   /api/{version}/proxy/{resource}/{resourceName}
 *   /api/{version}/proxy/namespaces/{namespace}/{resource}/{resourceName}
 * Special verbs with subresources:
 *   /api/{version}/watch/{resource}
 *   /api/{version}/watch/namespaces/{namespace}/{resource}
 * Non-resource paths: /apis/{api-group}/{version}, /apis/{api-group}, /apis, /api/{version}, /api, /healthz, /
 */

/** What the apiserver knows of a request from its URL and method. */
export interface RequestInfo {
  /** An API resource or subresource request (false for discovery, /version, /openapi, …). */
  isResourceRequest: boolean;
  /** The URL path, percent-decoded. */
  path: string;
  /**
   * The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection, proxy; for
   * non-resource requests the lower-case HTTP method.
   */
  verb: string;
  /** `api` or `apis`. */
  apiPrefix: string;
  /** `''` for core. */
  apiGroup: string;
  apiVersion: string;
  /** `''` when cluster-scoped or across all namespaces. */
  namespace: string;
  resource: string;
  subresource: string;
  /**
   * From the path, or for list/watch from a `metadata.name=` field selector (used by authorization; the
   * handler still lists). Decide get vs list by `verb`, never by `name`.
   */
  name: string;
  /** Path parts from the resource on: `[resource, name, subresource, …]`. */
  parts: string[];
  /** Raw `fieldSelector` / `labelSelector` of list, watch and deletecollection (AuthorizeWithSelectors, on in 1.32). */
  fieldSelector: string;
  labelSelector: string;
}

/** A path NewRequestInfo cannot make sense of (`/api/v1/watch`); the apiserver answers 500. */
export class RequestInfoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestInfoError';
  }
}

const apiPrefixes = new Set(['api', 'apis']);
const grouplessApiPrefixes = new Set(['api']);
/** Verbs given as the first path part after the version. */
const specialVerbs = new Set(['proxy', 'watch']);
/** Special verbs whose third part is not a subresource. */
const specialVerbsNoSubresources = new Set(['proxy']);
/** Namespace subresources, so /namespaces/x/status is not a resource named "status" in x. */
const namespaceSubresources = new Set(['status', 'finalize']);
const verbsWithSelectors = new Set(['list', 'watch', 'deletecollection']);

const methodVerbs: Record<string, string> = { POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

function splitPath(p: string): string[] {
  const trimmed = p.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/** Go's `url.URL.Path`: the decoded path (a malformed escape is left as is). */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** `Convert_Slice_string_To_bool`: only `0` and `false` (any case) are false. */
const queryBool = (v: string): boolean => v !== '0' && v.toLowerCase() !== 'false';

/** A valid path segment name (apimachinery IsValidPathSegmentName): not `.`/`..`, no `/` or `%`. */
const isValidPathSegmentName = (name: string): boolean => name !== '.' && name !== '..' && !/[/%]/.test(name);

/**
 * The value a field selector requires for `field` (fields.ParseSelector, then RequiresExactMatch): the
 * first `field=v` or `field==v` term in sorted term order. Undefined when absent or when the selector does
 * not parse.
 */
export function fieldSelectorExactMatch(selector: string, field: string): string | undefined {
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i]!;
    if (ch === '\\' && i + 1 < selector.length) {
      cur += ch + selector[i + 1]!;
      i++;
    } else if (ch === ',') {
      terms.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  terms.push(cur);
  // The parser sorts the terms, so with two candidates the smaller term wins.
  terms.sort();
  let found: string | undefined;
  for (const term of terms) {
    if (term === '') continue; // empty terms are skipped by the parser
    const m = splitTerm(term);
    if (!m) return undefined;
    const value = unescapeFieldValue(m.rhs);
    if (value === undefined) return undefined;
    if (found === undefined && m.lhs === field && m.op !== '!=') found = value;
  }
  return found;
}

/** The first operator of a term, trying `!=`, `==`, `=` at each position; escapes are not skipped (fields.splitTerm). */
function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` only; anything else is an error. */
function unescapeFieldValue(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next !== '\\' && next !== ',' && next !== '=') return undefined;
      out += next;
      i++;
    } else if (ch === ',' || ch === '=') {
      return undefined;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Parses a request as NewRequestInfo does. `url` is the request target (`/api/v1/pods?watch=true`) or a
 * URL. Throws {@link RequestInfoError} for a special verb with nothing after it.
 */
export function newRequestInfo(method: string, url: string | URL): RequestInfo {
  // Prefixing keeps a request target like `//api/v1` a path, not a protocol-relative URL.
  const u = typeof url !== 'string' ? url : url.startsWith('/') ? new URL(`http://localhost${url}`) : new URL(url, 'http://localhost');
  const p = decodedPath(u.pathname);
  const info: RequestInfo = {
    isResourceRequest: false, path: p, verb: method.toLowerCase(), apiPrefix: '', apiGroup: '', apiVersion: '',
    namespace: '', resource: '', subresource: '', name: '', parts: [], fieldSelector: '', labelSelector: '',
  };

  let parts = splitPath(p);
  if (parts.length < 3 || !apiPrefixes.has(parts[0]!)) return info;
  info.apiPrefix = parts[0]!;
  parts = parts.slice(1);
  if (!grouplessApiPrefixes.has(info.apiPrefix)) {
    // The prefix is consumed: "do we have four parts?"
    if (parts.length < 3) return info;
    info.apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0]!;
  parts = parts.slice(1);

  let verbViaPathPrefix = false;
  if (specialVerbs.has(parts[0]!)) {
    if (parts.length < 2) throw new RequestInfoError(`unable to determine kind and namespace from url, ${u.pathname}${u.search}`);
    info.verb = parts[0]!;
    parts = parts.slice(1);
    verbViaPathPrefix = true;
  } else {
    info.verb = methodVerbs[method.toUpperCase()] ?? '';
  }

  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      // /namespaces/{ns}/{resource}/…, unless the step after the name is a namespace subresource.
      if (parts.length > 2 && !namespaceSubresources.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  info.parts = parts;

  if (parts.length >= 3 && !specialVerbsNoSubresources.has(info.verb)) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;

  // No name and a GET: a list, or a watch with ?watch=true.
  if (info.name === '' && info.verb === 'get') {
    const watch = u.searchParams.getAll('watch');
    info.verb = watch.length > 0 && queryBool(watch[0]!) ? 'watch' : 'list';
    const fs = u.searchParams.getAll('fieldSelector');
    if (fs.length > 0) {
      const name = fieldSelectorExactMatch(fs[0]!, 'metadata.name');
      if (name !== undefined && isValidPathSegmentName(name)) info.name = name;
    }
  }
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';

  // Selectors only for the query-parameter verbs, not the deprecated /watch/ prefix.
  if (!verbViaPathPrefix && verbsWithSelectors.has(info.verb)) {
    info.fieldSelector = u.searchParams.getAll('fieldSelector')[0] ?? '';
    info.labelSelector = u.searchParams.getAll('labelSelector')[0] ?? '';
  }
  return info;
}
