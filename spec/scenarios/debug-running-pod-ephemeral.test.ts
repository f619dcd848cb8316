/**
 * doc-scenarios.md scenarios 1, 2 and 7 — "Debugging with an ephemeral debug container" (debug-running-pod.md,
 * ephemeral-containers.md): a pause pod with no shell, `kubectl exec` failing, `kubectl debug -it --target`,
 * describe and YAML while the debugger runs, `exit`, the container staying terminated, reattach and logs.
 */
import { jest } from '@jest/globals';
import { LEGACY_WARNING, PROMPT_HINT, scenario, targeting } from './support.js';

jest.setTimeout(60_000);

scenario('Scenario 1 and 7: example debugging using ephemeral containers', (w) => {
  const pod = () => w.s.cluster.pods('default').get('ephemeral-demo');
  let debugger_ = '';

  it('1.1 kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.1 --restart=Never', async () => {
    const r = await w.kubectl(['run', 'ephemeral-demo', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'pod/ephemeral-demo created\n', '']);
    w.s.cluster.runUntil(() => pod().status?.phase === 'Running', 60_000);
    expect(pod().status?.containerStatuses?.[0]).toMatchObject({ ready: true, started: true, state: { running: {} } });
  });

  it('1.2 kubectl exec -it ephemeral-demo -- sh: no shell in the pause image', async () => {
    const t = w.terminal(['exec', '-it', 'ephemeral-demo', '--', 'sh']);
    expect(await t.done(w.tick)).toBe(126);
    expect(t.output).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\r\n' +
        'command terminated with exit code 126\r\n',
    );
  });

  it('1.3 kubectl debug -it ephemeral-demo --image=busybox:1.28 --target=ephemeral-demo; 1.4 describe and 1.5 -o yaml while it runs; 7.1 exit', async () => {
    const t = w.terminal(['debug', '-it', 'ephemeral-demo', '--image=busybox:1.28', '--target=ephemeral-demo']);
    await t.waitFor(PROMPT_HINT, w.tick);
    debugger_ = /Defaulting debug container name to (debugger-[a-z0-9]{5})\./.exec(t.output)![1]!;
    expect(t.output).toBe(`${targeting('ephemeral-demo')}\r\n${LEGACY_WARNING}\r\nDefaulting debug container name to ${debugger_}.\r\n${PROMPT_HINT}`);
    t.type('\r');
    await t.waitFor('\r\n/ # ', w.tick);

    // 1.4, from another terminal while the debugger runs.
    const d = await w.kubectl(['describe', 'pod', 'ephemeral-demo']);
    expect(d.stdout).toMatch(new RegExp(
      `\nEphemeral Containers:\n  ${debugger_}:\n    Container ID:   containerd://[0-9a-f]{64}\n    Image:          busybox:1.28\n` +
        '    Image ID:       docker.io/library/busybox@sha256:[0-9a-f]{64}\n    Port:           <none>\n    Host Port:      <none>\n' +
        '    State:          Running\n      Started:      .+\n    Ready:          False\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:         <none>\n',
    ));
    // 1.5
    const y = await w.kubectl(['get', 'pod', 'ephemeral-demo', '-o', 'yaml']);
    expect(y.stdout).toContain(
      `  ephemeralContainers:\n  - image: busybox:1.28\n    imagePullPolicy: IfNotPresent\n    name: ${debugger_}\n    resources: {}\n    stdin: true\n` +
        '    targetContainerName: ephemeral-demo\n    terminationMessagePath: /dev/termination-log\n    terminationMessagePolicy: File\n    tty: true\n',
    );
    expect(y.stdout).toMatch(new RegExp(`  ephemeralContainerStatuses:\n  - containerID: containerd://[0-9a-f]{64}\n    image: docker.io/library/busybox:1.28\n` +
      `    imageID: docker.io/library/busybox@sha256:[0-9a-f]{64}\n    lastState: \\{\\}\n    name: ${debugger_}\n    ready: false\n    restartCount: 0\n    state:\n      running:\n        startedAt: "`));

    // 7.1
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
    expect(t.output).not.toContain('Session ended'); // only for restartPolicy Always
  });

  it('7.2 the ephemeral container is terminated (Completed, exit code 0)', async () => {
    w.s.cluster.runUntil(() => !!pod().status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 10_000);
    const r = await w.kubectl(['get', 'pod', 'ephemeral-demo', '-o', 'jsonpath={.status.ephemeralContainerStatuses[0].state}']);
    expect(JSON.parse(r.stdout)).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
  });

  it('7.3/7.4 an hour later it is still terminated, never restarted, and the pod still runs', async () => {
    w.s.cluster.advance(3_600_000);
    const r = await w.kubectl(['describe', 'pod', 'ephemeral-demo']);
    expect(r.stdout).toMatch(/^Status:\s+Running$/m);
    expect(r.stdout).toMatch(new RegExp(`  ${debugger_}:\n(?:.*\n)*?    State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n`));
    expect(r.stdout).toMatch(/Ready:          False\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:         <none>\n/);
  });

  it('1.6 kubectl delete pod ephemeral-demo waits until the pod is gone', async () => {
    const r = await w.kubectl(['delete', 'pod', 'ephemeral-demo']);
    expect([r.code, r.stdout]).toEqual([0, 'pod "ephemeral-demo" deleted\n']);
    expect(w.s.cluster.registry.pods.store.find('default', 'ephemeral-demo')).toBeUndefined();
  });
});

scenario('Scenario 2: detach, reattach with kubectl attach, read the log', (w) => {
  let name = '';

  it('2.1/2.2 kubectl debug -it --attach=false: only the patch, no wait and no attach', async () => {
    await w.kubectl(['run', 'ephemeral-demo', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('ephemeral-demo').status?.phase === 'Running', 60_000);
    const r = await w.kubectl(['debug', '-it', '--attach=false', 'ephemeral-demo', '--image=busybox:1.28', '--target=ephemeral-demo']);
    name = /Defaulting debug container name to (debugger-[a-z0-9]{5})\./.exec(r.stdout)![1]!;
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${targeting('ephemeral-demo')}\nDefaulting debug container name to ${name}.\n`, `${LEGACY_WARNING}\n`]);
  });

  it('2.3 kubectl attach -it ephemeral-demo -c debugger-xxxxx', async () => {
    w.s.cluster.runUntil(() => !!w.s.cluster.pods('default').get('ephemeral-demo').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000);
    const t = w.terminal(['attach', '-it', 'ephemeral-demo', '-c', name]);
    await t.waitFor(PROMPT_HINT, w.tick);
    t.type('echo reattached\r');
    await t.waitFor('reattached\r\n/ # ', w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
    expect(t.output).toBe(`${PROMPT_HINT}echo reattached\r\nreattached\r\n/ # exit\r\n`);
  });

  it('2.4 kubectl logs ephemeral-demo -c debugger-xxxxx: the session, as the terminal showed it', async () => {
    const r = await w.kubectl(['logs', 'ephemeral-demo', '-c', name]);
    expect([r.code, r.stdout]).toEqual([0, '/ # echo reattached\r\nreattached\r\n/ # exit\r\n']);
  });
});
