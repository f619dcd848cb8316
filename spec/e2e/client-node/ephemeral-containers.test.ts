import * as k8s from '@kubernetes/client-node';
import { clientNodeSuite } from './suite.js';

const ctx = clientNodeSuite({
  setup: async ({ s, core }) => {
    await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.1' }] } },
    });
    s.cluster.runUntil(() => s.cluster.pods('default').get('web').status?.phase === 'Running', 60_000);
  },
});

/** The Status an ApiException carries. */
async function statusOf(p: Promise<unknown>): Promise<{ code: number; status: k8s.V1Status }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof k8s.ApiException) return { code: e.code, status: JSON.parse((e as k8s.ApiException<string>).body) as k8s.V1Status };
    throw e;
  }
  throw new Error('did not fail');
}

const smp = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);

describe('@kubernetes/client-node 1.4 against kubesim: pods/ephemeralcontainers', () => {
  it('reads the subresource: the whole Pod, before any ephemeral container exists', async () => {
    const pod = await ctx.core.readNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default' });
    expect(pod.kind).toBe('Pod');
    expect(pod.metadata?.name).toBe('web');
    expect(pod.spec?.ephemeralContainers).toBeUndefined();
  });

  it('adds one with a strategic merge patch (the content type set with setHeaderOptions), which the kubelet then starts', async () => {
    const patched = await ctx.core.patchNamespacedPodEphemeralcontainers(
      { name: 'web', namespace: 'default', body: { spec: { ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.28', targetContainerName: 'web' }] } } },
      smp,
    );
    // Defaulted as the apiserver defaults ephemeral containers.
    expect(patched.spec?.ephemeralContainers).toEqual([
      { name: 'dbg', image: 'busybox:1.28', targetContainerName: 'web', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} },
    ]);
    ctx.s.cluster.runUntil(() => !!ctx.s.cluster.pods('default').get('web').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 60_000);
    const read = await ctx.core.readNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default' });
    // The runtime reports the image by its full reference, as containerd does.
    const st = read.status?.ephemeralContainerStatuses?.[0];
    expect(st).toMatchObject({ name: 'dbg', image: 'docker.io/library/busybox:1.28', ready: false, restartCount: 0 });
    // busybox runs `sh`; without stdin (no -i) the shell reads EOF and exits 0 at once, as it does on a node.
    expect(st?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(st?.state?.terminated?.startedAt).toBeInstanceOf(Date);
  });

  it('adds a second one with $setElementOrder (what kubectl debug sends once one exists), merged by name', async () => {
    await ctx.core.patchNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default', body: { spec: { ephemeralContainers: [{ name: 'a', image: 'busybox' }] } } }, smp);
    const patched = await ctx.core.patchNamespacedPodEphemeralcontainers(
      {
        name: 'web',
        namespace: 'default',
        body: { spec: { '$setElementOrder/ephemeralContainers': [{ name: 'a' }, { name: 'b' }], ephemeralContainers: [{ name: 'b', image: 'busybox', resources: {}, terminationMessagePolicy: 'File' }] } },
      },
      smp,
    );
    expect(patched.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('adds one with the generated default, a JSON patch, and with replaceNamespacedPodEphemeralcontainers', async () => {
    await ctx.core.patchNamespacedPodEphemeralcontainers({
      name: 'web',
      namespace: 'default',
      body: [{ op: 'add', path: '/spec/ephemeralContainers', value: [{ name: 'json', image: 'busybox' }] }],
    });
    const current = await ctx.core.readNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default' });
    current.spec!.ephemeralContainers!.push({ name: 'put', image: 'busybox' });
    const replaced = await ctx.core.replaceNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default', body: current });
    expect(replaced.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['json', 'put']);
  });

  it('refuses a change to an existing one with 422 Forbidden, and an invalid one with every cause', async () => {
    await ctx.core.patchNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default', body: { spec: { ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.28' }] } } }, smp);
    const changed = await statusOf(
      ctx.core.patchNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default', body: { spec: { ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.36' }] } } }, smp),
    );
    expect(changed.code).toBe(422);
    expect(changed.status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422, details: { name: 'web', kind: 'Pod' } });
    expect(changed.status.details?.causes).toHaveLength(1);
    expect(changed.status.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueForbidden', field: 'spec.ephemeralContainers' });
    expect(changed.status.details?.causes?.[0]?.message).toMatch(/^Forbidden: existing ephemeral containers "dbg" may not be changed\n/);

    // Without $setElementOrder a strategic merge puts the patch's new items first: the bad one is [0].
    const invalid = await statusOf(
      ctx.core.patchNamespacedPodEphemeralcontainers(
        { name: 'web', namespace: 'default', body: { spec: { ephemeralContainers: [{ name: 'bad', terminationMessagePolicy: 'Bogus' }] } } },
        smp,
      ),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.status.message).toBe(
      'Pod "web" is invalid: [spec.ephemeralContainers[0].image: Required value, spec.ephemeralContainers[0].terminationMessagePolicy: Unsupported value: "Bogus": supported values: "File", "FallbackToLogsOnError"]',
    );
    expect(invalid.status.details?.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.ephemeralContainers[0].image' },
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Bogus": supported values: "File", "FallbackToLogsOnError"', field: 'spec.ephemeralContainers[0].terminationMessagePolicy' },
    ]);
  });

  it('reading the subresource of a missing pod is 404 with details', async () => {
    const missing = await statusOf(ctx.core.readNamespacedPodEphemeralcontainers({ name: 'nope', namespace: 'default' }));
    expect(missing).toEqual({
      code: 404,
      status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 },
    });
  });
});
