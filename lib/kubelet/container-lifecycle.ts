/**
 * Starting and stopping one container, as `kuberuntime_container.go` does it (release-1.32):
 * `startContainer` (image, restart count, config, create, start, postStart hook, with the `Created`,
 * `Started` and `Failed` events and the error kinds that become waiting reasons), `killContainer`
 * (`Killing` event, preStop hook within the grace period, never less than 2 s for the stop) and
 * `setTerminationGracePeriod`; plus `lifecycle.go`'s hook runner.
 */
import type { Container, Pod } from '../api/types.js';
import type { LifecycleHandler } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../clock/clock.js';
import { ContainerConfigError, generateLaunchConfig, type ConfigContext } from './container-config.js';
import { formatPod } from './backoff.js';
import { containerRef, type KubeletEventRecorder } from './events.js';
import type { ImageManager } from './image-manager.js';
import { StartError, type ContainerInstance, type RuntimeService, type Sandbox } from './runtime-service.js';
import { containerHash, findContainerStatusByName, type PodRuntimeState } from './runtime-state.js';
import { race, runTask, sleep, waitFor, type Task, type Wait } from './task.js';
import { StringOutput } from '../runtime/streams.js';
import { readTreeFile } from './container-filesystem.js';

/** `minimumGracePeriodInSeconds`: a stop always gets at least this long before SIGKILL. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/** Error kinds of a failed start (`kuberuntime_container.go`, `kubecontainer.ErrRunContainer`). */
export const CREATE_CONTAINER_CONFIG_ERROR = 'CreateContainerConfigError';
export const CREATE_CONTAINER_ERROR = 'CreateContainerError';
export const RUN_CONTAINER_ERROR = 'RunContainerError';
export const POST_START_HOOK_ERROR = 'PostStartHookError';

/** The outcome of one start: nothing (started) or the reason-cache entry. */
export type StartFailureResult = { reason: string; message: string } | undefined;

/** What starting and stopping containers needs from the kubelet. */
export interface LifecycleDeps {
  readonly clock: Clock;
  readonly runtime: RuntimeService;
  readonly images: ImageManager;
  readonly recorder: KubeletEventRecorder;
  readonly configContext: (pod: Pod, sandbox: Sandbox) => ConfigContext;
}

/** The spec of any container of a pod (regular, init or ephemeral) by name (`kubecontainer.GetContainerSpec`). */
export function containerSpec(pod: Pod, name: string): Container | undefined {
  const s = pod.spec;
  return s?.containers?.find((c) => c.name === name) ?? s?.initContainers?.find((c) => c.name === name)
    ?? (s?.ephemeralContainers?.find((c) => c.name === name) as Container | undefined);
}

/**
 * `startContainer`: ensure the image, compute the restart count from the newest record (+1), resolve the
 * ephemeral target, build the config, create, start, run postStart. Returns the failure to cache, if any.
 */
