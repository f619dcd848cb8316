/**
 * fast-check arbitraries of bad HTTP requests for the apiserver door. Half are a request a real client
 * would send to the seeded namespace (get, list, watch, log, create, update, patch, delete, binding …)
 * with exactly one thing broken — its path, method, query, Content-Type, Accept, extra headers or body;
 * the rest are chaos built from route pieces (fuzz-pieces.ts).
 */
import fc from 'fast-check';
import {
  acceptArb, badBody, contentTypeArb, extraHeadersArb, json, junkPairs, junkSegment, junkValue, mangledPath, methodArb, podBody, queryString,
  type BodyCase, type FuzzTarget,
} from './fuzz-pieces.js';
import type { RawRequest } from './raw-http.js';

export { podBody, type FuzzTarget } from './fuzz-pieces.js';

/** A request and the name of its body, for the report. */
export interface FuzzRequest {
  request: RawRequest;
  label: string;
}

// ---------- well-formed requests ----------

/** What a real client sends: method, path, query pairs, body. */
interface Template {
  label: string;
  method: string;
  path: string;
  query: [string, string][];
  body?: BodyCase;
  /** The valid body before any breakage (for body defects). */
  valid?: unknown;
}

/** The label selector of every collection request: all seeded pods but the last, which only takes dry runs. */
export function guardSelector(t: FuzzTarget): string {
  return `app=fuzz,tier!=${t.pods[t.pods.length - 1]}`;
}

