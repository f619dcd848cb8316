/**
 * The kubelet's three syncs of a pod (`kubelet.go syncPod`, `syncTerminatingPod`, `syncTerminatedPod`,
 * release-1.32). Each writes the status first (what the kubelet knew when the sync began, at most one
 * write), then acts; what it changes in the runtime is published by the next sync, which the runtime's
 * events trigger as PLEG would.
 */
import type { Pod, PodStatus } from '../api/types.js';
import { backOffWindow, getStableKey, type BackoffTable } from './backoff.js';
import { containerSpec, type LifecycleDeps } from './container-lifecycle.js';
import { MountError } from './container-filesystem.js';
import { podRef } from './events.js';
import type { ImageManager } from './image-manager.js';
import { isPodPhaseTerminal } from './pod-phase.js';
import { DEADLINE_EXCEEDED, DEADLINE_EXCEEDED_MESSAGE, generatePodStatusUpdate, terminatePod } from './pod-status.js';
import type { PodWorker } from './pod-worker.js';
import { nextProbeChange, probeResults } from './probes.js';
import type { PodRuntimeState } from './runtime-state.js';
import { killPod, syncPod } from './sync-pod.js';
import type { Task } from './task.js';

/** How long a pod worker waits after a failed sync before trying again (`backOffPeriod`). */
export const SYNC_ERROR_REQUEUE_MS = 10_000;

/** What the syncs need from the kubelet. */
export interface SyncContext extends LifecycleDeps {
  readonly imageManager: ImageManager;
  readonly backOff: { table: BackoffTable };
  readonly hostIPs: readonly string[];
  allocateIP(pod: Pod): string;
  /** Writes a status to the pod's API object (the mirror pod for a static pod) unless it already shows it. */
  publish(w: PodWorker, status: PodStatus): void;
  /** Creates or replaces the mirror pod of a static pod. */
  ensureMirrorPod(w: PodWorker): void;
  /** The final delete of a terminated pod (`canBeDeleted`), and forgetting pods that are gone. */
  finish(w: PodWorker): void;
}

/** The pod with the status the API shows for it (its mirror's, for a static pod), as the status functions expect. */
export function podForStatus(w: PodWorker): Pod {
  const api = w.isStatic ? w.mirror : w.pod;
  return { ...w.pod, status: api?.status ?? {} };
}

/** What the runtime, the reason cache, the prober and the status cache say about a pod now. */
export function runtimeState(ctx: SyncContext, w: PodWorker, podIsTerminal: boolean): PodRuntimeState {
  const now = ctx.clock.now();
  return {
    runtimeName: ctx.runtime.runtimeName,
    sandboxes: ctx.runtime.sandboxesOf(w.uid).map((s) => ({
      id: s.id, state: s.state, attempt: s.attempt, createdAt: s.createdAt, hostNetwork: s.hostNetwork, ...(s.ip ? { ip: s.ip } : {}),
    })),
    containers: ctx.runtime.containersOf(w.uid).map((c) => ({
      id: c.id, name: c.name, state: c.state, createdAt: c.createdAt, startedAt: c.startedAt, finishedAt: c.finishedAt,
      exitCode: c.exitCode, reason: c.reason, message: c.message, image: c.image.name, imageID: c.image.imageRef,
      hash: c.hash, restartCount: c.attempt, ...probeResults(containerSpec(w.pod, c.name), c.startedAt, c.state === 'running', now),
    })),
    startFailures: Object.fromEntries(w.reasonCache),
    podIsTerminal,
    ...(w.cachedStatus ? { cachedStatus: w.cachedStatus } : {}),
    hostIPs: ctx.hostIPs,
  };
}

/**
 * Generates and publishes the status for this runtime state; returns the status manager's cached phase.
 * Past the active deadline the handler also reports it (`active_deadline.go ShouldEvict` records an event each time).
 */
function setPodStatus(ctx: SyncContext, w: PodWorker, podIsTerminal: boolean): string | undefined {
  const update = generatePodStatusUpdate(podForStatus(w), runtimeState(ctx, w, podIsTerminal), ctx.clock.now());
  if (update.cachedStatus.reason === DEADLINE_EXCEEDED && !isPodPhaseTerminal(podForStatus(w).status?.phase)) {
    ctx.recorder.event(podRef(w.pod), 'Normal', DEADLINE_EXCEEDED, DEADLINE_EXCEEDED_MESSAGE);
  }
  if (update.error === undefined) {
    w.cachedStatus = update.cachedStatus;
    ctx.publish(w, update.status);
  }
  return update.cachedStatus.phase;
}

