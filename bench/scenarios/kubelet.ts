/**
 * kubelet10kRunningMs: a cluster with 100 nodes (a kubelet each) and the default scheduler; 10,000
 * pods are created through the door, then the virtual clock runs until every pod is Running. The wall
 * time of that run (scheduling, binding, image pulls, container starts and status writes, all
 * simulated) is the figure; the create time is reported beside it. A wall-clock limit, checked between
 * virtual-time steps, stops a run that would not finish.
 */
import { performance } from 'node:perf_hooks';
import type { Pod } from '../../lib/api/types.js';
import { createCluster } from '../../lib/cluster.js';
import type { BenchConfig } from '../config.js';
import { smallPod } from '../pod-fixtures.js';

/** What the kubelet scenario found. */
export interface KubeletResult {
  pods: number;
  nodes: number;
  /** Wall ms of createCluster with the nodes (every node registered). */
  clusterMs: number;
  /** Wall ms of the creates. */
  createMs: number;
  /** Wall ms from the last create to every pod Running, or to the limit. */
  runningMs: number;
  /** Virtual ms that passed. */
  virtualMs: number;
  /** Pods Running when the run stopped. */
  running: number;
  completed: boolean;
  peakRssMiB: number;
}

/** Runs the kubelet scenario in this process. */
export function runKubelet(cfg: BenchConfig): Promise<KubeletResult> {
  const t0 = performance.now();
  const cluster = createCluster({ nodes: cfg.kubeletNodes });
  const clusterMs = performance.now() - t0;
  // Count Running pods from a watch rather than by listing, so the condition costs nothing.
  const phases = new Map<string, string | undefined>();
  let running = 0;
  cluster.pods('').watch().onEvent((e) => {
    const pod = e.object as Pod;
    const key = pod.metadata?.name ?? '';
    const was = phases.get(key) === 'Running';
    const phase = e.type === 'DELETED' ? undefined : pod.status?.phase;
    phases.set(key, phase);
    running += (phase === 'Running' ? 1 : 0) - (was ? 1 : 0);
  });
  const pods = cluster.pods('default');
  const t1 = performance.now();
  for (let i = 0; i < cfg.kubeletPods; i++) pods.create(smallPod(i));
  const t2 = performance.now();
  const v0 = cluster.clock.now();
  const deadline = t2 + cfg.kubeletLimitMs;
  let peakRss = process.memoryUsage.rss();
  const completed = cluster.runUntil(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return running >= cfg.kubeletPods || performance.now() > deadline;
  }, 3_600_000) && running >= cfg.kubeletPods;
  const t3 = performance.now();
  const result: KubeletResult = {
    pods: cfg.kubeletPods,
    nodes: cfg.kubeletNodes,
    clusterMs,
    createMs: t2 - t1,
    runningMs: t3 - t2,
    virtualMs: cluster.clock.now() - v0,
    running,
    completed,
    peakRssMiB: peakRss / (1 << 20),
  };
  cluster.close();
  return Promise.resolve(result);
}
