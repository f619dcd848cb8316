/**
 * The library door to `kubectl exec`, `kubectl attach` and `kubectl logs`: the same checks as the HTTP
 * door (pod, container, node — the apiserver's Status errors), then a scripted session on the cluster's
 * virtual clock — type lines, wait for output, read the exit code — with no sockets involved.
 *
 * @example
 * const streams = new PodStreams(cluster.pods('default'), containerStreams, cluster.virtualClock);
 * const sh = streams.attach('web', { container: 'debugger', stdin: true, tty: true });
 * sh.type('ps ax');
 * sh.waitFor('/ # ');           // runs the clock until the prompt is back
 * sh.type('exit');
 * sh.wait();                     // 0
 */
import type { Pod } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { newInternalError } from '../errors/constructors.js';
import {
  isStreamFailure, logLocation, streamLocation, validatePodLogOptions, type ContainerStreamOpen, type ContainerStreams,
  type ContainerStreamSession, type PodLogOptions,
} from '../registry/pod/stream-location.js';

/** What an exec or attach asks for (`kubectl exec -i -t -c C`). */
export interface StreamRequest {
  /** The container; the pod's only container when absent. */
  container?: string;
  /** Connect stdin (`-i`). */
  stdin?: boolean;
  /** Ask for a terminal (`-t`); attach uses the container's own `tty` setting whatever is asked. */
  tty?: boolean;
}

/** How long (virtual ms) a wait may run the clock before it gives up; default one hour. */
export interface WaitLimit {
  limitMs?: number;
}

/** Exec, attach and logs for the pods of one namespace. */
export class PodStreams {
  constructor(
    private readonly pods: { get(name: string): Pod },
    private readonly streams: ContainerStreams & { connectionInfo?(pod: Pod): unknown },
    private readonly clock: Clock,
  ) {}

  /** `kubectl exec POD -- COMMAND…`; throws the apiserver's Status for a missing pod, container or node. */
  exec(podName: string, command: readonly string[], req: StreamRequest = {}): ScriptedSession {
    const { pod, container } = this.locate(podName, req.container ?? '');
    return this.session(this.streams.exec(pod, container, command, { stdin: req.stdin === true, tty: req.tty === true }), req.tty === true);
  }

  /** `kubectl attach POD -c C`: the container's first process (stdin only when the container keeps it open). */
  attach(podName: string, req: StreamRequest = {}): ScriptedSession {
    const { pod, container } = this.locate(podName, req.container ?? '');
    return this.session(this.streams.attach(pod, container, { stdin: req.stdin === true, tty: req.tty === true }), false);
  }

  /** `kubectl logs POD -c C`; the kubelet's 400s (waiting container, no previous instance) are thrown. */
  logs(podName: string, opts: Partial<PodLogOptions> = {}): string {
    const o: PodLogOptions = { container: '', follow: false, previous: false, timestamps: false, ...opts };
    validatePodLogOptions(podName, o);
    const pod = this.pods.get(podName);
    const { container, nodeName } = logLocation(pod, o.container);
    if (nodeName === '') return '';
    this.streams.connectionInfo?.(pod);
    const { container: _c, follow: _f, ...kubelet } = o;
    return this.streams.logs(pod, container, kubelet);
  }

  private locate(podName: string, container: string): { pod: Pod; container: string } {
    const pod = this.pods.get(podName);
    const loc = streamLocation(pod, container);
    this.streams.connectionInfo?.(pod);
    return { pod, container: loc.container };
  }

  private session(opened: ContainerStreamOpen, ttyAsked: boolean): ScriptedSession {
    if (!isStreamFailure(opened)) return new ScriptedSession(opened, this.clock);
    if (opened.failure === 'unavailable') throw newInternalError(`unable to upgrade connection: ${opened.message}`);
    return ScriptedSession.failedStart(`${opened.message}${ttyAsked ? '\r\n' : '\n'}`, opened.exitCode ?? 126, this.clock);
  }
}

