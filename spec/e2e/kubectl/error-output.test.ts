/**
 * The error text real kubectl 1.32 prints for the Statuses kubesim answers with, compared with the
 * exact text recorded from kubectl on the wire (shared/reference/wire-protocol.md §4, §6, §8.2, §10).
 * kubectl builds it from the Status alone (reason and message; for 422 details.kind, details.name and
 * details.causes), so a difference here is a difference in the Status.
 */
import { jest } from '@jest/globals';
import { kubectlSuite, podManifest, writeFile } from './suite.js';

jest.setTimeout(60_000);

const { describe: describeKubectl, ctx } = kubectlSuite('kubectl error output');

beforeEach(async () => {
  if (!ctx.k) return;
  expect((await ctx.k.run(['run', 'web', '--image=registry.k8s.io/pause:3.1', '--restart=Never'])).code).toBe(0);
});

describeKubectl('real kubectl 1.32 prints kubesim\'s error Statuses exactly as it prints kube-apiserver\'s', () => {
  it('404 NotFound: Error from server (NotFound): pods "nope" not found', async () => {
    for (const args of [['get', 'pod', 'nope'], ['describe', 'pod', 'nope'], ['delete', 'pod', 'nope'], ['label', 'pod', 'nope', 'a=b']]) {
      const r = await ctx.k.run(args);
      expect([args.join(' '), r.code, r.stdout, r.stderr]).toEqual([args.join(' '), 1, '', 'Error from server (NotFound): pods "nope" not found\n']);
    }
  });

  it('409 AlreadyExists from create -f names the file', async () => {
    writeFile(ctx.k, 'pod.yaml', podManifest('app'));
    expect((await ctx.k.run(['create', '-f', 'pod.yaml'])).code).toBe(0);
    const r = await ctx.k.run(['create', '-f', 'pod.yaml']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "app" already exists\n']);
    const run = await ctx.k.run(['run', 'web', '--image=busybox', '--restart=Never']);
    expect([run.code, run.stderr]).toEqual([1, 'Error from server (AlreadyExists): pods "web" already exists\n']);
  });

  it('409 Conflict: a write carrying a stale resourceVersion', async () => {
    const r = await ctx.k.run(['label', 'pod', 'web', 'color=blue', '--resource-version=1']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      'Error from server (Conflict): Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again\n',
    ]);
  });

  it('422 Invalid with several causes: "The Pod "web" is invalid: " and one "* field: message" line per cause', async () => {
    const r = await ctx.k.run(['patch', 'pod', 'web', '--subresource=ephemeralcontainers', '-p', '{"spec":{"ephemeralContainers":[{"name":"dbg","terminationMessagePolicy":"Bogus"}]}}']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(
      'The Pod "web" is invalid: \n' +
        '* spec.ephemeralContainers[0].image: Required value\n' +
        '* spec.ephemeralContainers[0].terminationMessagePolicy: Unsupported value: "Bogus": supported values: "File", "FallbackToLogsOnError"\n',
    );
  });

  it('422 Invalid with one cause: on one line', async () => {
    await ctx.k.run(['patch', 'pod', 'web', '--subresource=ephemeralcontainers', '-p', '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox"}]}}']);
    const r = await ctx.k.run([
      'patch', 'pod', 'web', '--subresource=ephemeralcontainers', '--type=json',
      '-p', '[{"op":"add","path":"/spec/ephemeralContainers/-","value":{"name":"dbg","image":"busybox"}}]',
    ]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'The Pod "web" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "dbg"\n']);
  });

  it('400 BadRequest: a field selector the pods resource does not support', async () => {
    const r = await ctx.k.run(['get', 'pods', '--field-selector=bogus.field=x']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "bogus.field=x": field label not supported: bogus.field\n',
    ]);
  });

  it('an empty namespace: "No resources found" on stderr, exit 0', async () => {
    const r = await ctx.k.run(['get', 'pods', '-n', 'kube-public']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'No resources found in kube-public namespace.\n']);
  });
});
