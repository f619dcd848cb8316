/**
 * The scheduling queue (`pkg/scheduler/internal/queue/scheduling_queue.go` `PriorityQueue`, v1.32): activeQ
 * ordered by PrioritySort, backoffQ for pods waiting out their back-off, and the unschedulable pool (with
 * gated pods). Time is passed in; the driver arms timers for {@link SchedulingQueue.nextWakeup}.
 */
import type { Pod } from '../api/types.js';
import { podPriority } from './framework.js';
import { podKey } from './node-info.js';
import { isPodWorthRequeuing, type ClusterEvent } from './queueing-hints.js';

/** `DefaultPodInitialBackoffDuration` */
export const POD_INITIAL_BACKOFF_MS = 1_000;
/** `DefaultPodMaxBackoffDuration` */
export const POD_MAX_BACKOFF_MS = 10_000;
/** `DefaultPodMaxInUnschedulablePodsDuration`: how long a pod may wait for an event before it is retried anyway. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
/** The period of `flushBackoffQCompleted`. */
export const BACKOFF_FLUSH_PERIOD_MS = 1_000;
/** The period of `flushUnschedulablePodsLeftover`. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

/** `QueuedPodInfo`: a pod with its queueing history. */
export interface QueuedPodInfo {
  pod: Pod;
  readonly key: string;
  /** When the pod was last added to a queue (first add, or its last failure). */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** The plugins that rejected it in its last attempt. */
  unschedulablePlugins: Set<string>;
  /** Held back by `spec.schedulingGates` (the SchedulingGates PreEnqueue plugin). */
  gated: boolean;
}

const isGated = (pod: Pod): boolean => (pod.spec?.schedulingGates ?? []).length > 0;

/** `isPodUpdated`: the pod changed in more than its status, resourceVersion, generation or managed fields. */
function isPodUpdated(oldPod: Pod, pod: Pod): boolean {
  const strip = (p: Pod) => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, ...meta } = p.metadata ?? {};
    return JSON.stringify({ ...p, metadata: meta, status: undefined });
  };
  return strip(oldPod) !== strip(pod);
}

/** `PriorityQueue` */
export class SchedulingQueue {
  private readonly activeQ = new Map<string, QueuedPodInfo>();
  private readonly backoffQ = new Map<string, QueuedPodInfo>();
  private readonly unschedulable = new Map<string, QueuedPodInfo>();

  /** @param start the queue's start time: its flush loops tick on a grid from here. */
  constructor(private readonly start: number) {}

  /** `Add`: a new pending pod goes to activeQ, or to the unschedulable pool while gated. */
  add(pod: Pod, now: number): void {
    const info: QueuedPodInfo = { pod, key: podKey(pod), timestamp: now, attempts: 0, unschedulablePlugins: new Set(), gated: isGated(pod) };
    this.remove(info.key);
    (info.gated ? this.unschedulable : this.activeQ).set(info.key, info);
  }

  /** Whether the queue holds the pod anywhere. */
  has(pod: Pod): boolean {
    const k = podKey(pod);
    return this.activeQ.has(k) || this.backoffQ.has(k) || this.unschedulable.has(k);
  }

