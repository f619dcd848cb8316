/**
 * doc-scenarios.md scenarios 9 (the crash loop part), 12 and 13 — debug-running-pod.md: a pod whose
 * command fails, the sysadmin profile on an ephemeral container (its capabilities seen from inside), and
 * a custom profile merged by kubectl.
 */
import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROMPT_HINT, scenario, targeting } from './support.js';

jest.setTimeout(90_000);

scenario('Scenario 9 (9.1, 9.2): a pod whose command fails, in CrashLoopBackOff', (w) => {
  it('9.1 kubectl run --image=busybox:1.28 myapp -- false', async () => {
    const r = await w.kubectl(['run', '--image=busybox:1.28', 'myapp', '--', 'false']);
    expect([r.code, r.stdout]).toEqual([0, 'pod/myapp created\n']);
  });

  it('9.2 kubectl describe pod myapp: Waiting/CrashLoopBackOff, last state Terminated/Error, exit code 1', async () => {
    w.s.cluster.runUntil(() => (w.s.cluster.pods('default').get('myapp').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2, 120_000);
    const r = await w.kubectl(['describe', 'pod', 'myapp']);
    expect(r.stdout).toMatch(/\n    Image:         busybox:1\.28\n/);
    expect(r.stdout).toMatch(/\n    Args:\n      false\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n/);
    expect(r.stdout).toMatch(/Warning  BackOff .* Back-off restarting failed container myapp in pod myapp_default\(/);
    const get = await w.kubectl(['get', 'pods', 'myapp', '--no-headers']);
    expect(get.stdout).toMatch(/^myapp\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\S+ ago\)\s+\S+\n$/);
    expect(w.s.cluster.pods('default').get('myapp').status?.phase).toBe('Running');
  });
});

scenario('Scenario 12: the sysadmin profile on an ephemeral container', (w) => {
  it('12.1 kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d', async () => {
    expect((await w.kubectl(['run', 'myapp', '--image=busybox:1.28', '--restart=Never', '--', 'sleep', '1d'])).stdout).toBe('pod/myapp created\n');
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('myapp').status?.phase === 'Running', 60_000);
  });

  it('12.2/12.3 kubectl debug -it myapp --image=busybox:1.28 --target=myapp --profile=sysadmin; grep Cap /proc/$$/status', async () => {
    const t = w.terminal(['debug', '-it', 'myapp', '--image=busybox:1.28', '--target=myapp', '--profile=sysadmin']);
    await t.waitFor(PROMPT_HINT, w.tick);
    // No legacy-profile warning: a profile was given.
    expect(t.output).toMatch(new RegExp(`^${targeting('myapp').replace(/[.()]/g, '\\$&')}\r\nDefaulting debug container name to debugger-[a-z0-9]{5}\\.\r\n${PROMPT_HINT}$`));
    t.type('grep Cap /proc/$$/status\r');
    await t.waitFor('CapAmb', w.tick);
    await t.waitFor('/ # ', w.tick, { from: t.output.indexOf('CapAmb') });
    expect(t.output).toContain('CapPrm:\t000001ffffffffff\r\nCapEff:\t000001ffffffffff\r\n');
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
  });

  it('12.4 the ephemeral container\'s securityContext is stored as kubectl sent it', async () => {
    const r = await w.kubectl(['get', 'pod', 'myapp', '-o', 'jsonpath={.spec.ephemeralContainers[0].securityContext}']);
    expect(r.stdout).toBe('{"privileged":true}');
  });

  it('12.5 kubectl delete pod myapp (sleep ignores SIGTERM: the whole grace period passes)', async () => {
    const r = await w.kubectl(['delete', 'pod', 'myapp']);
    expect([r.code, r.stdout]).toEqual([0, 'pod "myapp" deleted\n']);
  });
});

scenario('Scenario 13: a custom profile', (w) => {
  it('13.1-13.3 kubectl debug -it with --profile=general --custom=custom-profile.yaml', async () => {
    await w.kubectl(['run', 'myapp', '--image=busybox:1.28', '--restart=Never', '--', 'sleep', '1d']);
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('myapp').status?.phase === 'Running', 60_000);
    const profile = path.join(w.k.dir, 'custom-profile.yaml');
    writeFileSync(profile, 'env:\n- name: ENV_VAR_1\n  value: value_1\n- name: ENV_VAR_2\n  value: value_2\nsecurityContext:\n  capabilities:\n    add:\n    - NET_ADMIN\n    - SYS_TIME\n');
    const t = w.terminal(['debug', '-it', 'myapp', '--image=busybox:1.28', '--target=myapp', '--profile=general', `--custom=${profile}`]);
    await t.waitFor(PROMPT_HINT, w.tick);
    t.type('echo $ENV_VAR_2\r');
    await t.waitFor('value_2\r\n/ # ', w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
  });

  it('13.4 the env, in order', async () => {
    const r = await w.kubectl(['get', 'pod', 'myapp', '-o', 'jsonpath={.spec.ephemeralContainers[0].env}']);
    expect(r.stdout).toBe('[{"name":"ENV_VAR_1","value":"value_1"},{"name":"ENV_VAR_2","value":"value_2"}]');
  });

  it('13.5 the securityContext: the custom capabilities replaced the general profile\'s SYS_PTRACE', async () => {
    const r = await w.kubectl(['get', 'pod', 'myapp', '-o', 'jsonpath={.spec.ephemeralContainers[0].securityContext}']);
    expect(r.stdout).toBe('{"capabilities":{"add":["NET_ADMIN","SYS_TIME"]}}');
  });
});
