import type { Process } from './process.js';

/**
 * A PID namespace: the processes that see each other in `ps` and `/proc`. Each container has its own
 * unless the pod sets `shareProcessNamespace` (then the sandbox's `/pause` is PID 1 for all of them);
 * an ephemeral container with `targetContainerName` joins its target's namespace.
 */
export class PidNamespace {
  /**
   * Live processes a namespace may hold (a pod's `pids.max`): a fork bomb in a simulated container
   * gets EAGAIN instead of taking the simulator down.
   */
  static readonly MAX_PROCESSES = 1024;
  /** Forks a namespace may make per virtual millisecond before forking processes must wait (≈5000/s, a real shell's pace). */
  static readonly FORKS_PER_MS = 5;
  private next = 1;
  private forkMs = -1;
  private forks = 0;
  private readonly table = new Map<number, Process>();
  private readonly listeners = new Set<(p: Process, event: 'start' | 'exit') => void>();

  /** @param id a label for debugging (`pod/<uid>` or a container id). */
  constructor(readonly id: string) {}

  /**
   * Gives `p` the next PID. PIDs are handed out in order and not reused (a real kernel wraps at
   * pid_max, which no simulation reaches).
   */
  allocate(p: Process): number {
    const pid = this.next++;
    this.table.set(pid, p);
    return pid;
  }

  /** Tells watchers that `p` (already allocated) started running. */
  started(p: Process): void {
    for (const l of [...this.listeners]) l(p, 'start');
  }

  /** Removes an exited process. */
  release(p: Process): void {
    if (this.table.get(p.pid) === p) this.table.delete(p.pid);
    for (const l of [...this.listeners]) l(p, 'exit');
  }

  /**
   * Counts a fork at virtual time `now`; returns how long the forking process must wait first (1 ms
   * once this millisecond's budget is spent), so fork loops and fork bombs advance virtual time.
   */
  chargeFork(now: number): number {
    if (now !== this.forkMs) {
      this.forkMs = now;
      this.forks = 0;
    }
    return ++this.forks > PidNamespace.FORKS_PER_MS ? 1 : 0;
  }

  /** Whether another process would exceed {@link PidNamespace.MAX_PROCESSES}. */
  get full(): boolean {
    return this.table.size >= PidNamespace.MAX_PROCESSES;
  }

  /** The live process with that PID. */
  get(pid: number): Process | undefined {
    return this.table.get(pid);
  }

  /** PID 1, if alive. */
  get init(): Process | undefined {
    return this.table.get(1);
  }

  /** Live processes in PID order. */
  list(): Process[] {
    return [...this.table.values()].sort((a, b) => a.pid - b.pid);
  }

  /** Calls `fn` when a process starts or exits here; returns an unsubscribe function. */
  watch(fn: (p: Process, event: 'start' | 'exit') => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