/**
 * One exec or attach session driven by a script: what it writes is collected (`output`, `stdout`,
 * `stderr`), waits run the virtual clock until the output or the exit shows up.
 */
export class ScriptedSession {
  stdout = '';
  stderr = '';
  /** Everything shown, in order (stdout and stderr interleaved). */
  output = '';
  /** The exit code once the process has ended. */
  exitCode: number | undefined;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly io: ContainerStreamSession | undefined, private readonly clock: Clock) {
    if (!io) return;
    this.offs.push(io.onOutput((data, stream) => {
      this.output += data;
      if (stream === 'stdout') this.stdout += data;
      else this.stderr += data;
    }));
    this.offs.push(io.onExit((s) => {
      this.exitCode = s.code;
    }));
  }

  /** A session whose command never started: the runtime's message and its exit code. */
  static failedStart(message: string, exitCode: number, clock: Clock): ScriptedSession {
    const s = new ScriptedSession(undefined, clock);
    s.stdout = message;
    s.output = message;
    s.exitCode = exitCode;
    return s;
  }

  /** Whether the session has a terminal (stderr then arrives merged into stdout). */
  get tty(): boolean {
    return this.io?.tty ?? false;
  }

  /** Whether the process has ended. */
  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /** Sends bytes to stdin as they are (`\r` is Enter on a terminal). */
  write(data: string): this {
    this.io?.write(data);
    return this;
  }

  /** Types a line and Enter (`\r` on a terminal, `\n` on a pipe). */
  type(line: string): this {
    return this.write(`${line}${this.tty ? '\r' : '\n'}`);
  }

  /** The v5 close signal: end of stdin. */
  closeStdin(): this {
    this.io?.closeStdin();
    return this;
  }

  /** A terminal size from the client. */
  resize(width: number, height: number): this {
    this.io?.resize({ width, height });
    return this;
  }

  /**
   * Runs the clock until the output after `from` (default: everything) shows `pattern`; returns the
   * output from `from` to the end of the match. Throws with the output so far if it does not show up.
   */
  waitFor(pattern: string | RegExp, opts: WaitLimit & { from?: number } = {}): string {
    const from = opts.from ?? 0;
    const find = (): number => {
      const rest = this.output.slice(from);
      if (typeof pattern === 'string') {
        const i = rest.indexOf(pattern);
        return i < 0 ? -1 : i + pattern.length;
      }
      const m = pattern.exec(rest);
      return m ? m.index + m[0].length : -1;
    };
    this.runUntil(() => find() >= 0, opts.limitMs, `output ${String(pattern)}`);
    return this.output.slice(from, from + find());
  }

  /**
   * Types `line` and waits for the shell's next `prompt`; returns what the command printed (the echo of
   * the line and the prompt left out).
   */
  run(line: string, prompt = '/ # ', opts: WaitLimit = {}): string {
    const mark = this.output.length;
    this.type(line);
    const shown = this.waitFor(prompt, { ...opts, from: mark });
    const body = shown.slice(0, shown.length - prompt.length);
    const echo = `${line}${this.tty ? '\r\n' : ''}`;
    return body.startsWith(echo) ? body.slice(echo.length) : body;
  }

  /** Runs the clock until the process exits; its exit code. */
  wait(opts: WaitLimit = {}): number {
    this.runUntil(() => this.exited, opts.limitMs, 'the process to exit');
    return this.exitCode!;
  }

  /** Ends the session as a client going away (an exec terminal hangs up, an attach detaches). */
  close(): void {
    for (const off of this.offs.splice(0)) off();
    this.io?.close();
  }

  private runUntil(cond: () => boolean, limitMs = 3_600_000, what: string): void {
    if (cond()) return;
    if (!(this.clock instanceof VirtualClock)) throw new Error('scripted sessions wait on a VirtualClock; this cluster runs on real time');
    if (!this.clock.runUntil(cond, limitMs)) {
      throw new Error(`waited ${limitMs} ms of cluster time for ${what}; the session showed:\n${this.output}`);
    }
  }
}
