/**
 * A small HTTP load generator for loopback servers: `concurrency` keep-alive connections, each issuing
 * GETs back to back for a fixed time, counting only complete responses with the expected status and
 * body length. The same function drives every target of a run, in a worker thread so the client does
 * not share the server's event loop (in process for tests). It is a raw-socket client because
 * node:http's client costs more per request than a bare server does, so it would measure itself.
 */
import { connect, type Socket } from 'node:net';
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

/** One HTTP/1.1 response as the client sees it: status and body length, or an error. */
interface Response {
  status: number;
  bytes: number;
}

/**
 * One keep-alive connection that sends a GET, reads the whole response (Content-Length framed, as both
 * servers answer), and resolves; the next request goes out on the same socket. A raw socket, not
 * node:http's client, so the client costs a few microseconds per request and the servers are what is
 * measured.
 */
class Connection {
  private socket: Socket;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: Response) => void; reject: (e: Error) => void } | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      this.parse();
    });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static open(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => resolve(new Connection(s)));
      s.once('error', reject);
    });
  }

  request(raw: Buffer): Promise<Response> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(raw);
    });
  }

  close(): void {
    this.pending = undefined;
    this.socket.destroy();
  }

  private fail(e: Error): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(e);
  }

  private parse(): void {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!m) {
      this.fail(new Error(`response without Content-Length: ${head.split('\r\n')[0] ?? ''}`));
      return;
    }
    const length = Number(m[1]);
    const total = end + 4 + length;
    if (this.buf.length < total) return;
    this.buf = this.buf.subarray(total);
    const p = this.pending;
    this.pending = undefined;
    p.resolve({ status, bytes: length });
  }
}

/** Runs the load in this thread (see the file comment). */
export async function driveLoad(opts: LoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url);
  const headers = Object.entries({ host: target.host, ...(opts.headers ?? {}) }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const raw = Buffer.from(`GET ${opts.path} HTTP/1.1\r\n${headers}\r\n`, 'latin1');
  const conns = await Promise.all(Array.from({ length: opts.concurrency }, () => Connection.open(target.hostname, Number(target.port))));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const stopAt = measureFrom + opts.durationMs;
  const loop = async (c: Connection): Promise<void> => {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      try {
        const r = await c.request(raw);
        const t1 = performance.now();
        if (r.status !== opts.expectStatus || r.bytes !== opts.expectBytes) {
          errors++;
          firstError ??= `status ${r.status} with ${r.bytes} bytes (expected ${opts.expectStatus} with ${opts.expectBytes})`;
        } else if (t0 >= measureFrom && t1 <= stopAt) latencies.push(t1 - t0);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
        return;
      }
    }
  };
  await Promise.all(conns.map(loop));
  for (const c of conns) c.close();
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
