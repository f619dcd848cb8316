import { jest } from '@jest/globals';
import { kubectlSuite } from './suite.js';

jest.setTimeout(60_000);

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

const { describe: describeKubectl, ctx } = kubectlSuite('kubectl debug --copy-to');

/** `kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d` (doc scenarios 8.1 and 10.1), running. */
async function myapp(): Promise<void> {
  const r = await ctx.k.run(['run', 'myapp', '--image=busybox:1.28', '--restart=Never', '--', 'sleep', '1d']);
  expect(r).toMatchObject({ code: 0, stdout: 'pod/myapp created\n' });
  ctx.s.cluster.runUntil(() => ctx.s.cluster.pods('default').get('myapp').status?.phase === 'Running', 60_000);
}

describeKubectl('real kubectl 1.32 against kubesim: kubectl debug --copy-to (the copy is POSTed as protobuf)', () => {
  it('--image --share-processes: the copy has shareProcessNamespace, no labels, and the debugger container after the original', async () => {
    await myapp();
    const r = await ctx.k.run(['debug', 'myapp', '--copy-to=myapp-debug', '--image=ubuntu', '--share-processes', '--', 'sleep', '1d']);
    // Without --attach kubectl tells the generated name on stdout.
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(LEGACY);
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
    const copy = ctx.s.cluster.pods('default').get('myapp-debug');
    expect(copy.metadata?.labels).toBeUndefined();
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    expect(copy.spec?.nodeName).toBeUndefined();
    const [original, debugger_] = copy.spec?.containers ?? [];
    expect(original).toMatchObject({ name: 'myapp', image: 'busybox:1.28', args: ['sleep', '1d'], imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' });
    expect(debugger_).toMatchObject({ image: 'ubuntu', command: ['sleep', '1d'], terminationMessagePolicy: 'File', imagePullPolicy: 'Always', resources: {} });
    expect(debugger_?.name).toMatch(/^debugger-[a-z0-9]{5}$/);
    // stdin/tty are false without -i/-t, and omitempty leaves them out.
    expect([debugger_?.stdin, debugger_?.tty]).toEqual([undefined, undefined]);
    expect(copy.spec?.containers).toHaveLength(2);
    ctx.s.cluster.runUntil(() => ctx.s.cluster.pods('default').get('myapp-debug').status?.phase === 'Running', 60_000);
    const got = await ctx.k.run(['get', 'pod', 'myapp-debug', '-o', 'jsonpath={.spec.shareProcessNamespace} {.spec.containers[*].image} {.status.phase}']);
    expect(got).toMatchObject({ code: 0, stdout: 'true busybox:1.28 ubuntu Running' });
  });

  it('--set-image=*=ubuntu: every container of the copy runs ubuntu with its args and pull policy kept, labels kept (no debug container, no profile), nothing added', async () => {
    await myapp();
    const r = await ctx.k.run(['debug', 'myapp', '--copy-to=myapp-debug', '--set-image=*=ubuntu']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: LEGACY });
    const copy = ctx.s.cluster.pods('default').get('myapp-debug');
    // The legacy profile, which drops a copy's labels, is applied only with a debug container.
    expect(copy.metadata?.labels).toEqual({ run: 'myapp' });
    expect(copy.spec?.containers).toEqual([expect.objectContaining({ name: 'myapp', image: 'ubuntu', args: ['sleep', '1d'], imagePullPolicy: 'IfNotPresent' })]);
    expect(copy.spec?.shareProcessNamespace).toBeUndefined();
    expect(copy.spec).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', enableServiceLinks: true });
  });

  it('--container with a command: the named container of the copy gets the command, its args dropped', async () => {
    await myapp();
    const r = await ctx.k.run(['debug', 'myapp', '--copy-to=myapp-debug', '--container=myapp', '--', 'sh']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: LEGACY });
    const [c, ...rest] = ctx.s.cluster.pods('default').get('myapp-debug').spec?.containers ?? [];
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ name: 'myapp', image: 'busybox:1.28', command: ['sh'] });
    expect(c?.args).toBeUndefined();
  });
});
