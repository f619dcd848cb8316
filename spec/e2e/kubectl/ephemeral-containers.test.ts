import { jest } from '@jest/globals';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { kubectlSuite, runWithEnv, writeFile } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx } = kubectlSuite('kubectl and ephemeral containers');

const targeting = 'Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n';
const legacyWarning = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

beforeEach(async () => {
  if (!ctx.k) return;
  const r = await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never']);
  expect(r.code).toBe(0);
  const pods = ctx.s.cluster.pods('default');
  ctx.s.cluster.runUntil(() => pods.get('web').status?.phase === 'Running', 60_000);
});

const ephemeral = (): { name: string; image: string; targetContainerName?: string }[] =>
  (ctx.s.cluster.pods('default').get('web').spec?.ephemeralContainers ?? []).map((c) => ({
    name: c.name,
    image: c.image!,
    ...(c.targetContainerName ? { targetContainerName: c.targetContainerName } : {}),
  }));

describeKubectl('real kubectl 1.32 against kubesim: ephemeral containers', () => {
  it('debug --target without -it adds an ephemeral container with a generated name and returns at once', async () => {
    const r = await ctx.k.run(['debug', 'web', '--image=busybox:1.28', '--target=web']);
    expect(r.code).toBe(0);
    const [name] = ephemeral().map((c) => c.name);
    expect(name).toMatch(/^debugger-[a-z0-9]{5}$/);
    expect(r.stdout).toBe(`${targeting}Defaulting debug container name to ${name}.\n`);
    expect(r.stderr).toBe(legacyWarning);
    expect(ephemeral()).toEqual([{ name, image: 'busybox:1.28', targetContainerName: 'web' }]);
  });

  it('a second debug sends $setElementOrder; the profile sets the securityContext; the kubelet starts both', async () => {
    await ctx.k.run(['debug', 'web', '--image=busybox:1.28', '--target=web', '-c', 'first', '--profile=general']);
    const r = await ctx.k.run(['debug', 'web', '--image=busybox:1.28', '-c', 'second', '--profile=netadmin']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const spec = ctx.s.cluster.pods('default').get('web').spec!.ephemeralContainers!;
    expect(spec.map((c) => [c.name, c.securityContext])).toEqual([
      ['first', { capabilities: { add: ['SYS_PTRACE'] } }],
      ['second', { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } }],
    ]);
    const pods = ctx.s.cluster.pods('default');
    ctx.s.cluster.runUntil(() => (pods.get('web').status?.ephemeralContainerStatuses ?? []).filter((s) => s.state?.terminated).length === 2, 60_000);
    const statuses = await ctx.k.run(['get', 'pod', 'web', '-o', 'jsonpath={range .status.ephemeralContainerStatuses[*]}{.name}={.state.terminated.reason}{"\\n"}{end}']);
    // busybox's sh without stdin exits at once, as it does on a real node.
    expect(statuses.stdout).toBe('first=Completed\nsecond=Completed\n');
  });

  it('debug refuses a duplicate name, a missing target and a bad name with the apiserver\'s 422 as kubectl prints it', async () => {
    await ctx.k.run(['debug', 'web', '--image=busybox:1.28', '-c', 'dbg', '--profile=general']);
    const dup = await ctx.k.run(['debug', 'web', '--image=busybox:1.36', '-c', 'dbg', '--profile=general']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^The Pod "web" is invalid: spec\.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be changed\n/);
    const target = await ctx.k.run(['debug', 'web', '--image=busybox', '--target=nope', '-c', 't', '--profile=general']);
    expect([target.code, target.stderr]).toEqual([1, 'The Pod "web" is invalid: spec.ephemeralContainers[1].targetContainerName: Not found: "nope"\n']);
    const bad = await ctx.k.run(['debug', 'web', '--image=busybox', '-c', 'Bad_Name', '--profile=general']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      `The Pod "web" is invalid: spec.ephemeralContainers[1].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
    ]);
    expect(ephemeral().map((c) => c.name)).toEqual(['dbg']);
  });

  it('debug of a missing pod fails at the first GET', async () => {
    const r = await ctx.k.run(['debug', 'nope', '--image=busybox', '--profile=general']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Error from server (NotFound): pods "nope" not found\n']);
  });

  it('patch --subresource=ephemeralcontainers adds one; every cause of an invalid one is printed', async () => {
    const ok = await ctx.k.run(['patch', 'pod', 'web', '--subresource=ephemeralcontainers', '-p', '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox","targetContainerName":"web"}]}}']);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, 'pod/web patched\n', '']);
    expect(ephemeral()).toEqual([{ name: 'dbg', image: 'busybox', targetContainerName: 'web' }]);
    const bad = await ctx.k.run(['patch', 'pod', 'web', '--subresource=ephemeralcontainers', '-p', '{"spec":{"ephemeralContainers":[{"name":"bad","terminationMessagePolicy":"Bogus","ports":[{"containerPort":80}]}]}}']);
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    // Without $setElementOrder the patch's new item goes first: [0].
    expect(bad.stderr).toBe(
      'The Pod "web" is invalid: \n' +
        '* spec.ephemeralContainers[0].image: Required value\n' +
        '* spec.ephemeralContainers[0].terminationMessagePolicy: Unsupported value: "Bogus": supported values: "File", "FallbackToLogsOnError"\n' +
        '* spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container\n',
    );
  });

  it('the main resource refuses ephemeral containers: patch gets the "may not change fields" 422', async () => {
    const r = await ctx.k.run(['patch', 'pod', 'web', '--type=merge', '-p', '{"spec":{"ephemeralContainers":[{"name":"x","image":"busybox"}]}}']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr.startsWith(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n',
    )).toBe(true);
    expect(ephemeral()).toEqual([]);
  });

  it('edit that adds an ephemeral container: the 422 is reported, the editor reopens with the cause, nothing is saved', async () => {
    // The editor records what kubectl gives it; it adds an ephemeral container the first time only.
    const editor = writeFile(
      ctx.k,
      'editor.sh',
      [
        '#!/bin/sh',
        'dir=$(dirname "$0")',
        'n=$(ls "$dir" | grep -c "^seen-")',
        'cp "$1" "$dir/seen-$n.yaml"',
        'if [ "$n" = 0 ]; then sed -i "s/^spec:$/spec:\\n  ephemeralContainers:\\n  - name: dbg\\n    image: busybox/" "$1"; fi',
        '',
      ].join('\n'),
    );
    chmodSync(editor, 0o755);
    const r = await runWithEnv(ctx.k, ['edit', 'pod', 'web'], { KUBE_EDITOR: editor, TMPDIR: ctx.k.dir });
    expect([r.code, r.stdout]).toEqual([1, '']);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('error: pods "web" is invalid');
    expect(lines[1]).toMatch(new RegExp(`^A copy of your changes has been stored to "${ctx.k.dir.replace(/[/.]/g, '\\$&')}/kubectl-edit-\\d+\\.yaml"$`));
    expect(lines.slice(2)).toEqual(['error: Edit cancelled, no valid changes were saved.', '']);
    // The reopened file starts with the Status causes as comments.
    const reopened = readFileSync(path.join(ctx.k.dir, 'seen-1.yaml'), 'utf8').split('\n');
    expect(reopened.slice(0, 6)).toEqual([
      "# Please edit the object below. Lines beginning with a '#' will be ignored,",
      '# and an empty file will abort the edit. If an error occurs while saving this file will be',
      '# reopened with the relevant failures.',
      '#',
      '# pods "web" was not valid:',
      '# * spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ]);
    expect(existsSync(path.join(ctx.k.dir, 'seen-2.yaml'))).toBe(false);
    expect(ephemeral()).toEqual([]);
  });

  it('describe shows an Ephemeral Containers section fed by ephemeralContainerStatuses', async () => {
    await ctx.k.run(['patch', 'pod', 'web', '--subresource=ephemeralcontainers', '-p', '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox:1.28","stdin":true,"tty":true}]}}']);
    const pods = ctx.s.cluster.pods('default');
    ctx.s.cluster.runUntil(() => !!pods.get('web').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000);
    const r = await ctx.k.run(['describe', 'pod', 'web']);
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('\nEphemeral Containers:\n'), r.stdout.indexOf('\nConditions:\n'));
    expect(section).toMatch(
      /^\nEphemeral Containers:\n {2}dbg:\n {4}Container ID: {3}containerd:\/\/[0-9a-f]{64}\n {4}Image: {10}busybox:1\.28\n {4}Image ID: {7}docker\.io\/library\/busybox@sha256:[0-9a-f]{64}\n {4}Port: {11}<none>\n {4}Host Port: {6}<none>\n {4}State: {10}Running\n {6}Started: {6}.+\n {4}Ready: {10}False\n {4}Restart Count: {2}0\n {4}Environment: {4}<none>\n {4}Mounts: {9}<none>$/,
    );
  });
});
