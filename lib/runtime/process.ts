import { Vfs } from './fs/vfs.js';
import type { ProcessHost } from './host.js';
import type { PidNamespace } from './pid-namespace.js';
import { INTERRUPTED, type ExitStatus, type Program, type ProgramRun, type Wait } from './program.js';
import { defaultAction, signalExitCode, type SignalName } from './signals.js';
import type { InputStream, OutputStream } from './streams.js';

/** How a new process is set up (what fork + execve would give it). */
export interface ProcessOptions {
  readonly argv: readonly string[];
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly uid: number;
  readonly gid: number;
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly host: ProcessHost;
  readonly ns: PidNamespace;
  readonly parent?: Process;
}

/** A caught signal: runs synchronously when the signal arrives. */
export type SignalHandler = (sig: SignalName) => void;

/** Thrown through a program's own stack to end it (`exit`, a fatal signal to itself). */
class ProcessExit {
  constructor(readonly process: Process, readonly status: ExitStatus) {}
}

/** How deep processes may start each other synchronously before further starts wait a tick. */
const MAX_SYNC_DEPTH = 48;

/** Work units a program may do before it must give up the (virtual) CPU. */
const SLICE_STEPS = 1000;
/** The first and largest virtual cost of a slice of busy work, in ms. */
const SLICE_MS_MIN = 1;
const SLICE_MS_MAX = 10_000;

const running: Process[] = [];
const crashWatchers = new Set<(p: Process, error: unknown) => void>();

/**
 * Calls `fn` whenever a simulated program fails with a JavaScript error (the process then ends as if
 * by SIGSEGV). A simulator bug, never a behaviour: tests assert it never fires.
 */
export function onProcessCrash(fn: (p: Process, error: unknown) => void): () => void {
  crashWatchers.add(fn);
  return () => crashWatchers.delete(fn);
}

/**
 * A simulated process: a {@link Program} generator driven by waits on the injected clock, with a PID
 * in a {@link PidNamespace}, argv, environment, working directory, user, three streams and signal
 * dispositions. It never throws to its caller: a bug in a program ends the process like a segfault.
 */
export class Process {
  readonly pid: number;
  readonly ppid: number;
  argv: string[];
  readonly env: Map<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  readonly host: ProcessHost;
  readonly ns: PidNamespace;
  readonly parent: Process | undefined;
  readonly startedAt: number;
  /** This process's view of the container file system. */
  readonly vfs: Vfs;
  /** Virtual CPU time used by busy work, in ms (`ps` TIME). */
  cpuMs = 0;
  status: ExitStatus | undefined;
  finishedAt: number | undefined;
  /** The error that ended the process when a simulated program failed (kept for debugging). */
  crash: unknown;

  private run: ProgramRun | undefined;
  private cancelWait: (() => void) | undefined;
  private waitIsInterruptible = false;
  private active = false;
  private pendingExit: ExitStatus | undefined;
  private readonly handlers = new Map<SignalName, SignalHandler | 'ignore'>();
  private readonly exitListeners = new Set<(s: ExitStatus) => void>();
  private steps = 0;
  private sliceMs = SLICE_MS_MIN;
  private cpuWait: Wait<void> | undefined;

  constructor(opts: ProcessOptions) {
    this.argv = [...opts.argv];
    this.env = new Map(opts.env);
    this.cwd = opts.cwd;
    this.uid = opts.uid;
    this.gid = opts.gid;
    this.stdin = opts.stdin;
    this.stdout = opts.stdout;
    this.stderr = opts.stderr;
    this.host = opts.host;
    this.ns = opts.ns;
    this.parent = opts.parent;
    this.ppid = opts.parent && opts.parent.ns === opts.ns ? opts.parent.pid : 0;
    this.startedAt = opts.host.clock.now();
    this.pid = opts.ns.allocate(this);
    this.vfs = new Vfs(opts.host.root, this, () => this.host.clock.now(), this);
  }

