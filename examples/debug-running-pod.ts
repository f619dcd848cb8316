/**
 * Debug a running pod whose image has no shell, as the "Ephemeral Containers" page describes: the pod
 * runs the pause image, `kubectl exec` would find no shell, so an ephemeral busybox container is added
 * through `pods/ephemeralcontainers` with the pause container as its target. Then the rules: the
 * ephemeral container can be neither removed nor changed, and a normal pod update cannot add one.
 *
 * Run: `npm run build && node dist/examples/debug-running-pod.js`
 */
import { createCluster, type Pod, type StatusError } from '../lib/index.js';

/** Runs the example, writing what happens through `log`. */
export function main(log: (line: string) => void = console.log): void {
  const cluster = createCluster({ seed: 11 });
  const pods = cluster.pods('default');

  // kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.1 --restart=Never
  pods.create({
    metadata: { name: 'ephemeral-demo', labels: { run: 'ephemeral-demo' } },
    spec: { restartPolicy: 'Never', containers: [{ name: 'ephemeral-demo', image: 'registry.k8s.io/pause:3.1' }] },
  });
  cluster.runUntil(() => pods.get('ephemeral-demo').status?.phase === 'Running', 60_000);
  log(`pod/ephemeral-demo: ${pods.get('ephemeral-demo').status?.phase} on ${pods.get('ephemeral-demo').spec?.nodeName}`);

  // kubectl debug -it ephemeral-demo --image=busybox:1.28 --target=ephemeral-demo
  const { containerName } = pods.debug('ephemeral-demo', { image: 'busybox:1.28', target: 'ephemeral-demo', stdin: true, tty: true });
  log(`added ephemeral container ${containerName} (target ephemeral-demo)`);
  cluster.runUntil(() => !!pods.get('ephemeral-demo').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000);
  const st = pods.get('ephemeral-demo').status?.ephemeralContainerStatuses?.[0];
  log(`${st?.name}: running=${st?.state?.running !== undefined} ready=${st?.ready} restartCount=${st?.restartCount}`);

  const current = pods.getEphemeralContainers('ephemeral-demo');
  const attempt = (what: string, fn: () => Pod): void => {
    try {
      fn();
      log(`${what}: accepted`);
    } catch (e) {
      const err = e as StatusError;
      log(`${what}: ${err.code} ${err.message.split('\n')[0]}`);
    }
  };
  // Ephemeral containers are append-only.
  attempt('remove it', () => pods.updateEphemeralContainers({ ...current, spec: { ...current.spec!, ephemeralContainers: [] } }));
  attempt('change its image', () =>
    pods.updateEphemeralContainers({
      ...current,
      spec: { ...current.spec!, ephemeralContainers: current.spec!.ephemeralContainers!.map((c) => ({ ...c, image: 'busybox:1.36' })) },
    }),
  );
  // Only the subresource may add them; `kubectl edit` (a normal update) may not.
  attempt('add one with a normal update', () =>
    pods.update({ ...current, spec: { ...current.spec!, ephemeralContainers: [...current.spec!.ephemeralContainers!, { name: 'more', image: 'busybox' }] } }),
  );
  // The allowed fields: an ephemeral container may not have ports, probes, resources, lifecycle …
  attempt('add one with ports', () => pods.patchEphemeralContainers('ephemeral-demo', 'json', [
    { op: 'add', path: '/spec/ephemeralContainers/-', value: { name: 'with-ports', image: 'busybox', ports: [{ containerPort: 80 }] } },
  ]));
  cluster.close();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
