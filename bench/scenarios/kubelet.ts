/**
 * kubelet10kRunningMs: a cluster with 100 nodes (a kubelet each) and the default scheduler; 10,000
 * pods are created through the door, then the virtual clock runs until every pod is Running. The wall
 * time of that run (scheduling, binding, image pulls, container starts and status writes, all
 * simulated) is the figure; the create time is reported beside it. A run that exceeds its wall-clock
 * limit is stopped (between virtual-time steps here, or by killing its process, see child.ts) and
 * reported with how far it got.
 */
import { performance } from 'node:perf_hooks';
import type { Pod } from '../../lib/api/types.js';
import { createCluster } from '../../lib/cluster.js';
import type { BenchConfig } from '../config.js';
import { smallPod } from '../pod-fixtures.js';

/** What one kubelet run found (also its progress while it runs). */
export interface KubeletResult {
  pods: number;
  nodes: number;
  /** Wall ms of createCluster with the nodes (every node registered). */
  clusterMs: number;
  /** Wall ms of the creates (NaN until they are done). */
  createMs: number;
  /** Wall ms from the last create to every pod Running, or to where the run stopped. */
  runningMs: number;
  /** Virtual ms that passed. */
  virtualMs: number;
  /** Pods bound to a node and pods Running when the run stopped (or reported progress). */
  bound: number;
  running: number;
  completed: boolean;
  peakRssMiB: number;
}

/** Progress callback: called with the figures so far at milestones. */
export type KubeletProgress = (p: KubeletResult) => void;

/** Runs `pods` pods on `nodes` nodes to Running (see the file comment); `limitMs` bounds the wall time. */
export function runKubeletOnce(pods: number, nodes: number, limitMs: number, progress: KubeletProgress = () => {}): KubeletResult {
  const start = performance.now();
  const deadline = start + limitMs;
  const cluster = createCluster({ nodes });
  const r: KubeletResult = {
    pods, nodes, clusterMs: performance.now() - start, createMs: Number.NaN, runningMs: 0, virtualMs: 0, bound: 0, running: 0, completed: false, peakRssMiB: process.memoryUsage.rss() / (1 << 20),
  };
  let createdAt = Number.NaN;
  const step = Math.max(1, Math.floor(pods / 20));
  const report = (): void => {
    r.peakRssMiB = Math.max(r.peakRssMiB, process.memoryUsage.rss() / (1 << 20));
    if (!Number.isNaN(createdAt)) r.runningMs = performance.now() - createdAt;
    progress({ ...r });
  };
  // Count bound and Running pods from a watch rather than by listing, so the condition costs nothing.
  const seen = new Map<string, { bound: boolean; running: boolean }>();
  cluster.pods('').watch().onEvent((e) => {
    const pod = e.object as Pod;
    const key = pod.metadata?.name ?? '';
    const was = seen.get(key) ?? { bound: false, running: false };
    const now = e.type === 'DELETED' ? { bound: false, running: false } : { bound: Boolean(pod.spec?.nodeName), running: pod.status?.phase === 'Running' };
    seen.set(key, now);
    r.bound += Number(now.bound) - Number(was.bound);
    r.running += Number(now.running) - Number(was.running);
    if ((now.bound && !was.bound && r.bound % step === 0) || (now.running && !was.running && r.running % step === 0)) report();
  });
  const client = cluster.pods('default');
  const t1 = performance.now();
  for (let i = 0; i < pods; i++) client.create(smallPod(i));
  createdAt = performance.now();
  r.createMs = createdAt - t1;
  report();
  const v0 = cluster.clock.now();
  cluster.runUntil(() => r.running >= pods || performance.now() > deadline, 3_600_000);
  r.runningMs = performance.now() - createdAt;
  r.virtualMs = cluster.clock.now() - v0;
  r.completed = r.running >= pods;
  report();
  cluster.close();
  return r;
}

/** What the kubelet scenario found: one result per configured run (pods, nodes). */
export interface KubeletRuns {
  runs: KubeletResult[];
}

/** Runs every configured kubelet run in this process. */
export function runKubelet(cfg: BenchConfig, progress?: KubeletProgress): Promise<KubeletRuns> {
  const runs = cfg.kubeletRuns.map((k) => runKubeletOnce(k.pods, k.nodes, cfg.kubeletLimitMs, progress));
  return Promise.resolve({ runs });
}
