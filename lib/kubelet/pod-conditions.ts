/**
 * The pod conditions the kubelet owns: `pkg/kubelet/status/generate.go` (release-1.32) for their
 * status/reason/message, and `status_manager.go updateLastTransitionTime` for their times.
 */
import type { ContainerStatus, Pod, PodCondition, PodSpec } from '../api/types.js';
import { rfc3339 } from '../clock/clock.js';
import { getContainerStatus, hasAnyRegularContainerStarted, isRestartableInitContainer } from './pod-phase.js';
import { ZERO_TIME, podSandboxChanged, type PodRuntimeState } from './runtime-state.js';

/** Condition reasons of `status/generate.go`. */
export const UNKNOWN_CONTAINER_STATUSES = 'UnknownContainerStatuses';
export const POD_COMPLETED = 'PodCompleted';
export const POD_FAILED = 'PodFailed';
export const CONTAINERS_NOT_READY = 'ContainersNotReady';
export const CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';
export const READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';

/** Condition types the kubelet owns and regenerates every sync (`kubetypes.PodConditionByKubelet`). */
export const KUBELET_CONDITION_TYPES: readonly string[] = [
  'PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers',
];

/** Whether the kubelet owns a condition type (`kubetypes.PodConditionByKubelet`). */
export function isPodConditionByKubelet(type: string): boolean {
  return KUBELET_CONDITION_TYPES.includes(type);
}

/** Whether the kubelet shares a condition type with other writers: `DisruptionTarget` (`PodConditionSharedByKubelet`). */
export function isPodConditionSharedByKubelet(type: string): boolean {
  return type === 'DisruptionTarget';
}

/** A string list as Go's `%s` prints it: `[a b]`. */
export function goStringList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function condition(type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

const terminalReason = (phase: string | undefined): string | undefined =>
  phase === 'Failed' ? POD_FAILED : phase === 'Succeeded' ? POD_COMPLETED : undefined;

/** ContainersReady over sidecars and regular containers (`GenerateContainersReadyCondition`). */
export function generateContainersReadyCondition(
  spec: PodSpec | null | undefined,
  statuses: readonly ContainerStatus[] | null | undefined,
  phase: string | undefined,
): PodCondition {
  if (statuses === null || statuses === undefined) return condition('ContainersReady', 'False', UNKNOWN_CONTAINER_STATUSES);
  const unknown: string[] = [];
  const unready: string[] = [];
  const counted = [...(spec?.initContainers ?? []).filter(isRestartableInitContainer), ...(spec?.containers ?? [])];
  for (const c of counted) {
    const s = getContainerStatus(statuses, c.name);
    if (s === undefined) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed') {
    return condition('ContainersReady', 'False', terminalReason(phase));
  }
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goStringList(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${goStringList(unready)}`);
  if (messages.length > 0) return condition('ContainersReady', 'False', CONTAINERS_NOT_READY, messages.join(', '));
  return condition('ContainersReady', 'True');
}

/** Ready: ContainersReady plus every readiness gate's condition True (`GeneratePodReadyCondition`). */
export function generatePodReadyCondition(
  spec: PodSpec | null | undefined,
  conditions: readonly PodCondition[] | null | undefined,
  statuses: readonly ContainerStatus[] | null | undefined,
  phase: string | undefined,
): PodCondition {
  const containersReady = generateContainersReadyCondition(spec, statuses, phase);
  if (containersReady.status !== 'True') {
    return condition('Ready', 'False', containersReady.reason, containersReady.message);
  }
  const messages: string[] = [];
  for (const gate of spec?.readinessGates ?? []) {
    const c = conditions?.find((x) => x.type === gate.conditionType);
    if (c === undefined) {
      messages.push(`corresponding condition of pod readiness gate ${JSON.stringify(gate.conditionType)} does not exist.`);
    } else if (c.status !== 'True') {
      messages.push(`the status of pod readiness gate ${JSON.stringify(gate.conditionType)} is not "True", but ${c.status}`);
    }
  }
  if (messages.length > 0) return condition('Ready', 'False', READINESS_GATES_NOT_READY, messages.join(', '));
  return condition('Ready', 'True');
}

/** Initialized: every regular init container ready (exited 0), every sidecar started (`GeneratePodInitializedCondition`). */
export function generatePodInitializedCondition(
  spec: PodSpec | null | undefined,
  statuses: readonly ContainerStatus[] | null | undefined,
  phase: string | undefined,
): PodCondition {
  const inits = spec?.initContainers ?? [];
  if ((statuses === null || statuses === undefined) && inits.length > 0) {
    return condition('Initialized', 'False', UNKNOWN_CONTAINER_STATUSES);
  }
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = getContainerStatus(statuses, c.name);
    if (s === undefined) unknown.push(c.name);
    else if (isRestartableInitContainer(c) ? s.started !== true : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return condition('Initialized', 'True', POD_COMPLETED);
  // A regular container that ever ran means the pod was initialized, even while a sidecar restarts.
  if (hasAnyRegularContainerStarted(spec ?? undefined, statuses)) return condition('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goStringList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goStringList(incomplete)}`);
  if (messages.length > 0) return condition('Initialized', 'False', CONTAINERS_NOT_INITIALIZED, messages.join(', '));
  return condition('Initialized', 'True');
}

/** PodReadyToStartContainers: True iff no new sandbox is needed (`GeneratePodReadyToStartContainersCondition`). */
export function generatePodReadyToStartContainersCondition(
  pod: Pod,
  runtime: Pick<PodRuntimeState, 'sandboxes'>,
): PodCondition {
  return condition('PodReadyToStartContainers', podSandboxChanged(pod, runtime).changed ? 'False' : 'True');
}

/** Ready/ContainersReady of a pod in a terminal phase (`generate*ConditionForTerminalPhase`). */
export function terminalPhaseCondition(type: 'Ready' | 'ContainersReady', phase: string | undefined): PodCondition {
  return condition(type, 'False', terminalReason(phase));
}

/**
 * A condition as the status manager stores it: the old `lastTransitionTime` is kept while the status is
 * unchanged, else it becomes `now` (`updateLastTransitionTime`); `lastProbeTime` stays Go's zero (null).
 */
export function withTransitionTime(c: PodCondition, old: readonly PodCondition[] | undefined, now: number): PodCondition {
  const prev = old?.find((o) => o.type === c.type);
  const lastTransitionTime = prev !== undefined && prev.status === c.status ? prev.lastTransitionTime ?? ZERO_TIME : rfc3339(now);
  const out: PodCondition = { type: c.type, status: c.status, lastProbeTime: c.lastProbeTime ?? ZERO_TIME, lastTransitionTime };
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out;
}

/**
 * Sets the transition times of the conditions the status manager times (the kubelet-owned ones and
 * DisruptionTarget) against the previous status; other conditions are kept as they are.
 */
export function updateLastTransitionTimes(
  conditions: readonly PodCondition[],
  old: readonly PodCondition[] | undefined,
  now: number,
): PodCondition[] {
  return conditions.map((c) =>
    isPodConditionByKubelet(c.type) || isPodConditionSharedByKubelet(c.type) ? withTransitionTime(c, old, now) : c,
  );
}

/** Replaces the condition of the same type or appends it (`ReplaceOrAppendPodCondition`). */
export function replaceOrAppendPodCondition(conditions: readonly PodCondition[], c: PodCondition): PodCondition[] {
  const i = conditions.findIndex((x) => x.type === c.type);
  return i >= 0 ? conditions.map((x, j) => (j === i ? c : x)) : [...conditions, c];
}
