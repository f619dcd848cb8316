import type { Container, EphemeralContainer } from '../api/types.js';
import type { Timer } from '../clock/clock.js';
import { ContainerLog } from './container-log.js';
import { findExecutable, programFor, type ExecErrno } from './exec.js';
import type { DirNode } from './fs/nodes.js';
import { Vfs } from './fs/vfs.js';
import type { ProcessHost } from './host.js';
import type { ResolvedImage } from './images/types.js';
import type { PidNamespace } from './pid-namespace.js';
import { StreamSession, type OutputStreamName, type ProcessIO } from './process-io.js';
import { Process } from './process.js';
import type { ExitStatus, Program } from './program.js';
import type { SignalName } from './signals.js';
import { NULL_INPUT, Pipe, type InputStream, type OutputStream } from './streams.js';
import { Tty } from './tty.js';

/** A container's lifecycle state, as the CRI reports it. */
export type ContainerState = 'created' | 'running' | 'exited';

/** What the runtime reports about a container (CRI `ContainerStatus`, in kubelet terms). */
export interface RuntimeContainerStatus {
  readonly id: string;
  /** `containerd://<id>`, the status `containerID`. */
  readonly containerID: string;
  readonly name: string;
  readonly sandboxId: string;
  readonly attempt: number;
  readonly state: ContainerState;
  readonly createdAt: number;
  /** ms since the epoch; 0 (1970-01-01T00:00:00Z) after a StartError, as containerd reports it. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly exitCode?: number;
  /** `Completed`, `Error` or `StartError`. */
  readonly reason?: string;
  readonly message?: string;
  /** The signal that killed the main process. */
  readonly signal?: SignalName;
  /** `docker.io/library/busybox:1.28` (status `image`). */
  readonly image: string;
  /** `docker.io/library/busybox@sha256:…` (status `imageID`). */
  readonly imageID: string;
  readonly pid?: number;
}

/** Why exec or attach could not run. */
export interface SessionFailure {
  /** `ExecFailed`: the command could not start (exit 126); `NotRunning`: the container is not running. */
  readonly error: 'ExecFailed' | 'NotRunning' | 'NotFound';
  readonly message: string;
  /** The exit code kubectl reports for `ExecFailed` (126). */
  readonly exitCode?: number;
}

/** A running exec: the process and the client's end of its streams. */
export interface ExecSession {
  readonly process: Process;
  readonly io: ProcessIO;
}