/** `syncPod`: status, then (unless the pod is finished) the mirror pod, volumes and the runtime's SyncPod. */
export function* syncRunningPod(ctx: SyncContext, w: PodWorker): Task<void> {
  const pod = podForStatus(w);
  const rt = runtimeState(ctx, w, false);
  const phase = setPodStatus(ctx, w, false);
  if (isPodPhaseTerminal(phase)) {
    w.state = 'terminating';
    yield* syncTerminatingPod(ctx, w);
    return;
  }
  if (w.isStatic) ctx.ensureMirrorPod(w);
  try {
    ctx.runtime.podVolumes(w.pod);
  } catch (e) {
    if (!(e instanceof MountError)) throw e;
    ctx.recorder.event(podRef(w.pod), 'Warning', 'FailedMount', e.message);
    w.requestSync(SYNC_ERROR_REQUEUE_MS);
    return;
  }
  const results = yield* syncPod({ ...ctx, backOff: ctx.backOff, allocateIP: (p) => ctx.allocateIP(p) }, pod, rt);
  // reason_cache.go Update: a failed start is remembered, a successful one forgotten.
  let changed = false;
  for (const [name, r] of results) {
    const prev = w.reasonCache.get(name);
    if (r === null || r === undefined) {
      if (w.reasonCache.delete(name)) changed = true;
    } else if (!prev || prev.reason !== r.reason || prev.message !== r.message) {
      w.reasonCache.set(name, r);
      changed = true;
    }
  }
  if (changed) w.requestSync(0);
}

/**
 * `syncTerminatingPod` then `syncTerminatedPod`: status while stopping, every container stopped with the
 * effective grace period, the terminal status (`podIsTerminal`) and `TerminatePod` published as one write.
 */
export function* syncTerminatingPod(ctx: SyncContext, w: PodWorker): Task<void> {
  setPodStatus(ctx, w, false);
  yield* killPod(ctx, w.pod, effectiveGracePeriod(w));
  const now = ctx.clock.now();
  const update = generatePodStatusUpdate(podForStatus(w), runtimeState(ctx, w, true), now);
  if (update.error === undefined) w.cachedStatus = update.cachedStatus;
  const final = terminatePod(podForStatus(w), { cachedStatus: w.cachedStatus }, now);
  if (final.error === undefined) {
    w.cachedStatus = final.cachedStatus;
    ctx.publish(w, final.status);
  }
  w.state = 'terminated';
  ctx.finish(w);
}

/**
 * `calculateEffectiveGracePeriod`: the deletion's grace period, else the pod's (at least 1 s); a pod already
 * gone from the API (force-deleted) gets 1 s.
 */
export function effectiveGracePeriod(w: PodWorker): number {
  const m = w.pod.metadata;
  let grace = m?.deletionGracePeriodSeconds ?? undefined;
  if (grace === undefined || grace === null) grace = w.removed && !w.isStatic ? 1 : w.pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(1, grace);
}

/** When the worker must sync again by itself: back-off ends, probe results, the active deadline, error requeues. */
export function nextWakeUp(ctx: SyncContext, w: PodWorker): number | undefined {
  if (w.state !== 'syncing') return undefined;
  const now = ctx.clock.now();
  const times: number[] = [];
  const records = ctx.runtime.containersOf(w.uid);
  for (const [name, failure] of w.reasonCache) {
    const spec = containerSpec(w.pod, name);
    if (!spec) continue;
    if (failure.reason === 'CrashLoopBackOff') {
      const exited = records.filter((c) => c.name === name && c.state === 'exited').sort((a, b) => b.createdAt - a.createdAt)[0];
      if (exited) times.push((exited.finishedAt ?? 0) + backOffWindow(ctx.backOff.table, getStableKey(w.pod, spec)));
    } else if (failure.reason === 'ImagePullBackOff' || failure.reason === 'ErrImagePull') {
      const end = ctx.imageManager.backOffEnd(w.pod, spec.image ?? '');
      if (end !== undefined) times.push(end);
    } else {
      times.push(now + SYNC_ERROR_REQUEUE_MS);
    }
  }
  for (const c of records) {
    if (c.state !== 'running') continue;
    const t = nextProbeChange(containerSpec(w.pod, c.name), c.startedAt, now);
    if (t !== undefined) times.push(t);
  }
  const deadline = w.pod.spec?.activeDeadlineSeconds;
  const start = w.cachedStatus?.startTime;
  if (deadline !== undefined && deadline !== null && start) times.push(Date.parse(start) + deadline * 1000);
  const future = times.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}