  /**
   * `Update`: refreshes the pod where it is; an unschedulable pod that lost its gates goes to activeQ, one
   * whose update may help (per the rejecting plugins' hints) to activeQ or backoffQ.
   */
  update(oldPod: Pod, pod: Pod, now: number): void {
    const key = podKey(pod);
    const info = this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key);
    if (!info) return this.add(pod, now);
    info.pod = pod;
    if (!this.unschedulable.has(key) || !isPodUpdated(oldPod, pod)) return;
    if (info.gated) {
      if (isGated(pod)) return;
      info.gated = false;
      this.unschedulable.delete(key);
      this.activeQ.set(key, info);
      return;
    }
    if (isPodWorthRequeuing(pod, info.unschedulablePlugins, { kind: 'UnscheduledPodUpdate', oldPod, pod })) this.requeue(info, now);
  }

  /** `Delete` */
  delete(pod: Pod): void {
    this.remove(podKey(pod));
  }

  /** `Pop`: the activeQ head by PrioritySort (higher priority, then earlier timestamp), its attempts counted. */
  pop(): QueuedPodInfo | undefined {
    let best: QueuedPodInfo | undefined;
    for (const info of this.activeQ.values()) {
      if (!best || podPriority(info.pod) > podPriority(best.pod) || (podPriority(info.pod) === podPriority(best.pod) && info.timestamp < best.timestamp)) {
        best = info;
      }
    }
    if (!best) return undefined;
    this.activeQ.delete(best.key);
    best.attempts++;
    return best;
  }

  /**
   * `AddUnschedulableIfNotPresent`: after a failed attempt the pod waits in the unschedulable pool for an
   * event, unless no plugin rejected it (an error, or no nodes), or an event that happened while it was
   * being scheduled may help (`determineSchedulingHintForInFlightPod`): then it is retried after its back-off.
   */
  addUnschedulable(info: QueuedPodInfo, rejectors: ReadonlySet<string>, now: number, inFlightEvents: readonly ClusterEvent[] = []): void {
    info.timestamp = now;
    info.unschedulablePlugins = new Set(rejectors);
    if (rejectors.size === 0 || inFlightEvents.some((e) => isPodWorthRequeuing(info.pod, rejectors, e))) this.requeue(info, now);
    else this.unschedulable.set(info.key, info);
  }

  /** `calculateBackoffDuration`: 1s doubled per attempt after the first, at most 10s. */
  backoffDuration(info: QueuedPodInfo): number {
    let d = POD_INITIAL_BACKOFF_MS;
    for (let i = 1; i < info.attempts; i++) {
      if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
      d += d;
    }
    return d;
  }

  /** `isPodBackingoff` */
  isBackingOff(info: QueuedPodInfo, now: number): boolean {
    return !info.gated && info.timestamp + this.backoffDuration(info) > now;
  }

  /** `MoveAllToActiveOrBackoffQueue`: unschedulable (not gated) pods the event may help move on. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, now: number): void {
    for (const info of [...this.unschedulable.values()]) {
      if (!info.gated && isPodWorthRequeuing(info.pod, info.unschedulablePlugins, event)) this.requeue(info, now);
    }
  }

  /**
   * Runs the periodic flushes due at `now` (`flushBackoffQCompleted` every second, `flushUnschedulablePodsLeftover`
   * every 30 seconds for pods unschedulable for more than 5 minutes).
   */
  flush(now: number): void {
    for (const info of [...this.backoffQ.values()]) {
      if (now >= this.nextTick(info.timestamp + this.backoffDuration(info), BACKOFF_FLUSH_PERIOD_MS)) {
        this.backoffQ.delete(info.key);
        this.activeQ.set(info.key, info);
      }
    }
    for (const info of [...this.unschedulable.values()]) {
      if (!info.gated && now >= this.leftoverDue(info)) this.moveAllOne(info, now);
    }
  }

  /** Whether activeQ has pods to schedule now. */
  get hasActive(): boolean {
    return this.activeQ.size > 0;
  }

  /** The next time {@link flush} has work, or undefined. */
  nextWakeup(): number | undefined {
    let next: number | undefined;
    const consider = (t: number) => (next = next === undefined ? t : Math.min(next, t));
    for (const info of this.backoffQ.values()) consider(this.nextTick(info.timestamp + this.backoffDuration(info), BACKOFF_FLUSH_PERIOD_MS));
    for (const info of this.unschedulable.values()) if (!info.gated) consider(this.leftoverDue(info));
    return next;
  }

  /** Pods per queue, for inspection: `active`, `backoff`, `unschedulable`. */
  counts(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size };
  }

  private moveAllOne(info: QueuedPodInfo, now: number): void {
    if (isPodWorthRequeuing(info.pod, info.unschedulablePlugins, { kind: 'UnschedulableTimeout' })) this.requeue(info, now);
  }

  /** The first flush tick at or after `t` (ticks run every `period` from the queue's start). */
  private nextTick(t: number, period: number): number {
    return t <= this.start ? this.start : this.start + Math.ceil((t - this.start) / period) * period;
  }

  /** The first 30-second tick at which the pod has been unschedulable for more than 5 minutes. */
  private leftoverDue(info: QueuedPodInfo): number {
    return this.nextTick(info.timestamp + POD_MAX_IN_UNSCHEDULABLE_PODS_MS + 1, UNSCHEDULABLE_FLUSH_PERIOD_MS);
  }

  /** `requeuePodViaQueueingHint`: to backoffQ while backing off, else to activeQ. */
  private requeue(info: QueuedPodInfo, now: number): void {
    this.remove(info.key);
    (this.isBackingOff(info, now) ? this.backoffQ : this.activeQ).set(info.key, info);
  }

  private remove(key: string): void {
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
  }
}