export function* startContainer(deps: LifecycleDeps, pod: Pod, sandbox: Sandbox, spec: Container, rt: PodRuntimeState,
  targetName?: string): Task<StartFailureResult> {
  const ref = containerRef(pod, spec.name);
  const ensured = yield* deps.images.ensureImageExists(pod, ref, spec.image ?? '', spec.imagePullPolicy);
  if (!('image' in ensured)) {
    deps.recorder.event(ref, 'Warning', 'Failed', `Error: ${ensured.reason}`);
    return ensured;
  }
  const previous = findContainerStatusByName(rt, spec.name);
  const attempt = previous ? previous.restartCount + 1 : 0;
  let targetContainerId: string | undefined;
  if (targetName) {
    const target = findContainerStatusByName(rt, targetName);
    if (!target) {
      const message = `unable to find target container ${targetName}`;
      deps.recorder.event(ref, 'Warning', 'Failed', `Error: ${message}`);
      return { reason: CREATE_CONTAINER_CONFIG_ERROR, message };
    }
    targetContainerId = target.id;
  }
  let launch;
  try {
    const passwd = readTreeFile(ensured.image.image.root, '/etc/passwd');
    launch = generateLaunchConfig(pod, spec, ensured.image.image, deps.configContext(pod, sandbox), passwd);
  } catch (e) {
    if (!(e instanceof ContainerConfigError)) throw e;
    deps.recorder.event(ref, 'Warning', 'Failed', `Error: ${e.message}`);
    return { reason: CREATE_CONTAINER_CONFIG_ERROR, message: e.message };
  }
  let instance: ContainerInstance;
  try {
    instance = deps.runtime.createContainer(pod, sandbox, spec, ensured.image, launch,
      { hash: containerHash(spec), attempt, ...(targetContainerId ? { targetContainerId } : {}) });
  } catch (e) {
    if (!(e instanceof StartError)) throw e;
    deps.recorder.event(ref, 'Warning', 'Failed', `Error: ${e.message}`);
    return { reason: CREATE_CONTAINER_ERROR, message: e.message };
  }
  deps.recorder.event(ref, 'Normal', 'Created', `Created container: ${spec.name}`);
  try {
    deps.runtime.startContainer(instance.id);
  } catch (e) {
    if (!(e instanceof StartError)) throw e;
    deps.recorder.event(ref, 'Warning', 'Failed', `Error: ${e.message}`);
    return { reason: RUN_CONTAINER_ERROR, message: e.message };
  }
  deps.recorder.event(ref, 'Normal', 'Started', `Started container ${spec.name}`);
  const postStart = spec.lifecycle?.postStart;
  if (postStart) {
    const failure = yield* runHandler(deps, pod, spec, instance, postStart, Infinity);
    if (failure !== undefined) {
      deps.recorder.event(ref, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
      yield* killContainer(deps, pod, instance, 'FailedPostStartHook', undefined);
      return { reason: POST_START_HOOK_ERROR, message: failure };
    }
  }
  return undefined;
}

/** The grace period of a container stop (`setTerminationGracePeriod`): the deletion's, else the pod's, else 2 s. */
export function terminationGracePeriod(pod: Pod): number {
  const m = pod.metadata;
  if (m?.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds !== null) return m.deletionGracePeriodSeconds;
  return pod.spec?.terminationGracePeriodSeconds ?? MINIMUM_GRACE_PERIOD_SECONDS;
}

/**
 * `killContainer`: the `Killing` event (`Stopping container NAME` unless a reason message is given), the
 * preStop hook if there is time for it (its whole seconds are deducted), then `StopContainer` with at least 2 s.
 */
export function* killContainer(deps: LifecycleDeps, pod: Pod, instance: ContainerInstance, message: string | undefined,
  gracePeriodOverride: number | undefined): Task<void> {
  const spec = containerSpec(pod, instance.name) ?? instance.spec;
  let grace = terminationGracePeriod(pod);
  deps.recorder.event(containerRef(pod, instance.name), 'Normal', 'Killing', message || `Stopping container ${spec.name}`);
  if (gracePeriodOverride !== undefined) grace = gracePeriodOverride;
  const preStop = spec.lifecycle?.preStop;
  if (preStop && grace > 0 && instance.state === 'running') {
    const began = deps.clock.now();
    const done = yield* waitFor(race<unknown>([
      { start: (resume) => runTaskWait(runHandler(deps, pod, spec, instance, preStop, grace), resume) },
      sleep(deps.clock, grace * 1000),
    ]));
    if (done.index === 0 && done.value !== undefined) {
      deps.recorder.event(containerRef(pod, instance.name), 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
    }
    grace -= Math.floor((deps.clock.now() - began) / 1000);
  }
  if (grace < MINIMUM_GRACE_PERIOD_SECONDS) grace = MINIMUM_GRACE_PERIOD_SECONDS;
  yield* waitFor(deps.runtime.stopContainer(instance.id, grace));
}

/** Runs a task as a wait (its result is the wait's value). */
function runTaskWait<T>(task: Task<T>, resume: (v: T | undefined) => void): () => void {
  let over = false;
  const running = runTask(task, (r) => {
    if (!over) resume('value' in r ? r.value : undefined);
  });
  return () => {
    over = true;
    running.cancel();
  };
}

/**
 * A lifecycle handler (`lifecycle/handlers.go Run`): `exec` runs the command in the container and fails on
 * a non-zero exit; `sleep` waits; `httpGet`/`tcpSocket` succeed (nothing on the simulated network refuses them).
 * Returns the failure message, or undefined.
 */
export function* runHandler(deps: LifecycleDeps, pod: Pod, spec: Container, instance: ContainerInstance,
  handler: LifecycleHandler, _grace: number): Task<string | undefined> {
  if (handler.exec) {
    const argv = handler.exec.command ?? [];
    const out = new StringOutput();
    const p = deps.runtime.exec(instance.id, argv, { stdout: out, stderr: out });
    const goList = `[${argv.join(' ')}]`;
    const fail = (err: string): string =>
      `Exec lifecycle hook (${goList}) for Container ${JSON.stringify(spec.name)} in Pod ${JSON.stringify(formatPod(pod))} failed - error: ${err}, message: ${JSON.stringify(out.text)}`;
    if ('error' in p) return fail(p.error);
    const status = yield* waitFor(p.exited() as Wait<{ code: number }>);
    return status.code === 0 ? undefined : fail(`command '${argv.join(' ')}' exited with ${status.code}: ${out.text}`);
  }
  if (handler.sleep) {
    yield* waitFor(sleep(deps.clock, handler.sleep.seconds * 1000));
  }
  return undefined;
}
