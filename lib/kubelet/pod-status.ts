/**
 * The pod status the kubelet reports: `kubelet_pods.go generateAPIPodStatus` (conversion, phase, probes,
 * conditions), then the status manager (`status/status_manager.go updateStatusInternal`, `mergePodStatus`,
 * `TerminatePod`) that times the conditions and merges with the API status (release-1.32).
 */
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.js';
import { rfc3339 } from '../clock/clock.js';
import { CONTAINER_STATUS_UNKNOWN, convertToAPIContainerStatuses, updatePodStatusFromProbes } from './container-status.js';
import {
  generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition,
  generatePodReadyToStartContainersCondition, isPodConditionByKubelet, isPodConditionSharedByKubelet,
  replaceOrAppendPodCondition, terminalPhaseCondition, updateLastTransitionTimes, withTransitionTime,
} from './pod-conditions.js';
import { getPhase, isPodPhaseTerminal, isRestartableInitContainer, isStaticPod } from './pod-phase.js';
import { ZERO_TIME, podIPsOf, type PodRuntimeState } from './runtime-state.js';

/** Pod reason and message of the active-deadline handler (`active_deadline.go`). */
export const DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const DEADLINE_EXCEEDED_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** Whether the pod has run longer than `activeDeadlineSeconds` since its start time (`pastActiveDeadline`). */
export function pastActiveDeadline(pod: Pod, startTime: string | undefined | null, now: number): boolean {
  const seconds = pod.spec?.activeDeadlineSeconds;
  if (seconds === undefined || seconds === null || !startTime) return false;
  return now - Date.parse(startTime) >= seconds * 1000;
}

/** What `completeAPIPodStatus` needs besides the pod and the converted statuses. */
export interface StatusContext {
  /** The kubelet's previous status: the status manager's cache, else the API status. */
  readonly oldPodStatus: PodStatus;
  readonly podIsTerminal: boolean;
  readonly runtime: Pick<PodRuntimeState, 'sandboxes' | 'hostIPs'>;
  readonly now: number;
  /** Sets `started`/`ready` (the prober); statuses are used as given when absent. */
  readonly probe?: (s: Pick<PodStatus, 'containerStatuses' | 'initContainerStatuses'>) =>
    Pick<PodStatus, 'containerStatuses' | 'initContainerStatuses'>;
}

/**
 * The part of `generateAPIPodStatus` after conversion: phase (with the three-way merge against the cached
 * and API phases and the active deadline), reason/message, probe results, conditions (untimed) and host IPs.
 */
export function completeAPIPodStatus(pod: Pod, converted: PodStatus, ctx: StatusContext): PodStatus {
  const api = pod.status ?? {};
  const old = ctx.oldPodStatus;
  const s: PodStatus = { ...converted };
  s.phase = getPhase(pod, [...(s.containerStatuses ?? []), ...(s.initContainerStatuses ?? [])], ctx.podIsTerminal);
  if (!isPodPhaseTerminal(s.phase)) {
    if (isPodPhaseTerminal(old.phase)) s.phase = old.phase;
    else if (isPodPhaseTerminal(api.phase)) s.phase = api.phase;
  }
  if (s.phase === old.phase) {
    // The reason and message belong to the phase.
    const reason = old.reason || api.reason;
    const message = old.message || api.message;
    if (reason) s.reason = reason;
    if (message) s.message = message;
  }
  if (pastActiveDeadline(pod, old.startTime, ctx.now)) {
    s.phase = 'Failed';
    s.reason = DEADLINE_EXCEEDED;
    s.message = DEADLINE_EXCEEDED_MESSAGE;
  }
  // A terminal API phase never changes.
  if (isPodPhaseTerminal(api.phase) && s.phase !== api.phase) s.phase = api.phase;

  Object.assign(s, ctx.probe ? ctx.probe(s) : {});

  let conditions: PodCondition[] = (api.conditions ?? []).filter((c) => !isPodConditionByKubelet(c.type));
  const disruption = old.conditions?.find((c) => c.type === 'DisruptionTarget');
  if (disruption) conditions = replaceOrAppendPodCondition(conditions, disruption);
  conditions.push(generatePodReadyToStartContainersCondition(pod, ctx.runtime));
  const all = [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])];
  conditions.push(generatePodInitializedCondition(pod.spec, all, s.phase));
  conditions.push(generatePodReadyCondition(pod.spec, conditions, all, s.phase));
  conditions.push(generateContainersReadyCondition(pod.spec, all, s.phase));
  conditions.push({ type: 'PodScheduled', status: 'True' });
  s.conditions = conditions;

  const hostIPs = ctx.runtime.hostIPs ?? [];
  if (hostIPs[0] !== undefined) {
    s.hostIP = hostIPs[0];
    s.hostIPs = hostIPs.slice(0, 2).map((ip) => ({ ip }));
    // Host-network pods inherit the node IPs.
    if (pod.spec?.hostNetwork && !s.podIP) {
      s.podIP = hostIPs[0];
      s.podIPs = [{ ip: hostIPs[0] }];
    }
  }
  return inGoOrder(s);
}

