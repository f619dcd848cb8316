/**
 * How cost grows with the number of stored pods: at each size the resident memory, the create rate
 * through the door (one watcher listening) and a list with a label selector. Pods are seeded (see
 * seed.ts); a first step checks that a seeded pod weighs what a pod written through the door weighs.
 * Runs in a child process of its own so RSS is not inflated by the other scenarios.
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
  /** Wall ms to seed up to this size from the previous one. */
  seedMs: number;
  rssMiB: number;
  heapUsedMiB: number;
  createPerSec: number;
  createRme: number;
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

/** Heap bytes per pod of `n` pods written through the door as a controller and a kubelet would. */
function doorBytesPerPod(n: number): { door: number; seeded: number } {
  let cluster: Cluster | undefined = createCluster({ nodes: 0, scheduler: false });
  const pods = cluster.pods('default');
  const template = seedTemplate(cluster);
  cluster.store.compact();
  const h0 = heapUsed();
  for (let i = 0; i < n; i++) {
    const created = pods.create(inputPod(i));
    const name = created.metadata!.name!;
    pods.bind(name, `node-${i % 100}`);
    const bound = structuredClone(pods.get(name));
    writable(bound).status = runningStatus(i, `node-${i % 100}`, '192.168.0.10', bound.metadata!.creationTimestamp!);
    pods.updateStatus(bound);
  }
  // The watch history would keep the create and binding versions alive; the steady state does not.
  cluster.store.compact();
  const h1 = heapUsed();
  seedPods(cluster, template, 0, n);
  cluster.store.compact();
  const h2 = heapUsed();
  cluster.close();
  cluster = undefined;
  return { door: (h1 - h0) / n, seeded: (h2 - h1) / n };
}

/** Runs the scale scenario in this process. */
export async function runScale(cfg: BenchConfig): Promise<ScaleResult> {
  const check = doorBytesPerPod(cfg.memoryCheckPods);
  const cluster = createCluster({ nodes: 0, scheduler: false });
  let events = 0;
  cluster.pods('').watch().onEvent(() => {
    events++;
  });
  const template = seedTemplate(cluster);
  const base = memoryAfterGc();
  const pods = cluster.pods('default');
  const rows: ScaleRow[] = [];
  let seeded = 0;
  let n = 0;
  for (const size of cfg.scaleSizes) {
    // Up to `size` pods in all: the creates measured at the previous size count.
    const more = Math.max(0, size - cluster.store.count('pods'));
    const seedMs = seedPods(cluster, template, seeded, seeded + more);
    seeded += more;
    const mem = memoryAfterGc();
    let listSelectorItems = 0;
    const listSelectorMs = timeSync(() => {
      listSelectorItems = pods.list({ labelSelector: 'app=web,tier=frontend' }).items.length;
    });
    const atSize = cluster.store.count('pods');
    const rates = await measureRates(
      [{
        name: 'create',
        batch: 10,
        run: () => {
          for (let k = 0; k < 10; k++) pods.create(inputPod(n++));
        },
      }],
      { timeMs: cfg.rateMs, warmupMs: cfg.warmupMs },
    );
    rows.push({
      pods: atSize,
      seedMs,
      rssMiB: mem.rssMiB,
      heapUsedMiB: mem.heapUsedMiB,
      createPerSec: rates['create']!.perSec,
      createRme: rates['create']!.rme,
      listSelectorMs,
      listSelectorItems,
    });
  }
  if (events < seeded) throw new Error(`the watcher saw ${events} events for ${seeded} seeded pods`);
  cluster.close();
  return { rows, baseRssMiB: base.rssMiB, doorBytesPerPod: check.door, seededBytesPerPod: check.seeded, memoryCheckPods: cfg.memoryCheckPods };
}
