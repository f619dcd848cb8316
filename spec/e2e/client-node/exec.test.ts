import * as k8s from '@kubernetes/client-node';
import { PassThrough, Readable } from 'node:stream';
import { startServer, type TestServer } from '../support/served.js';

let s: TestServer;
let kc: k8s.KubeConfig;
const pods = () => s.cluster.pods('default');

beforeAll(async () => {
  s = await startServer();
  kc = new k8s.KubeConfig();
  // Never loadFromDefault: it would read $KUBECONFIG or the user's own kubeconfig.
  kc.loadFromString(s.served.kubeconfig);
  pods().create({ metadata: { name: 'ephemeral-demo' }, spec: { containers: [{ name: 'ephemeral-demo', image: 'registry.k8s.io/pause:3.1' }] } });
  pods().create({ metadata: { name: 'bb' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sleep', '3600'] }] } });
  pods().create({ metadata: { name: 'term' }, spec: { restartPolicy: 'Never', containers: [{ name: 'sh', image: 'busybox:1.28', command: ['sh'], stdin: true, tty: true }] } });
  s.cluster.runUntil(() => ['ephemeral-demo', 'bb', 'term'].every((n) => pods().get(n).status?.phase === 'Running'), 120_000);
});
afterAll(async () => {
  await s.close();
});

/** A writable that collects what it is given. */
function sink(): PassThrough & { text: () => string } {
  const p = new PassThrough();
  let text = '';
  p.on('data', (d: Buffer) => (text += d.toString('utf8')));
  return Object.assign(p, { text: () => text });
}

/** Turns the event loop, ticking the cluster, until `cond` holds. */
async function until(cond: () => boolean, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    s.cluster.advance(50);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('@kubernetes/client-node 1.4 against kubesim: Exec and Attach', () => {
  it('Exec runs a command: stdout, stderr and the Success status on the status callback', async () => {
    const out = sink();
    const err = sink();
    let status: k8s.V1Status | undefined;
    const ws = await new k8s.Exec(kc).exec('default', 'bb', 'main', ['sh', '-c', 'echo out; echo err >&2'], out, err, null, false, (st) => (status = st));
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    await until(() => status !== undefined);
    expect([out.text(), err.text(), status]).toEqual(['out\n', 'err\n', { metadata: {}, status: 'Success' }]);
  });

  it('a non-zero exit arrives as NonZeroExitCode with the ExitCode cause', async () => {
    let status: k8s.V1Status | undefined;
    await new k8s.Exec(kc).exec('default', 'bb', 'main', ['sh', '-c', 'exit 3'], sink(), sink(), null, false, (st) => (status = st));
    await until(() => status !== undefined);
    expect(status).toEqual({
      metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('stdin goes in on channel 0 and its end is the v5 close signal', async () => {
    const out = sink();
    let status: k8s.V1Status | undefined;
    await new k8s.Exec(kc).exec('default', 'bb', 'main', ['cat'], out, sink(), Readable.from(['hello\n', 'client-node\n']), false, (st) => (status = st));
    await until(() => status !== undefined);
    expect([out.text(), status?.status]).toEqual(['hello\nclient-node\n', 'Success']);
  });

  it('exec of a shell in the pause image: the runtime\'s message and exit code 126', async () => {
    const out = sink();
    let status: k8s.V1Status | undefined;
    await new k8s.Exec(kc).exec('default', 'ephemeral-demo', 'ephemeral-demo', ['sh'], out, sink(), null, false, (st) => (status = st));
    await until(() => status !== undefined);
    expect(out.text()).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n');
    expect(status?.details?.causes).toEqual([{ reason: 'ExitCode', message: '126' }]);
  });

  it('a missing pod fails the upgrade (the apiserver\'s 404)', async () => {
    // client-node rejects with the WebSocket library's error event.
    await expect(new k8s.Exec(kc).exec('default', 'nope', 'main', ['true'], sink(), sink(), null, false)).rejects.toMatchObject({
      message: 'Unexpected server response: 404',
    });
  });

  it('Attach joins a tty container\'s shell', async () => {
    const out = sink();
    const stdin = new PassThrough();
    await new k8s.Attach(kc).attach('default', 'term', 'sh', out, null, stdin, true);
    stdin.write('echo attached-from-node\r');
    await until(() => out.text().includes('attached-from-node\r\n'));
    stdin.write('exit\r');
    await until(() => pods().get('term').status?.phase === 'Succeeded');
  });
});