  /** The command name (`comm`): the base name of argv[0], at most 15 characters. */
  get comm(): string {
    const a0 = this.argv[0] ?? '';
    return a0.slice(a0.lastIndexOf('/') + 1).slice(0, 15);
  }

  get alive(): boolean {
    return this.status === undefined;
  }

  /**
   * Runs `program` until its first wait — at once, unless processes are already nested deeply in
   * this call stack (a fork chain), in which case it starts on the next clock tick.
   */
  start(program: Program): this {
    if (this.run || this.status) return this;
    if (running.length > MAX_SYNC_DEPTH) {
      this.host.clock.setTimer(0, () => this.begin(program));
      return this;
    }
    this.begin(program);
    return this;
  }

  private begin(program: Program): void {
    if (this.run || this.status) return;
    this.ns.started(this);
    try {
      this.run = program(this);
    } catch (e) {
      this.crashed(e);
      return;
    }
    this.advance(undefined);
  }

  /**
   * execve(2) from inside the running program: the process keeps its PID and streams, takes the new
   * argv, caught signals go back to their defaults (ignored ones stay ignored), and `program` runs.
   */
  *execve(argv: readonly string[], program: Program): Generator<Wait, number, unknown> {
    this.argv = [...argv];
    for (const [sig, h] of this.handlers) if (h !== 'ignore') this.handlers.delete(sig);
    return yield* program(this);
  }

  /** Ends the process with `code` (0–255). Inside the program's own stack this unwinds it. */
  exit(code: number): void {
    this.terminate({ code: code & 0xff });
  }

  /** Sets a signal's disposition: a handler, `ignore`, or `default`. */
  onSignal(sig: SignalName, handler: SignalHandler | 'ignore' | 'default'): void {
    if (sig === 'KILL' || sig === 'STOP') return;
    if (handler === 'default') this.handlers.delete(sig);
    else this.handlers.set(sig, handler);
  }

  /** The disposition of `sig` (for `trap` listings). */
  disposition(sig: SignalName): 'default' | 'ignore' | 'caught' {
    const h = this.handlers.get(sig);
    return h === undefined ? 'default' : h === 'ignore' ? 'ignore' : 'caught';
  }

  /**
   * Delivers `sig`. `fromOutside` marks the runtime (an ancestor PID namespace): only then can KILL
   * end a namespace's init. Returns false when the process has already exited (ESRCH).
   */
  signal(sig: SignalName, fromOutside = false): boolean {
    if (this.status) return false;
    const isInit = this.pid === 1;
    if (sig === 'KILL') {
      // pid_namespaces(7): init cannot be killed from inside its own namespace.
      if (!(isInit && !fromOutside)) this.terminate({ code: signalExitCode('KILL'), signal: 'KILL' });
      return true;
    }
    const h = this.handlers.get(sig);
    if (h === 'ignore') return true;
    if (h) {
      h(sig);
      if (this.alive && this.cancelWait && this.waitIsInterruptible) {
        const cancel = this.cancelWait;
        this.cancelWait = undefined;
        cancel();
        this.advance(INTERRUPTED);
      }
      return true;
    }
    // Signals an init has no handler for are dropped (pid_namespaces(7)); STOP is not modelled.
    if (defaultAction(sig) !== 'terminate' || isInit) return true;
    this.terminate({ code: signalExitCode(sig), signal: sig });
    return true;
  }

  /** Calls `fn` with the exit status (at once if already exited); returns an unsubscribe function. */
  onExit(fn: (s: ExitStatus) => void): () => void {
    if (this.status) {
      fn(this.status);
      return () => undefined;
    }
    this.exitListeners.add(fn);
    return () => this.exitListeners.delete(fn);
  }

  /** A wait that ends when this process exits (`waitpid`). */
  exited(): Wait<ExitStatus> {
    return { start: (resume) => this.onExit(resume) };
  }