/** The status `generateAPIPodStatus` produces from the runtime state (before the status manager). */
export function generateAPIPodStatus(pod: Pod, runtime: PodRuntimeState, now: number): PodStatus {
  const old = runtime.cachedStatus ?? pod.status ?? {};
  const spec = pod.spec ?? { containers: [] };
  const hasInitContainers = (spec.initContainers ?? []).length > 0;
  const convert = (prev: ContainerStatus[] | undefined, list: readonly Container[], isInitContainer: boolean) =>
    convertToAPIContainerStatuses(pod, runtime, prev, list, { hasInitContainers, isInitContainer });
  const converted: PodStatus = {};
  const podIPs = podIPsOf(runtime);
  if (podIPs[0] !== undefined) {
    converted.podIP = podIPs[0];
    converted.podIPs = podIPs.map((ip) => ({ ip }));
  }
  converted.initContainerStatuses = convert(old.initContainerStatuses, spec.initContainers ?? [], true);
  converted.containerStatuses = convert(old.containerStatuses, spec.containers ?? [], false);
  if (pod.status?.qosClass) converted.qosClass = pod.status.qosClass; // fixed at creation (GetPodQOS)
  converted.ephemeralContainerStatuses = convert(old.ephemeralContainerStatuses, spec.ephemeralContainers ?? [], false);
  return completeAPIPodStatus(pod, converted, {
    oldPodStatus: old, podIsTerminal: runtime.podIsTerminal === true, runtime, now,
    probe: (s) => updatePodStatusFromProbes(pod, s, runtime),
  });
}

/**
 * Why the status manager refuses a status: a terminated container may not become non-terminated unless the
 * policy restarts it (Always, or OnFailure after a failure; sidecars always) (`checkContainerStateTransition`).
 */
export function checkContainerStateTransition(oldStatus: PodStatus, newStatus: PodStatus, pod: Pod): string | undefined {
  const policy = pod.spec?.restartPolicy;
  if (policy === 'Always') return undefined;
  const check = (olds: ContainerStatus[] | undefined, news: ContainerStatus[] | undefined, what: string,
    exempt: (name: string) => boolean): string | undefined => {
    for (const o of olds ?? []) {
      const t = o.state?.terminated;
      if (!t || exempt(o.name) || (t.exitCode !== 0 && policy === 'OnFailure')) continue;
      if ((news ?? []).some((n) => n.name === o.name && !n.state?.terminated)) {
        return `terminated ${what} ${o.name} attempted illegal transition to non-terminated state`;
      }
    }
    return undefined;
  };
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter(isRestartableInitContainer).map((c) => c.name));
  return check(oldStatus.containerStatuses, newStatus.containerStatuses, 'container', () => false)
    ?? check(oldStatus.initContainerStatuses, newStatus.initContainerStatuses, 'init container', (n) => sidecars.has(n));
}

