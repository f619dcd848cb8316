import type { Pod } from '../../../lib/api/types.js';
import { startServer, type TestServer } from '../../e2e/support/served.js';
import { ChannelClient } from './channel-client.js';

let s: TestServer;
const tick = (): void => {
  s.cluster.advance(50);
};
const pod = (name: string, container: Record<string, unknown>, restartPolicy: 'Never' | 'Always' = 'Never'): Pod => ({
  metadata: { name },
  spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox:1.28', ...container }] },
});
const pods = () => s.cluster.pods('default');
const phase = (name: string): string | undefined => pods().get(name).status?.phase;

beforeAll(async () => {
  // A small message limit, to see an oversized message end a session.
  s = await startServer({ execAttach: { maxMessageBytes: 4096 } });
  pods().create(pod('bb', { command: ['sleep', '3600'] }));
  pods().create(pod('term', { command: ['sh'], stdin: true, tty: true }));
  pods().create(pod('once', { command: ['cat'], stdin: true, stdinOnce: true }));
  pods().create(pod('gone', { command: ['cat'], stdin: true, stdinOnce: true }));
  pods().create(pod('open', { command: ['cat'], stdin: true }));
  pods().create(pod('ticker', { command: ['sh', '-c', 'while true; do echo tick; sleep 1; done'] }));
  s.cluster.runUntil(() => ['bb', 'term', 'once', 'gone', 'open', 'ticker'].every((n) => phase(n) === 'Running'), 120_000);
});
afterAll(async () => {
  await s.close();
});

