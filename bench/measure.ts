/**
 * Measuring helpers shared by the scenarios: a garbage collector that works with or without
 * `--expose-gc`, resident memory, wall-clock timing, and rates taken with tinybench so every
 * rate in a run is measured the same way.
 */
import { performance } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Bench } from 'tinybench';

type GcFn = () => void;

/**
 * The collector: `globalThis.gc` under `--expose-gc`, else the flag is switched on at run time and the
 * function taken from a fresh context (V8 only installs `gc` in contexts made after the flag is set).
 */
const gcFn: GcFn = ((): GcFn => {
  const existing = (globalThis as { gc?: GcFn }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as GcFn;
})();

/** Runs full garbage collections until the heap stops shrinking (at most `rounds`). */
export function collectGarbage(rounds = 4): void {
  let last = process.memoryUsage().heapUsed;
  for (let i = 0; i < rounds; i++) {
    gcFn();
    const now = process.memoryUsage().heapUsed;
    if (last - now < 1 << 20) break;
    last = now;
  }
}

/** Bytes as MiB. */
export const mib = (bytes: number): number => bytes / (1 << 20);

/** Resident set size and V8 heap in MiB after a full collection. */
export function memoryAfterGc(): { rssMiB: number; heapUsedMiB: number } {
  collectGarbage();
  const m = process.memoryUsage();
  return { rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed) };
}

/** Wall milliseconds of a synchronous call. */
export function timeSync(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Wall milliseconds of an asynchronous call. */
export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The median of a list of numbers (NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** What a rate measurement found. */
export interface Rate {
  /** Operations per second (batch size ÷ mean batch latency). */
  perSec: number;
  /** Mean milliseconds per operation. */
  msPerOp: number;
  /** Relative margin of error of the mean, percent. */
  rme: number;
  /** Operations run while measuring (warm-up excluded). */
  ops: number;
}

/** Options of {@link measureRates}. */
export interface RateOptions {
  /** Measuring time per task, ms. */
  timeMs: number;
  /** Warm-up time per task, ms. */
  warmupMs: number;
  /** Minimum number of batches. */
  minBatches?: number;
}

/** One task of {@link measureRates}: `run` performs `batch` operations each call. */
export interface RateTask {
  name: string;
  batch: number;
  run: () => void;
  /** Runs before the task's warm-up (fresh state), outside the measured time. */
  setup?: () => void;
}

/**
 * Measures each task with tinybench, one after another in the same process, each call timed around
 * `batch` operations so timer overhead stays negligible next to the operations measured.
 */
export async function measureRates(tasks: readonly RateTask[], opts: RateOptions): Promise<Record<string, Rate>> {
  const out: Record<string, Rate> = {};
  for (const t of tasks) {
    t.setup?.();
    collectGarbage();
    const bench = new Bench({ time: opts.timeMs, warmupTime: opts.warmupMs, iterations: opts.minBatches ?? 10, warmupIterations: 2, throws: true });
    bench.add(t.name, t.run);
    await bench.run();
    const r = bench.tasks[0]!.result;
    if (!('latency' in r)) throw new Error(`benchmark ${t.name} did not complete (${r.state})`);
    const msPerOp = r.latency.mean / t.batch;
    out[t.name] = { perSec: 1000 / msPerOp, msPerOp, rme: r.latency.rme, ops: r.latency.samplesCount * t.batch };
  }
  return out;
}
