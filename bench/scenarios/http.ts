/**
 * httpGetVsBareHttp: GETs of one pod per second through `serve()` against a bare node:http server
 * answering the same bytes with the same Content-Type, both driven by the same load generator in the
 * same run (rounds alternate the targets). serveReadyMs: `serve()` to the first successful
 * `GET /version`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createCluster, type Cluster } from '../../lib/cluster.js';
import { serve } from '../../lib/serve.js';
import type { BenchConfig } from '../config.js';
import { runLoad, type LoadOptions, type LoadResult } from '../http-load.js';
import { median } from '../measure.js';
import { inputPod } from '../pod-fixtures.js';

/** What the HTTP scenario found. */
export interface HttpResult {
  kubesim: LoadResult;
  bare: LoadResult;
  /** kubesim ÷ bare requests per second (best round of each). */
  ratio: number;
  responseBytes: number;
  /** serve() → first 200 from /version: the first in this process, and the median of the rest. */
  serveReadyFirstMs: number;
  serveReadyMedianMs: number;
}

/** kubectl's Accept for a single object (client-go asks for JSON when protobuf is not wanted). */
const ACCEPT = { accept: 'application/json', 'user-agent': 'kubesim-bench/1.0' };

/** A server that answers every request with `body`: the least any HTTP server can do. */
async function bareServer(body: Buffer, contentType: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closeServer = (s: Server): Promise<void> =>
  new Promise((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });

/** Wall ms from serve() to the first 200 answer to GET /version. */
async function serveReady(cluster: Cluster): Promise<number> {
  const t0 = performance.now();
  const served = await serve(cluster);
  for (;;) {
    const r = await fetch(`${served.url}/version`).catch(() => undefined);
    if (r?.ok) {
      await r.text();
      break;
    }
  }
  const ms = performance.now() - t0;
  await served.close();
  return ms;
}

/** Runs the HTTP scenario. */
export async function runHttp(cfg: BenchConfig): Promise<HttpResult> {
  const cluster = createCluster({ nodes: 0, scheduler: false });
  const ready: number[] = [];
  for (let i = 0; i < 6; i++) ready.push(await serveReady(cluster));

  const pod = cluster.pods('default').create(inputPod(1));
  const path = `/api/v1/namespaces/default/pods/${pod.metadata!.name!}`;
  const served = await serve(cluster);
  const first = await fetch(`${served.url}${path}`, { headers: ACCEPT });
  const body = Buffer.from(await first.arrayBuffer());
  if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}: ${body.toString()}`);
  const bare = await bareServer(body, first.headers.get('content-type') ?? 'application/json');

  const load = (url: string): Promise<LoadResult> => {
    const opts: LoadOptions = {
      url, path, concurrency: cfg.httpConcurrency, durationMs: cfg.httpMs, warmupMs: cfg.httpWarmupMs, expectStatus: 200, expectBytes: body.length, headers: ACCEPT,
    };
    return runLoad(opts, cfg.inProcess);
  };
  const best = (a: LoadResult | undefined, b: LoadResult): LoadResult => (a && a.perSec >= b.perSec ? a : b);
  let k: LoadResult | undefined;
  let b: LoadResult | undefined;
  for (let round = 0; round < cfg.httpRounds; round++) {
    // Alternate which target goes first, so drift in the machine's load does not favour one.
    if (round % 2 === 0) {
      k = best(k, await load(served.url));
      b = best(b, await load(bare.url));
    } else {
      b = best(b, await load(bare.url));
      k = best(k, await load(served.url));
    }
  }
  await served.close();
  await closeServer(bare.server);
  cluster.close();
  for (const [name, r] of [['kubesim', k!], ['bare', b!]] as const) {
    if (r.errors > 0) throw new Error(`${name}: ${r.errors} bad responses (${r.firstError ?? ''})`);
  }
  return {
    kubesim: k!,
    bare: b!,
    ratio: k!.perSec / b!.perSec,
    responseBytes: body.length,
    serveReadyFirstMs: ready[0]!,
    serveReadyMedianMs: median(ready.slice(1)),
  };
}
