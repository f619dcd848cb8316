import { jest } from '@jest/globals';
import { kubectlSuite } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx, tick, pods } = kubectlSuite('kubectl logs', {
  per: 'file',
  setup: () => {
    pods().create({ metadata: { name: 'app' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sh', '-c', 'echo one; sleep 2; echo two; sleep 3600'] }] } });
    pods().create({
      metadata: { name: 'two' },
      spec: { containers: [{ name: 'a', image: 'busybox:1.28', command: ['sh', '-c', 'echo from a; sleep 3600'] }, { name: 'b', image: 'busybox:1.28', command: ['sh', '-c', 'echo from b; sleep 3600'] }] },
    });
    pods().create({ metadata: { name: 'crash' }, spec: { containers: [{ name: 'main', image: 'busybox:1.28', command: ['sh', '-c', 'echo attempt; exit 1'] }] } });
    pods().create({ metadata: { name: 'bad' }, spec: { containers: [{ name: 'main', image: 'example.com/no-such-image:1' }] } });
    ctx.s.cluster.runUntil(() => ['app', 'two'].every((n) => pods().get(n).status?.phase === 'Running')
      && (pods().get('crash').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1
      && pods().get('bad').status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff', 120_000);
    ctx.s.cluster.advance(3_000);
  },
});

describeKubectl('real kubectl 1.32 against kubesim: logs', () => {
  it('prints the log of the only container', async () => {
    const r = await ctx.k.run(['logs', 'app']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'one\ntwo\n', '']);
  });

  it('-c picks a container; without it kubectl defaults to the first and says so', async () => {
    expect((await ctx.k.run(['logs', 'two', '-c', 'b'])).stdout).toBe('from b\n');
    const r = await ctx.k.run(['logs', 'two']);
    expect([r.stdout, r.stderr]).toEqual(['from a\n', 'Defaulted container "a" out of: a, b\n']);
  });

  it.each([
    [['--tail=1'], 'two\n'],
    [['--limit-bytes=3'], 'one'],
    [['--since=1s'], ''],
  ])('honours %p', async (flags, out) => {
    const r = await ctx.k.run(['logs', 'app', ...flags]);
    expect([r.code, r.stdout]).toEqual([0, out]);
  });

  it('--timestamps prefixes each line with its RFC 3339 time', async () => {
    const r = await ctx.k.run(['logs', 'app', '--timestamps']);
    expect(r.stdout).toMatch(/^2024-01-01T00:00:\d\d\.\d{9}Z one\n2024-01-01T00:00:\d\d\.\d{9}Z two\n$/);
  });

  it('--previous prints the log of the last terminated instance', async () => {
    const r = await ctx.k.run(['logs', 'crash', '--previous']);
    expect([r.code, r.stdout]).toEqual([0, 'attempt\n']);
  });

  it.each([
    [['logs', 'app', '--previous'], 'Error from server (BadRequest): previous terminated container "main" in pod "app" not found\n'],
    [['logs', 'bad'], 'Error from server (BadRequest): container "main" in pod "bad" is waiting to start: trying and failing to pull image\n'],
    [['logs', 'app', '-c', 'nope'], 'error: container nope is not valid for pod app\n'],
    [['logs', 'nosuch'], 'error: error from server (NotFound): pods "nosuch" not found in namespace "default"\n'],
  ])('kubectl %p fails as against a real cluster', async (args, stderr) => {
    const r = await ctx.k.run(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', stderr]);
  });

  it('-f follows the log until the container stops', async () => {
    pods().create({ metadata: { name: 'count' }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.28', command: ['sh', '-c', 'for i in 1 2 3; do echo line $i; sleep 1; done'] }] } });
    ctx.s.cluster.runUntil(() => pods().get('count').status?.phase === 'Running', 60_000);
    const r = await ctx.k.run(['logs', '-f', 'count'], { tick });
    expect([r.code, r.stdout]).toEqual([0, 'line 1\nline 2\nline 3\n']);
  });

  it('reads an ephemeral container\'s log by name', async () => {
    const { containerName } = pods().debug('app', { image: 'busybox:1.28', command: ['sh', '-c', 'echo debugging'] });
    ctx.s.cluster.runUntil(() => !!pods().get('app').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 60_000);
    const r = await ctx.k.run(['logs', 'app', '-c', containerName]);
    expect([r.code, r.stdout]).toEqual([0, 'debugging\n']);
  });
});
