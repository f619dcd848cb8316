/**
 * What the scheduler writes into a pod's status: `podutil.UpdatePodCondition` (`pkg/api/v1/pod/util.go`) and
 * `updatePod` of `pkg/scheduler/schedule_one.go` (v1.32), as the body of a strategic merge patch of pods/status.
 */
import type { Pod, PodCondition } from '../api/types.js';
import { rfc3339 } from '../clock/clock.js';

/** A condition to set: type, status and, optionally, reason and message. */
export interface ConditionUpdate {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/**
 * The patch that sets `cond` (keeping lastTransitionTime when the status does not change) and, when
 * `nomination` is given and differs, `status.nominatedNodeName` ('' clears it); undefined when nothing changes.
 */
export function podStatusPatch(pod: Pod, cond: ConditionUpdate, nomination: string | undefined, now: number): { status: Record<string, unknown> } | undefined {
  const old = (pod.status?.conditions ?? []).find((c) => c.type === cond.type);
  const sameStatus = old?.status === cond.status;
  const condition: PodCondition = {
    type: cond.type,
    status: cond.status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: sameStatus && old?.lastTransitionTime ? old.lastTransitionTime : rfc3339(now),
    ...(cond.reason ? { reason: cond.reason } : {}),
    ...(cond.message ? { message: cond.message } : {}),
  };
  const unchanged = sameStatus && (old?.reason ?? '') === (cond.reason ?? '') && (old?.message ?? '') === (cond.message ?? '') && !old?.lastProbeTime;
  const nnnNeedsUpdate = nomination !== undefined && (pod.status?.nominatedNodeName ?? '') !== nomination;
  if (unchanged && !nnnNeedsUpdate) return undefined;
  const status: Record<string, unknown> = {};
  if (!unchanged) status['conditions'] = [condition];
  if (nnnNeedsUpdate) status['nominatedNodeName'] = nomination === '' ? null : nomination;
  return { status };
}
