/**
 * The simulated kubelet at work: a container that crashes goes into CrashLoopBackOff with the kubelet's
 * growing back-off, and an ephemeral debug container (what `kubectl debug -it web --image=busybox
 * --target=app` adds) starts, runs, exits — and is never restarted.
 *
 * Run: `npm run build && node dist/examples/crash-loop-and-debug.js`
 */
import { createCluster } from '../lib/index.js';

/** Runs the example, writing what happens through `log`. */
export function main(log: (line: string) => void = console.log): void {
  const cluster = createCluster({ seed: 7 });
  const pods = cluster.pods('default');
  const t = (): string => `+${((cluster.clock.now() - Date.UTC(2024, 0, 1)) / 1000).toFixed(1)}s`;

  // A container that prints a line and exits 3, under the default restartPolicy Always.
  pods.create({ metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 3'] }] } });
  for (const step of [1_000, 10_000, 20_000]) {
    cluster.advance(step);
    const app = pods.get('web').status?.containerStatuses?.[0];
    const waiting = app?.state?.waiting;
    log(`${t()} web: phase ${pods.get('web').status?.phase}, restarts ${app?.restartCount}, ${waiting ? `waiting ${waiting.reason}: ${waiting.message?.replace(/\(.*\)/, '(…)')}` : 'running'}`);
  }
  log(`kubectl logs web --previous: ${cluster.kubelet('node-1').logs('default', 'web', 'app', { previous: true }).trim()}`);

  // kubectl debug: an ephemeral container in the crashing container's process namespace.
  const { containerName } = pods.debug('web', { image: 'busybox:1.36', target: 'app', name: 'debugger', command: ['sh', '-c', 'echo looking around; sleep 3'] });
  cluster.advance(1_000);
  const running = pods.get('web').status?.ephemeralContainerStatuses?.find((s) => s.name === containerName);
  log(`${t()} ${containerName}: ${Object.keys(running?.state ?? {}).join()}`);
  cluster.advance(600_000);
  const done = pods.get('web').status?.ephemeralContainerStatuses?.find((s) => s.name === containerName);
  log(`${t()} ${containerName}: terminated ${done?.state?.terminated?.reason} (exit ${done?.state?.terminated?.exitCode}), restarts ${done?.restartCount}`);
  log(`kubectl logs web -c ${containerName}: ${cluster.kubelet('node-1').logs('default', 'web', containerName).trim()}`);
  cluster.close();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
