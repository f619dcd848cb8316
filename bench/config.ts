/** The sizes and time budgets of a benchmark run, by mode. */

/** How much to run: `full` (the default), `quick` (under two minutes on 2 cores), `tiny` (tests). */
export type BenchMode = 'full' | 'quick' | 'tiny';

/** Everything a scenario needs to know about the run. */
export interface BenchConfig {
  mode: BenchMode;
  /** Measuring and warm-up time of each rate, ms. */
  rateMs: number;
  warmupMs: number;
  /** Pod counts of the scale run; the first and last give `createAt100kVs1k`. */
  scaleSizes: readonly number[];
  /** Pods created through the door and given status, to check that seeded pods weigh what real ones do. */
  memoryCheckPods: number;
  /** The kubelet run: pods, nodes, and the wall-clock limit after which it is reported unfinished. */
  kubeletPods: number;
  kubeletNodes: number;
  kubeletLimitMs: number;
  /** HTTP load: connections, measured and warm-up time per target, rounds (targets alternate). */
  httpConcurrency: number;
  httpMs: number;
  httpWarmupMs: number;
  httpRounds: number;
  /** Pods in the list-with-selector bench, watchers of the fan-out bench, pods in the Table bench. */
  listPods: number;
  watchers: readonly number[];
  tablePods: number;
  /** Node counts for createCluster's growth with nodes. */
  nodeCounts: readonly number[];
  /** Run child-process and worker-thread parts in this process (tests). */
  inProcess: boolean;
}

const FULL: BenchConfig = {
  mode: 'full',
  rateMs: 3000,
  warmupMs: 500,
  scaleSizes: [1_000, 10_000, 100_000],
  memoryCheckPods: 5_000,
  kubeletPods: 10_000,
  kubeletNodes: 100,
  kubeletLimitMs: 600_000,
  httpConcurrency: 8,
  httpMs: 5000,
  httpWarmupMs: 1000,
  httpRounds: 2,
  listPods: 10_000,
  watchers: [1, 10, 100],
  tablePods: 1_000,
  nodeCounts: [1, 10, 100],
  inProcess: false,
};

const QUICK: BenchConfig = {
  ...FULL,
  mode: 'quick',
  rateMs: 1200,
  warmupMs: 300,
  memoryCheckPods: 1_000,
  kubeletLimitMs: 30_000,
  httpMs: 2000,
  httpWarmupMs: 500,
  httpRounds: 1,
};

const TINY: BenchConfig = {
  ...FULL,
  mode: 'tiny',
  rateMs: 30,
  warmupMs: 10,
  scaleSizes: [20, 60],
  memoryCheckPods: 10,
  kubeletPods: 4,
  kubeletNodes: 2,
  kubeletLimitMs: 20_000,
  httpConcurrency: 2,
  httpMs: 100,
  httpWarmupMs: 20,
  httpRounds: 1,
  listPods: 50,
  watchers: [1, 3],
  tablePods: 10,
  nodeCounts: [1, 2],
  inProcess: true,
};

/** The configuration of a mode. */
export function configFor(mode: BenchMode): BenchConfig {
  return mode === 'quick' ? QUICK : mode === 'tiny' ? TINY : FULL;
}
