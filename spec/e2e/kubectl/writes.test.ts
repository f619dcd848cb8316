import { jest } from '@jest/globals';
import type { Pod } from '../../../lib/api/types.js';
import { kubectlSuite, podManifest, runWithEnv, writeFile } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx } = kubectlSuite('kubectl writes');

const stored = (name: string): Pod => ctx.s.cluster.pods('default').get(name);
const managers = (name: string): string[] => (stored(name).metadata?.managedFields ?? []).map((m) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ''}`);
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

describeKubectl('real kubectl 1.32 against kubesim: writing pods', () => {
  it('create -f posts the manifest (validated against /openapi/v3 first); a second create is 409 AlreadyExists', async () => {
    const file = writeFile(ctx.k, 'pod.yaml', podManifest('app'));
    const r = await ctx.k.run(['create', '-f', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'pod/app created\n', '']);
    expect(managers('app')).toEqual(['kubectl-create/Update']);
    const again = await ctx.k.run(['create', '-f', file]);
    expect([again.code, again.stdout, again.stderr]).toEqual([1, '', `Error from server (AlreadyExists): error when creating "${file}": pods "app" already exists\n`]);
  });

  it('create -f with an unknown field fails strict field validation (fieldValidation=Strict) as the apiserver words it', async () => {
    const file = writeFile(ctx.k, 'pod.yaml', podManifest('app').replace('  containers:', '  bogusField: 1\n  containers:'));
    const r = await ctx.k.run(['create', '-f', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `Error from server (BadRequest): error when creating "${file}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.bogusField"\n`]);
  });

  it('apply: created, then configured with a strategic merge patch, then unchanged', async () => {
    const file = writeFile(ctx.k, 'pod.yaml', podManifest('app', { app: 'demo' }));
    const created = await ctx.k.run(['apply', '-f', file]);
    expect([created.code, created.stdout, created.stderr]).toEqual([0, 'pod/app created\n', '']);
    expect(JSON.parse(stored('app').metadata!.annotations![lastApplied]!)).toMatchObject({ metadata: { labels: { app: 'demo' } } });
    writeFile(ctx.k, 'pod.yaml', podManifest('app', { app: 'demo2', tier: 'web' }));
    const configured = await ctx.k.run(['apply', '-f', file]);
    expect([configured.code, configured.stdout, configured.stderr]).toEqual([0, 'pod/app configured\n', '']);
    expect(stored('app').metadata?.labels).toEqual({ app: 'demo2', tier: 'web' });
    const rv = stored('app').metadata?.resourceVersion;
    const unchanged = await ctx.k.run(['apply', '-f', file]);
    expect([unchanged.code, unchanged.stdout, unchanged.stderr]).toEqual([0, 'pod/app unchanged\n', '']);
    expect(stored('app').metadata?.resourceVersion).toBe(rv);
    expect(managers('app')).toEqual(['kubectl-client-side-apply/Update']);
  });

  it('apply over an object made by create warns about the missing last-applied annotation and patches it in', async () => {
    const file = writeFile(ctx.k, 'pod.yaml', podManifest('app'));
    await ctx.k.run(['create', '-f', file]);
    const r = await ctx.k.run(['apply', '-f', file]);
    expect([r.code, r.stdout]).toEqual([0, 'pod/app configured\n']);
    expect(r.stderr).toBe(
      'Warning: resource pods/app is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(stored('app').metadata?.annotations?.[lastApplied]).toBeDefined();
  });

  it('replace puts the edited object; replacing from a stale resourceVersion is 409 Conflict', async () => {
    await ctx.k.run(['create', '-f', writeFile(ctx.k, 'pod.yaml', podManifest('app'))]);
    const live = await ctx.k.run(['get', 'pod', 'app', '-o', 'yaml']);
    const file = writeFile(ctx.k, 'live.yaml', live.stdout.replace('    app: app\n', '    app: replaced\n'));
    const r = await ctx.k.run(['replace', '-f', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'pod/app replaced\n', '']);
    expect(stored('app').metadata?.labels).toEqual({ app: 'replaced' });
    const stale = await ctx.k.run(['replace', '-f', file]);
    expect([stale.code, stale.stdout, stale.stderr]).toEqual([
      1,
      '',
      `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on pods "app": the object has been modified; please apply your changes to the latest version and try again\n`,
    ]);
  });

  it('edit with a scripted editor (KUBE_EDITOR) patches what the editor changed', async () => {
    await ctx.k.run(['create', '-f', writeFile(ctx.k, 'pod.yaml', podManifest('app'))]);
    const r = await runWithEnv(ctx.k, ['edit', 'pod', 'app'], { KUBE_EDITOR: 'sed -i s/pause:3.1/pause:3.9/' });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'pod/app edited\n', '']);
    expect(stored('app').spec?.containers[0]?.image).toBe('registry.k8s.io/pause:3.9');
    expect(managers('app')).toEqual(['kubectl-create/Update', 'kubectl-edit/Update']);
    // An editor that changes nothing: kubectl sends nothing.
    const none = await runWithEnv(ctx.k, ['edit', 'pod', 'app'], { KUBE_EDITOR: 'true' });
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'Edit cancelled, no changes made.\n']);
  });

  it('patch: strategic (the default), merge and JSON patch; an unchanged result says "(no change)"', async () => {
    await ctx.k.run(['create', '-f', writeFile(ctx.k, 'pod.yaml', podManifest('app'))]);
    const smp = await ctx.k.run(['patch', 'pod', 'app', '-p', '{"spec":{"containers":[{"name":"app","image":"registry.k8s.io/pause:3.9"}]}}']);
    expect([smp.code, smp.stdout, smp.stderr]).toEqual([0, 'pod/app patched\n', '']);
    // Merged by the container name: one container, its defaults kept.
    expect(stored('app').spec?.containers).toEqual([expect.objectContaining({ name: 'app', image: 'registry.k8s.io/pause:3.9', terminationMessagePolicy: 'File' })]);
    const merge = await ctx.k.run(['patch', 'pod', 'app', '--type=merge', '-p', '{"metadata":{"labels":{"merged":"yes"}}}']);
    expect([merge.code, merge.stdout]).toEqual([0, 'pod/app patched\n']);
    const json = await ctx.k.run(['patch', 'pod', 'app', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/json","value":"yes"}]']);
    expect([json.code, json.stdout]).toEqual([0, 'pod/app patched\n']);
    expect(stored('app').metadata?.labels).toEqual({ app: 'app', merged: 'yes', json: 'yes' });
    const same = await ctx.k.run(['patch', 'pod', 'app', '--type=merge', '-p', '{"metadata":{"labels":{"merged":"yes"}}}']);
    expect([same.code, same.stdout]).toEqual([0, 'pod/app patched (no change)\n']);
    expect(managers('app')).toEqual(['kubectl-create/Update', 'kubectl-patch/Update']);
  });

  it('patch --subresource=status writes status only; the same patch on the main resource ignores status', async () => {
    await ctx.k.run(['create', '-f', writeFile(ctx.k, 'pod.yaml', podManifest('app'))]);
    const body = '{"status":{"conditions":[{"type":"example.com/Custom","status":"True"}]}}';
    const main = await ctx.k.run(['patch', 'pod', 'app', '--type=merge', '-p', body]);
    expect([main.code, main.stdout]).toEqual([0, 'pod/app patched (no change)\n']);
    const status = await ctx.k.run(['patch', 'pod', 'app', '--subresource=status', '--type=merge', '-p', body]);
    expect([status.code, status.stdout, status.stderr]).toEqual([0, 'pod/app patched\n', '']);
    // metav1.Time is a struct, not a pointer: its zero value is written as null.
    expect(stored('app').status?.conditions).toEqual([{ type: 'example.com/Custom', status: 'True', lastProbeTime: null, lastTransitionTime: null }]);
    expect(managers('app')).toEqual(['kubectl-create/Update', 'kubectl-patch/Update/status']);
  });

  it('label and annotate send merge patches; relabelling needs --overwrite; a bad key is the server\'s 422', async () => {
    await ctx.k.run(['create', '-f', writeFile(ctx.k, 'pod.yaml', podManifest('app'))]);
    expect((await ctx.k.run(['label', 'pod', 'app', 'color=blue'])).stdout).toBe('pod/app labeled\n');
    const clash = await ctx.k.run(['label', 'pod', 'app', 'color=red']);
    expect([clash.code, clash.stderr]).toEqual([1, "error: 'color' already has a value (blue), and --overwrite is false\n"]);
    expect((await ctx.k.run(['label', 'pod', 'app', 'color=red', '--overwrite'])).stdout).toBe('pod/app labeled\n');
    expect((await ctx.k.run(['label', 'pod', 'app', 'color-'])).stdout).toBe('pod/app unlabeled\n');
    expect((await ctx.k.run(['annotate', 'pod', 'app', 'note=hi'])).stdout).toBe('pod/app annotated\n');
    expect(stored('app').metadata?.labels).toEqual({ app: 'app' });
    expect(stored('app').metadata?.annotations).toEqual({ note: 'hi' });
    // managedFields are sorted by operation, time, then manager name (the clock did not move).
    expect(managers('app')).toEqual(['kubectl-annotate/Update', 'kubectl-create/Update', 'kubectl-label/Update']);
    // kubectl does not check label keys; the apiserver's 422 comes back as kubectl prints an Invalid Status.
    const bad = await ctx.k.run(['label', 'pod', 'app', 'bad_key!=x']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      `The Pod "app" is invalid: metadata.labels: Invalid value: "bad_key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`,
    ]);
  });

  it('delete waits for the kubelet to stop the pod while the clock runs, then returns', async () => {
    await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
    const pods = ctx.s.cluster.pods('default');
    ctx.s.cluster.runUntil(() => pods.get('web').status?.phase === 'Running', 60_000);
    const before = ctx.s.cluster.clock.now();
    // kubectl DELETEs (the pod becomes Terminating), GETs, lists and watches until DELETED with its uid.
    const r = await ctx.k.run(['delete', 'pod', 'web'], { tick: () => ctx.s.cluster.advance(100) });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'pod "web" deleted\n', '']);
    expect(ctx.s.cluster.registry.pods.store.find('default', 'web')).toBeUndefined();
    expect(ctx.s.cluster.clock.now()).toBeGreaterThan(before);
    const events = ctx.s.cluster.events('default').list().items.filter((e) => e.involvedObject.name === 'web').map((e) => e.reason);
    expect(events).toContain('Killing');
  });

  it('delete of a missing pod is the 404 kubectl prints; --ignore-not-found is quiet', async () => {
    const r = await ctx.k.run(['delete', 'pod', 'nope']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Error from server (NotFound): pods "nope" not found\n']);
    const quiet = await ctx.k.run(['delete', 'pod', 'nope', '--ignore-not-found']);
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
  });
});
