/**
 * What the kubelet does next for a pod: `pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions`
 * with `kuberuntime_container.go findNextInitContainerToRun` / `computeInitContainerActions` (release-1.32).
 */
import type { Container, Pod } from '../api/types.js';
import { isRestartableInitContainer } from './pod-phase.js';
import {
  containerHash, containerIDString, findContainerStatusByName, podSandboxChanged, shouldContainerBeRestarted,
  type PodRuntimeState, type RuntimeContainer,
} from './runtime-state.js';

/** Why a container is killed (`containerKillReason`); empty for a spec change. */
export type ContainerKillReason = 'Unknown' | 'LivenessProbe' | 'StartupProbe' | '';

/** One container to stop before anything starts. `message` becomes the `Killing` event's text. */
export interface ContainerToKill {
  readonly name: string;
  readonly containerID: string;
  readonly reason: ContainerKillReason;
  readonly message: string;
}

/** The outcome of one sync (`podActions`); container lists hold spec names in spec order. */
export interface PodActions {
  /** Stop every container and the sandbox; with `createSandbox`, then start over in a new one. */
  killPod: boolean;
  createSandbox: boolean;
  /** The existing sandbox ('' when none) and the attempt number of the one to create (or of the current one). */
  sandboxID: string;
  attempt: number;
  /** Init containers to start, in spec order (one at most for pods without sidecars). */
  initContainersToStart: string[];
  containersToStart: string[];
  /** Ephemeral containers to start: those the runtime has no record of at all. */
  ephemeralContainersToStart: string[];
  containersToKill: ContainerToKill[];
}

/** A record whose spec hash differs from the current spec (`containerChanged`). */
export function containerChanged(container: Container, status: RuntimeContainer): boolean {
  return status.hash !== containerHash(container);
}

const hasRestartableInitContainer = (pod: Pod): boolean =>
  (pod.spec?.initContainers ?? []).some(isRestartableInitContainer);

const shouldRestartOnFailure = (pod: Pod): boolean => pod.spec?.restartPolicy !== 'Never';

/** The sync decision for a pod given what the runtime reports (`computePodActions`). */
export function computePodActions(pod: Pod, runtime: PodRuntimeState): PodActions {
  const changes = computeActions(pod, runtime);
  const order = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  changes.containersToKill.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return changes;
}

