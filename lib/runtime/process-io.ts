import type { ExitStatus } from './program.js';

/** Which stream output came on; with a TTY everything is `stdout` (channel 1 of `v5.channel.k8s.io`). */
export type OutputStreamName = 'stdout' | 'stderr';

/**
 * The client end of an exec or attach session, shaped after the `v5.channel.k8s.io` channels:
 * `write` is channel 0, output is channels 1/2, `resize` is channel 4, `closeStdin` is the
 * `[255, 0]` close signal, and `onExit` gives what channel 3's Status reports.
 */
export interface ProcessIO {
  /** Whether the session has a terminal (then stderr is merged into stdout). */
  readonly tty: boolean;
  /** Sends keystrokes or bytes to the process's stdin (ignored when the session has no stdin). */
  write(data: string): void;
  /** Ends stdin: EOF for a pipe, a hang-up for an exec terminal. */
  closeStdin(): void;
  /** Listens to output; what came before the first listener is delivered to it at once. */
  onOutput(fn: (data: string, stream: OutputStreamName) => void): () => void;
  /** Terminal size from the client (`{"Width":200,"Height":50}` on channel 4). */
  resize(size: { width: number; height: number }): void;
  /** Calls `fn` when the session's process exits (at once if it already has). */
  onExit(fn: (status: ExitStatus) => void): () => void;
  /** The client went away: stop delivering output (and, for an exec terminal, hang up). */
  close(): void;
}

/** Hooks a {@link StreamSession} uses to reach the process side. */
export interface SessionBackend {
  readonly tty: boolean;
  write(data: string): void;
  closeStdin(): void;
  resize(width: number, height: number): void;
  onExit(fn: (status: ExitStatus) => void): () => void;
  /** Called once when the client closes the session. */
  detach(): void;
}

/**
 * A {@link ProcessIO} over a backend: buffers output until the first listener (an exec'd command
 * may finish before the caller subscribes) and stops everything after `close`.
 */
export class StreamSession implements ProcessIO {
  private readonly pending: Array<[string, OutputStreamName]> = [];
  private readonly listeners = new Set<(data: string, stream: OutputStreamName) => void>();
  private closed = false;
  private subscribed = false;

  constructor(private readonly backend: SessionBackend) {}

  get tty(): boolean {
    return this.backend.tty;
  }

  /** Output from the process side. */
  emit(data: string, stream: OutputStreamName): void {
    if (this.closed || data === '') return;
    if (!this.subscribed) {
      this.pending.push([data, stream]);
      return;
    }
    for (const l of [...this.listeners]) l(data, stream);
  }

  write(data: string): void {
    if (!this.closed) this.backend.write(data);
  }

  closeStdin(): void {
    if (!this.closed) this.backend.closeStdin();
  }

  onOutput(fn: (data: string, stream: OutputStreamName) => void): () => void {
    this.listeners.add(fn);
    if (!this.subscribed) {
      this.subscribed = true;
      for (const [d, s] of this.pending.splice(0)) fn(d, s);
    }
    return () => this.listeners.delete(fn);
  }

  resize(size: { width: number; height: number }): void {
    if (!this.closed) this.backend.resize(size.width, size.height);
  }

  onExit(fn: (status: ExitStatus) => void): () => void {
    return this.backend.onExit(fn);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.pending.length = 0;
    this.backend.detach();
  }
}
