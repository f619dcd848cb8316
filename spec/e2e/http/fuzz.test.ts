/**
 * Bad input at the HTTP door: random methods, paths built from real route pieces, query values,
 * headers and bodies (valid pods mutated, truncated, nested 10k deep, wrong types, huge, over 3 MiB),
 * sent raw through node:http, plus request heads node:http would not even send. Whatever comes in,
 * the apiserver answers: a Status with the HTTP code (4xx for a client's mistake), never a crash or a
 * hang, never a half-written store, never a watcher left behind.
 */
import type { IncomingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import type { Pod } from '../../../lib/api/types.js';
import { createCluster } from '../../../lib/cluster.js';
import { panicResponseText } from '../../../lib/patch/go-value.js';
import { badRequests, guardSelector, podBody, type FuzzTarget } from '../support/fuzz-requests.js';
import { badRequestHeads, parseRawResponse } from '../support/fuzz-heads.js';
import { sendBytes, sendHttp, type RawRequest, type RawResponse } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/served.js';

const NS = 'fuzz';
const POD_NAMES = ['alpha', 'beta', 'gamma'] as const;
const TARGET: FuzzTarget = { namespace: NS, pods: POD_NAMES };
/** Client-side bound on one exchange: an answer that takes longer is a hang. */
const EXCHANGE_TIMEOUT_MS = 8000;

let s: TestServer;
let watcherBaseline = 0;
const before = new Map<string, Pod>();
/** Seeded pods a successful write may have changed. */
const dirty = new Set<string>();
/** Answers seen, by status and reason (printed with FUZZ_DEBUG=1). */
const seen = new Map<string, number>();

beforeAll(async () => {
  s = await startServer({}, createCluster());
  s.cluster.namespaces.create({ metadata: { name: NS } });
  for (const name of POD_NAMES) s.cluster.pods(NS).create(podBody(name, NS));
  s.cluster.runUntil(() => POD_NAMES.every((n) => s.cluster.pods(NS).get(n).status?.phase === 'Running'), 60_000);
  for (const name of POD_NAMES) before.set(name, s.cluster.pods(NS).get(name));
  watcherBaseline = s.cluster.store.watcherCount();
});
afterAll(async () => {
  if (process.env.FUZZ_DEBUG) process.stderr.write(`${JSON.stringify([...seen].sort((a, b) => b[1] - a[1]))}\ndirty: ${[...dirty].join(',')}\n`);
  await s.close();
});

const contentType = (h: IncomingHttpHeaders): string => String(h['content-type'] ?? '').split(';')[0]!.trim();
const readOnly = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND']);
/** A 2xx whose body never ends by itself: a watch or a followed log (chunked, no length). */
const isStream = (status: number, h: IncomingHttpHeaders): boolean => status >= 200 && status < 300 && h['content-length'] === undefined;

/** A request target as the server parses it (WHATWG URL). */
function urlOf(target: string): URL {
  try {
    return new URL(`http://localhost${target.startsWith('/') ? target : `/${target}`}`);
  } catch {
    return new URL('http://localhost/');
  }
}

/** The path as the server resolves it (WHATWG URL, then percent-decoded). */
function pathOf(target: string): string {
  const p = urlOf(target).pathname;
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** A write that only ever ran dry: every `dryRun` is `All` (for a DELETE with a body, the body's). */
function isDryRun(r: RawRequest): boolean {
  const all = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every((x) => x === 'All');
  if (r.method.toUpperCase() === 'DELETE' && (r.body?.length ?? 0) > 0) {
    try {
      return all((JSON.parse(r.body!.toString('utf8')) as { dryRun?: unknown }).dryRun);
    } catch {
      return false;
    }
  }
  return all(urlOf(r.path).searchParams.getAll('dryRun'));
}

/**
 * The seeded pods a successful write may have changed: the one it names; none for a create, or for a
 * change to a namespace that does not delete or finalize it; else, to be safe, all of them.
 */
function touchedPods(r: RawRequest): string[] {
  const p = pathOf(r.path);
  const method = r.method.toUpperCase();
  const named = /\/pods\/([^/]+)/.exec(p);
  if (named) return (POD_NAMES as readonly string[]).includes(named[1]!) ? [named[1]!] : [];
  if (method === 'POST' && /\/(pods|namespaces)\/?$/.test(p)) return [];
  if ((method === 'PUT' || method === 'PATCH') && /^\/api\/v1\/namespaces\/[^/]+(\/status)?\/?$/.test(p)) return [];
  // A delete of the collection takes its selector from the query, even when a body brings the options.
  if (method === 'DELETE' && /\/pods\/?$/.test(p) && urlOf(r.path).searchParams.getAll('labelSelector')[0] === guardSelector(TARGET)) return POD_NAMES.slice(0, -1);
  return [...POD_NAMES];
}

/** Polls (on the event loop, not the clock) until the server has let go of every watcher it opened. */
async function watchersReleased(): Promise<number> {
  for (let i = 0; i < 400 && s.cluster.store.watcherCount() !== watcherBaseline; i++) await new Promise((r) => setTimeout(r, 5));
  return s.cluster.store.watcherCount();
}

/** The deliberate plain-text 500s: a patch that panics the apiserver, a path RequestInfo cannot parse. */
const isDeliberatePlain500 = (text: string): boolean =>
  text === `${panicResponseText}\n` || /^Internal Server Error: ".*": failed to create RequestInfo: /s.test(text);

/**
 * KNOWN BUG, outside the HTTP door: the patch layer (lib/patch, `deepCopyJson`, `mergeMap` …) recurses
 * once per nesting level, so a merge, strategic or JSON patch nested a few thousand levels deep (Go takes
 * 10,000) overflows the JS stack and answers 500. Pinned by an `it.failing` in bad-input.test.ts; drop
 * this once that one passes.
 */
const isKnownDeepPatchOverflow = (method: string, message: string | undefined): boolean =>
  method === 'PATCH' && message === 'Internal error occurred: Maximum call stack size exceeded';

/**
 * What any answer must be. 2xx: a whole body in its declared format. 3xx: only the OpenAPI handler's
 * redirect of a stale `?hash=` and a 304 to a conditional GET. Errors: a Status with the HTTP code (4xx,
 * or the apiserver's own 500s), except the bodiless answers of the HTTP layer and of the OpenAPI v3
 * handler (kube-openapi handler3 writes a bare 404/406).
 */
function checkAnswer(request: RawRequest, res: RawResponse): void {
  const method = request.method.toUpperCase();
  const ct = contentType(res.headers);
  const text = res.body.toString('utf8');
  const where = { method, path: request.path.slice(0, 200), status: res.status, ct, body: text.slice(0, 300) };
  if (res.status >= 200 && res.status < 300) {
    if (!res.streamed && method !== 'HEAD' && ct === 'application/json') expect(() => JSON.parse(text)).not.toThrow();
    if (!res.streamed && method !== 'HEAD' && ct === 'application/yaml') expect(() => parseYaml(text)).not.toThrow();
    return;
  }
  const openapi = pathOf(request.path).startsWith('/openapi/v3/');
  if (res.status >= 300 && res.status < 400) {
    const conditional = request.headers['If-None-Match'] !== undefined || request.headers['If-Modified-Since'] !== undefined;
    expect({ ...where, allowed: (res.status === 304 && conditional) || (res.status === 301 && openapi) }).toMatchObject({ allowed: true, body: '' });
    return;
  }
  if (ct === 'application/json' || ct === 'application/yaml') {
    if (method === 'HEAD') return void expect(where.status).toBeGreaterThanOrEqual(400);
    const status = (ct === 'application/yaml' ? parseYaml(text) : JSON.parse(text)) as { reason?: string; message?: string };
    expect({ ...where, status }).toMatchObject({ status: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: res.status, message: expect.any(String) } });
    if (res.status < 500) return void expect(where.status).toBeGreaterThanOrEqual(400);
    if (isKnownDeepPatchOverflow(method, status.message)) return;
    // ErrorToAPIStatus of a plain Go error — a DeleteOptions body that does not decode, a Binding that fails
    // ValidatePodBinding (returned as an aggregate, not an API error) — is the apiserver's own 500, without
    // a reason. A thrown JS error would be an InternalError.
    const p = pathOf(request.path);
    const plainGoError = (method === 'DELETE' && (request.body?.length ?? 0) > 0) || (method === 'POST' && /\/bindings?$/.test(p));
    expect({ ...where, plainGoError, reason: status.reason }).toMatchObject({ plainGoError: true, reason: undefined });
    return;
  }
  if (ct === 'text/plain') {
    // The panic filter and the RequestInfo filter answer in plain text, 500.
    expect({ ...where, deliberate: method === 'HEAD' || isDeliberatePlain500(text) }).toMatchObject({ status: 500, deliberate: true });
    return;
  }
  // Bodiless: the HTTP layer refusing a request before any handler as Go's net/http does — an unparsable
  // head (400), an oversized head (431), an Expect other than 100-continue (417) — or handler3's 404/406.
  expect(where).toMatchObject({ ct: '', body: '' });
  const bare = openapi ? [400, 404, 406, 417, 431] : [400, 417, 431];
  expect({ ...where, allowed: bare.includes(res.status) }).toMatchObject({ allowed: true });
}

/**
 * The 406 of a PartialObjectMetadata(List) conversion that does not fit the result (an object asked for
 * as a list, a list as an object): negotiation lets both through ("should delineate between lists and
 * non-list endpoints"), so the apiserver finds out only when it transforms what the write returned.
 */
function isLateNotAcceptable(res: RawResponse): boolean {
  if (res.status !== 406 || contentType(res.headers) !== 'application/json') return false;
  const message = (JSON.parse(res.body.toString('utf8') || '{}') as { message?: string }).message ?? '';
  return message.startsWith('you requested PartialObjectMetadata');
}

/** Checks one exchange and what it left behind in the cluster. */
async function checkExchange(request: RawRequest, res: RawResponse, rvBefore: number): Promise<void> {
  const ct = contentType(res.headers);
  const reason = res.status >= 400 && ct === 'application/json' && res.body.length > 0 ? ` ${String((JSON.parse(res.body.toString('utf8')) as { reason?: string }).reason)}` : '';
  const key = `${res.status}${reason}${res.streamed ? ' stream' : ''}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  // Never a hang: an answer, a refusal by node's client, or a connection the client itself dropped.
  expect({ error: res.error }).not.toEqual({ error: 'timeout' });
  expect(s.served.server.listening).toBe(true);
  if (res.status !== 0) checkAnswer(request, res);
  const ok = res.status >= 200 && res.status < 300;
  const rv = s.cluster.store.resourceVersion;
  if (isLateNotAcceptable(res)) {
    // transformResponseObject runs after the write, as in the apiserver: the write stands, the answer is 406.
    if (!readOnly.has(request.method.toUpperCase()) && !isDryRun(request)) for (const p of touchedPods(request)) dirty.add(p);
  } else if (!ok || readOnly.has(request.method.toUpperCase()) || isDryRun(request)) {
    // Nothing half-written: a failed request, a read or a dry run left the store as it was.
    expect({ status: res.status, rv }).toEqual({ status: res.status, rv: rvBefore });
  } else {
    for (const p of touchedPods(request)) dirty.add(p);
    if (process.env.FUZZ_DEBUG) process.stderr.write(`DIRTY ${touchedPods(request).join(',')} by ${request.method} ${request.path.slice(0, 100)}\n`);
  }
  // No watcher outlives its request.
  expect(await watchersReleased()).toBe(watcherBaseline);
}

/** Bounded by default; FUZZ_RUNS (and FUZZ_SEED to replay) for a longer hunt. */
const runs = (n: number): fc.Parameters<unknown> => ({
  numRuns: Number(process.env.FUZZ_RUNS ?? n),
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
  ...(process.env.FUZZ_RUNS ? {} : { interruptAfterTimeLimit: 25_000, markInterruptAsFailure: false }),
});
const hunting = process.env.FUZZ_RUNS ? 3_600_000 : 0;

describe('bad input at the HTTP door', () => {
  it('answers every malformed request with a Status of its 4xx code, and stays whole', async () => {
    await fc.assert(
      fc.asyncProperty(badRequests(TARGET), async ({ request, label }) => {
        const rvBefore = s.cluster.store.resourceVersion;
        const res = await sendHttp(s.served.url, request, { timeoutMs: EXCHANGE_TIMEOUT_MS, isStream });
        try {
          await checkExchange(request, res, rvBefore);
        } finally {
          if (process.env.FUZZ_DEBUG) process.stderr.write(`${request.method} ${request.path.slice(0, 120)} [${label}] ${JSON.stringify(request.headers).slice(0, 300)} -> ${res.status} ${res.error ?? ''} w=${s.cluster.store.watcherCount()}\n`);
        }
      }),
      runs(300),
    );
  }, 60_000 + hunting);

  it('answers request heads node:http would refuse to send, or drops them, and stays whole', async () => {
    await fc.assert(
      fc.asyncProperty(badRequestHeads(TARGET), async ({ bytes, hangUp, request }) => {
        const rvBefore = s.cluster.store.resourceVersion;
        const raw = await sendBytes(s.served.url, bytes, { timeoutMs: EXCHANGE_TIMEOUT_MS, hangUp });
        if (process.env.FUZZ_DEBUG) process.stderr.write(`RAW ${JSON.stringify(bytes.subarray(0, 120).toString('latin1'))} -> ${raw.status} ${raw.error ?? ''}\n`);
        // A client that hangs up mid-request gets no answer; any other request gets one — except `PRI`, the
        // HTTP/2 preface, which node's parser fails after the request line and drops the connection on.
        if (!hangUp && request.method !== 'PRI') expect({ status: raw.status, error: raw.error }).not.toMatchObject({ status: 0 });
        await checkExchange(request, parseRawResponse(raw.raw, request.method), rvBefore);
      }),
      runs(100),
    );
  }, 40_000 + hunting);

  it('leaves every seeded pod as it was unless a successful write named it', async () => {
    for (const name of POD_NAMES) {
      if (dirty.has(name)) continue;
      const r = await sendHttp(s.served.url, { method: 'GET', path: `/api/v1/namespaces/${NS}/pods/${name}`, headers: { Accept: 'application/json' } }, { timeoutMs: EXCHANGE_TIMEOUT_MS, isStream: () => false });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body.toString('utf8'))).toEqual({ kind: 'Pod', apiVersion: 'v1', ...before.get(name) });
    }
    expect(s.cluster.store.watcherCount()).toBe(watcherBaseline);
  });
});