async function open(p: string): Promise<ChannelClient> {
  const c = await ChannelClient.connect(s.served.url, `/api/v1/namespaces/default/pods/${p}`);
  if (!(c instanceof ChannelClient)) throw new Error(`upgrade refused: ${c.status} ${c.body}`);
  return c;
}
const closed = (c: ChannelClient) => (): boolean => c.closed !== undefined;
/** The commands running in bb's container (its PID namespace), `sleep 3600` first. */
const bbProcesses = (): string[] => {
  const inst = s.cluster.kubelet(pods().get('bb').spec!.nodeName!).containerInstance('default', 'bb', 'main')!;
  return inst.pids.list().filter((p) => p.alive).map((p) => p.argv.join(' '));
};
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) {
    tick();
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('pods/attach: the container\'s own process', () => {
  it('joins the terminal of a tty container: keys in, screen out, Success when the shell exits', async () => {
    const c = await open('term/attach?container=main&stdin=true&stdout=true&tty=true');
    c.resize(120, 40);
    c.stdin('\r');
    await c.until(() => c.stdout.includes('/ # '), tick);
    c.stdin('echo attached\r');
    await c.until(() => c.stdout.includes('attached\r\n'), tick);
    c.stdin('exit 5\r');
    await c.until(closed(c), tick);
    // Attach carries no exit code: CRI Attach ends when the container does.
    expect(c.statusText).toBe('{"metadata":{},"status":"Success"}');
    s.cluster.runUntil(() => phase('term') === 'Failed', 10_000);
    expect(pods().get('term').status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(5);
  });

  it('stdinOnce: the end of the first session\'s stdin closes the container\'s stdin, so `cat` ends', async () => {
    const c = await open('once/attach?stdin=true&stdout=true&stderr=true');
    c.stdin('hello\n');
    await c.until(() => c.stdout === 'hello\n', tick);
    c.closeStdin();
    await c.until(closed(c), tick);
    expect(c.statusText).toBe('{"metadata":{},"status":"Success"}');
    s.cluster.runUntil(() => phase('once') === 'Succeeded', 10_000);
  });

  it('without stdin=true, channel 0 does not reach the container', async () => {
    const c = await open('open/attach?stdout=true&stderr=true');
    c.stdin('ignored\n');
    await settle();
    expect(c.stdout).toBe('');
    c.ws.close();
    await c.until(closed(c), tick);
    expect(phase('open')).toBe('Running');
  });

  it('streams the output written while attached, and detaching leaves the container running', async () => {
    const c = await open('ticker/attach?stdout=true&stderr=true');
    await c.until(() => (c.stdout.match(/tick\n/g) ?? []).length >= 3, tick);
    c.ws.close();
    await c.until(closed(c), tick);
    expect(phase('ticker')).toBe('Running');
  });
});

describe('bad input and vanishing clients: the session ends, the processes follow the rules, the server goes on', () => {
  it('garbage on the socket (not a WebSocket frame) closes the connection and hangs up the exec terminal', async () => {
    const c = await open('bb/exec?command=sh&stdin=true&stdout=true&tty=true');
    await c.until(() => bbProcesses().includes('sh'), tick);
    c.socket.write(Buffer.from('this is not a websocket frame'));
    await c.until(closed(c), tick);
    await c.until(() => !bbProcesses().includes('sh'), tick);
    expect(bbProcesses()).toEqual(['sleep 3600']);
  });

  it('an oversized message closes the connection with 1009', async () => {
    const c = await open('bb/exec?command=sh&stdin=true&stdout=true&tty=true');
    await c.until(() => bbProcesses().includes('sh'), tick);
    c.stdin('x'.repeat(5000));
    await c.until(closed(c), tick);
    expect(c.closed?.code).toBe(1009);
    await c.until(() => !bbProcesses().includes('sh'), tick);
  });

  it('a malformed close signal ends the session with a protocol error naming the problem', async () => {
    const c = await open('bb/exec?command=sh&stdin=true&stdout=true&tty=true');
    c.ws.send(Buffer.from([255]));
    await c.until(closed(c), tick);
    expect(c.closed).toEqual({ code: 1002, reason: 'single channel byte should follow stream close signal, got 0 bytes' });
    await c.until(() => !bbProcesses().includes('sh'), tick);
  });

  it('an unknown channel, a text message and a resize that is not JSON are dropped; the session goes on', async () => {
    const c = await open('bb/exec?command=sh&stdin=true&stdout=true&tty=true');
    c.send(7, 'to nowhere');
    c.send(4, 'not json');
    c.resize(20, 10); // ignored: resize handling stopped at the bad value
    c.ws.send('\u0000echo still here\r'); // a text frame: read like a binary one
    await c.until(() => c.stdout.includes('still here\r\n'), tick);
    c.stdin('exit\r');
    await c.until(closed(c), tick);
    expect(c.statusText).toBe('{"metadata":{},"status":"Success"}');
  });

  it('resizes reach the terminal: ls lays out for the width the client sent', async () => {
    const c = await open('bb/exec?command=sh&stdin=true&stdout=true&tty=true');
    c.resize(30, 20);
    c.stdin('ls /bin\r');
    await c.until(() => /\/ # $/.test(c.stdout) && c.stdout.includes('ls /bin'), tick);
    const narrow = c.stdout.split('\r\n').length;
    const mark = c.stdout.length;
    c.resize(250, 20);
    c.stdin('ls /bin\r');
    await c.until(() => /\/ # $/.test(c.stdout.slice(mark)) && c.stdout.slice(mark).includes('ls /bin'), tick);
    expect(c.stdout.slice(mark).split('\r\n').length).toBeLessThan(narrow);
    c.stdin('exit\r');
    await c.until(closed(c), tick);
  });

  it('a client that vanishes mid-session: the exec terminal is hung up, a pipe-fed process keeps running', async () => {
    const t = await open('bb/exec?command=sh&stdin=true&stdout=true&tty=true');
    const p = await open('bb/exec?command=sleep&command=600&stdin=true&stdout=true');
    await t.until(() => bbProcesses().includes('sh') && bbProcesses().includes('sleep 600'), tick);
    t.socket.destroy();
    p.socket.destroy();
    await t.until(() => !bbProcesses().includes('sh'), tick);
    // As on a node: an exec'd process without a terminal outlives its client.
    expect(bbProcesses()).toEqual(['sleep 3600', 'sleep 600']);
  });

  it('a client of a stdinOnce attach that vanishes closes the container\'s stdin', async () => {
    const c = await open('gone/attach?stdin=true&stdout=true');
    c.stdin('bye\n');
    await c.until(() => c.stdout === 'bye\n', tick);
    c.socket.destroy();
    s.cluster.runUntil(() => phase('gone') === 'Succeeded', 10_000);
  });

  it('the server still serves exec afterwards', async () => {
    const c = await open('bb/exec?command=echo&command=ok&stdout=true');
    await c.until(closed(c), tick);
    expect([c.stdout, c.statusText]).toEqual(['ok\n', '{"metadata":{},"status":"Success"}']);
  });
});
