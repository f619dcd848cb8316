/**
 * kubesim as the API server of a test that uses @kubernetes/client-node: serve a cluster on
 * 127.0.0.1, point a KubeConfig at it, and drive a pod from creation to an ephemeral debug container
 * with the client-node calls a real program makes — while the test moves the cluster's clock.
 *
 * Run: `npm run build && node dist/examples/client-node-debug-pod.js`
 */
import * as k8s from '@kubernetes/client-node';
import { createCluster } from '../lib/index.js';
import { serve } from '../lib/serve.js';

/** Runs the example, writing what happens through `log`. */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  // A cluster on a virtual clock (one node, `node-1`), served on a free port of 127.0.0.1.
  const cluster = createCluster({ seed: 3 });
  const served = await serve(cluster);

  // The served kubeconfig says `insecure-skip-tls-verify: true`: client-node refuses plain http without it.
  // Never `loadFromDefault()` in a test: it would read $KUBECONFIG or the user's own kubeconfig.
  const kc = new k8s.KubeConfig();
  kc.loadFromString(served.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);

  try {
    await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.1' }] } },
    });
    // Nothing happens until the clock moves: the scheduler binds the pod and the kubelet starts it.
    cluster.runUntil(() => cluster.pods('default').get('web').status?.phase === 'Running', 60_000);
    const web = await core.readNamespacedPod({ name: 'web', namespace: 'default' });
    log(`pod/web: ${web.status?.phase} on ${web.spec?.nodeName}, ready=${web.status?.containerStatuses?.[0]?.ready}`);

    // What `kubectl debug web --image=busybox:1.28 --target=web -c debugger` sends: a strategic merge
    // patch to pods/ephemeralcontainers. client-node's default patch type is JSON patch; pick SMP by header.
    await core.patchNamespacedPodEphemeralcontainers(
      {
        name: 'web',
        namespace: 'default',
        body: { spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.28', targetContainerName: 'web', stdin: true, tty: true }] } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    cluster.runUntil(() => !!cluster.pods('default').get('web').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000);
    const withDebugger = await core.readNamespacedPodEphemeralcontainers({ name: 'web', namespace: 'default' });
    const ec = withDebugger.spec?.ephemeralContainers?.[0];
    const ecStatus = withDebugger.status?.ephemeralContainerStatuses?.[0];
    log(`ephemeral container ${ec?.name}: image ${ec?.image}, target ${ec?.targetContainerName}, running=${ecStatus?.state?.running !== undefined}`);

    // Errors are ApiExceptions whose body is the apiserver's Status, causes and all.
    try {
      await core.patchNamespacedPodEphemeralcontainers(
        { name: 'web', namespace: 'default', body: { spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36' }] } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
      );
    } catch (e) {
      if (!(e instanceof k8s.ApiException)) throw e;
      const status = JSON.parse((e as k8s.ApiException<string>).body) as k8s.V1Status;
      const cause = status.details?.causes?.[0];
      log(`change it: ${e.code} ${status.reason}: ${cause?.field}: ${cause?.message?.split('\n')[0]}`);
    }
    try {
      await core.readNamespacedPod({ name: 'nope', namespace: 'default' });
    } catch (e) {
      if (!(e instanceof k8s.ApiException)) throw e;
      log(`read a missing pod: ${e.code} ${(JSON.parse((e as k8s.ApiException<string>).body) as k8s.V1Status).message}`);
    }
  } finally {
    await served.close();
    cluster.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