/** The runc message for an executable that cannot be started (`unable to start container process: …`). */
export function runcExecError(name: string, errno: ExecErrno): string {
  switch (errno) {
    case 'ENOENT': return name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`;
    case 'ENOTDIR': return `exec: "${name}": stat ${name}: not a directory`;
    case 'EACCES': return `exec: "${name}": permission denied`;
    case 'ENOEXEC': return `exec ${name}: exec format error`;
    case 'EAGAIN': return `fork/exec ${name}: resource temporarily unavailable`;
  }
}

/** Everything a {@link SimContainer} is made of (the runtime assembles it). */
export interface ContainerParts {
  readonly id: string;
  readonly sandboxId: string;
  readonly spec: Container | EphemeralContainer;
  readonly attempt: number;
  readonly image: ResolvedImage;
  readonly root: DirNode;
  readonly host: ProcessHost;
  readonly ns: PidNamespace;
  readonly argv: readonly string[];
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly uid: number;
  readonly gid: number;
  /** Called (synchronously) when the main process ends or fails to start. */
  readonly onExit: (c: SimContainer) => void;
}

/**
 * One container: its file system, log, standard streams (a terminal with `tty: true`, an open pipe
 * with `stdin: true`) and main process. Exec'd processes join its PID namespace; when the main
 * process ends, the container's other processes are killed.
 */
export class SimContainer {
  state: ContainerState = 'created';
  readonly createdAt: number;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  exitCode: number | undefined;
  reason: string | undefined;
  message: string | undefined;
  signal: SignalName | undefined;
  main: Process | undefined;
  readonly log = new ContainerLog();
  readonly tty: Tty | undefined;
  private readonly stdinPipe: Pipe | undefined;
  private readonly attached = new Set<(data: string, stream: OutputStreamName) => void>();
  private killTimer: Timer | undefined;
  private stdinClaimed = false;

  constructor(readonly parts: ContainerParts) {
    this.createdAt = parts.host.clock.now();
    if (parts.spec.tty) {
      this.tty = new Tty();
      this.tty.onOutput((d) => this.output(d, 'stdout'));
    } else if (parts.spec.stdin) this.stdinPipe = new Pipe();
  }

  get id(): string {
    return this.parts.id;
  }

  get name(): string {
    return this.parts.spec.name;
  }

  /** The status the runtime reports. */
  status(): RuntimeContainerStatus {
    return {
      id: this.id, containerID: `containerd://${this.id}`, name: this.name, sandboxId: this.parts.sandboxId, attempt: this.parts.attempt,
      state: this.state, createdAt: this.createdAt, startedAt: this.startedAt, finishedAt: this.finishedAt, exitCode: this.exitCode,
      reason: this.reason, message: this.message, signal: this.signal, image: this.parts.image.ref.normalized, imageID: this.parts.image.imageID,
      pid: this.main?.alive ? this.main.pid : undefined,
    };
  }

  /** A file as the container sees it (the kubelet reads `terminationMessagePath` this way). */
  readFile(path: string): string | undefined {
    const r = new Vfs(this.parts.root, { pid: undefined }).readFile(path);
    return typeof r === 'string' ? r : undefined;
  }

  private output(data: string, stream: OutputStreamName): void {
    this.log.append(this.parts.host.clock.now(), stream, data);
    for (const l of [...this.attached]) l(data, stream);
  }

  private streams(): { stdin: InputStream; stdout: OutputStream; stderr: OutputStream } {
    if (this.tty) return { stdin: this.tty, stdout: this.tty.output, stderr: this.tty.output };
    return {
      stdin: this.stdinPipe ?? NULL_INPUT,
      stdout: { isTty: false, write: (d) => this.output(d, 'stdout') },
      stderr: { isTty: false, write: (d) => this.output(d, 'stderr') },
    };
  }

  /**
   * Starts the main process. A command that cannot be executed ends the container at once with
   * exit code 128, reason `StartError` and runc's message, as containerd does.
   */
  start(): { ok: true } | { ok: false; message: string } {
    if (this.state !== 'created') return { ok: false, message: `container ${this.id} is not in created state` };
    const p = this.parts;
    const vfs = new Vfs(p.root, { pid: undefined });
    const name = p.argv[0] ?? '';
    let program: Program;
    let argv = [...p.argv];
    const exe = findExecutable(vfs, name, p.env.get('PATH'), p.cwd);
    const prog = 'errno' in exe ? exe : programFor(vfs, exe, argv);
    if ('errno' in prog) {
      if (!p.image.fallbackProgram || prog.errno === 'EACCES') return this.startError(runcExecError(name, prog.errno));
      program = p.image.fallbackProgram;
    } else {
      program = prog.program;
      argv = prog.argv;
    }
    const main = new Process({ argv, env: p.env, cwd: p.cwd, uid: p.uid, gid: p.gid, ...this.streams(), host: p.host, ns: p.ns });
    this.main = main;
    this.state = 'running';
    this.startedAt = p.host.clock.now();
    if (this.tty) {
      this.tty.leader = main;
      this.tty.foreground = [main];
    }
    main.onExit((st) => this.exited(st));
    main.start(program);
    return { ok: true };
  }

  private startError(detail: string): { ok: false; message: string } {
    const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${detail}: unknown`;
    this.state = 'exited';
    this.exitCode = 128;
    this.reason = 'StartError';
    this.message = message;
    this.startedAt = 0;
    this.finishedAt = this.parts.host.clock.now();
    this.parts.onExit(this);
    return { ok: false, message };
  }

  private exited(st: ExitStatus): void {
    this.state = 'exited';
    this.exitCode = st.code;
    this.signal = st.signal;
    this.reason = st.code === 0 ? 'Completed' : 'Error';
    this.finishedAt = this.parts.host.clock.now();
    this.killTimer?.cancel();
    // the container's cgroup goes away with its init: nothing it started survives
    for (const other of this.parts.ns.list()) if (other.host === this.parts.host) other.signal('KILL', true);
    this.stdinPipe?.close();
    this.parts.onExit(this);
  }

  /** Sends `sig` to the main process from outside (the runtime); false when not running. */
  kill(sig: SignalName): boolean {
    return this.main?.signal(sig, true) ?? false;
  }

  /**
   * Stops the container as the CRI `StopContainer` does: the image's STOPSIGNAL (TERM by default),
   * then KILL when `graceMs` has passed.
   */
  stop(graceMs: number): void {
    if (this.state !== 'running' || !this.main) return;
    this.kill(this.parts.image.config.stopSignal ?? 'TERM');
    if (this.state !== 'running') return;
    this.killTimer?.cancel();
    this.killTimer = this.parts.host.clock.setTimer(Math.max(0, graceMs), () => this.kill('KILL'));
  }

  /** Runs a command in the container (`kubectl exec`). */
  exec(command: readonly string[], opts: { stdin?: boolean; tty?: boolean } = {}): ExecSession | SessionFailure {
    if (this.state !== 'running') return { error: 'NotRunning', message: `container ${this.id} is not running` };
    const p = this.parts;
    const vfs = new Vfs(p.root, { pid: undefined });
    const name = command[0] ?? '';
    const exe = findExecutable(vfs, name, p.env.get('PATH'), p.cwd);
    const prog = 'errno' in exe ? exe : programFor(vfs, exe, command);
    if ('errno' in prog) {
      return { error: 'ExecFailed', message: `OCI runtime exec failed: exec failed: unable to start container process: ${runcExecError(name, prog.errno)}: unknown`, exitCode: 126 };
    }
    const tty = opts.tty ? new Tty() : undefined;
    const pipe = opts.stdin && !tty ? new Pipe() : undefined;
    let proc: Process | undefined;
    const session: StreamSession = new StreamSession({
      tty: tty !== undefined,
      write: (d) => (tty ? tty.input(d) : pipe?.write(d)),
      closeStdin: () => (tty ? tty.hangup() : pipe?.close()),
      resize: (w, h) => tty?.resize(w, h),
      onExit: (fn) => proc?.onExit(fn) ?? (() => undefined),
      detach: () => (tty ? tty.hangup() : pipe?.close()),
    });
    tty?.onOutput((d) => session.emit(d, 'stdout'));
    const env = new Map(p.env);
    if (tty && !env.has('TERM')) env.set('TERM', 'xterm');
    proc = new Process({
      argv: prog.argv, env, cwd: p.cwd, uid: p.uid, gid: p.gid, host: p.host, ns: p.ns,
      stdin: tty ?? pipe ?? NULL_INPUT,
      stdout: tty?.output ?? { isTty: false, write: (d) => session.emit(d, 'stdout') },
      stderr: tty?.output ?? { isTty: false, write: (d) => session.emit(d, 'stderr') },
    });
    if (tty) {
      tty.leader = proc;
      tty.foreground = [proc];
    }
    proc.start(prog.program);
    return { process: proc, io: session };
  }

  /** Attaches to the main process's streams (`kubectl attach`, `kubectl debug -it`). */
  attach(opts: { stdin?: boolean } = {}): ProcessIO | SessionFailure {
    if (this.state !== 'running' || !this.main) return { error: 'NotRunning', message: `container ${this.id} is not running` };
    const main = this.main;
    const withStdin = opts.stdin === true && this.parts.spec.stdin === true;
    const firstStdin = withStdin && !this.stdinClaimed;
    if (withStdin) this.stdinClaimed = true;
    const listener = (d: string, s: OutputStreamName): void => session.emit(d, s);
    const endStdin = (): void => {
      if (this.tty) this.tty.hangup();
      else this.stdinPipe?.close();
    };
    const session: StreamSession = new StreamSession({
      tty: this.tty !== undefined,
      write: (d) => {
        if (!withStdin) return;
        if (this.tty) this.tty.input(d);
        else this.stdinPipe?.write(d);
      },
      closeStdin: () => {
        if (withStdin && this.parts.spec.stdinOnce) endStdin();
      },
      resize: (w, h) => this.tty?.resize(w, h),
      onExit: (fn) => main.onExit(fn),
      detach: () => {
        this.attached.delete(listener);
        // stdinOnce: "stdin will be closed after the first attach session disconnects"
        if (firstStdin && this.parts.spec.stdinOnce) endStdin();
      },
    });
    this.attached.add(listener);
    return session;
  }
}
