/**
 * How cost grows with the number of stored pods: at each size the resident memory, the create rate
 * through the door (one watcher listening) and a list with a label selector. Pods are seeded (see
 * seed.ts); a first step checks that a seeded pod weighs what a pod written through the door weighs.
 * Each size runs in a child process of its own (see child.ts), after the same warm-up, so RSS is not
 * inflated by the other scenarios and the rates of the sizes are measured with the same compiled code.
 */
import { writable } from '../../lib/api/types.js';
import { createCluster, type Cluster } from '../../lib/cluster.js';
import type { BenchConfig } from '../config.js';
import { collectGarbage, measureRates, memoryAfterGc, timeSync } from '../measure.js';
import { inputPod, runningStatus } from '../pod-fixtures.js';
import { seedPods, seedTemplate } from '../seed.js';

/** One size of the scale run. */
export interface ScaleRow {
  /** Pods stored when measuring. */
  pods: number;
  /** Wall ms to seed them. */
  seedMs: number;
  rssMiB: number;
  heapUsedMiB: number;
  createPerSec: number;
  createRme: number;
  /** Creates per CPU second (see Rate.perCpuSec). */
  createPerCpuSec: number;
  /** One list of the `tier=frontend` tenth, ms. */
  listSelectorMs: number;
  listSelectorItems: number;
}

/** What the scale scenario found. */
export interface ScaleResult {
  rows: ScaleRow[];
  /** RSS of the process with the cluster and no pods. */
  baseRssMiB: number;
  /** V8 heap bytes per pod: written through the door (create, binding, status) and seeded. */
  doorBytesPerPod: number;
  seededBytesPerPod: number;
  memoryCheckPods: number;
}

const heapUsed = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/**
 * Heap bytes per pod of `n` pods written through the door as a controller and a kubelet would (create,
 * binding, status), and of `n` seeded pods, each in a fresh cluster measured from its own baseline.
 * Both figures include the store's bounded sharing tables, which weigh more per pod the fewer pods
 * there are; what matters is that the two agree.
 */
function bytesPerPod(n: number): { door: number; seeded: number } {
  const measure = (fill: (cluster: Cluster) => void): number => {
    const cluster = createCluster({ nodes: 0, scheduler: false });
    const h0 = heapUsed();
    fill(cluster);
    // The watch history keeps recent versions alive; the steady state of a long-lived store does not.
    cluster.store.compact();
    const h1 = heapUsed();
    cluster.close();
    return (h1 - h0) / n;
  };
  const door = measure((cluster) => {
    const pods = cluster.pods('default');
    for (let i = 0; i < n; i++) {
      const created = pods.create(inputPod(i));
      const name = created.metadata!.name!;
      pods.bind(name, `node-${i % 100}`);
      const bound = structuredClone(pods.get(name));
      writable(bound).status = runningStatus(i, `node-${i % 100}`, '192.168.0.10', bound.metadata!.creationTimestamp!);
      pods.updateStatus(bound);
    }
  });
  const seeded = measure((cluster) => {
    seedPods(cluster, seedTemplate(cluster), 0, n);
  });
  return { door, seeded };
}

/** What one size of the scale run found (one process). */
export interface ScaleAtResult {
  row: ScaleRow;
  /** RSS of the process with the cluster and no pods (after the warm-up). */
  baseRssMiB: number;
  /** The door/seeded heap check, when this run made it. */
  check?: { door: number; seeded: number };
}

/**
 * One size of the scale run: the create path warmed with `cfg.scaleWarmupCreates` creates in a
 * throwaway cluster, then a cluster with one watcher seeded to `size` pods, its memory, a list, and
 * the create rate.
 */
export async function runScaleAt(cfg: BenchConfig, size: number, memoryCheck: boolean): Promise<ScaleAtResult> {
  const check = memoryCheck ? bytesPerPod(cfg.memoryCheckPods) : undefined;
  // Warm the create path first, in a throwaway cluster, so every size starts from a process that has
  // done the same work. (It matters for memory too: V8 lays out the seeded pods' objects differently
  // in a process that has not yet created a pod through the door — 20 % more heap at 100,000 pods.)
  const warm = createCluster({ nodes: 0, scheduler: false });
  for (let i = 0; i < cfg.scaleWarmupCreates; i++) warm.pods('default').create(inputPod(i));
  warm.close();
  const cluster = createCluster({ nodes: 0, scheduler: false });
  let events = 0;
  cluster.pods('').watch().onEvent(() => {
    events++;
  });
  const template = seedTemplate(cluster);
  const pods = cluster.pods('default');
  const base = memoryAfterGc();
  const seedMs = seedPods(cluster, template, 0, size);
  const mem = memoryAfterGc();
  if (events < size) throw new Error(`the watcher saw ${events} events for ${size} seeded pods`);
  let listSelectorItems = 0;
  const listSelectorMs = timeSync(() => {
    listSelectorItems = pods.list({ labelSelector: 'app=web,tier=frontend' }).items.length;
  });
  let n = 0;
  const rates = await measureRates(
    [{
      name: 'create',
      batch: 10,
      run: () => {
        for (let k = 0; k < 10; k++) pods.create(inputPod(n++));
      },
    }],
    { timeMs: cfg.rateMs, warmupMs: cfg.warmupMs, rounds: cfg.rateRounds },
  );
  cluster.close();
  const create = rates['create']!;
  const row: ScaleRow = {
    pods: size,
    seedMs,
    rssMiB: mem.rssMiB,
    heapUsedMiB: mem.heapUsedMiB,
    createPerSec: create.perSec,
    createRme: create.rme,
    createPerCpuSec: create.perCpuSec,
    listSelectorMs,
    listSelectorItems,
  };
  return { row, baseRssMiB: base.rssMiB, ...(check ? { check } : {}) };
}

/** Puts the sizes of a scale run together (the first size carries the memory check). */
export function scaleResult(cfg: BenchConfig, sizes: readonly ScaleAtResult[]): ScaleResult {
  const first = sizes[0];
  return {
    rows: sizes.map((s) => s.row),
    baseRssMiB: first?.baseRssMiB ?? Number.NaN,
    doorBytesPerPod: first?.check?.door ?? Number.NaN,
    seededBytesPerPod: first?.check?.seeded ?? Number.NaN,
    memoryCheckPods: cfg.memoryCheckPods,
  };
}