/** Termination messages share 12 KiB per pod (`normalizeStatus`, `MaxPodTerminationMessageLogLength`). */
function truncateMessages(pod: Pod, list: ContainerStatus[] | undefined): ContainerStatus[] | undefined {
  const count = (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).length;
  const limit = Math.floor((1024 * 12) / Math.max(count, 1));
  const cut = (state: ContainerStatus['state']): ContainerStatus['state'] =>
    state?.terminated?.message && state.terminated.message.length > limit
      ? { ...state, terminated: { ...state.terminated, message: state.terminated.message.slice(0, limit) } }
      : state;
  return list?.map((s) => ({ ...s, state: cut(s.state), lastState: cut(s.lastState) }));
}

/**
 * The status manager's cached status after an update (`updateStatusInternal`): condition transition times
 * against the previous status, a start time that never changes, message limits; or the refusal reason.
 */
export function updateStatusInternal(
  pod: Pod, status: PodStatus, oldStatus: PodStatus, now: number,
): { status: PodStatus; error?: undefined } | { status?: undefined; error: string } {
  const error = checkContainerStateTransition(oldStatus, status, pod);
  if (error !== undefined) return { error };
  return {
    status: inGoOrder({
      ...status,
      conditions: updateLastTransitionTimes(status.conditions ?? [], oldStatus.conditions, now),
      startTime: oldStatus.startTime || status.startTime || rfc3339(now),
      initContainerStatuses: truncateMessages(pod, status.initContainerStatuses),
      containerStatuses: truncateMessages(pod, status.containerStatuses),
    }),
  };
}

/**
 * The status written to the API (`mergePodStatus`): the API's foreign conditions stay, DisruptionTarget and a
 * terminal phase wait until no container can run, and a terminal phase forces Ready/ContainersReady False.
 */
export function mergePodStatus(apiStatus: PodStatus, cached: PodStatus, couldHaveRunningContainers: boolean, now: number): PodStatus {
  const merged: PodStatus = { ...cached };
  const toTerminal = !isPodPhaseTerminal(apiStatus.phase) && isPodPhaseTerminal(cached.phase);
  let conditions = (apiStatus.conditions ?? []).filter((c) => !isPodConditionByKubelet(c.type));
  for (const c of cached.conditions ?? []) {
    if (isPodConditionByKubelet(c.type)) conditions.push(c);
    else if (isPodConditionSharedByKubelet(c.type) && toTerminal && !couldHaveRunningContainers) {
      conditions = replaceOrAppendPodCondition(conditions, withTransitionTime(c, apiStatus.conditions, now));
    }
  }
  if (toTerminal && couldHaveRunningContainers) {
    for (const key of ['phase', 'reason', 'message'] as const) {
      if (apiStatus[key] === undefined) delete merged[key];
      else merged[key] = apiStatus[key];
    }
  }
  if (isPodPhaseTerminal(merged.phase)) {
    const isTrue = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
    if (isTrue('Ready') || isTrue('ContainersReady')) {
      for (const type of ['ContainersReady', 'Ready'] as const) {
        const i = conditions.findIndex((c) => c.type === type);
        const forced = terminalPhaseCondition(type, merged.phase);
        if (i < 0) conditions.push(withTransitionTime(forced, undefined, now));
        else conditions[i] = withTransitionTime(forced, [conditions[i]!], now);
      }
    }
  }
  merged.conditions = conditions;
  if (apiStatus.resourceClaimStatuses) merged.resourceClaimStatuses = apiStatus.resourceClaimStatuses;
  else delete merged.resourceClaimStatuses;
  return inGoOrder(merged);
}

/** The result of one status sync: what goes to the API, what the status manager keeps, or why nothing changed. */
export interface PodStatusUpdate {
  readonly status: PodStatus;
  readonly cachedStatus: PodStatus;
  /** Set when the status manager refused the update; `status` and `cachedStatus` are then the previous ones. */
  readonly error?: string;
}

const couldHaveRunningContainers = (runtime: PodRuntimeState): boolean =>
  runtime.containers.some((c) => c.state === 'running' || c.state === 'unknown');

