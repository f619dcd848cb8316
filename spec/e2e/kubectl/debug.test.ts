import { jest } from '@jest/globals';
import { KubectlTerminal } from '../support/terminal.js';
import { kubectlSuite } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx, tick, pods } = kubectlSuite('kubectl debug -it', { needsTerminal: true });
const TARGETING = (c: string): string =>
  `Targeting container "${c}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\r\n`;
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\r\n';
const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\r\n";

/** `kubectl run NAME --image=registry.k8s.io/pause:3.1`, running. */
async function pausePod(name: string, restart: 'Always' | 'Never'): Promise<void> {
  const r = await ctx.k.run(['run', name, '--image=registry.k8s.io/pause:3.1', `--restart=${restart}`]);
  expect(r.code).toBe(0);
  ctx.s.cluster.runUntil(() => pods().get(name).status?.phase === 'Running', 60_000);
}

describeKubectl('real kubectl 1.32 against kubesim: kubectl debug -it and kubectl attach', () => {
  it('debug -it --target: patch, watch until running, attach; a shell that sees the target\'s processes; "Session ended" after exit', async () => {
    await pausePod('web', 'Always');
    const t = new KubectlTerminal(ctx.k, ['debug', '-it', 'web', '--image=busybox:1.28', '--target=web']);
    try {
      await t.waitFor(PROMPT_HINT, tick);
      const name = /Defaulting debug container name to (debugger-[a-z0-9]{5})\./.exec(t.output)![1]!;
      expect(t.output).toBe(`${TARGETING('web')}${LEGACY}Defaulting debug container name to ${name}.\r\n${PROMPT_HINT}`);
      t.type('\r');
      await t.waitFor('\r\n/ # ', tick);
      t.type('ps ax\r');
      await t.waitFor('ps ax\r\n/ # ', tick);
      expect(t.output.slice(t.output.indexOf(PROMPT_HINT) + PROMPT_HINT.length)).toBe(
        '\r\n/ # ps ax\r\nPID   USER     TIME  COMMAND\r\n    1 root      0:00 /pause\r\n    2 root      0:00 sh\r\n    3 root      0:00 ps ax\r\n/ # ',
      );
      t.type('exit\r');
      expect(await t.done(tick)).toBe(0);
      expect(t.output.endsWith(`/ # exit\r\nSession ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c ${name} -i -t' if it is still running\r\n`)).toBe(true);
      // The ephemeral container is terminated and stays so: never restarted, whatever the pod's restartPolicy.
      ctx.s.cluster.runUntil(() => !!pods().get('web').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 10_000);
      ctx.s.cluster.advance(3_600_000);
      const st = pods().get('web').status!;
      expect(st.ephemeralContainerStatuses?.[0]).toMatchObject({ name, restartCount: 0, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
      expect(st.phase).toBe('Running');
    } finally {
      t.kill();
    }
  });

  it('debug -it on a --restart=Never pod (the docs\' walk-through) prints no reattach hint', async () => {
    await pausePod('ephemeral-demo', 'Never');
    const t = new KubectlTerminal(ctx.k, ['debug', '-it', 'ephemeral-demo', '--image=busybox:1.28', '--target=ephemeral-demo', '--profile=general', '-c', 'dbg']);
    try {
      await t.waitFor(PROMPT_HINT, tick);
      expect(t.output).toBe(`${TARGETING('ephemeral-demo')}${PROMPT_HINT}`);
      t.type('exit\r');
      expect(await t.done(tick)).toBe(0);
      expect(t.output).not.toContain('Session ended');
      expect(pods().get('ephemeral-demo').spec?.ephemeralContainers?.[0]?.securityContext).toEqual({ capabilities: { add: ['SYS_PTRACE'] } });
    } finally {
      t.kill();
    }
  });

  it('debug -it --attach=false, then kubectl attach -it to the running ephemeral container', async () => {
    await pausePod('app', 'Never');
    const created = await ctx.k.run(['debug', '-it', '--attach=false', 'app', '--image=busybox:1.28', '--target=app', '--profile=general', '-c', 'dbg']);
    expect([created.code, created.stdout]).toEqual([0, 'Targeting container "app". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n']);
    ctx.s.cluster.runUntil(() => !!pods().get('app').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000);
    const t = new KubectlTerminal(ctx.k, ['attach', '-it', 'app', '-c', 'dbg']);
    try {
      await t.waitFor(PROMPT_HINT, tick);
      t.type('ls /proc/1/root\r');
      await t.waitFor(/pause.*\r\n\/ # $/s, tick);
      t.type('exit\r');
      expect(await t.done(tick)).toBe(0);
    } finally {
      t.kill();
    }
    ctx.s.cluster.runUntil(() => !!pods().get('app').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 10_000);
  });

  it('debug -i with piped stdin (no terminal): the shell reads the script', async () => {
    await pausePod('pipe', 'Never');
    const r = await ctx.k.run(['debug', '-i', 'pipe', '--image=busybox:1.28', '--target=pipe', '--profile=general', '-c', 'dbg'], { tick, stdin: 'ps ax\nexit 3\n' });
    expect([r.code, r.stderr]).toEqual([0, "If you don't see a command prompt, try pressing enter.\n"]);
    expect(r.stdout).toContain('PID   USER     TIME  COMMAND\n    1 root      0:00 /pause\n');
    ctx.s.cluster.runUntil(() => !!pods().get('pipe').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 10_000);
    expect(pods().get('pipe').status?.ephemeralContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('kubectl run -i --rm: create, wait, attach, print, delete', async () => {
    const r = await ctx.k.run(['run', 'tmp', '-i', '--rm', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo hi'], { tick });
    expect([r.code, r.stdout]).toEqual([0, 'hi\npod "tmp" deleted\n']);
    expect(ctx.s.cluster.registry.pods.store.find('default', 'tmp')).toBeUndefined();
  });

  it('kubectl run -i --rm with stdin: stdinOnce ends `cat` when kubectl closes stdin', async () => {
    const r = await ctx.k.run(['run', 'cat', '-i', '--rm', '--image=busybox', '--restart=Never', '--', 'cat'], { tick, stdin: 'hello\nworld\n' });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'hello\nworld\npod "cat" deleted\n', "If you don't see a command prompt, try pressing enter.\n"]);
  });

  it('kubectl run -i --rm of a failing command: its exit code, and the pod is deleted', async () => {
    const r = await ctx.k.run(['run', 'fail', '-i', '--rm', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'read x; echo "<$x>"; exit 3'], { tick, stdin: 'in\n' });
    expect(r.stdout).toBe('<in>\npod "fail" deleted\n');
    expect(r.stderr).toContain('pod default/fail terminated (Error)');
    expect(r.code).toBe(3);
  });
});
