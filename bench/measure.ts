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
  /** Operations per second (operations ÷ the time they took, over every round). */
  perSec: number;
  /** Mean milliseconds per operation. */
  msPerOp: number;
  /** Relative margin of error of the mean, percent (the largest of the rounds'). */
  rme: number;
  /** Operations run while measuring (warm-up excluded). */
  ops: number;
  /**
   * Operations per second of CPU time (the process's user + system time, garbage-collector threads
   * included, warm-up included). Unlike wall time it hardly moves when other work shares the machine,
   * so the ratios between rates of one run are taken from it.
   */
  perCpuSec: number;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Options of {@link measureRates}. */
export interface RateOptions {
  /** Measuring time per task per round, ms. */
  timeMs: number;
  /** Warm-up time per task per round, ms. */
  warmupMs: number;
  /** Minimum number of batches per round. */
  minBatches?: number;
  /**
   * Rounds (default 1). The tasks take turns round after round, so drift in the machine's load touches
   * each of them alike; a task's rate is its operations over its time, pooled over the rounds (so the
   * garbage collections a task causes count against it however they fall).
   */
  rounds?: number;
}

/** One task of {@link measureRates}: `run` performs `batch` operations each call. */
export interface RateTask {
  name: string;
  batch: number;
  run: () => void;
}

/**
 * Measures each task with tinybench in the same process, the tasks taking turns for `rounds` rounds;
 * each call is timed around `batch` operations so timer overhead stays negligible next to them.
 */
export async function measureRates(tasks: readonly RateTask[], opts: RateOptions): Promise<Record<string, Rate>> {
  const pooled: Record<string, { ms: number; ops: number; rme: number; cpuMs: number; cpuOps: number }> = {};
  for (let round = 0; round < (opts.rounds ?? 1); round++) {
    for (const t of tasks) {
      // No forced collection here: at a large heap it makes V8 judge its mutator utilisation poor and
      // schedule extra full collections into the window that follows; a rate should see the
      // collector as the task's own allocation drives it.
      let calls = 0;
      const bench = new Bench({ time: opts.timeMs, warmupTime: opts.warmupMs, iterations: opts.minBatches ?? 10, warmupIterations: 2, throws: true });
      bench.add(t.name, () => {
        calls++;
        t.run();
      });
      const c0 = cpuMs();
      await bench.run();
      const cpu = cpuMs() - c0;
      const r = bench.tasks[0]!.result;
      if (!('latency' in r)) throw new Error(`benchmark ${t.name} did not complete (${r.state})`);
      const p = (pooled[t.name] ??= { ms: 0, ops: 0, rme: 0, cpuMs: 0, cpuOps: 0 });
      p.ms += r.latency.mean * r.latency.samplesCount;
      p.ops += r.latency.samplesCount * t.batch;
      p.rme = Math.max(p.rme, r.latency.rme);
      p.cpuMs += cpu;
      p.cpuOps += calls * t.batch;
    }
  }
  const out: Record<string, Rate> = {};
  for (const [name, p] of Object.entries(pooled)) {
    out[name] = { perSec: (p.ops / p.ms) * 1000, msPerOp: p.ms / p.ops, rme: p.rme, ops: p.ops, perCpuSec: (p.cpuOps / p.cpuMs) * 1000 };
  }
  return out;
}
