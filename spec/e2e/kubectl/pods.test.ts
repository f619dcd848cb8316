import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { kubectlSuite } from './suite.js';

jest.setTimeout(30_000);

const { describe: describeKubectl, ctx, tick } = kubectlSuite('kubectl pods');

describeKubectl('real kubectl 1.32 against kubesim: pods', () => {
  it('kubectl run creates the pod through POST …/pods?fieldManager=kubectl-run', async () => {
    const r = await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'pod/web created\n', '']);
    const pod = ctx.s.cluster.registry.pods.get({ namespace: 'default', now: ctx.s.cluster.clock.now() }, 'web');
    expect(pod.metadata?.labels).toEqual({ run: 'web' });
    expect(pod.metadata?.managedFields?.[0]?.manager).toBe('kubectl-run');
  });

  it('kubectl run --dry-run=server stores nothing', async () => {
    const r = await ctx.k.run(['run', 'dr', '--image=busybox', '--restart=Never', '--dry-run=server']);
    expect([r.code, r.stdout]).toEqual([0, 'pod/dr created (server dry run)\n']);
    expect(ctx.s.cluster.registry.pods.store.find('default', 'dr')).toBeUndefined();
  });

  it('kubectl get pods prints the pod Table; an empty namespace prints "No resources found"', async () => {
    const empty = await ctx.k.run(['get', 'pods']);
    expect([empty.code, empty.stdout, empty.stderr]).toEqual([0, '', 'No resources found in default namespace.\n']);
    await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    const r = await ctx.k.run(['get', 'pods']);
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(row!.slice(0, 2)).toEqual(['web', '0/1']);
    const wide = await ctx.k.run(['get', 'pods', '-o', 'wide', '-A']);
    expect(wide.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
  });

  it('kubectl describe pod shows the pod from two GETs and its events', async () => {
    await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    const r = await ctx.k.run(['describe', 'pod', 'web']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
    expect(r.stdout).toMatch(/\nContainers:\n  web:\n/);
    expect(r.stdout).toMatch(/Image:\s+registry\.k8s\.io\/pause:3\.1\n/);
  });

  it('kubectl get pods shows the pod Running on its node once the cluster clock has run', async () => {
    await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    ctx.s.cluster.runUntil(() => ctx.s.cluster.registry.pods.store.find('default', 'web')?.status?.phase === 'Running', 120_000);
    const r = await ctx.k.run(['get', 'pods', '-o', 'wide']);
    const [, row] = r.stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect([row![0], row![1], row![2], row![6]]).toEqual(['web', '1/1', 'Running', 'node-1']);
  });

  it('kubectl wait --for=condition=Ready returns once the simulated kubelet reports the pod ready', async () => {
    await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    const r = await ctx.k.run(['wait', '--for=condition=Ready', 'pod/web', '--timeout=60s'], { tick });
    expect([r.code, r.stdout]).toEqual([0, 'pod/web condition met\n']);
  });

  it('kubectl describe of a missing pod prints the 404', async () => {
    const r = await ctx.k.run(['describe', 'pod', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('kubectl apply creates, then patches with a strategic merge patch', async () => {
    const file = path.join(ctx.k.dir, 'pod.yaml');
    const manifest = (label: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  labels:\n    app: ${label}\nspec:\n  containers:\n  - name: app\n    image: busybox\n`;
    writeFileSync(file, manifest('demo'));
    const created = await ctx.k.run(['apply', '-f', file]);
    expect([created.code, created.stdout]).toEqual([0, 'pod/app created\n']);
    writeFileSync(file, manifest('demo2'));
    const configured = await ctx.k.run(['apply', '-f', file]);
    expect([configured.code, configured.stdout]).toEqual([0, 'pod/app configured\n']);
    expect(ctx.s.cluster.registry.pods.get({ namespace: 'default', now: 0 }, 'app').metadata?.labels?.app).toBe('demo2');
    const ssa = await ctx.k.run(['apply', '--server-side', '-f', file]);
    expect([ssa.code, ssa.stdout]).toEqual([0, 'pod/app serverside-applied\n']);
  });

  it('kubectl delete pod --wait=false and --grace-period=0 --force', async () => {
    await ctx.k.run(['run', 'a', '--image=busybox', '--restart=Never']);
    await ctx.k.run(['run', 'b', '--image=busybox', '--restart=Never']);
    const graceful = await ctx.k.run(['delete', 'pod', 'a', '--wait=false']);
    expect([graceful.code, graceful.stdout]).toEqual([0, 'pod "a" deleted\n']);
    const forced = await ctx.k.run(['delete', 'pod', 'b', '--grace-period=0', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('pod "b" force deleted\n');
    expect(ctx.s.cluster.registry.pods.store.find('default', 'b')).toBeUndefined();
  });
});
