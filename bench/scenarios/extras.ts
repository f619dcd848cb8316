/**
 * Figures printed without a goal: a list of 10,000 pods with a label selector (the tenth that matches),
 * one change delivered to 1/10/100 watchers, a strategic-merge patch of a pod, and the Table
 * `kubectl get pods` receives for 1,000 pods (built and serialised, as the HTTP door answers it).
 */
import { createCluster } from '../../lib/cluster.js';
import { toTable } from '../../lib/printers/table.js';
import type { BenchConfig } from '../config.js';
import { measureRates, type Rate } from '../measure.js';
import { inputPod } from '../pod-fixtures.js';
import { seedPods, seedTemplate } from '../seed.js';

/** What the extra benches found. */
export interface ExtrasResult {
  listPods: number;
  listItems: number;
  list: Rate;
  /** One merge patch of a label, delivered to n watchers (`delivered`: events received while measuring). */
  fanout: { watchers: number; rate: Rate; delivered: number }[];
  patch: Rate;
  tablePods: number;
  table: Rate;
  tableBytes: number;
}

/** Runs the extra benches. */
export async function runExtras(cfg: BenchConfig): Promise<ExtrasResult> {
  const timing = { timeMs: cfg.rateMs * 2, warmupMs: cfg.warmupMs };

  // List with a label selector over seeded, running pods.
  const big = createCluster({ nodes: 0, scheduler: false });
  seedPods(big, seedTemplate(big), 0, cfg.listPods);
  const bigPods = big.pods('default');
  const listItems = bigPods.list({ labelSelector: 'app=web,tier=frontend' }).items.length;
  const tableSource = bigPods.list({ limit: cfg.tablePods }).items;
  const now = big.clock.now();
  let tableBytes = 0;
  const r1 = await measureRates(
    [
      { name: 'list', batch: 1, run: () => void bigPods.list({ labelSelector: 'app=web,tier=frontend' }) },
      {
        name: 'table',
        batch: 1,
        run: () => {
          tableBytes = JSON.stringify(toTable('pods', tableSource, { now, listMeta: { resourceVersion: '1' } })).length;
        },
      },
    ],
    timing,
  );
  big.close();

  // Fan-out: the same change with 1, then 10, then 100 watchers listening (watchers are added, the
  // cluster and the pod stay, so only the number of watchers changes between the figures).
  const fanout: ExtrasResult['fanout'] = [];
  {
    const cluster = createCluster({ nodes: 0, scheduler: false });
    const pods = cluster.pods('default');
    pods.create(inputPod(0));
    let delivered = 0;
    let watching = 0;
    let v = 0;
    for (const n of cfg.watchers) {
      for (; watching < n; watching++) {
        cluster.pods('').watch({ resourceVersion: String(cluster.store.resourceVersion) }).onEvent(() => {
          delivered++;
        });
      }
      delivered = 0;
      const r = await measureRates([{ name: 'fanout', batch: 1, run: () => void pods.patch('web-0', 'merge', { metadata: { labels: { rev: String(v++) } } }) }], timing);
      fanout.push({ watchers: n, rate: r['fanout']!, delivered });
    }
    cluster.close();
  }

  // A strategic-merge patch of a container image, as `kubectl set image` sends it.
  const cluster = createCluster({ nodes: 0, scheduler: false });
  const pods = cluster.pods('default');
  pods.create(inputPod(0));
  let p = 0;
  const r2 = await measureRates(
    [{
      name: 'patch',
      batch: 1,
      run: () => void pods.patch('web-0', 'strategic', { spec: { containers: [{ name: 'web', image: `registry.example.com/shop/web:1.27.${p++}` }] } }),
    }],
    timing,
  );
  cluster.close();

  return { listPods: cfg.listPods, listItems, list: r1['list']!, fanout, patch: r2['patch']!, tablePods: tableSource.length, table: r1['table']!, tableBytes };
}
