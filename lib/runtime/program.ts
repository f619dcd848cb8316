import type { Process } from './process.js';

/**
 * Programs are generator functions driven by the process that runs them: a program `yield`s a
 * {@link Wait} whenever it would block (sleep, read, wait for a child) and the process resumes it,
 * synchronously, when the wait ends — usually from a clock timer. Nothing ever sleeps for real, and
 * one `VirtualClock.advance` runs every step that falls inside it.
 */

/** Something a program waits for. */
export interface Wait<T = unknown> {
  /**
   * Starts waiting. `resume` is called once, later or right away; the returned function cancels the
   * wait (the process was killed or interrupted) and must stop `resume` from being called.
   */
  start(resume: (value: T) => void): () => void;
  /** A caught signal ends the wait early and the program sees {@link INTERRUPTED} (EINTR). */
  readonly interruptible?: boolean;
}

/** What an interruptible wait returns when a caught signal arrived (EINTR). */
export const INTERRUPTED: unique symbol = Symbol('EINTR');
export type Interrupted = typeof INTERRUPTED;

/** The generator a program returns: yields waits, returns the exit status (0–255). */
export type ProgramRun = Generator<Wait, number, unknown>;

/** A simulated executable: given the process it runs in, its behaviour. */
export type Program = (process: Process) => ProgramRun;

/** Waits for `w` and returns its value (for waits that are not interruptible). */
export function* waitFor<T>(w: Wait<T>): Generator<Wait, T, unknown> {
  return (yield w) as T;
}

/** Waits for `w`; returns {@link INTERRUPTED} when a caught signal cut it short. */
export function* waitInterruptible<T>(w: Wait<T>): Generator<Wait, T | Interrupted, unknown> {
  return (yield { start: (r: (v: T) => void) => w.start(r), interruptible: true }) as T | Interrupted;
}

/** A wait that never ends by itself (`sleep infinity`, `/pause`): only signals end the process. */
export const FOREVER: Wait<never> = { start: () => () => undefined };

/** The exit of a process: its status, and the signal that killed it, if any. */
export interface ExitStatus {
  /** 0–255; `128 + n` when killed by signal n, as shells and containerd report it. */
  readonly code: number;
  readonly signal?: import('./signals.js').SignalName;
}
