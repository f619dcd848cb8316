/**
 * The pod phase the kubelet computes from container statuses: `pkg/kubelet/kubelet_pods.go getPhase`
 * (release-1.32: SidecarContainers on, no `podHasInitialized` check, no container restart rules).
 */
import type { Container, ContainerStatus, Pod, PodSpec } from '../api/types.js';
import { ANNOTATION_CONFIG_SOURCE } from '../api/well-known.js';

/** The values of `status.phase` (`Unknown` is never set by a kubelet since 2015). */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** An init container with `restartPolicy: Always`, a sidecar (`podutil.IsRestartableInitContainer`). */
export function isRestartableInitContainer(c: Pick<Container, 'restartPolicy'>): boolean {
  return c.restartPolicy === 'Always';
}

/** A pod the kubelet got from a file or URL rather than the API (`kubetypes.IsStaticPod`). */
export function isStaticPod(pod: Pick<Pod, 'metadata'>): boolean {
  const source = pod.metadata?.annotations?.[ANNOTATION_CONFIG_SOURCE];
  return source !== undefined && source !== 'api';
}

/** `Succeeded` or `Failed` (`podutil.IsPodPhaseTerminal`). */
export function isPodPhaseTerminal(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The status of a container by name (`podutil.GetContainerStatus`). */
export function getContainerStatus(
  statuses: readonly ContainerStatus[] | null | undefined,
  name: string,
): ContainerStatus | undefined {
  return statuses?.find((s) => s.name === name);
}

/**
 * Whether a regular container has ever left the waiting state, which means the pod was initialized
 * before (`kubecontainer.HasAnyRegularContainerStarted`).
 */
export function hasAnyRegularContainerStarted(
  spec: Pick<PodSpec, 'containers'> | undefined,
  statuses: readonly ContainerStatus[] | null | undefined,
): boolean {
  if (!statuses || statuses.length === 0) return false;
  const names = new Set((spec?.containers ?? []).map((c) => c.name));
  return statuses.some((s) => names.has(s.name) && (s.state?.running !== undefined || s.state?.terminated !== undefined));
}

/**
 * The phase of a pod given the statuses of its init and regular containers (ephemeral ones never count).
 * `podIsTerminal` is the pod worker's verdict that no container will run again.
 */
export function getPhase(pod: Pod, statuses: readonly ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const spec: PodSpec = pod.spec ?? { containers: [] };
  const initContainers = spec.initContainers ?? [];
  let pendingRegularInit = 0;
  let pendingSidecars = 0;
  let failedInitialization = 0;

  for (const c of initContainers) {
    if (isRestartableInitContainer(c)) continue;
    const s = getContainerStatus(statuses, c.name);
    const state = s?.state;
    if (s === undefined || state?.running) {
      pendingRegularInit++;
    } else if (state?.terminated) {
      if (state.terminated.exitCode !== 0) failedInitialization++;
    } else if (state?.waiting) {
      const last = s.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInitialization++;
      } else {
        pendingRegularInit++;
      }
    } else {
      pendingRegularInit++;
    }
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  // Sidecars: a running one counts as running (and keeps the pod pending until it has started);
  // a terminated one, or one waiting after a termination, is ignored.
  for (const c of initContainers) {
    if (!isRestartableInitContainer(c)) continue;
    const s = getContainerStatus(statuses, c.name);
    const state = s?.state;
    if (s === undefined) {
      unknown++;
    } else if (state?.running) {
      if (s.started !== true) pendingSidecars++;
      running++;
    } else if (state?.terminated) {
      // not taken into account
    } else if (state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingSidecars++;
        waiting++;
      }
    } else {
      pendingSidecars++;
      unknown++;
    }
  }

  for (const c of spec.containers ?? []) {
    const s = getContainerStatus(statuses, c.name);
    const state = s?.state;
    if (s === undefined) {
      unknown++;
    } else if (state?.running) {
      running++;
    } else if (state?.terminated) {
      stopped++;
      if (state.terminated.exitCode === 0) succeeded++;
    } else if (state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else {
      unknown++;
    }
  }

  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';

  if (
    pendingRegularInit > 0 ||
    (pendingSidecars > 0 && !hasAnyRegularContainerStarted(spec, statuses)) ||
    waiting > 0
  ) {
    return 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    // A terminal pod's containers will not be restarted whatever the policy (static pods excepted, #116484).
    if (podIsTerminal && !isStaticPod(pod)) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
