/**
 * Regressions the HTTP-door fuzzer (fuzz.test.ts) found: requests node hands over as a bare socket
 * must still get the apiserver's Status, a watch must let go of its watcher when the client leaves
 * however the request came in, and a DELETE body that is no DeleteOptions deletes nothing.
 */
import { parseRawResponse } from '../support/fuzz-heads.js';
import { sendBytes, sendHttp } from '../support/raw-http.js';
import { startServer, type TestServer } from '../support/served.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.close();
});

/** Polls the event loop (not the clock) until the store's watcher count is `n`, and returns it. */
async function watchersSettle(n: number): Promise<number> {
  for (let i = 0; i < 400 && s.cluster.store.watcherCount() !== n; i++) await new Promise((r) => setTimeout(r, 5));
  return s.cluster.store.watcherCount();
}

/** A watch of the default namespace's pods, dropped by the client as soon as its head arrives. */
const dropWatch = (headers: Record<string, string>, body?: Buffer, chunked = false) =>
  sendHttp(s.served.url, { method: 'GET', path: '/api/v1/namespaces/default/pods?watch=true', headers, chunked, ...(body ? { body } : {}) }, { timeoutMs: 5000, isStream: (status) => status === 200 });

describe('CONNECT (node hands it over as a socket; the apiserver routes it like any method)', () => {
  it("answers CONNECT on a resource path with the router's 405 MethodNotAllowed Status", async () => {
    const raw = await sendBytes(s.served.url, Buffer.from('CONNECT /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), { timeoutMs: 5000 });
    const res = parseRawResponse(raw.raw, 'CONNECT');
    expect([res.status, res.headers['content-type']]).toEqual([405, 'application/json']);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server does not allow this method on the requested resource', reason: 'MethodNotAllowed', details: {}, code: 405,
    });
  });

  it('answers CONNECT to a host (authority form) with 404 NotFound', async () => {
    const raw = await sendBytes(s.served.url, Buffer.from('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'), { timeoutMs: 5000 });
    const res = parseRawResponse(raw.raw, 'CONNECT');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });
});

describe('watches end when the client goes away (WatchServer stops the watcher)', () => {
  it('releases the watcher of a watch whose request carried a body nobody reads', async () => {
    const baseline = s.cluster.store.watcherCount();
    for (const chunked of [false, true]) {
      const res = await dropWatch({ 'Content-Type': 'application/json' }, Buffer.from(`{"pad":"${'x'.repeat(200_000)}"}`), chunked);
      expect([chunked, res.status, res.streamed]).toEqual([chunked, 200, true]);
      expect(await watchersSettle(baseline)).toBe(baseline);
    }
  });

  it('releases the watcher of a watch asked for with Upgrade headers, served on the taken-over socket', async () => {
    const baseline = s.cluster.store.watcherCount();
    for (const upgrade of ['SPDY/3.1', 'websocket', 'h2c']) {
      const res = await dropWatch({ Connection: 'Upgrade', Upgrade: upgrade });
      expect([upgrade, res.status, res.streamed]).toEqual([upgrade, 200, true]);
      expect(await watchersSettle(baseline)).toBe(baseline);
    }
  });
});

describe('DELETE bodies (DeleteOptions through the meta scheme)', () => {
  it('refuses a body that is not DeleteOptions, a Pod, with the 500 NotRegistered, and deletes nothing', async () => {
    s.cluster.pods('default').create({ metadata: { name: 'keep' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const rv = s.cluster.store.resourceVersion;
    const body = Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'keep' } }));
    const res = await sendHttp(s.served.url, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/keep?dryRun=All', headers: { 'Content-Type': 'application/json' }, body }, { timeoutMs: 5000, isStream: () => false });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
      message: 'no kind "Pod" is registered for version "v1" in scheme "k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:27"',
    });
    expect(s.cluster.store.resourceVersion).toBe(rv);
    expect(s.cluster.pods('default').get('keep').metadata?.deletionTimestamp).toBeUndefined();
  });
});

describe('known gap outside the HTTP door (lib/patch)', () => {
  // Go decodes and merges patches nested up to 10,000 levels; the patch layer recurses per level and
  // overflows the JS stack a few thousand levels down, answering 500 InternalError. Passing means fixed:
  // then turn this into `it` and drop isKnownDeepPatchOverflow from fuzz.test.ts.
  it.failing('applies a merge patch nested 9,999 levels deep without an internal error', async () => {
    s.cluster.pods('default').create({ metadata: { name: 'deep' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const body = Buffer.from(`${'{"a":'.repeat(9_999)}1${'}'.repeat(9_999)}`);
    const res = await sendHttp(s.served.url, { method: 'PATCH', path: '/api/v1/namespaces/default/pods/deep?dryRun=All', headers: { 'Content-Type': 'application/merge-patch+json' }, body }, { timeoutMs: 5000, isStream: () => false });
    expect(res.status).toBeLessThan(500);
  });
});
