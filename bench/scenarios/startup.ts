/**
 * createClusterMs: `createCluster()` with its default single node until that node reports Ready
 * (the kubelet registers the Node with its status as part of start-up; a cluster whose node is not
 * Ready yet is run on the virtual clock until it is). Also how the time grows with the node count.
 */
import { performance } from 'node:perf_hooks';
import type { Node } from '../../lib/api/types.js';
import { createCluster, type Cluster } from '../../lib/cluster.js';
import type { BenchConfig } from '../config.js';
import { median } from '../measure.js';

/** What the start-up scenario found. */
export interface StartupResult {
  /** The first createCluster() of the process (cold code), and the median of the next ones. */
  firstMs: number;
  medianMs: number;
  /** Median ms of createCluster({nodes: n}) until every node is Ready, by n. */
  byNodes: { nodes: number; ms: number }[];
}

const isReady = (n: Node): boolean => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Creates a cluster with `nodes` nodes and waits (virtual time) for all to be Ready; returns wall ms. */
function timeReadyCluster(nodes: number | undefined): number {
  const t0 = performance.now();
  const cluster: Cluster = createCluster(nodes === undefined ? {} : { nodes });
  const want = nodes ?? 1;
  const allReady = (): boolean => {
    const items = cluster.nodes.list().items;
    return items.length === want && items.every(isReady);
  };
  if (!allReady() && !cluster.runUntil(allReady, 600_000)) throw new Error(`nodes did not become Ready`);
  const ms = performance.now() - t0;
  cluster.close();
  return ms;
}

/** Runs the start-up scenario. */
export function runStartup(cfg: BenchConfig): StartupResult {
  const firstMs = timeReadyCluster(undefined);
  const rest: number[] = [];
  for (let i = 0; i < 15; i++) rest.push(timeReadyCluster(undefined));
  const byNodes = cfg.nodeCounts.map((n) => {
    const runs = [timeReadyCluster(n), timeReadyCluster(n), timeReadyCluster(n)];
    return { nodes: n, ms: median(runs) };
  });
  return { firstMs, medianMs: median(rest), byNodes };
}