/** One status sync through the status manager, returning both the API status and the new cache. */
export function generatePodStatusUpdate(pod: Pod, runtime: PodRuntimeState, now: number): PodStatusUpdate {
  const old = runtime.cachedStatus ?? pod.status ?? {};
  const updated = updateStatusInternal(pod, generateAPIPodStatus(pod, runtime, now), old, now);
  if (updated.error !== undefined) return { status: pod.status ?? {}, cachedStatus: old, error: updated.error };
  return {
    status: mergePodStatus(pod.status ?? {}, updated.status, couldHaveRunningContainers(runtime), now),
    cachedStatus: updated.status,
  };
}

/** The pod status the kubelet writes to the API for this runtime state at `now` (ms). */
export function generatePodStatus(pod: Pod, runtime: PodRuntimeState, now: number): PodStatus {
  return generatePodStatusUpdate(pod, runtime, now).status;
}

/** Whether the pod ever got past initialization, judged from its API status (`hasPodInitialized`). */
export function hasPodInitialized(pod: Pod): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;
  const st = pod.status ?? {};
  if ((st.containerStatuses ?? []).some((s) => s.lastState?.terminated || !s.state?.waiting)) return true;
  const statuses = st.initContainerStatuses ?? [];
  const last = statuses[statuses.length - 1];
  const spec = inits[statuses.length - 1];
  if (last === undefined || spec === undefined || spec.name !== last.name) return false;
  if (isRestartableInitContainer(spec)) return last.state?.running !== undefined && last.started === true;
  return last.lastState?.terminated?.exitCode === 0 || last.state?.terminated?.exitCode === 0;
}

const lostOnTermination = {
  terminated: {
    exitCode: 137, reason: CONTAINER_STATUS_UNKNOWN, message: 'The container could not be located when the pod was terminated',
    startedAt: ZERO_TIME, finishedAt: ZERO_TIME,
  },
};

/**
 * The final status once the pod worker finished terminating the pod (`TerminatePod`): containers without a
 * terminated state count as failed (regular ones only if the pod initialized; init ones except a never
 * started tail), and a Pending/Running pod becomes Failed (static pods excepted).
 */
export function terminatePod(pod: Pod, runtime: Pick<PodRuntimeState, 'cachedStatus'>, now: number): PodStatusUpdate {
  const old = runtime.cachedStatus ?? pod.status ?? {};
  const status: PodStatus = { ...old };
  if (hasPodInitialized(pod)) {
    status.containerStatuses = old.containerStatuses?.map((s) => (s.state?.terminated ? s : { ...s, state: lostOnTermination }));
  }
  const inits = old.initContainerStatuses ?? [];
  let keep = inits.length > 0 ? 1 : 0; // all but the suffix still waiting with no termination
  for (let i = inits.length - 1; i >= 0; i--) {
    if (!inits[i]!.state?.waiting || inits[i]!.lastState?.terminated) {
      keep = i + 1;
      break;
    }
  }
  status.initContainerStatuses = old.initContainerStatuses?.map((s, i) =>
    i < keep && !s.state?.terminated ? { ...s, state: lostOnTermination } : s);
  if (!isStaticPod(pod) && !isPodPhaseTerminal(status.phase)) status.phase = 'Failed';
  const updated = updateStatusInternal(pod, status, old, now);
  if (updated.error !== undefined) return { status: pod.status ?? {}, cachedStatus: old, error: updated.error };
  return { status: mergePodStatus(pod.status ?? {}, updated.status, false, now), cachedStatus: updated.status };
}

const STATUS_KEYS = [
  'phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime',
  'initContainerStatuses', 'containerStatuses', 'qosClass', 'ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses',
] as const;

/** The status with Go's field order, empty lists and strings dropped (`omitempty`). */
function inGoOrder(s: PodStatus): PodStatus {
  const out: Record<string, unknown> = {};
  for (const key of STATUS_KEYS) {
    const v = s[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out as PodStatus;
}
