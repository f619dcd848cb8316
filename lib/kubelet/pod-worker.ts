/**
 * One pod's worker (`pkg/kubelet/pod_workers.go`): the pod's lifecycle state (syncing, terminating,
 * terminated), the one sync at a time that runs for it on the clock, the pending request that coalesces
 * every trigger (watch updates, runtime events as PLEG reports them, back-off and probe timers) arriving
 * meanwhile, and what the kubelet keeps about the pod between syncs (reason cache, cached status).
 */
import type { Pod, PodStatus } from '../api/types.js';
import type { Clock, Timer } from '../clock/clock.js';
import type { StartFailure } from './runtime-state.js';
import { runTask, type RunningTask, type Task } from './task.js';

/** `SyncPod` → `TerminatingPod` → `TerminatedPod` (`podSyncStatus`). */
export type PodWorkState = 'syncing' | 'terminating' | 'terminated';

/** A pod the kubelet runs, with its worker. */
export class PodWorker {
  /** The pod as the kubelet runs it: the API object, or the static pod built from a manifest. */
  pod: Pod;
  /** The mirror pod of a static pod, as last seen in the API. */
  mirror: Pod | undefined;
  state: PodWorkState = 'syncing';
  /** The reason cache: why the last start of each container failed. */
  readonly reasonCache = new Map<string, StartFailure>();
  /** The status manager's cached status. */
  cachedStatus: PodStatus | undefined;
  /** The API object is gone (deleted, or the static manifest removed): no more status writes. */
  removed = false;
  /** The error the last sync threw, for inspection (a bug in a step must not stop the kubelet). */
  lastError: unknown;
  private running: RunningTask | undefined;
  private pending = false;
  private retired = false;
  private timer: Timer | undefined;

  constructor(
    pod: Pod,
    readonly isStatic: boolean,
    private readonly clock: Clock,
    /** The work of one sync in the worker's current state. */
    private readonly work: (w: PodWorker) => Task<void>,
    /** Called after each sync, to schedule timed wake-ups. */
    private readonly after: (w: PodWorker) => void,
  ) {
    this.pod = pod;
  }

  get uid(): string {
    return this.pod.metadata?.uid ?? '';
  }

  /** Whether a sync is running now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /**
   * Asks for a sync `delayMs` from now (never synchronously: the caller may be inside a watch callback or
   * a process exit). An earlier request wins; a request during a sync runs once that sync ends.
   */
  requestSync(delayMs = 0): void {
    if (this.running) {
      if (delayMs === 0) this.pending = true;
      else this.schedule(delayMs);
      return;
    }
    this.schedule(delayMs);
  }

  /** Stops everything the worker has scheduled or running (from outside its own sync). */
  stop(): void {
    this.retire();
    this.running?.cancel();
    this.running = undefined;
  }

  /** No more syncs after the current one (safe to call from inside it). */
  retire(): void {
    this.retired = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.retired) return;
    const due = this.clock.now() + Math.max(0, delayMs);
    if (this.timer && this.timer.dueAt <= due) return;
    this.timer?.cancel();
    this.timer = this.clock.setTimer(Math.max(0, delayMs), () => {
      this.timer = undefined;
      this.run();
    });
  }

  private run(): void {
    if (this.retired) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.pending = false;
    let finishedInline = false;
    const task = runTask(this.work(this), (r) => {
      finishedInline = true;
      if ('error' in r) this.lastError = r.error;
      this.running = undefined;
      if (this.retired) return;
      if (this.pending) {
        this.pending = false;
        this.schedule(0);
      }
      this.after(this);
    });
    if (!finishedInline) this.running = task;
  }
}
