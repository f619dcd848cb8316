/**
 * The simulated kube-scheduler (`pkg/scheduler/scheduler.go`, `eventhandlers.go`, `schedule_one.go`, v1.32):
 * a client of the API like any other. It watches nodes and the pods that have not terminated, queues the
 * unbound pods whose `spec.schedulerName` is its own, and on the cluster clock schedules them one at a time:
 * binds through `pods/binding` and records `Scheduled`, or records `FailedScheduling`, writes
 * PodScheduled=False through `pods/status`, preempts lower-priority pods when that helps, and retries on
 * cluster events, after its back-off, or every five minutes.
 */
import type { Node, Pod } from '../api/types.js';
import type { Clock, Timer } from '../clock/clock.js';
import type { PodClient } from '../client/pods.js';
import { EventBroadcaster, objectReference, type EventRecorder, type EventSink } from './event-broadcaster.js';
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage, truncateMessage } from './fit-error.js';
import { Framework, podPriority } from './framework.js';
import { Informer, type ListWatch } from './informer.js';
import { buildSnapshot, podKey } from './node-info.js';
import { CycleState } from './plugins/interface.js';
import { podStatusPatch } from './pod-condition.js';
import { preempt } from './preemption.js';
import { nodeSchedulingPropertiesChange, type ClusterEvent } from './queueing-hints.js';
import { schedulePod, type NodeCursor, type SchedulingSnapshot } from './schedule-one.js';
import { SchedulingQueue, type QueuedPodInfo } from './scheduling-queue.js';
import { isSuccess, statusMessage } from './status.js';

/** The default profile's name, which pods select with `spec.schedulerName`. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The pod verbs the scheduler uses (a {@link PodClient} has them). */
export type SchedulerPodClient = Pick<PodClient, 'list' | 'watch' | 'bind' | 'patchStatus' | 'delete'>;

/** What the scheduler is given: the clock and clients, nothing of the registry or the store. */
export interface SchedulerDeps {
  clock: Clock;
  /** The pods client of a namespace; '' lists and watches all namespaces. */
  pods(namespace: string): SchedulerPodClient;
  nodes: ListWatch<Node>;
  /** The events client of a namespace. */
  events(namespace: string): EventSink;
  /** The profile name (default `default-scheduler`). */
  schedulerName?: string;
  /** The host the scheduler runs on, for `reportingInstance` (`<schedulerName>-<hostname>`); default `kubesim`. */
  hostname?: string;
}

const NOT_TERMINATED = 'status.phase!=Succeeded,status.phase!=Failed';