function computeActions(pod: Pod, runtime: PodRuntimeState): PodActions {
  const spec = pod.spec ?? { containers: [] };
  const containers = spec.containers ?? [];
  const initContainers = spec.initContainers ?? [];
  const sandbox = podSandboxChanged(pod, runtime);
  const changes: PodActions = {
    killPod: sandbox.changed, createSandbox: sandbox.changed, sandboxID: sandbox.sandboxID, attempt: sandbox.attempt,
    initContainersToStart: [], containersToStart: [], ephemeralContainersToStart: [], containersToKill: [],
  };
  const sidecarPath = hasRestartableInitContainer(pod);

  // A new sandbox means everything is killed and recreated, initialization starting over.
  if (sandbox.changed) {
    if (!shouldRestartOnFailure(pod) && sandbox.attempt !== 0 && runtime.containers.length !== 0) {
      // Never: do not recreate the sandbox of a pod that already ran; just kill it.
      changes.createSandbox = false;
      return changes;
    }
    const toStart = containers.filter((c) => {
      if (spec.restartPolicy !== 'OnFailure') return true;
      const s = findContainerStatusByName(runtime, c.name);
      return !(s?.state === 'exited' && (s.exitCode ?? 0) === 0);
    });
    const initialized = (): boolean =>
      sidecarPath ? hasAnyRegularContainerCreated(pod, runtime) : findNextInitContainerToRun(pod, runtime).done;
    if (toStart.length === 0 && initialized()) {
      changes.createSandbox = false;
      return changes;
    }
    const first = initContainers[0];
    if (first !== undefined) {
      changes.initContainersToStart = [first.name];
      return changes;
    }
    changes.containersToStart = toStart.map((c) => c.name);
    return changes;
  }

  // Ephemeral containers start even before initialization finishes, and only once.
  for (const ec of spec.ephemeralContainers ?? []) {
    if (findContainerStatusByName(runtime, ec.name) === undefined) changes.ephemeralContainersToStart.push(ec.name);
  }

  if (!sidecarPath) {
    const next = findNextInitContainerToRun(pod, runtime);
    if (!next.done) {
      if (next.next !== undefined) {
        const last = next.lastStatus;
        if (last !== undefined && isInitContainerFailed(last) && !shouldRestartOnFailure(pod)) {
          changes.killPod = true;
        } else {
          if (last !== undefined && last.state === 'unknown') {
            changes.containersToKill.push(killInfo(runtime, last, 'Unknown',
              'Init container is in "unknown" state, try killing it before restart'));
          }
          changes.initContainersToStart = [next.next.name];
        }
      }
      return changes;
    }
  } else {
    const initialized = computeInitContainerActions(pod, runtime, changes);
    if (changes.killPod || !initialized) return changes;
  }

  let keepCount = 0;
  for (const container of containers) {
    const status = findContainerStatusByName(runtime, container.name);
    if (status === undefined || status.state !== 'running') {
      if (shouldContainerBeRestarted(container, pod, runtime)) {
        changes.containersToStart.push(container.name);
        if (status?.state === 'unknown') {
          changes.containersToKill.push(killInfo(runtime, status, 'Unknown',
            'Container is in "unknown" state, try killing it before restart'));
        }
      }
      continue;
    }
    let restart = shouldRestartOnFailure(pod);
    let reason: ContainerKillReason = '';
    let message: string;
    if (containerChanged(container, status)) {
      // A changed spec restarts the container whatever the restart policy.
      message = `Container ${container.name} definition changed`;
      restart = true;
    } else if (status.liveness === 'Failure') {
      message = `Container ${container.name} failed liveness probe`;
      reason = 'LivenessProbe';
    } else if (status.startup === 'Failure') {
      message = `Container ${container.name} failed startup probe`;
      reason = 'StartupProbe';
    } else {
      keepCount++;
      continue;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      changes.containersToStart.push(container.name);
    }
    changes.containersToKill.push(killInfo(runtime, status, reason, message));
  }

  if (keepCount === 0 && changes.containersToStart.length === 0) {
    changes.killPod = true;
    // Sidecars must not keep a finished pod alive.
    if (sidecarPath) changes.initContainersToStart = [];
  }
  return changes;
}

/** The kill entry of a record. */
function killInfo(runtime: PodRuntimeState, s: RuntimeContainer, reason: ContainerKillReason, message: string): ContainerToKill {
  return { name: s.name, containerID: containerIDString(runtime, s), reason, message };
}

/** Any regular container created, running or exited: initialization happened (`hasAnyRegularContainerCreated`). */
function hasAnyRegularContainerCreated(pod: Pod, runtime: PodRuntimeState): boolean {
  return (pod.spec?.containers ?? []).some((c) => {
    const s = findContainerStatusByName(runtime, c.name);
    return s !== undefined && (s.state === 'created' || s.state === 'running' || s.state === 'exited');
  });
}

/** An init container that exited non-zero, was OOM-killed or is in an unknown state (`isInitContainerFailed`). */
export function isInitContainerFailed(status: RuntimeContainer): boolean {
  if (status.reason === 'OOMKilled') return true;
  if (status.state === 'exited' && (status.exitCode ?? 0) !== 0) return true;
  return status.state === 'unknown';
}

/**
 * Init progress of a pod without sidecars (`findNextInitContainerToRun`): the newest failed init container
 * (as `lastStatus`, with `next` pointing at it), else the next one to run, or `done`.
 */
