import type { Pod } from '../../../lib/api/types.js';
import { startServer, type TestServer } from '../../e2e/support/served.js';
import { ChannelClient, rawRequest, type Refusal } from './channel-client.js';

let s: TestServer;
const tick = (): void => {
  s.cluster.advance(50);
};
const busybox = (name: string, command: string[], extra: Record<string, unknown> = {}): Pod => ({
  metadata: { name },
  spec: { containers: [{ name: 'main', image: 'busybox:1.28', command, ...extra }] },
});

beforeAll(async () => {
  s = await startServer();
  const pods = s.cluster.pods('default');
  pods.create({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.1' }] } });
  pods.create(busybox('bb', ['sleep', '3600']));
  pods.create({
    metadata: { name: 'two' },
    spec: {
      initContainers: [{ name: 'init', image: 'busybox:1.28', command: ['true'] }],
      containers: [{ name: 'a', image: 'busybox:1.28', command: ['sleep', '3600'] }, { name: 'b', image: 'busybox:1.28', command: ['sleep', '3600'] }],
    },
  });
  pods.create({ ...busybox('done', ['true']), spec: { ...busybox('done', ['true']).spec!, restartPolicy: 'Never' } });
  pods.create({ metadata: { name: 'pending' }, spec: { nodeSelector: { disk: 'none' }, containers: [{ name: 'main', image: 'busybox:1.28' }] } });
  s.cluster.runUntil(() => ['web', 'bb', 'two'].every((n) => pods.get(n).status?.phase === 'Running') && pods.get('done').status?.phase === 'Succeeded', 120_000);
});
afterAll(async () => {
  await s.close();
});

const path = (pod: string, sub: 'exec' | 'attach', query: string): string => `/api/v1/namespaces/default/pods/${pod}/${sub}?${query}`;
async function open(p: string, protocols?: string[]): Promise<ChannelClient> {
  const c = await ChannelClient.connect(s.served.url, p, protocols);
  if (!(c instanceof ChannelClient)) throw new Error(`upgrade refused: ${c.status} ${c.body}`);
  return c;
}
async function refused(p: string): Promise<Refusal> {
  const c = await ChannelClient.connect(s.served.url, p);
  if (c instanceof ChannelClient) throw new Error('upgrade accepted');
  return c;
}
const done = (c: ChannelClient) => (): boolean => c.closed !== undefined;

describe('pods/exec over WebSocket v5.channel.k8s.io', () => {
  it('selects v5, announces the streams with an empty stdout message, then output and a Success Status', async () => {
    const c = await open(path('bb', 'exec', 'command=echo&command=hi%20there&stdout=true&stderr=true'));
    expect(c.protocol).toBe('v5.channel.k8s.io');
    await c.until(done(c), tick);
    expect(c.frames[0]).toEqual({ channel: 1, data: Buffer.alloc(0) });
    expect(c.stdout).toBe('hi there\n');
    expect(c.statusText).toBe('{"metadata":{},"status":"Success"}');
    expect(c.closed?.code).toBe(1000);
  });

  it('keeps stdout and stderr apart without a TTY and reports a non-zero exit as NonZeroExitCode', async () => {
    const c = await open(path('bb', 'exec', `command=sh&command=-c&command=${encodeURIComponent('echo out; echo err >&2; exit 3')}&stdout=true&stderr=true`));
    await c.until(done(c), tick);
    expect([c.stdout, c.stderr]).toEqual(['out\n', 'err\n']);
    expect(JSON.parse(c.statusText)).toEqual({
      metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('feeds channel 0 to the process and ends its stdin on the [255, 0] close signal', async () => {
    const c = await open(path('bb', 'exec', 'command=cat&stdin=true&stdout=true&stderr=true'));
    c.stdin('hello\n');
    c.stdin('wor');
    c.stdin('ld\n');
    await c.until(() => c.stdout === 'hello\nworld\n', tick);
    expect(c.closed).toBeUndefined();
    c.closeStdin();
    await c.until(done(c), tick);
    expect(c.statusText).toBe('{"metadata":{},"status":"Success"}');
  });

  it('decodes stdin as a UTF-8 stream even when a character is split across messages', async () => {
    const c = await open(path('bb', 'exec', 'command=cat&stdin=true&stdout=true'));
    const bytes = Buffer.from('ü€\n');
    c.send(0, bytes.subarray(0, 1));
    c.send(0, bytes.subarray(1, 4));
    c.send(0, bytes.subarray(4));
    c.closeStdin();
    await c.until(done(c), tick);
    expect(c.stdout).toBe('ü€\n');
  });

  it('with tty=true gives the process a terminal: echo, CRLF, stderr merged into stdout, resize', async () => {
    const c = await open(path('bb', 'exec', 'command=sh&stdin=true&stdout=true&tty=true'));
    c.resize(200, 50);
    c.stdin('echo $((6*7)) >&2\r');
    await c.until(() => c.stdout.includes('42\r\n'), tick);
    expect(c.stdout).toContain('echo $((6*7)) >&2\r\n42\r\n');
    expect(c.stderr).toBe('');
    c.stdin('exit 4\r');
    await c.until(done(c), tick);
    expect(JSON.parse(c.statusText).details).toEqual({ causes: [{ reason: 'ExitCode', message: '4' }] });
  });

  it('serves v4.channel.k8s.io to a client that offers only it, with the same Status on channel 3', async () => {
    const c = await open(path('bb', 'exec', 'command=false&stdout=true'), ['v4.channel.k8s.io']);
    expect(c.protocol).toBe('v4.channel.k8s.io');
    await c.until(done(c), tick);
    expect(JSON.parse(c.statusText).details.causes[0].message).toBe('1');
  });

  it('refuses a client offering no served subprotocol with a 400 Status', async () => {
    const r = await ChannelClient.connect(s.served.url, path('bb', 'exec', 'command=true&stdout=true'), ['v3.channel.k8s.io', 'channel.k8s.io']);
    expect(r).toMatchObject({ status: 400 });
    expect(JSON.parse((r as Refusal).body).message).toBe(
      'requested protocol(s) are not supported: [v3.channel.k8s.io channel.k8s.io]; supports [v5.channel.k8s.io v4.channel.k8s.io]',
    );
  });

  it('an image without the command: runc\'s message on the stream and exit code 126', async () => {
    const c = await open(path('web', 'exec', 'command=sh&stdin=true&stdout=true&tty=true'));
    await c.until(done(c), tick);
    expect(c.stdout).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\r\n');
    expect(JSON.parse(c.statusText)).toMatchObject({ reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '126' }] } });
  });
});

describe('errors before the upgrade: plain answers, the same to the WebSocket GET and to the SPDY retry', () => {
  const status = (r: Refusal): Record<string, unknown> => JSON.parse(r.body) as Record<string, unknown>;

  it.each([
    ['nope', 'command=true&stdout=true', 404, 'NotFound', 'pods "nope" not found'],
    ['bb', 'command=true&stdout=true&container=nope', 400, 'BadRequest', 'container nope is not valid for pod bb'],
    ['two', 'command=true&stdout=true', 400, 'BadRequest', 'a container name must be specified for pod two, choose one of: [init a b]'],
    ['pending', 'command=true&stdout=true', 400, 'BadRequest', 'pod pending does not have a host assigned'],
  ])('exec on %s?%s → %d %s', async (pod, query, code, reason, message) => {
    const ws = await refused(path(pod, 'exec', query));
    expect(ws.status).toBe(code);
    expect(status(ws)).toMatchObject({ kind: 'Status', status: 'Failure', reason, message, code });
    // kubectl's fallback: the same URL as POST with Upgrade: SPDY/3.1; it prints this second answer.
    const spdy = await rawRequest(s.served.url, 'POST', path(pod, 'exec', query), {
      Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v5.channel.k8s.io, v4.channel.k8s.io',
    });
    expect([spdy.status, spdy.body]).toEqual([ws.status, ws.body]);
  });

  it('attach checks the same things', async () => {
    const r = await refused(path('two', 'attach', 'stdout=true&container=c'));
    expect([r.status, status(r).message]).toEqual([400, 'container c is not valid for pod two']);
  });

  it('a SPDY upgrade of a valid request is refused with a Status saying why (kubesim speaks WebSocket only)', async () => {
    const r = await rawRequest(s.served.url, 'POST', path('bb', 'exec', 'command=true&stdout=true'), { Connection: 'Upgrade', Upgrade: 'SPDY/3.1' });
    expect(r.status).toBe(400);
    expect(status(r).message).toBe('kubesim serves exec and attach over WebSocket only (v5.channel.k8s.io, v4.channel.k8s.io); SPDY/3.1 is not supported');
  });

  it('a request that does not upgrade gets 400 "Upgrade request required" once the pod checks pass', async () => {
    const plain = await rawRequest(s.served.url, 'GET', path('bb', 'exec', 'command=true&stdout=true'));
    expect([plain.status, status(plain).message]).toEqual([400, 'Upgrade request required']);
    const missing = await rawRequest(s.served.url, 'POST', path('nope', 'attach', 'stdout=true'));
    expect([missing.status, status(missing).message]).toEqual([404, 'pods "nope" not found']);
  });

  it('other methods are 405', async () => {
    const r = await rawRequest(s.served.url, 'PUT', path('bb', 'exec', 'command=true'));
    expect(r.status).toBe(405);
  });
});

describe('what the kubelet refuses after the upgrade: InternalError on the error channel', () => {
  it('exec into a container that is not running: container not found', async () => {
    const c = await open(path('done', 'exec', 'command=true&stdout=true'));
    await c.until(done(c), tick);
    expect(c.statusText).toBe(
      '{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: container not found (\\"main\\")",' +
        '"reason":"InternalError","details":{"causes":[{"message":"unable to upgrade connection: container not found (\\"main\\")"}]},"code":500}',
    );
  });

  it('attach to a container that is not running names the pod by its full name', async () => {
    const c = await open(path('done', 'attach', 'stdout=true'));
    await c.until(done(c), tick);
    expect(JSON.parse(c.statusText).message).toBe('Internal error occurred: unable to upgrade connection: container main not found in pod done_default');
  });

  it('none of stdin, stdout, stderr: the kubelet\'s remotecommand refusal', async () => {
    const c = await open(path('bb', 'exec', 'command=true'));
    await c.until(done(c), tick);
    expect(c.frames[0]).toEqual({ channel: 3, data: c.frames[0]!.data });
    expect(JSON.parse(c.statusText).message).toBe('Internal error occurred: unable to upgrade connection: you must specify at least 1 of stdin, stdout, stderr');
  });
});