/** The scheduler. `start()` it; it works in clock timers, never inside a watch callback. */
export class Scheduler {
  readonly schedulerName: string;
  private readonly queue: SchedulingQueue;
  private readonly framework = new Framework();
  private readonly cursor: NodeCursor = { nextStartNodeIndex: 0 };
  private readonly broadcaster: EventBroadcaster;
  private readonly recorder: EventRecorder;
  private readonly nodeInformer: Informer<Node>;
  private readonly podInformer: Informer<Pod>;
  private kicked: Timer | undefined;
  private wakeup: Timer | undefined;
  private inFlight: string | undefined;
  /** Cluster events seen while a pod was being scheduled (`inFlightEvents`). */
  private inFlightEvents: ClusterEvent[] = [];
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.schedulerName = deps.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.queue = new SchedulingQueue(deps.clock.now());
    this.broadcaster = new EventBroadcaster(deps.clock, deps.events);
    this.recorder = this.broadcaster.newRecorder(this.schedulerName, `${this.schedulerName}-${deps.hostname ?? 'kubesim'}`);
    this.nodeInformer = new Informer(deps.nodes, {
      onAdd: (node) => this.onClusterEvent({ kind: 'NodeAdd', node }),
      onUpdate: (oldNode, node) => {
        const changes = nodeSchedulingPropertiesChange(node, oldNode);
        if (changes.size > 0) this.onClusterEvent({ kind: 'NodeUpdate', oldNode, node, changes });
      },
      onDelete: () => undefined,
    }, deps.clock);
    this.podInformer = new Informer(deps.pods(''), {
      onAdd: (pod) => this.onPodAdd(pod),
      onUpdate: (oldPod, pod) => this.onPodUpdate(oldPod, pod),
      onDelete: (pod) => this.onPodDelete(pod),
    }, deps.clock, NOT_TERMINATED);
  }

  /** Starts watching nodes, then pods. */
  start(): void {
    this.nodeInformer.start();
    this.podInformer.start();
  }

  /** Stops the watches and timers. */
  stop(): void {
    this.stopped = true;
    this.nodeInformer.stop();
    this.podInformer.stop();
    this.kicked?.cancel();
    this.wakeup?.cancel();
    this.broadcaster.shutdown();
  }

  /** How many pods wait in each queue (for inspection and tests). */
  queueCounts(): { active: number; backoff: number; unschedulable: number } {
    return this.queue.counts();
  }

  private responsible = (pod: Pod): boolean => (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  private assigned = (pod: Pod): boolean => Boolean(pod.spec?.nodeName);

  private onPodAdd(pod: Pod): void {
    if (!this.assigned(pod) && this.responsible(pod)) {
      this.queue.add(pod, this.deps.clock.now());
      this.kick();
    }
  }

  private onPodUpdate(oldPod: Pod, pod: Pod): void {
    if (this.assigned(pod)) {
      // Bound (by us or by someone else): no longer the queue's business.
      if (!this.assigned(oldPod)) this.queue.delete(pod);
      return;
    }
    // The pod being scheduled is not in the queue: its own updates must not put it back.
    if (!this.responsible(pod) || (podKey(pod) === this.inFlight && !this.queue.has(pod))) return;
    this.queue.update(oldPod, pod, this.deps.clock.now());
    this.kick();
  }

  private onPodDelete(pod: Pod): void {
    if (this.assigned(pod)) {
      // A deleted or finished pod frees its node's resources (`EventAssignedPodDelete`).
      this.onClusterEvent({ kind: 'AssignedPodDelete', pod });
      return;
    }
    this.queue.delete(pod);
  }

  private onClusterEvent(event: ClusterEvent): void {
    if (this.inFlight) this.inFlightEvents.push(event);
    this.queue.moveAllToActiveOrBackoffQueue(event, this.deps.clock.now());
    this.kick();
  }

  /** Schedules the work loop on the clock (never runs it inside the caller). */
  private kick(): void {
    if (this.kicked || this.stopped) return;
    this.kicked = this.deps.clock.setTimer(0, () => {
      this.kicked = undefined;
      this.run();
    });
  }

  /** One turn of the loop: due flushes, then every active pod, then a wake-up for the next flush. */
  private run(): void {
    if (this.stopped) return;
    this.queue.flush(this.deps.clock.now());
    for (let info = this.queue.pop(); info && !this.stopped; info = this.queue.pop()) this.scheduleOne(info);
    const next = this.queue.nextWakeup();
    if (next === undefined || this.stopped) return;
    if (this.wakeup && this.wakeup.dueAt === next) return;
    this.wakeup?.cancel();
    this.wakeup = this.deps.clock.setTimer(next - this.deps.clock.now(), () => {
      this.wakeup = undefined;
      this.run();
    });
  }

  private snapshot(): SchedulingSnapshot {
    const pods = [...this.podInformer.store.values()];
    const nominated = new Map<string, Pod[]>();
    for (const p of pods) {
      const n = p.status?.nominatedNodeName;
      if (n && !this.assigned(p)) nominated.set(n, [...(nominated.get(n) ?? []), p]);
    }
    return {
      framework: this.framework,
      nodes: buildSnapshot(this.nodeInformer.store.values(), pods),
      nominatedPodsForNode: (nodeName) => nominated.get(nodeName) ?? [],
    };
  }

  /** `ScheduleOne`: one attempt for one pod. */
  private scheduleOne(info: QueuedPodInfo): void {
    const pod = info.pod;
    const ns = pod.metadata?.namespace ?? '';
    if (pod.metadata?.deletionTimestamp) {
      this.recorder.eventf(objectReference(pod, 'Pod'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', `skip schedule deleting pod: ${ns}/${pod.metadata?.name ?? ''}`);
      return;
    }
    this.inFlight = info.key;
    this.inFlightEvents = [];
    try {
      const snap = this.snapshot();
      const state = new CycleState();
      const result = schedulePod(snap, state, pod, this.cursor);
      if (result.kind === 'scheduled') {
        this.bind(info, result.suggestedHost);
      } else if (result.kind === 'noNodes') {
        this.handleFailure(info, 'Unschedulable', ERR_NO_NODES_AVAILABLE, new Set(), '');
      } else {
        const post = preempt(snap, state, pod, result.diagnosis.nodeToStatus, this.deps.clock.now());
        if (isSuccess(post.status)) this.prepareCandidate(pod, post.nominatedNodeName ?? '', post.victims, post.lowerPriorityNominatedPods);
        else result.diagnosis.postFilterMsg = statusMessage(post.status);
        this.handleFailure(info, 'Unschedulable', fitErrorMessage(result.numAllNodes, result.diagnosis), result.diagnosis.unschedulablePlugins, post.nominatedNodeName);
      }
    } finally {
      this.inFlight = undefined;
      this.inFlightEvents = [];
    }
  }

  /** The binding cycle: POST pods/binding, then the `Scheduled` event; a refused binding is a SchedulerError. */
  private bind(info: QueuedPodInfo, node: string): void {
    const pod = info.pod;
    const name = pod.metadata?.name ?? '';
    const ns = pod.metadata?.namespace ?? '';
    try {
      this.deps.pods(ns).bind(name, node);
    } catch (e) {
      // RunBindPlugins wraps the DefaultBinder's API error.
      const why = e instanceof Error ? e.message : String(e);
      this.handleFailure(info, 'SchedulerError', `running Bind plugin "DefaultBinder": ${why}`, new Set(), '');
      return;
    }
    this.recorder.eventf(objectReference(pod, 'Pod'), undefined, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${ns}/${name} to ${node}`);
  }

  /**
   * `handleSchedulingFailure`: back to the queue (unless the pod is gone or bound meanwhile), the
   * `FailedScheduling` event, and PodScheduled=False (with the nomination) through pods/status.
   */
  private handleFailure(info: QueuedPodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string, rejectors: ReadonlySet<string>, nomination: string | undefined): void {
    const pod = info.pod;
    const cached = this.podInformer.store.get(`${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`);
    if (cached && !this.assigned(cached)) {
      info.pod = cached;
      this.queue.addUnschedulable(info, rejectors, this.deps.clock.now(), this.inFlightEvents);
    }
    this.recorder.eventf(objectReference(pod, 'Pod'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', truncateMessage(message));
    // updatePod: the condition (and the nomination) only when something changed.
    const patch = podStatusPatch(pod, { type: 'PodScheduled', status: 'False', reason, message }, nomination, this.deps.clock.now());
    if (patch) this.patchStatus(pod, patch);
  }

  /**
   * `prepareCandidate`: each victim gets DisruptionTarget=True (PreemptionByScheduler), is deleted with its
   * grace period, and gets a `Preempted` event; lower-priority pods nominated to the node lose the nomination.
   */
  private prepareCandidate(preemptor: Pod, node: string, victims: readonly Pod[], lowerNominated: readonly Pod[]): void {
    const message = `${preemptor.spec?.schedulerName ?? this.schedulerName}: preempting to accommodate a higher priority pod`;
    for (const victim of victims) {
      const cond = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message } as const;
      const patch = podStatusPatch(victim, cond, undefined, this.deps.clock.now());
      if (patch) this.patchStatus(victim, patch);
      try {
        this.deps.pods(victim.metadata?.namespace ?? '').delete(victim.metadata?.name ?? '');
      } catch {
        // Already gone: nothing to preempt.
      }
      const related = objectReference(preemptor, 'Pod');
      this.recorder.eventf(objectReference(victim, 'Pod'), related, 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${node}`);
    }
    for (const p of lowerNominated) if (podPriority(p) < podPriority(preemptor)) this.patchStatus(p, { status: { nominatedNodeName: null } });
  }

  /** `util.PatchPodStatus` as a strategic merge patch of pods/status; a pod gone meanwhile is ignored. */
  private patchStatus(pod: Pod, body: unknown): void {
    try {
      this.deps.pods(pod.metadata?.namespace ?? '').patchStatus(pod.metadata?.name ?? '', 'strategic', body);
    } catch {
      // The pod was deleted (or changed beyond repair) meanwhile; the next event will tell.
    }
  }
}
