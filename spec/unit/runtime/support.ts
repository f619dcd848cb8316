import type { Container } from '../../../lib/api/types.js';
import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { ContainerRuntime } from '../../../lib/runtime/runtime.js';
import type { SimContainer } from '../../../lib/runtime/container.js';
import type { SandboxConfig } from '../../../lib/runtime/container-setup.js';

/** A runtime on a virtual clock, with helpers to run pods in it. */
export function makeRuntime(): { clock: VirtualClock; runtime: ContainerRuntime } {
  const clock = new VirtualClock();
  return { clock, runtime: new ContainerRuntime({ clock }) };
}

let ip = 10;

/** Creates a sandbox for a pod named `name`. */
export function sandbox(runtime: ContainerRuntime, name: string, extra: Partial<SandboxConfig> = {}): string {
  return runtime.runPodSandbox({ uid: `uid-${name}`, name, namespace: 'default', hostname: name, podIP: `10.244.0.${ip++}`, ...extra });
}

/** Creates and starts a container from a partial spec; throws if creation fails (a test bug). */
export function run(runtime: ContainerRuntime, sandboxId: string, spec: Partial<Container> & { image: string }, extra: { targetContainerId?: string } = {}): SimContainer {
  const created = runtime.createContainer(sandboxId, { spec: { name: 'main', ...spec }, ...extra });
  if ('reason' in created) throw new Error(created.message);
  runtime.startContainer(created.containerId);
  return runtime.container(created.containerId)!;
}

/** Runs `sh -c script` in a busybox container and returns it. */
export function sh(runtime: ContainerRuntime, script: string, image = 'busybox:1.36'): SimContainer {
  return run(runtime, sandbox(runtime, `sh-${ip}`), { image, command: ['sh', '-c', script] });
}

/** Everything a container logged, as `kubectl logs` prints it. */
export function logText(c: SimContainer): string {
  return c.log.text();
}

/** Runs a command through exec and collects its output and exit code after the clock settles. */
export function execCollect(runtime: ContainerRuntime, clock: VirtualClock, containerId: string, command: string[], input?: string): { out: string; err: string; code: number | undefined; failure?: string } {
  const r = runtime.exec(containerId, command, { stdin: input !== undefined });
  if ('error' in r) return { out: '', err: '', code: r.exitCode, failure: r.message };
  let out = '';
  let err = '';
  let code: number | undefined;
  r.io.onOutput((d, s) => {
    if (s === 'stdout') out += d;
    else err += d;
  });
  r.io.onExit((st) => {
    code = st.code;
  });
  if (input !== undefined) {
    r.io.write(input);
    r.io.closeStdin();
  }
  clock.runUntil(() => code !== undefined, 600_000);
  return { out, err, code };
}
