/**
 * doc-scenarios.md scenarios 8, 9.3, 10 and 11 — debug-running-pod.md "Debugging using a copy of the Pod"
 * and "Debugging via a shell on the node": kubectl POSTs the copied (or node-debugger) Pod as protobuf,
 * waits for it to run and attaches.
 */
import { jest } from '@jest/globals';
import { LEGACY_WARNING, PROMPT_HINT, scenario } from './support.js';

jest.setTimeout(60_000);

scenario('Scenario 8: copy a pod while adding a new container', (w) => {
  it('8.1 kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d', async () => {
    expect((await w.kubectl(['run', 'myapp', '--image=busybox:1.28', '--restart=Never', '--', 'sleep', '1d'])).stdout).toBe('pod/myapp created\n');
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('myapp').status?.phase === 'Running', 60_000);
  });

  it('8.2 kubectl debug myapp -it --image=ubuntu --share-processes --copy-to=myapp-debug', async () => {
    const t = w.terminal(['debug', 'myapp', '-it', '--image=ubuntu', '--share-processes', '--copy-to=myapp-debug']);
    await t.waitFor(PROMPT_HINT, w.tick);
    expect(t.output).toMatch(new RegExp(`^${LEGACY_WARNING.replace(/[.()]/g, '\\$&')}\r\nDefaulting debug container name to debugger-[a-z0-9]{5}\\.\r\n${PROMPT_HINT}$`));
    t.type('\r');
    // The docs' prompt: bash in ubuntu, the hostname is the pod's name.
    await t.waitFor('\r\nroot@myapp-debug:/# ', w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
    const copy = w.s.cluster.pods('default').get('myapp-debug');
    expect([copy.spec?.shareProcessNamespace, copy.spec?.containers.map((c) => c.image)]).toEqual([true, ['busybox:1.28', 'ubuntu']]);
  });

  it('8.3 kubectl delete pod myapp myapp-debug', async () => {
    const r = await w.kubectl(['delete', 'pod', 'myapp', 'myapp-debug']);
    expect([r.code, r.stdout]).toEqual([0, 'pod "myapp" deleted\npod "myapp-debug" deleted\n']);
  });
});

scenario('Scenario 9.3: copy a crashing pod while changing its command', (w) => {
  it('kubectl debug myapp -it --copy-to=myapp-debug --container=myapp -- sh; the reattach hint for a restartPolicy Always pod', async () => {
    await w.kubectl(['run', '--image=busybox:1.28', 'myapp', '--', 'false']);
    w.s.cluster.runUntil(() => (w.s.cluster.pods('default').get('myapp').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 60_000);
    const t = w.terminal(['debug', 'myapp', '-it', '--copy-to=myapp-debug', '--container=myapp', '--', 'sh']);
    await t.waitFor(PROMPT_HINT, w.tick);
    expect(t.output).toBe(`${LEGACY_WARNING}\r\n${PROMPT_HINT}`);
    t.type('\r');
    await t.waitFor('\r\n/ # ', w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
    expect(t.output.endsWith("/ # exit\r\nSession ended, resume using 'kubectl attach myapp-debug -c myapp -i -t' command when the pod is running\r\n")).toBe(true);
    const copy = w.s.cluster.pods('default').get('myapp-debug').spec!.containers[0]!;
    expect([copy.command, copy.args, copy.stdin, copy.tty]).toEqual([['sh'], undefined, true, true]);
  });

  it('9.4 kubectl delete pod myapp myapp-debug', async () => {
    expect((await w.kubectl(['delete', 'pod', 'myapp', 'myapp-debug'])).stdout).toBe('pod "myapp" deleted\npod "myapp-debug" deleted\n');
  });
});

scenario('Scenario 10: copy a pod while changing its images', (w) => {
  it('10.1/10.2 kubectl debug myapp --copy-to=myapp-debug --set-image=*=ubuntu; the copy runs', async () => {
    await w.kubectl(['run', 'myapp', '--image=busybox:1.28', '--restart=Never', '--', 'sleep', '1d']);
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('myapp').status?.phase === 'Running', 60_000);
    const r = await w.kubectl(['debug', 'myapp', '--copy-to=myapp-debug', '--set-image=*=ubuntu']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', `${LEGACY_WARNING}\n`]);
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('myapp-debug').status?.phase === 'Running', 60_000);
    const got = await w.kubectl(['get', 'pod', 'myapp-debug', '-o', 'jsonpath={.spec.containers[*].image} {.spec.containers[*].args} {.status.phase}']);
    expect(got.stdout).toBe('ubuntu ["sleep","1d"] Running');
  });

  it('10.3 kubectl delete pod myapp myapp-debug', async () => {
    expect((await w.kubectl(['delete', 'pod', 'myapp', 'myapp-debug'])).stdout).toBe('pod "myapp" deleted\npod "myapp-debug" deleted\n');
  });
});

scenario('Scenario 11: a shell on the node', (w) => {
  it('kubectl debug node/node-1 -it --image=ubuntu: a node-debugger pod on that node, attached', async () => {
    const t = w.terminal(['debug', 'node/node-1', '-it', '--image=ubuntu']);
    await t.waitFor(PROMPT_HINT, w.tick);
    const name = /Creating debugging pod (node-debugger-node-1-[a-z0-9]{5}) with container debugger on node node-1\./.exec(t.output)![1]!;
    expect(t.output).toBe(`${LEGACY_WARNING}\r\nCreating debugging pod ${name} with container debugger on node node-1.\r\n${PROMPT_HINT}`);
    t.type('\r');
    await t.waitFor(/\r\nroot@[^:]+:\/# $/, w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
    const pod = w.s.cluster.pods('default').get(name);
    expect([pod.spec?.nodeName, pod.spec?.hostNetwork, pod.spec?.hostPID, pod.spec?.restartPolicy]).toEqual(['node-1', true, true, 'Never']);
    expect(pod.spec?.volumes?.find((v) => v.name === 'host-root')?.hostPath?.path).toBe('/');
    const del = await w.kubectl(['delete', 'pod', name]);
    expect(del.stdout).toBe(`pod "${name}" deleted\n`);
  });
});
