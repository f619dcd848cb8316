/**
 * The kubelet's goroutines on the virtual clock. A Go kubelet blocks a pod worker while it pulls an
 * image or waits out a grace period; here such work is a generator that yields {@link Wait}s (the same
 * shape simulated processes use) and is resumed synchronously from clock timers and process exits, so one
 * `VirtualClock.advance` runs every step that falls inside it and nothing waits for a promise.
 */
import type { Clock } from '../clock/clock.js';
import type { Wait } from '../runtime/program.js';

export type { Wait };

/** A unit of kubelet work that may wait. Its return value is passed to whoever waits for it. */
export type Task<T = void> = Generator<Wait<unknown>, T, unknown>;

/** A running task: `cancel()` stops it at its current wait (its `finally` blocks run). */
export interface RunningTask {
  readonly done: boolean;
  cancel(): void;
}

/**
 * Runs `task` until its first wait, then on as its waits end. `onDone` gets the return value, or the
 * error the task threw (a bug in a step must not stop the kubelet).
 */
export function runTask<T>(task: Task<T>, onDone: (result: { value: T } | { error: unknown }) => void): RunningTask {
  let cancelWait: (() => void) | undefined;
  let finished = false;
  const step = (input: unknown): void => {
    for (;;) {
      let r: IteratorResult<Wait<unknown>, T>;
      try {
        r = task.next(input);
      } catch (error) {
        finished = true;
        onDone({ error });
        return;
      }
      if (r.done) {
        finished = true;
        onDone({ value: r.value });
        return;
      }
      let sync: { v: unknown } | undefined;
      let starting = true;
      let over = false;
      const cancel = r.value.start((v) => {
        if (over) return;
        over = true;
        if (starting) sync = { v };
        else {
          cancelWait = undefined;
          step(v);
        }
      });
      starting = false;
      if (sync) {
        input = sync.v;
        continue;
      }
      cancelWait = () => {
        over = true;
        cancel();
      };
      return;
    }
  };
  step(undefined);
  return {
    get done() {
      return finished;
    },
    cancel() {
      if (finished) return;
      finished = true;
      cancelWait?.();
      cancelWait = undefined;
      try {
        task.return(undefined as T);
      } catch {
        // cleanup of a cancelled task failing changes nothing
      }
    },
  };
}

/** A wait of `ms` virtual milliseconds. */
export function sleep(clock: Clock, ms: number): Wait<void> {
  return {
    start: (resume) => {
      const t = clock.setTimer(Math.max(0, ms), () => resume(undefined));
      return () => t.cancel();
    },
  };
}

/** A wait that ends with the first of `waits` (the others are cancelled); the value says which one. */
export function race<T>(waits: readonly Wait<T>[]): Wait<{ index: number; value: T }> {
  return {
    start: (resume) => {
      const cancels: (() => void)[] = [];
      let over = false;
      waits.forEach((w, index) => {
        if (over) return;
        const c = w.start((value) => {
          if (over) return;
          over = true;
          for (const other of cancels) other();
          resume({ index, value });
        });
        cancels.push(c);
      });
      return () => {
        over = true;
        for (const c of cancels) c();
      };
    },
  };
}

/** Runs `tasks` side by side and ends when all have (their errors are swallowed, as killContainer's are logged). */
export function all(tasks: readonly Task<unknown>[]): Wait<void> {
  return {
    start: (resume) => {
      let left = tasks.length;
      const running: RunningTask[] = [];
      let started = false;
      let ended = false;
      const oneDone = (): void => {
        left--;
        if (left === 0 && started && !ended) {
          ended = true;
          resume(undefined);
        }
      };
      for (const t of tasks) running.push(runTask(t, oneDone));
      started = true;
      if (left === 0 && !ended) {
        ended = true;
        resume(undefined);
      }
      return () => {
        ended = true;
        for (const r of running) r.cancel();
      };
    },
  };
}

/** Waits for `w` inside a task and returns its value. */
export function* waitFor<T>(w: Wait<T>): Task<T> {
  return (yield w as Wait<unknown>) as T;
}
