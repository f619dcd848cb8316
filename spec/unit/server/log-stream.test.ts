import type { Pod } from '../../../lib/api/types.js';
import { parseQueryTime } from '../../../lib/server/log-stream.js';
import { startServer, type TestServer } from '../../e2e/support/served.js';

let s: TestServer;
const pods = () => s.cluster.pods('default');
const pod = (name: string, command: string[], restartPolicy: 'Never' | 'Always' = 'Always'): Pod => ({
  metadata: { name },
  spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox:1.28', command }] },
});
const log = (p: string, query = ''): Promise<Response> => s.request(`/api/v1/namespaces/default/pods/${p}/log${query}`);
const statusOf = async (r: Response): Promise<{ code: number; reason: string; message: string }> => (await r.json()) as never;

beforeAll(async () => {
  s = await startServer();
  pods().create(pod('app', ['sh', '-c', 'echo one; sleep 2; echo two >&2; sleep 3600']));
  pods().create({
    metadata: { name: 'two' },
    spec: { initContainers: [{ name: 'init', image: 'busybox:1.28', command: ['true'] }], containers: [{ name: 'a', image: 'busybox:1.28', command: ['sleep', '3600'] }, { name: 'b', image: 'busybox:1.28', command: ['echo', 'from b'] }] },
  });
  pods().create({ metadata: { name: 'pending' }, spec: { nodeSelector: { disk: 'none' }, containers: [{ name: 'main', image: 'busybox:1.28' }] } });
  pods().create({ metadata: { name: 'bad' }, spec: { containers: [{ name: 'main', image: 'example.com/no-such-image:1' }] } });
  pods().create(pod('count', ['sh', '-c', 'for i in 1 2 3; do echo line $i; sleep 1; done'], 'Never'));
  s.cluster.runUntil(() => pods().get('app').status?.phase === 'Running' && pods().get('two').status?.phase === 'Running'
    && pods().get('bad').status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff', 120_000);
  s.cluster.advance(5_000);
});
afterAll(async () => {
  await s.close();
});

describe('GET pods/NAME/log', () => {
  it('answers the log as text/plain; the only container needs no name', async () => {
    const r = await log('app');
    expect([r.status, r.headers.get('content-type'), await r.text()]).toEqual([200, 'text/plain', 'one\ntwo\n']);
  });

  it.each([
    ['?tailLines=1', 'two\n'],
    ['?limitBytes=2', 'on'],
    ['?sinceSeconds=1', ''],
  ])('honours %s', async (query, body) => {
    expect(await (await log('app', query)).text()).toBe(body);
  });

  it('prefixes each line with its RFC 3339 nanosecond time with timestamps=true', async () => {
    expect(await (await log('app', '?timestamps=true&tailLines=1')).text()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z two\n$/);
  });

  it('reads sinceTime as RFC 3339', async () => {
    expect(await (await log('app', '?sinceTime=2000-01-01T00:00:00Z')).text()).toBe('one\ntwo\n');
    expect(await (await log('app', '?sinceTime=2100-01-01T00:00:00%2B02:00')).text()).toBe('');
  });

  it('names a container of a multi-container pod with container=', async () => {
    expect(await (await log('two', '?container=b')).text()).toBe('from b\n');
  });

  it.each([
    ['two', '', 400, 'a container name must be specified for pod two, choose one of: [init a b]'],
    ['two', '?container=nope', 400, 'container nope is not valid for pod two'],
    ['nope', '', 404, 'pods "nope" not found'],
    ['app', '?previous=true', 400, 'previous terminated container "main" in pod "app" not found'],
    ['bad', '', 400, 'container "main" in pod "bad" is waiting to start: trying and failing to pull image'],
    ['app', '?tailLines=abc', 400, 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ['app', '?sinceTime=yesterday', 400, 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
    ['app', '?tailLines=-1', 422, 'PodLogOptions "app" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0'],
    ['app', '?limitBytes=0', 422, 'PodLogOptions "app" is invalid: limitBytes: Invalid value: 0: must be greater than 0'],
    ['app', '?sinceSeconds=0', 422, 'PodLogOptions "app" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0'],
    ['app', '?sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z', 422, 'PodLogOptions "app" is invalid: []: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified'],
    // Options are validated before the pod is read.
    ['nope', '?tailLines=-1', 422, 'PodLogOptions "nope" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0'],
  ])('%s%s → %d %s', async (p, query, code, message) => {
    const r = await log(p, query);
    expect(r.status).toBe(code);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await statusOf(r)).toMatchObject({ code, message });
  });

  it('answers 204 No Content for a pod not yet on a node (no log location)', async () => {
    const r = await log('pending');
    expect([r.status, await r.text()]).toEqual([204, '']);
  });

  it('follow=true flushes the headers at once and streams lines until the container stops', async () => {
    const r = await log('count', '?follow=true');
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'text/plain']);
    const reader = r.body!.getReader();
    let text = '';
    let finished = false;
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      finished = true;
    })();
    const deadline = Date.now() + 5000;
    while (!finished && Date.now() < deadline) {
      s.cluster.advance(100);
      await new Promise((res) => setTimeout(res, 2));
    }
    expect([finished, text]).toEqual([true, 'line 1\nline 2\nline 3\n']);
    expect(pods().get('count').status?.phase).toBe('Succeeded');
  });

  it('a follower that goes away stops following; the server goes on', async () => {
    const ac = new AbortController();
    const r = await s.request('/api/v1/namespaces/default/pods/app/log?follow=true', { signal: ac.signal });
    expect(r.status).toBe(200);
    ac.abort();
    s.cluster.advance(1000);
    expect(await (await log('app', '?tailLines=1')).text()).toBe('two\n');
  });
});

describe('metav1.Time query parameters (time.Parse with time.RFC3339)', () => {
  it.each([
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00Z'],
    ['2024-02-29T10:00:00.5+01:00', '2024-02-29T09:00:00.500Z'],
    ['"2024-01-01T00:00:00Z"', '2024-01-01T00:00:00Z'],
    ['', '0001-01-01T00:00:00Z'],
    ['null', '0001-01-01T00:00:00Z'],
  ])('%p is %p', (raw, iso) => {
    expect(parseQueryTime(raw)).toBe(iso);
  });

  it.each([
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    ['2024-01-01 00:00:00Z', 'parsing time "2024-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"'],
    ['2024-01-01T00:00:00', 'parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2024-01-01T00:00:00Zjunk', 'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"'],
  ])('%p fails: %s', (raw, message) => {
    expect(() => parseQueryTime(raw)).toThrow(message);
  });
});
