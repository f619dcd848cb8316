/**
 * A small HTTP load generator for loopback servers: `concurrency` keep-alive connections
 * (node:http Agent), each issuing GETs back to back for a fixed time, counting only complete responses
 * with the expected status and body length. The same function drives every target of a run, in a
 * worker thread so the client does not share the server's event loop (in process for tests).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** What to load and for how long. */
export interface LoadOptions {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Request path, e.g. `/api/v1/namespaces/default/pods/web-1`. */
  path: string;
  /** Open connections, each with one request in flight. */
  concurrency: number;
  /** Measured time, ms. */
  durationMs: number;
  /** Load before measuring (connections opened, JIT warm), ms. */
  warmupMs: number;
  /** A response counts only with this status and body length. */
  expectStatus: number;
  expectBytes: number;
  /** Headers sent with every request (an `Accept` like kubectl's, say). */
  headers?: Record<string, string>;
}

/** What a load run measured. */
export interface LoadResult {
  requests: number;
  perSec: number;
  /** Latency percentiles of the measured requests, ms. */
  p50Ms: number;
  p99Ms: number;
  /** Responses with another status or length, and transport errors (any makes the run invalid). */
  errors: number;
  firstError?: string;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs the load in this thread (see the file comment). */
export async function driveLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const target = new URL(opts.url);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const stopAt = measureFrom + opts.durationMs;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ agent, host: target.hostname, port: target.port, path: opts.path, method: 'GET', headers: opts.headers ?? {} }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
        });
        res.on('end', () => {
          const t1 = performance.now();
          if (res.statusCode !== opts.expectStatus || bytes !== opts.expectBytes) {
            errors++;
            firstError ??= `status ${res.statusCode ?? '?'} with ${bytes} bytes (expected ${opts.expectStatus} with ${opts.expectBytes})`;
          } else if (t0 >= measureFrom && t1 <= stopAt) latencies.push(t1 - t0);
          resolve();
        });
      });
      req.on('error', (e) => {
        errors++;
        firstError ??= e.message;
        resolve();
      });
      req.end();
    });
  const loop = async (): Promise<void> => {
    while (performance.now() < stopAt) await one();
  };
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    requests: latencies.length,
    perSec: latencies.length / (opts.durationMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
  };
  if (firstError !== undefined) result.firstError = firstError;
  return result;
}

/** Runs {@link driveLoad} in a worker thread (`inProcess` runs it here, for tests). */
export function runLoad(opts: LoadOptions, inProcess = false): Promise<LoadResult> {
  if (inProcess) return driveLoad(opts);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: opts });
    worker.once('message', (r: LoadResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}
