/**
 * A client-node informer against kubesim, the way a controller test uses it: the informer lists and
 * watches pods over HTTP while the test changes the cluster through the library and moves its clock —
 * including the case controllers get wrong, a watch that ends and cannot resume (410 Gone), after
 * which the informer must re-list and reconcile what it missed.
 *
 * Run: `npm run build && node dist/examples/client-node-informer.js`
 */
import * as k8s from '@kubernetes/client-node';
import { createCluster } from '../lib/index.js';
import { serve } from '../lib/serve.js';

/** Resolves once `cond()` holds, checked between turns of the event loop (HTTP needs the loop to turn). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}

/** Runs the example, writing what happens through `log`. */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  const cluster = createCluster({ seed: 5 });
  // The apiserver ends a watch after --min-request-timeout × [1, 2); one minute here, of the cluster's clock.
  const served = await serve(cluster, { minRequestTimeoutSeconds: 60 });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(served.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const pods = cluster.pods('default');
  const pod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.1' }] } });

  const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/pods', () => core.listNamespacedPod({ namespace: 'default' }));
  const phases = new Map<string, string>();
  informer.on('add', (p: k8s.V1Pod) => {
    phases.set(p.metadata!.name!, p.status?.phase ?? '');
    log(`add ${p.metadata?.name} (${p.status?.phase})`);
  });
  informer.on('update', (p: k8s.V1Pod) => {
    const before = phases.get(p.metadata!.name!);
    phases.set(p.metadata!.name!, p.status?.phase ?? '');
    if (before !== p.status?.phase) log(`update ${p.metadata?.name} (${before} -> ${p.status?.phase})`);
  });
  informer.on('delete', (p: k8s.V1Pod) => log(`delete ${p.metadata?.name}`));
  const onError = (e: unknown): void => log(`error ${String(e)}`);
  informer.on('error', onError);

  try {
    pods.create(pod('a'));
    await informer.start();
    await until(() => phases.has('a'));

    // The test drives the cluster: the scheduler and kubelet run when the clock moves.
    cluster.runUntil(() => pods.get('a').status?.phase === 'Running', 60_000);
    await until(() => phases.get('a') === 'Running');

    // All in one turn of the event loop, before the informer hears anything: its watch times out, pod
    // "a" goes and "b" comes, and the history is compacted past the last version the informer saw.
    const watchers = cluster.store.watcherCount('pods');
    cluster.advance(120_000);
    pods.delete('a', { gracePeriodSeconds: 0 });
    pods.create(pod('b'));
    cluster.store.compact();

    // Resuming from its resourceVersion gets an ERROR 410 event; the informer re-lists and reconciles.
    await until(() => phases.has('b') && !informer.get('a', 'default') && cluster.store.watcherCount('pods') === watchers);
    log(`after the 410: the informer holds ${informer.list('default').map((p) => p.metadata?.name).join(', ')}`);
    // client-node 1.4 reports the abort of its own watch as an error when stopped: stop listening first.
    informer.off('error', onError);
    await informer.stop();
  } finally {
    await served.close();
    cluster.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
