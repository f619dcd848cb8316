/** The sizes and time budgets of a benchmark run, by mode. */

/** How much to run: `full` (the default), `quick` (under two minutes on 2 cores), `tiny` (tests). */
export type BenchMode = 'full' | 'quick' | 'tiny';

/** Everything a scenario needs to know about the run. */
export interface BenchConfig {
  mode: BenchMode;
  /** Measuring and warm-up time of each rate per round, ms, and the rounds (see measure.ts). */
  rateMs: number;
  warmupMs: number;
  rateRounds: number;
  /** Pod counts of the scale run; the first and last give `createAt100kVs1k`. */
  scaleSizes: readonly number[];
  /** Pods created through the door and given status, to check that seeded pods weigh what real ones do. */
  memoryCheckPods: number;
  /** Creates that warm the create path before each size of the scale run is measured. */
  scaleWarmupCreates: number;
  /**
   * The kubelet runs (pods on nodes; the 10,000-on-100 one gives `kubelet10kRunningMs`) and the wall
   * clock limit of each, after which it is reported unfinished with how far it got.
   */
  kubeletRuns: readonly { pods: number; nodes: number }[];
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
  rateMs: 1500,
  warmupMs: 300,
  rateRounds: 3,
  scaleSizes: [1_000, 10_000, 100_000],
  memoryCheckPods: 10_000,
  scaleWarmupCreates: 5_000,
  kubeletRuns: [{ pods: 1_000, nodes: 10 }, { pods: 1_000, nodes: 100 }, { pods: 10_000, nodes: 100 }],
  kubeletLimitMs: 600_000,
  httpConcurrency: 8,
  httpMs: 4000,
  httpWarmupMs: 500,
  httpRounds: 3,
  listPods: 10_000,
  watchers: [1, 10, 100],
  tablePods: 1_000,
  nodeCounts: [1, 10, 100],
  inProcess: false,
};

const QUICK: BenchConfig = {
  ...FULL,
  mode: 'quick',
  rateMs: 500,
  warmupMs: 250,
  rateRounds: 3,
  memoryCheckPods: 1_000,
  scaleWarmupCreates: 1_000,
  kubeletRuns: [{ pods: 10_000, nodes: 100 }],
  kubeletLimitMs: 20_000,
  httpMs: 1500,
  httpWarmupMs: 300,
  httpRounds: 2,
};

const TINY: BenchConfig = {
  ...FULL,
  mode: 'tiny',
  rateMs: 30,
  warmupMs: 10,
  rateRounds: 1,
  scaleSizes: [20, 60],
  memoryCheckPods: 10,
  scaleWarmupCreates: 10,
  kubeletRuns: [{ pods: 4, nodes: 2 }],
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
