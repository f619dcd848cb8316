/**
 * createVsFloor: pods created per second through the library door (`cluster.pods(ns).create`: decode,
 * defaulting, field manager, admission, validation, store, one watcher listening) against the floor
 * any in-memory store pays for a create — a JSON deep copy of the body and a `Map.set` — measured the
 * same way in the same run (the two take turns, round after round).
 */
import { createCluster } from '../../lib/cluster.js';
import type { Pod } from '../../lib/api/types.js';
import type { BenchConfig } from '../config.js';
import { measureRates, type Rate } from '../measure.js';
import { inputPod } from '../pod-fixtures.js';

/** What the create scenario found. */
export interface CreateResult {
  create: Rate;
  floor: Rate;
  /** create ÷ floor, per CPU second (see Rate.perCpuSec); `wallRatio` per wall second. */
  ratio: number;
  wallRatio: number;
  /** Events the watcher received (one per create, a check that it was live). */
  watchEvents: number;
}

/** Operations per tinybench call. */
const BATCH = 20;

/** Measures kubesim's create rate and the floor's (see the file comment). */
export async function runCreateVsFloor(cfg: BenchConfig): Promise<CreateResult> {
  const cluster = createCluster({ nodes: 0, scheduler: false });
  let watchEvents = 0;
  const watcher = cluster.pods('').watch();
  watcher.onEvent(() => {
    watchEvents++;
  });
  const pods = cluster.pods('default');
  const floorStore = new Map<string, Pod>();
  let n = 0;
  let f = 0;
  const rates = await measureRates(
    [
      {
        name: 'create',
        batch: BATCH,
        run: () => {
          for (let k = 0; k < BATCH; k++) pods.create(inputPod(n++));
        },
      },
      {
        name: 'floor',
        batch: BATCH,
        run: () => {
          for (let k = 0; k < BATCH; k++) {
            const body = inputPod(f++);
            floorStore.set(`default/${body.metadata!.name!}`, JSON.parse(JSON.stringify(body)) as Pod);
          }
        },
      },
    ],
    { timeMs: cfg.rateMs, warmupMs: cfg.warmupMs, rounds: Math.max(3, cfg.rateRounds) },
  );
  watcher.stop();
  cluster.close();
  const create = rates['create']!;
  const floor = rates['floor']!;
  return { create, floor, ratio: create.perCpuSec / floor.perCpuSec, wallRatio: create.perSec / floor.perSec, watchEvents };
}
