import { jest } from '@jest/globals';
import { KubectlTerminal, scriptAvailable } from '../support/terminal.js';
import { kubectlSuite } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx, tick, pods } = kubectlSuite('kubectl exec', {
  per: 'file',
  setup: () => {
    pods().create({ metadata: { name: 'ephemeral-demo' }, spec: { restartPolicy: 'Never', containers: [{ name: 'ephemeral-demo', image: 'registry.k8s.io/pause:3.1' }] } });
    pods().create({ metadata: { name: 'bb' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sleep', '3600'] }] } });
    pods().create({ metadata: { name: 'dbg' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sleep', '3600'] }] } });
    pods().create({
      metadata: { name: 'two' },
      spec: { containers: [{ name: 'a', image: 'busybox:1.28', command: ['sleep', '3600'] }, { name: 'b', image: 'busybox:1.28', command: ['sleep', '3600'] }] },
    });
    pods().create({ metadata: { name: 'done' }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.28', command: ['true'] }] } });
    ctx.s.cluster.runUntil(() => ['ephemeral-demo', 'bb', 'dbg', 'two'].every((n) => pods().get(n).status?.phase === 'Running') && pods().get('done').status?.phase === 'Succeeded', 120_000);
  },
});

describeKubectl('real kubectl 1.32 against kubesim: exec', () => {
  it('runs a command and prints its output (WebSocket v5, Success on the error channel)', async () => {
    const r = await ctx.k.run(['exec', 'bb', '--', 'echo', 'hi', 'there'], { tick });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'hi there\n', '']);
  });

  it('a non-zero exit: "command terminated with exit code N" and kubectl exits N', async () => {
    const r = await ctx.k.run(['exec', 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { tick });
    expect([r.code, r.stdout, r.stderr]).toEqual([3, 'out\n', 'err\ncommand terminated with exit code 3\n']);
  });

  it('pipes stdin with -i', async () => {
    const r = await ctx.k.run(['exec', '-i', 'bb', '--', 'sh', '-c', 'while read l; do echo "<$l>"; done'], { tick, stdin: 'hello\nworld\n' });
    expect([r.code, r.stdout]).toEqual([0, '<hello>\n<world>\n']);
  });

  it('into the pause image (no shell): the runtime\'s message and exit code 126, as the ephemeral-containers page shows', async () => {
    const r = await ctx.k.run(['exec', 'ephemeral-demo', '--', 'sh'], { tick });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      126,
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n',
      'command terminated with exit code 126\n',
    ]);
  });

  it('picks the first container of a pod with several and says so', async () => {
    const r = await ctx.k.run(['exec', 'two', '--', 'hostname'], { tick });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'two\n', 'Defaulted container "a" out of: a, b\n']);
  });

  it.each([
    [['exec', 'bb', '-c', 'nope', '--', 'true'], 'Error from server (BadRequest): container nope is not valid for pod bb\n'],
    [['exec', 'nope', '--', 'true'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['exec', 'done', '--', 'true'], 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n'],
  ])('kubectl %p fails with the apiserver\'s message', async (args, stderr) => {
    const r = await ctx.k.run(args, { tick });
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', stderr]);
  });

  it('into a container that has stopped: the kubelet\'s refusal, reported by the apiserver after the upgrade', async () => {
    const { containerName } = pods().debug('dbg', { image: 'busybox:1.28', command: ['true'] });
    ctx.s.cluster.runUntil(() => !!pods().get('dbg').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 60_000);
    const r = await ctx.k.run(['exec', 'dbg', '-c', containerName, '--', 'true'], { tick });
    expect([r.code, r.stderr]).toEqual([1, `error: Internal error occurred: unable to upgrade connection: container not found ("${containerName}")\n`]);
  });

  (scriptAvailable ? it : it.skip)('exec -it gives a shell on a terminal; its exit code is kubectl\'s', async () => {
    const t = new KubectlTerminal(ctx.k, ['exec', '-it', 'bb', '--', 'sh']);
    try {
      await t.waitFor('/ # ', tick);
      t.type('echo $((6*7))\r');
      await t.waitFor('42\r\n/ # ', tick);
      t.type('exit 9\r');
      expect(await t.done(tick)).toBe(9);
      expect(t.output).toBe('/ # echo $((6*7))\r\n42\r\n/ # exit 9\r\ncommand terminated with exit code 9\r\n');
    } finally {
      t.kill();
    }
  });

  (scriptAvailable ? it : it.skip)('exec -it into the pause image on a terminal fails the same way (126)', async () => {
    const t = new KubectlTerminal(ctx.k, ['exec', '-it', 'ephemeral-demo', '--', 'sh']);
    try {
      expect(await t.done(tick)).toBe(126);
      expect(t.output).toBe(
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\r\n' +
          'command terminated with exit code 126\r\n',
      );
    } finally {
      t.kill();
    }
  });
});
