/**
 * One pass of the runtime manager over a pod (`kuberuntime_manager.go SyncPod`, release-1.32): act on
 * {@link computePodActions} — kill (the whole pod, or single containers), prune and purge init containers,
 * create the sandbox, then start ephemeral, init and regular containers, each through `doBackOff`.
 * The results are the reason-cache entries (`reason_cache.go Update`), returned for the caller to keep.
 */
import type { Container, Pod } from '../api/types.js';
import { doBackOff, type BackoffTable } from './backoff.js';
import { containerRef, podRef } from './events.js';
import { containerSpec, killContainer, startContainer, type LifecycleDeps, type StartFailureResult } from './container-lifecycle.js';
import { computePodActions } from './pod-actions.js';
import { isRestartableInitContainer } from './pod-phase.js';
import type { ContainerInstance, Sandbox } from './runtime-service.js';
import type { PodRuntimeState } from './runtime-state.js';
import { all, waitFor, type Task } from './task.js';

/** What SyncPod needs besides the lifecycle deps. */
export interface SyncPodDeps extends LifecycleDeps {
  /** The container back-off table, read and replaced at each start (the kubelet keeps one for all pods). */
  readonly backOff: { table: BackoffTable };
  /** A new pod IP for a sandbox. */
  allocateIP(pod: Pod): string;
}

/** Reason-cache changes of one sync: a failure per container name, or null for a successful start. */
export type StartResults = Map<string, StartFailureResult | null>;

/** The running instances of a pod, sorted by spec order. */
function runningInstances(deps: LifecycleDeps, podUID: string): ContainerInstance[] {
  return deps.runtime.containersOf(podUID).filter((c) => c.state === 'running');
}

/**
 * `killPodWithSyncResult`: stops every running container (regular, init and ephemeral ones together, then
 * sidecars last to first, as the termination ordering lets them outlive the containers they serve) and
 * then the sandboxes.
 */
export function* killPod(deps: LifecycleDeps, pod: Pod, gracePeriodOverride: number | undefined): Task<void> {
  const uid = pod.metadata?.uid ?? '';
  const sidecarNames = (pod.spec?.initContainers ?? []).filter(isRestartableInitContainer).map((c) => c.name);
  const running = runningInstances(deps, uid);
  const began = deps.clock.now();
  yield* waitFor(all(running.filter((c) => !sidecarNames.includes(c.name)).map((c) => killContainer(deps, pod, c, undefined, gracePeriodOverride))));
  for (const name of [...sidecarNames].reverse()) {
    const left = gracePeriodOverride === undefined ? undefined : Math.max(0, gracePeriodOverride - Math.floor((deps.clock.now() - began) / 1000));
    yield* waitFor(all(running.filter((c) => c.name === name).map((c) => killContainer(deps, pod, c, undefined, left))));
  }
  for (const s of deps.runtime.sandboxesOf(uid)) deps.runtime.stopPodSandbox(s.id);
}

/** `pruneInitContainersBeforeStart`: of each init container's exited instances, only the newest stays. */
function pruneInitContainers(deps: LifecycleDeps, pod: Pod, purge: boolean): void {
  for (const init of pod.spec?.initContainers ?? []) {
    const records = deps.runtime.containersOf(pod.metadata?.uid ?? '').filter((c) => c.name === init.name)
      .sort((a, b) => b.createdAt - a.createdAt);
    records.forEach((c, i) => {
      if (purge || (i > 0 && c.state !== 'running')) deps.runtime.removeContainer(c.id);
    });
  }
}

/** `SyncPod`: the actions for this runtime state, carried out. Returns the start results for the reason cache. */
export function* syncPod(deps: SyncPodDeps, pod: Pod, rt: PodRuntimeState): Task<StartResults> {
  const results: StartResults = new Map();
  const actions = computePodActions(pod, rt);
  const uid = pod.metadata?.uid ?? '';
  if (actions.createSandbox && actions.sandboxID !== '') {
    deps.recorder.event(podRef(pod), 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
  }
  if (actions.killPod) {
    yield* killPod(deps, pod, undefined);
    if (actions.createSandbox) pruneInitContainers(deps, pod, true);
  } else {
    for (const k of actions.containersToKill) {
      const instance = deps.runtime.containersOf(uid).find((c) => `${deps.runtime.runtimeName}://${c.id}` === k.containerID);
      if (instance) yield* killContainer(deps, pod, instance, k.message, undefined);
    }
  }
  if (!actions.createSandbox && actions.killPod) return results;
  pruneInitContainers(deps, pod, false);

  let sandbox: Sandbox | undefined = deps.runtime.sandboxesOf(uid).filter((s) => s.state === 'SANDBOX_READY')
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  if (actions.createSandbox) {
    sandbox = deps.runtime.runPodSandbox(pod, actions.attempt, pod.spec?.hostNetwork ? '' : deps.allocateIP(pod));
  }
  if (!sandbox) return results;
  const box = sandbox;

  const start = function* (spec: Container, target?: string): Task<boolean> {
    const decision = doBackOff(pod, spec, rt, deps.backOff.table, deps.clock.now());
    deps.backOff.table = decision.table;
    if (decision.inBackOff) {
      deps.recorder.event(containerRef(pod, spec.name), 'Warning', 'BackOff', decision.eventMessage ?? '');
      results.set(spec.name, { reason: decision.reason ?? 'CrashLoopBackOff', message: decision.message ?? '' });
      return false;
    }
    const failure = yield* startContainer(deps, pod, box, spec, rt, target);
    results.set(spec.name, failure ?? null);
    return failure === undefined;
  };

  for (const name of actions.ephemeralContainersToStart) {
    const ec = pod.spec?.ephemeralContainers?.find((c) => c.name === name);
    if (ec) yield* start(ec as Container, ec.targetContainerName || undefined);
  }
  for (const name of actions.initContainersToStart) {
    const c = pod.spec?.initContainers?.find((x) => x.name === name);
    if (!c) continue;
    const ok = yield* start(c);
    if (!ok && !isRestartableInitContainer(c)) return results;
  }
  for (const name of actions.containersToStart) {
    const c = containerSpec(pod, name);
    if (c) yield* start(c);
  }
  return results;
}