export function findNextInitContainerToRun(
  pod: Pod, runtime: PodRuntimeState,
): { lastStatus?: RuntimeContainer; next?: Container; done: boolean } {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return { done: true };
  // A running regular container proves initialization happened, even if init records were removed.
  for (const c of pod.spec?.containers ?? []) {
    if (findContainerStatusByName(runtime, c.name)?.state === 'running') return { done: true };
  }
  for (let i = inits.length - 1; i >= 0; i--) {
    const c = inits[i]!;
    const s = findContainerStatusByName(runtime, c.name);
    if (s !== undefined && isInitContainerFailed(s)) return { lastStatus: s, next: c, done: false };
  }
  for (let i = inits.length - 1; i >= 0; i--) {
    const s = findContainerStatusByName(runtime, inits[i]!.name);
    if (s === undefined) continue;
    if (s.state === 'running') return { done: false };
    if (s.state === 'exited') {
      const next = inits[i + 1];
      return next === undefined ? { done: true } : { next, done: false };
    }
  }
  return { next: inits[0]!, done: false };
}

/**
 * Init actions of a pod with sidecars (`computeInitContainerActions`), scanning from the last init container
 * because earlier records may have been garbage collected. Fills `changes`; returns whether the pod is initialized.
 */
export function computeInitContainerActions(pod: Pod, runtime: PodRuntimeState, changes: PodActions): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;
  // A created or running regular container proves initialization (exited ones may predate a node reboot).
  let podHasInitialized = (pod.spec?.containers ?? []).some((c) => {
    const state = findContainerStatusByName(runtime, c.name)?.state;
    return state === 'created' || state === 'running';
  });
  let previouslyInitialized = podHasInitialized;
  const restartOnFailure = shouldRestartOnFailure(pod);
  const toStart: number[] = [];
  const kill = (s: RuntimeContainer, reason: ContainerKillReason, message: string): void => {
    changes.containersToKill.push(killInfo(runtime, s, reason, message));
  };

  for (let i = inits.length - 1; i >= 0; i--) {
    const c = inits[i]!;
    const sidecar = isRestartableInitContainer(c);
    const s = findContainerStatusByName(runtime, c.name);
    if (s === undefined) {
      // A sidecar of an initialized pod whose record vanished is restarted.
      if (previouslyInitialized && sidecar) toStart.push(i);
      continue;
    }
    if (previouslyInitialized && !sidecar) continue; // after initialization only sidecars matter
    switch (s.state) {
      case 'created':
        // Stuck in created: the runtime failed to start it, so start it again (#126543).
        toStart.push(i);
        break;
      case 'running': {
        if (!sidecar) break; // a regular init container: wait for it to finish
        if (c.startupProbe) {
          if (s.startup === undefined) break; // the startup probe has not run yet
          if (s.startup !== 'Success') {
            if (s.startup === 'Failure') {
              kill(s, 'StartupProbe', `Init container ${c.name} failed startup probe`);
              toStart.push(i);
            }
            break;
          }
        }
        if (i === inits.length - 1) podHasInitialized = true;
        else if (!previouslyInitialized) toStart.push(i + 1); // started for the first time: start the next one
        if (containerChanged(c, s)) {
          kill(s, '', `Init container ${c.name} definition changed`);
          toStart.push(i);
          break;
        }
        // Liveness never gates the next init container, but a failure restarts the sidecar.
        if (c.livenessProbe && s.liveness === 'Failure') {
          kill(s, 'LivenessProbe', `Init container ${c.name} failed liveness probe`);
          toStart.push(i);
        }
        break;
      }
      case 'exited':
        if (sidecar) {
          toStart.push(i);
        } else if (isInitContainerFailed(s)) {
          if (!restartOnFailure) {
            changes.killPod = true;
            changes.initContainersToStart = [];
            return false;
          }
          toStart.push(i);
        } else if (i === inits.length - 1) {
          podHasInitialized = true;
        } else {
          toStart.push(i + 1);
        }
        break;
      default: // unknown
        if (!sidecar && !restartOnFailure) {
          changes.killPod = true;
          changes.initContainersToStart = [];
          return false;
        }
        kill(s, 'Unknown', 'Init container is in "unknown" state, try killing it before restart');
        toStart.push(i);
    }
    previouslyInitialized = true;
  }
  // No init container has ever started: start the first.
  if (!previouslyInitialized) toStart.push(0);
  changes.initContainersToStart = toStart.reverse().map((i) => inits[i]!.name);
  return podHasInitialized;
}
