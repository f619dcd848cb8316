/**
 * doc-scenarios.md scenarios 14 and 15 — static-pod.md (a mirror pod refuses ephemeral containers) and
 * share-process-namespace.md (one PID namespace for the pod: `ps ax` from a sidecar, signalling nginx,
 * reading its files through /proc/PID/root).
 */
import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pod } from '../../lib/api/types.js';
import { LEGACY_WARNING, scenario, targeting } from './support.js';

jest.setTimeout(60_000);

const STATIC_WEB: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'static-web', labels: { role: 'myrole' } },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }] }] },
};

scenario('Scenario 14: static pods do not support ephemeral containers', (w) => {
  const mirror = (): Pod | undefined => w.s.cluster.registry.pods.store.find('default', 'static-web-node-1') as Pod | undefined;

  it('14.1/14.2 a manifest in the node\'s static pod directory; kubectl get pods shows its mirror pod', async () => {
    w.s.cluster.kubelet('node-1').addStaticPod(STATIC_WEB);
    w.s.cluster.runUntil(() => mirror()?.status?.phase === 'Running', 60_000);
    const r = await w.kubectl(['get', 'pods']);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nstatic-web-node-1\s+1\/1\s+Running\s+0\s+\S+\n$/);
    const d = await w.kubectl(['describe', 'pod', 'static-web-node-1']);
    expect(d.stdout).toMatch(/\nControlled By:\s+Node\/node-1\n/);
  });

  it('14.3 kubectl debug -it static-web-node-1 --image=busybox:1.28 --target=web is refused by the apiserver', async () => {
    const t = w.terminal(['debug', '-it', 'static-web-node-1', '--image=busybox:1.28', '--target=web']);
    expect(await t.done(w.tick)).toBe(1);
    expect(t.output).toMatch(new RegExp(`^${targeting('web').replace(/[.()]/g, '\\$&')}\r\n${LEGACY_WARNING.replace(/[.()]/g, '\\$&')}\r\n` +
      'Defaulting debug container name to debugger-[a-z0-9]{5}\\.\r\n' +
      'The Pod "static-web-node-1" is invalid: \\[\\]: Forbidden: static pods do not support ephemeral containers\r\n$'));
  });

  it('14.4 kubectl delete pod static-web-node-1: the kubelet puts the mirror pod back', async () => {
    const uid = mirror()?.metadata?.uid;
    const r = await w.kubectl(['delete', 'pod', 'static-web-node-1']);
    expect([r.code, r.stdout]).toEqual([0, 'pod "static-web-node-1" deleted\n']);
    w.s.cluster.runUntil(() => mirror() !== undefined && mirror()?.metadata?.uid !== uid && mirror()?.status?.phase === 'Running', 60_000);
    const get = await w.kubectl(['get', 'pods', '--no-headers']);
    expect(get.stdout).toMatch(/^static-web-node-1\s+1\/1\s+Running\s+0\s+\S+\n$/);
  });

  it('14.5 removing the manifest removes the mirror pod; putting it back brings it back', async () => {
    w.s.cluster.kubelet('node-1').removeStaticPod('static-web');
    w.s.cluster.runUntil(() => mirror() === undefined, 60_000);
    expect((await w.kubectl(['get', 'pods'])).stderr).toBe('No resources found in default namespace.\n');
    w.s.cluster.kubelet('node-1').addStaticPod(STATIC_WEB);
    w.s.cluster.runUntil(() => mirror()?.status?.phase === 'Running', 60_000);
  });
});

scenario('Scenario 15: share the process namespace between the containers of a pod', (w) => {
  const psRows = (screen: string): Array<{ pid: number; user: string; command: string }> =>
    [...screen.matchAll(/^ +(\d+) (\S+) +\d+:\d\d (.*)$/gm)].map((m) => ({ pid: Number(m[1]), user: m[2]!, command: m[3]!.trimEnd() }));

  it('15.1 kubectl apply -f share-process-namespace.yaml (a local copy of the example)', async () => {
    const file = path.join(w.k.dir, 'share-process-namespace.yaml');
    writeFileSync(file, [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: nginx', 'spec:', '  shareProcessNamespace: true', '  containers:',
      '  - name: nginx', '    image: nginx', '  - name: shell', '    image: busybox:1.28', '    command: ["sleep", "3600"]',
      '    securityContext:', '      capabilities:', '        add:', '        - SYS_PTRACE', '    stdin: true', '    tty: true', '',
    ].join('\n'));
    const r = await w.kubectl(['apply', '-f', file]);
    expect([r.code, r.stdout]).toEqual([0, 'pod/nginx created\n']);
    w.s.cluster.runUntil(() => w.s.cluster.pods('default').get('nginx').status?.phase === 'Running', 60_000);
  });

  it('15.2/15.3 kubectl exec -it nginx -c shell -- /bin/sh: ps ax, kill -HUP the nginx master, read its config through /proc/PID/root', async () => {
    const t = w.terminal(['exec', '-it', 'nginx', '-c', 'shell', '--', '/bin/sh']);
    await t.waitFor('/ # ', w.tick);
    const command = async (line: string): Promise<string> => {
      const mark = t.output.length;
      t.type(`${line}\r`);
      await t.waitFor(`${line}\r\n`, w.tick, { from: mark });
      const start = t.output.indexOf(`${line}\r\n`, mark) + line.length + 2;
      await t.waitFor('/ # ', w.tick, { from: start });
      return t.output.slice(start, t.output.indexOf('/ # ', start));
    };
    const before = psRows(await command('ps ax'));
    // PID 1 is the sandbox's pause; every container's processes are visible.
    expect(before[0]).toEqual({ pid: 1, user: '65535', command: '/pause' });
    const master = before.find((p) => p.command === 'nginx: master process nginx -g daemon off;')!;
    const workers = before.filter((p) => p.command === 'nginx: worker process');
    expect(master).toBeDefined();
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.every((p) => p.user === '101')).toBe(true);
    expect(before.map((p) => p.command)).toEqual(expect.arrayContaining(['sleep 3600', '/bin/sh', 'ps ax']));

    expect(await command(`kill -HUP ${master.pid}`)).toBe('');
    const after = psRows(await command('ps ax'));
    expect(after.find((p) => p.pid === master.pid)?.command).toBe('nginx: master process nginx -g daemon off;');
    // SIGHUP makes the master start new workers: the old PIDs are gone.
    const newWorkers = after.filter((p) => p.command === 'nginx: worker process');
    expect(newWorkers.length).toBe(workers.length);
    expect(newWorkers.some((p) => workers.some((o) => o.pid === p.pid))).toBe(false);

    const conf = await command(`head /proc/${master.pid}/root/etc/nginx/nginx.conf`);
    expect(conf).toMatch(/^\r\nuser  nginx;\r\nworker_processes  auto;\r\n/);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
  });
});