/** Real requests against the seeded namespace; writes are dry runs mostly, so the fuzz keeps its targets. */
function templates(t: FuzzTarget): fc.Arbitrary<Template> {
  const ns = `/api/v1/namespaces/${t.namespace}`;
  const pod = fc.constantFrom(...t.pods);
  const dry = fc.constantFrom<[string, string][]>([['dryRun', 'All']], [['dryRun', 'All']], [['dryRun', 'All']], []);
  const dryAll: [string, string][] = [['dryRun', 'All']];
  // The last pod only ever takes dry runs, so the end of the fuzz can check nothing changed it.
  const guarded = t.pods[t.pods.length - 1];
  const podAndDry = fc.tuple(pod, dry).map(([n, q]): [string, [string, string][]] => [n, n === guarded ? dryAll : q]);
  // Every collection request selects around the guarded pod, so a method or body defect that turns it into
  // a real delete-collection leaves that pod alone.
  const guard: [string, string] = ['labelSelector', guardSelector(t)];
  const listQuery = fc.subarray([['limit', '1'], ['fieldSelector', 'metadata.name=alpha'], ['resourceVersion', '0'], ['resourceVersionMatch', 'NotOlderThan']] as [string, string][]);
  const body = (label: string, v: unknown, contentType?: string): { body: BodyCase; valid: unknown } => ({ body: json(label, v, contentType), valid: v });
  return fc.oneof(
    pod.map((n) => ({ label: 'get', method: 'GET', path: `${ns}/pods/${n}`, query: [] })),
    listQuery.map((q) => ({ label: 'list', method: 'GET', path: `${ns}/pods`, query: [guard, ...q] })),
    fc.tuple(fc.constantFrom(`${ns}/pods`, '/api/v1/pods', '/api/v1/namespaces', `/api/v1/watch/namespaces/${t.namespace}/pods`), fc.constantFrom<[string, string][]>([['watch', 'true']], [['watch', '1'], ['resourceVersion', '0']], [['watch', 'true'], ['timeoutSeconds', '30']], [['watch', 'true'], ['allowWatchBookmarks', 'true'], ['sendInitialEvents', 'true'], ['resourceVersionMatch', 'NotOlderThan']]))
      .map(([path, q]) => ({ label: 'watch', method: 'GET', path, query: path.includes('/watch/') ? [] : [guard, ...q] })),
    fc.tuple(pod, fc.constantFrom<[string, string][]>([], [['container', 'main']], [['follow', 'true']], [['tailLines', '1'], ['timestamps', 'true']])).map(([n, q]) => ({ label: 'log', method: 'GET', path: `${ns}/pods/${n}/log`, query: q })),
    fc.tuple(pod, fc.constantFrom('exec', 'attach')).map(([n, sub]) => ({ label: sub, method: 'POST', path: `${ns}/pods/${n}/${sub}`, query: [['command', 'ls'], ['stdout', 'true']] as [string, string][] })),
    // The selector is no CreateOptions field (ignored); it keeps a method defect's delete-collection guarded.
    dry.map((q) => ({ label: 'create', method: 'POST', path: `${ns}/pods`, query: [...q, guard], ...body('pod', podBody('fz-new', t.namespace)) })),
    fc.tuple(podAndDry, fc.constantFrom('', '/status')).map(([[n, q], sub]) => ({ label: `update${sub}`, method: 'PUT', path: `${ns}/pods/${n}${sub}`, query: q, ...body('pod', { ...podBody(n, t.namespace), metadata: { ...podBody(n, t.namespace).metadata, labels: { app: 'fuzz', changed: 'yes' } } }) })),
    podAndDry.map(([n, q]) => ({ label: 'ephemeralcontainers', method: 'PUT', path: `${ns}/pods/${n}/ephemeralcontainers`, query: q, ...body('pod', { ...podBody(n, t.namespace), spec: { ...podBody(n, t.namespace).spec, ephemeralContainers: [{ name: 'debugger', image: 'busybox', targetContainerName: 'main' }] } }) })),
    podAndDry.map(([n, q]) => ({ label: 'merge patch', method: 'PATCH', path: `${ns}/pods/${n}`, query: q, ...body('merge patch', { metadata: { labels: { patched: 'yes' } } }, 'application/merge-patch+json') })),
    podAndDry.map(([n, q]) => ({ label: 'strategic patch', method: 'PATCH', path: `${ns}/pods/${n}`, query: q, ...body('strategic patch', { spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } }, 'application/strategic-merge-patch+json') })),
    podAndDry.map(([n, q]) => ({ label: 'json patch', method: 'PATCH', path: `${ns}/pods/${n}`, query: q, ...body('json patch', [{ op: 'add', path: '/metadata/labels/patched', value: 'yes' }, { op: 'test', path: '/metadata/name', value: n }], 'application/json-patch+json') })),
    podAndDry.map(([n, q]) => ({ label: 'apply', method: 'PATCH', path: `${ns}/pods/${n}`, query: [...q, ['fieldManager', 'fuzz']] as [string, string][], ...body('apply', { apiVersion: 'v1', kind: 'Pod', metadata: { name: n, labels: { applied: 'yes' } } }, 'application/apply-patch+yaml') })),
    fc.tuple(fc.constantFrom(...t.pods.slice(0, -1)), dry).map(([n, q]) => ({ label: 'delete', method: 'DELETE', path: `${ns}/pods/${n}`, query: q, ...body('delete options', { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 30, dryRun: q.length > 0 ? ['All'] : [] }) })),
    fc.constant<Template>({ label: 'deletecollection', method: 'DELETE', path: `${ns}/pods`, query: [...dryAll, guard] }),
    pod.map((n) => ({ label: 'binding', method: 'POST', path: `${ns}/pods/${n}/binding`, query: [['dryRun', 'All']] as [string, string][], ...body('binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: n }, target: { kind: 'Node', name: 'node-1' } }) })),
    dry.map((q) => ({ label: 'create namespace', method: 'POST', path: '/api/v1/namespaces', query: q, ...body('namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fz-ns' } }) })),
    fc.constantFrom('/api/v1/nodes', '/api/v1/nodes/node-1', `${ns}/events`, '/api/v1/namespaces/default', '/api', '/api/v1', '/apis', '/version', '/openapi/v3', '/openapi/v3/api/v1', '/healthz').map((path) => ({ label: 'read', method: 'GET', path, query: [] })),
  );
}

/** Assembles the wire request (and a short rendering for counterexamples: bodies run to megabytes). */
function toFuzzRequest(label: string, method: string, path: string, headers: Record<string, string>, body: BodyCase | undefined, chunked: boolean): FuzzRequest {
  const h = { ...headers };
  if (body?.contentType !== undefined && h['Content-Type'] === undefined) h['Content-Type'] = body.contentType;
  const request: RawRequest = { method, path, headers: h, chunked, ...(body?.body ? { body: body.body } : {}) };
  const short = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length})` : s);
  const shown = (): string =>
    JSON.stringify({ label, method, path: short(path), headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, short(v)])), chunked, body: body?.body ? `${body.label}: ${short(body.body.toString('latin1'))}` : undefined });
  return Object.assign({ request, label: `${label}${body ? ` / ${body.label}` : ''}` }, { [fc.toStringMethod]: shown });
}

/** A well-formed request with exactly one defect (or none: the happy path must stay whole too). */
function oneDefect(t: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ tpl: templates(t), defect: fc.constantFrom('none', 'path', 'method', 'query', 'content-type', 'accept', 'headers', 'body', 'body', 'body'), chunked: fc.boolean() })
    // A request to the guarded pod keeps its method: a GET or a dry run turned DELETE would really delete it.
    .map((r) => (r.defect === 'method' && r.tpl.path.endsWith(`/pods/${t.pods[t.pods.length - 1]}`) ? { ...r, defect: 'headers' } : r))
    .chain(({ tpl, defect, chunked }) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      const base = { path: fc.constant(tpl.path), method: fc.constant(tpl.method), query: fc.constant<(readonly [string, string, boolean?])[]>(tpl.query), headers: fc.constant(headers), body: fc.constant(tpl.body) };
      const arbs = {
        ...base,
        ...(defect === 'path' ? { path: mangledPath(tpl.path) } : {}),
        ...(defect === 'method' ? { method: methodArb } : {}),
        ...(defect === 'query' ? { query: junkPairs.map((p) => [...tpl.query, ...p]) } : {}),
        ...(defect === 'content-type' ? { headers: contentTypeArb.map((ct) => ({ ...headers, 'Content-Type': ct })) } : {}),
        ...(defect === 'accept' ? { headers: acceptArb.map((a) => ({ Accept: a })) } : {}),
        ...(defect === 'headers' ? { headers: extraHeadersArb.map((x) => ({ ...headers, ...x })) } : {}),
        ...(defect === 'body' ? { body: badBody(tpl.valid ?? podBody(t.pods[0]!, t.namespace), t).map((b) => ({ ...b, contentType: b.contentType ?? tpl.body?.contentType ?? 'application/json' })) } : {}),
      };
      return fc.record(arbs).map((r) => toFuzzRequest(`${tpl.label} [${defect}]`, r.method, `${r.path}${queryString(r.query)}`, r.headers, r.body, chunked));
    });
}

// ---------- chaos ----------

/** Route pieces thrown together: any method, path, query, headers and body. */
function chaos(t: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const seg = (real: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ weight: 4, arbitrary: real }, { weight: 1, arbitrary: junkSegment });
  const path = fc
    .tuple(
      fc.constantFrom('/api/v1', '/api/v1', '/api/v1/watch', '/api/v1/proxy', '/api/v2', '/api', '/apis', '/apis/apps/v1', '/apis/core/v1', '/version', '/openapi/v3', '/openapi/v2', '/healthz', ''),
      fc.array(seg(fc.constantFrom('namespaces', t.namespace, 'pods', ...t.pods, 'status', 'log', 'exec', 'binding', 'ephemeralcontainers', 'finalize', 'nodes', 'node-1', 'events', 'api', 'v1')), { maxLength: 6 }),
    )
    .map(([prefix, segs]) => [prefix, ...segs].join('/') || '/');
  const anyBody: fc.Arbitrary<BodyCase | undefined> = fc.oneof(
    fc.constant(undefined),
    badBody(podBody(t.pods[0]!, t.namespace), t),
    fc.array(fc.record({ op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), fc.string({ maxLength: 4 })), path: fc.oneof(fc.constantFrom('/metadata/labels/x', '/metadata/name', '/spec/containers/0/image', '/spec/containers/-', '/spec', '', '/', '/metadata/labels/~1', '/spec/containers/99'), fc.string({ maxLength: 10 })), value: junkValue, from: fc.constantFrom('/metadata/labels', '/spec', '', '/nope') }, { requiredKeys: ['op'] }), { maxLength: 4 })
      .map((ops) => json('json patch junk', ops, 'application/json-patch+json')),
    fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml')).map(([v, ct]) => json('patch junk', v, ct)),
    fc.record({ kind: fc.constantFrom<unknown>('DeleteOptions', 'Pod', 1), apiVersion: fc.constantFrom<unknown>('v1', 'meta.k8s.io/v1', 'v2', 'a/b/c', null), gracePeriodSeconds: junkValue, propagationPolicy: junkValue, preconditions: junkValue, dryRun: junkValue }, { requiredKeys: [] })
      .map((o) => json('delete options junk', o)),
  );
  return fc
    .record({
      method: methodArb,
      path: fc.oneof({ weight: 3, arbitrary: path }, { weight: 1, arbitrary: path.chain(mangledPath) }),
      query: fc.oneof(fc.constant([]), junkPairs),
      tail: fc.constantFrom('', '', '', '?', '&', '#frag'),
      contentType: fc.option(contentTypeArb, { nil: undefined }),
      accept: fc.option(acceptArb, { nil: undefined }),
      extra: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeadersArb }),
      body: anyBody,
      chunked: fc.boolean(),
    })
    .map(({ method, path, query, tail, contentType, accept, extra, body, chunked }) => {
      const headers: Record<string, string> = { ...extra };
      if (contentType !== undefined) headers['Content-Type'] = contentType;
      if (accept !== undefined) headers.Accept = accept;
      const q = queryString(query);
      return toFuzzRequest('chaos', method, `${path}${q}${q === '' || tail !== '?' ? tail : ''}`, headers, body, chunked);
    });
}

/** Bad requests against `t`: half a real request with one defect, half chaos. */
export function badRequests(t: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(oneDefect(t), chaos(t));
}
