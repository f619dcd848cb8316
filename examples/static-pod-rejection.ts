/**
 * Static pods do not support ephemeral containers. A kubelet runs a static pod from its manifest and
 * mirrors it into the API as `NAME-NODENAME` with the `kubernetes.io/config.mirror` annotation; the
 * apiserver then refuses every write to that pod's `ephemeralcontainers` subresource with a single error
 * at the root path — even one that changes nothing.
 *
 * Run: `npm run build && node dist/examples/static-pod-rejection.js`
 */
import { createCluster, type StatusError } from '../lib/index.js';

/** Runs the example, writing what happens through `log`. */
export function main(log: (line: string) => void = console.log): void {
  const cluster = createCluster({ seed: 5 });
  const kubelet = cluster.kubelet('node-1');
  kubelet.addStaticPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'static-web', namespace: 'default' },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });
  cluster.runUntil(() => cluster.pods('default').list().items.some((p) => p.status?.phase === 'Running'), 60_000);
  const mirror = cluster.pods('default').get('static-web-node-1');
  log(`mirror pod ${mirror.metadata?.name}: ${mirror.status?.phase}, kubernetes.io/config.mirror=${mirror.metadata?.annotations?.['kubernetes.io/config.mirror'] ? 'set' : 'unset'}`);

  for (const [what, fn] of [
    ['kubectl debug', () => cluster.pods('default').debug('static-web-node-1', { image: 'busybox:1.28', target: 'web' })],
    ['an unchanged list', () => cluster.pods('default').updateEphemeralContainers(mirror)],
  ] as const) {
    try {
      fn();
      log(`${what}: accepted`);
    } catch (e) {
      const err = e as StatusError;
      log(`${what}: ${err.code} ${err.message}`);
    }
  }
  cluster.close();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
