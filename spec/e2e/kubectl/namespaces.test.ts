import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../support/watch-stream.js';
import { kubectlSuite } from './suite.js';

jest.setTimeout(30_000);

const { describe: describeKubectl, ctx } = kubectlSuite('kubectl namespaces');

describeKubectl('real kubectl 1.32 against kubesim: namespaces', () => {
  it('kubectl version reports server v1.32.5 (the dispatcher picks kubectl 1.32)', async () => {
    const r = await ctx.k.run(['version', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.5' });
  });

  it('kubectl get ns prints the server-side Table', async () => {
    const r = await ctx.k.run(['get', 'ns']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 2));
    expect(lines).toEqual([['NAME', 'STATUS'], ['default', 'Active'], ['kube-node-lease', 'Active'], ['kube-public', 'Active'], ['kube-system', 'Active']]);
  });

  it('kubectl get ns default -o yaml prints the object', async () => {
    const r = await ctx.k.run(['get', 'ns', 'default', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    expect(r.stdout).toContain('  name: default\n');
    expect(r.stdout).toContain('  phase: Active\n');
  });

  it('kubectl create ns (a protobuf body) creates it; a second create prints the 409', async () => {
    const r = await ctx.k.run(['create', 'ns', 'demo']);
    expect([r.code, r.stdout]).toEqual([0, 'namespace/demo created\n']);
    expect(ctx.s.cluster.namespaces.get('demo').status?.phase).toBe('Active');
    const again = await ctx.k.run(['create', 'ns', 'demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error from server (AlreadyExists): namespaces "demo" already exists\n');
  });

  it('kubectl get of a missing namespace prints the 404', async () => {
    const r = await ctx.k.run(['get', 'ns', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): namespaces "x" not found\n');
  });

  it('kubectl create -f validates against /openapi/v3 and sends fieldValidation=Strict', async () => {
    const file = path.join(ctx.k.dir, 'ns.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n');
    const ok = await ctx.k.run(['create', '-f', file]);
    expect([ok.code, ok.stdout]).toEqual([0, 'namespace/from-file created\n']);
    writeFileSync(file, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: typo\nspec:\n  finalizer: []\n');
    const bad = await ctx.k.run(['create', '-f', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`Error from server (BadRequest): error when creating "${file}": Namespace in version "v1" cannot be handled as a Namespace: strict decoding error: unknown field "spec.finalizer"\n`);
  });

  it('kubectl label patches the namespace', async () => {
    const r = await ctx.k.run(['label', 'ns', 'default', 'team=blue']);
    expect([r.code, r.stdout]).toEqual([0, 'namespace/default labeled\n']);
    expect(ctx.s.cluster.namespaces.get('default').metadata?.labels?.team).toBe('blue');
  });

  it('kubectl delete ns --wait=false marks it Terminating; the namespace controller removes it as the clock runs', async () => {
    ctx.s.cluster.namespaces.create({ metadata: { name: 'gone' } });
    const r = await ctx.k.run(['delete', 'ns', 'gone', '--wait=false']);
    expect([r.code, r.stdout]).toEqual([0, 'namespace "gone" deleted\n']);
    ctx.s.cluster.runUntil(() => ctx.s.cluster.registry.namespaces.store.find('', 'gone') === undefined, 60_000);
    const after = await ctx.k.run(['get', 'ns', 'gone']);
    expect(after.stderr).toBe('Error from server (NotFound): namespaces "gone" not found\n');
  });

  it('kubectl delete ns waits (list + watch) until the namespace is gone while the test drives the clock', async () => {
    ctx.s.cluster.namespaces.create({ metadata: { name: 'waited' } });
    const r = await ctx.k.run(['delete', 'ns', 'waited'], { tick: () => ctx.s.cluster.advance(100) });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'namespace "waited" deleted\n', '']);
  });

  it('kubectl delete ns default prints the Forbidden the lifecycle admission answers', async () => {
    const r = await ctx.k.run(['delete', 'ns', 'default']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
  });

  it('kubectl get ns -w prints rows as events arrive and exits 0 when the server ends the watch', async () => {
    const w = ctx.k.start(['get', 'ns', '-w']);
    await eventually(() => w.stdout().includes('kube-system'));
    ctx.s.cluster.namespaces.create({ metadata: { name: 'watched' } });
    await eventually(() => w.stdout().includes('watched'));
    // kubectl sends no timeoutSeconds: the watch ends after --min-request-timeout (1800 s) × [1, 2) of the clock.
    ctx.s.cluster.advance(3_600_000);
    const r = await w.done;
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
    expect(rows).toEqual(['NAME', 'default', 'kube-node-lease', 'kube-public', 'kube-system', 'watched']);
  });
});
