import { jest } from '@jest/globals';
import { eventually } from '../support/watch-stream.js';
import { kubectlSuite } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx } = kubectlSuite('kubectl get and describe');

/** `kubectl run NAME` and the clock run until the kubelet reports it Running. */
async function runningPod(name: string): Promise<void> {
  const r = await ctx.k.run(['run', name, '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
  expect(r.code).toBe(0);
  const pods = ctx.s.cluster.pods('default');
  ctx.s.cluster.runUntil(() => pods.get(name).status?.phase === 'Running', 60_000);
}

/** The columns of each output line (two or more spaces apart, as kubectl's tabwriter pads). */
const table = (out: string): string[][] => out.trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));

describeKubectl('real kubectl 1.32 against kubesim: reading pods', () => {
  it('get prints the server-side Table; -o wide adds the priority-1 columns with IP and node', async () => {
    await runningPod('web');
    const pod = ctx.s.cluster.pods('default').get('web');
    const r = await ctx.k.run(['get', 'pods']);
    expect(r.code).toBe(0);
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(rows[1]!.slice(0, 4)).toEqual(['web', '1/1', 'Running', '0']);
    const wide = await ctx.k.run(['get', 'pod', 'web', '-o', 'wide']);
    expect(table(wide.stdout)).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ['web', '1/1', 'Running', '0', expect.stringMatching(/^\d+s$/), pod.status!.podIP!, 'node-1', '<none>', '<none>'],
    ]);
    // The short name comes from discovery.
    const po = await ctx.k.run(['get', 'po', 'web', '--no-headers']);
    expect(table(po.stdout)[0]!.slice(0, 3)).toEqual(['web', '1/1', 'Running']);
  });

  it('get -o yaml, -o json, -o jsonpath and -o name print the stored object', async () => {
    await runningPod('web');
    const stored = ctx.s.cluster.pods('default').get('web');
    const json = await ctx.k.run(['get', 'pod', 'web', '-o', 'json']);
    // kubectl drops managedFields unless --show-managed-fields; the rest is the object as stored.
    const { managedFields, ...meta } = stored.metadata!;
    expect(managedFields?.map((m) => m.manager)).toEqual(['kubectl-run', 'kubelet']);
    expect(JSON.parse(json.stdout)).toEqual({ kind: 'Pod', apiVersion: 'v1', ...JSON.parse(JSON.stringify({ ...stored, metadata: meta })) });
    const yaml = await ctx.k.run(['get', 'pod', 'web', '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(yaml.stdout).toContain(`  uid: ${stored.metadata!.uid}\n`);
    expect(yaml.stdout).toContain('  phase: Running\n');
    const jsonpath = await ctx.k.run(['get', 'pod', 'web', '-o', 'jsonpath={.status.phase} {.spec.nodeName} {.spec.containers[0].image}']);
    expect(jsonpath.stdout).toBe('Running node-1 registry.k8s.io/pause:3.1');
    const names = await ctx.k.run(['get', 'pods', '-o', 'name']);
    expect(names.stdout).toBe('pod/web\n');
    const list = await ctx.k.run(['get', 'pods', '-o', 'json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'web' } }] });
  });

  it('get filters by label and field selector on the server; an unsupported field is the 400 kubectl prints', async () => {
    await runningPod('web');
    await ctx.k.run(['run', 'db', '--image=registry.k8s.io/pause:3.1', '--restart=Never', '--labels=tier=db']);
    const byLabel = await ctx.k.run(['get', 'pods', '-l', 'tier=db', '-o', 'name']);
    expect(byLabel.stdout).toBe('pod/db\n');
    const byField = await ctx.k.run(['get', 'pods', '--field-selector=status.phase=Running', '-o', 'name']);
    expect(byField.stdout).toBe('pod/web\n');
    const bad = await ctx.k.run(['get', 'pods', '--field-selector=bogus.field=x']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "bogus.field=x": field label not supported: bogus.field\n',
    ]);
  });

  it('get -w prints a row per watch event as the scheduler and kubelet work, and exits 0 when the server ends the watch', async () => {
    const watch = ctx.k.start(['get', 'pods', '-w']);
    const pods = ctx.s.cluster.pods('default');
    const before = ctx.s.cluster.store.watcherCount('pods');
    // kubectl lists (nothing yet), then watches from the list's resourceVersion.
    await eventually(() => ctx.s.cluster.store.watcherCount('pods') > before);
    pods.create({ metadata: { name: 'web' }, spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.1' }] } });
    ctx.s.cluster.runUntil(() => pods.get('web').status?.phase === 'Running', 60_000);
    pods.delete('web');
    ctx.s.cluster.runUntil(() => ctx.s.cluster.registry.pods.store.find('default', 'web') === undefined, 60_000);
    await eventually(() => watch.stdout().split('\n').length >= 8);
    // A watch without timeoutSeconds ends after --min-request-timeout (1800 s) × [1, 2) of the clock.
    ctx.s.cluster.advance(3_600_000);
    const r = await watch.done;
    expect([r.code, r.stderr]).toEqual([0, '']);
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const statuses = rows.slice(1).map((row) => `${row[1]} ${row[2]}`);
    // ADDED, bound, creating, running; deletion marks it Terminating; the kubelet stops it; DELETED.
    expect(statuses.slice(0, 5)).toEqual(['0/1 Pending', '0/1 Pending', '0/1 ContainerCreating', '1/1 Running', '1/1 Terminating']);
    expect(rows.slice(1).every((row) => row[0] === 'web')).toBe(true);
    expect(statuses.slice(5)).toEqual(['0/1 Completed', '0/1 Completed', '0/1 Completed']);
  });

  it('describe pod shows the pod and the events the scheduler and the kubelet recorded', async () => {
    await runningPod('web');
    const pod = ctx.s.cluster.pods('default').get('web');
    const r = await ctx.k.run(['describe', 'pod', 'web']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Name:\s+web\nNamespace:\s+default\nPriority:\s+0\nService Account:\s+default\nNode:\s+node-1\/[\d.]+\n/);
    expect(r.stdout).toMatch(/\nStatus:\s+Running\n/);
    expect(r.stdout).toContain(`\nIP:               ${pod.status!.podIP}\n`);
    expect(r.stdout).toMatch(/\nContainers:\n  web:\n    Container ID:   containerd:\/\/[0-9a-f]{64}\n    Image:          registry\.k8s\.io\/pause:3\.1\n/);
    expect(r.stdout).toMatch(/\n    State:          Running\n      Started:      \w{3}, \d{2} \w{3} \d{4} [\d:]{8} \+0000\n    Ready:          True\n    Restart Count:  0\n/);
    expect(r.stdout).toMatch(/\nConditions:\n  Type\s+Status\n  PodReadyToStartContainers\s+True \n  Initialized\s+True \n  Ready\s+True \n  ContainersReady\s+True \n  PodScheduled\s+True \n/);
    expect(r.stdout).toMatch(/\nQoS Class:\s+BestEffort\n/);
    const events = r.stdout.slice(r.stdout.indexOf('\nEvents:\n') + 9).trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(events[0]).toEqual(['Type', 'Reason', 'Age', 'From', 'Message']);
    // The Age column is kubectl's wall clock minus the event time: not asserted.
    expect(events.slice(2).map(([type, reason, , from, message]) => [type, reason, from, message])).toEqual([
      ['Normal', 'Scheduled', 'default-scheduler', 'Successfully assigned default/web to node-1'],
      ['Normal', 'Pulling', 'kubelet', 'Pulling image "registry.k8s.io/pause:3.1"'],
      ['Normal', 'Pulled', 'kubelet', expect.stringMatching(/^Successfully pulled image "registry\.k8s\.io\/pause:3\.1" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/)],
      ['Normal', 'Created', 'kubelet', 'Created container: web'],
      ['Normal', 'Started', 'kubelet', 'Started container web'],
    ]);
  });

  it('describe of a pod without events prints "Events: <none>"', async () => {
    await ctx.k.run(['run', 'idle', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    const r = await ctx.k.run(['describe', 'pod', 'idle']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nStatus:\s+Pending\n/);
    expect(r.stdout.endsWith('\nEvents:                      <none>\n')).toBe(true);
  });
});