  /** A wait of `ms` virtual milliseconds. */
  sleep(ms: number): Wait<void> {
    const clock = this.host.clock;
    return {
      start: (resume) => {
        const t = clock.setTimer(Math.max(0, ms), () => resume(undefined));
        return () => t.cancel();
      },
    };
  }

  /**
   * Busy programs call this once per unit of work. Every {@link SLICE_STEPS} units it returns a wait
   * that costs virtual time, so a loop with no sleep cannot hang the simulation; the cost doubles
   * while the program keeps spinning (up to 10 s a slice) so virtual time can run ahead of it.
   */
  cpuTick(): Wait<void> | undefined {
    if (++this.steps < SLICE_STEPS) return undefined;
    this.steps = 0;
    const ms = this.sliceMs;
    this.sliceMs = Math.min(this.sliceMs * 2, SLICE_MS_MAX);
    this.cpuMs += ms;
    this.cpuWait = this.sleep(ms);
    return this.cpuWait;
  }

  /** Programs call this before each fork: a wait when the namespace forks faster than a real system could. */
  throttleFork(): Wait<void> | undefined {
    const delay = this.ns.chargeFork(this.host.clock.now());
    return delay > 0 ? this.sleep(delay) : undefined;
  }

  private terminate(status: ExitStatus): void {
    if (this.status || this.pendingExit) return;
    if (this.active) {
      if (running.at(-1) === this) throw new ProcessExit(this, status);
      this.pendingExit = status; // our program is further up the stack: end it when it gets control back
      return;
    }
    this.finish(status);
  }

  private advance(value: unknown): void {
    if (this.status || !this.run || this.active) return;
    this.active = true;
    running.push(this);
    let input = value;
    try {
      for (;;) {
        let r: IteratorResult<Wait, number>;
        try {
          r = this.run.next(input);
        } catch (e) {
          if (e instanceof ProcessExit && e.process === this) return this.finish(e.status);
          if (e instanceof ProcessExit) throw e;
          return this.crashed(e);
        }
        if (this.pendingExit) return this.finish(this.pendingExit);
        if (r.done) return this.finish({ code: (Number(r.value) || 0) & 0xff });
        const w = r.value;
        if (w !== this.cpuWait) {
          // a real wait: the program is not spinning
          this.steps = 0;
          this.sliceMs = SLICE_MS_MIN;
        }
        let sync: { value: unknown } | undefined;
        let starting = true;
        let over = false;
        const resume = (v: unknown): void => {
          if (over) return;
          over = true;
          if (starting) sync = { value: v };
          else {
            this.cancelWait = undefined;
            this.advance(v);
          }
        };
        let cancel: () => void = () => undefined;
        try {
          cancel = w.start(resume);
        } catch (e) {
          return this.crashed(e);
        }
        starting = false;
        if (sync) {
          input = sync.value;
          continue;
        }
        this.waitIsInterruptible = w.interruptible === true;
        this.cancelWait = () => {
          over = true;
          cancel();
        };
        return;
      }
    } finally {
      this.active = false;
      running.pop();
    }
  }

  private crashed(e: unknown): void {
    this.crash = e;
    for (const w of [...crashWatchers]) w(this, e);
    this.finish({ code: signalExitCode('SEGV'), signal: 'SEGV' });
  }

  private finish(status: ExitStatus): void {
    if (this.status) return;
    this.status = status;
    this.finishedAt = this.host.clock.now();
    const cancel = this.cancelWait;
    this.cancelWait = undefined;
    cancel?.();
    if (!this.active && this.run) {
      try {
        this.run.return(status.code);
      } catch {
        // a program's cleanup failing does not change how it ended
      }
    }
    this.ns.release(this);
    // pid_namespaces(7): when a namespace's init ends, the kernel kills everything else in it.
    if (this.pid === 1) for (const other of this.ns.list()) other.signal('KILL', true);
    for (const l of [...this.exitListeners]) l(status);
    this.exitListeners.clear();
  }
}
