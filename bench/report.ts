/**
 * The summary a run ends with: the goals (names are a contract with the project's docs and CI), the
 * machine, and a readable table of every figure.
 */
import { cpus } from 'node:os';
import type { CreateResult } from './scenarios/create.js';
import type { ExtrasResult } from './scenarios/extras.js';
import type { HttpResult } from './scenarios/http.js';
import type { KubeletResult, KubeletRuns } from './scenarios/kubelet.js';
import type { ScaleResult } from './scenarios/scale.js';
import type { StartupResult } from './scenarios/startup.js';

/** A goal: the key's value must be at least (`min`) or at most (`max`) the bound. */
export interface Goal {
  key: keyof GoalValues;
  bound: number;
  kind: 'min' | 'max';
}

/** The contract keys of the JSON line; null when the figure could not be measured. */
export interface GoalValues {
  createVsFloor: number | null;
  httpGetVsBareHttp: number | null;
  createAt100kVs1k: number | null;
  rssMiBAt100kPods: number | null;
  kubelet10kRunningMs: number | null;
  createClusterMs: number | null;
  serveReadyMs: number | null;
}

/** kubesim's performance goals. */
export const GOALS: readonly Goal[] = [
  { key: 'createVsFloor', bound: 0.4, kind: 'min' },
  { key: 'httpGetVsBareHttp', bound: 0.5, kind: 'min' },
  { key: 'createAt100kVs1k', bound: 0.8, kind: 'min' },
  { key: 'rssMiBAt100kPods', bound: 300, kind: 'max' },
  { key: 'createClusterMs', bound: 50, kind: 'max' },
  { key: 'serveReadyMs', bound: 300, kind: 'max' },
];

/** Every scenario's result (absent when it failed) and the errors of those that failed. */
export interface Results {
  startup?: StartupResult;
  http?: HttpResult;
  create?: CreateResult;
  extras?: ExtrasResult;
  scale?: ScaleResult;
  kubelet?: KubeletRuns;
  errors: Record<string, string>;
}

/** The machine a run was made on. */
export function machine(): { cpus: number; cpuModel: string; node: string; platform: string } {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` };
}

/** The run of 10,000 pods on 100 nodes, if there was one. */
function kubelet10k(r: Results): KubeletResult | undefined {
  return r.kubelet?.runs.find((k) => k.pods === 10_000 && k.nodes === 100) ?? r.kubelet?.runs[r.kubelet.runs.length - 1];
}

/** The contract values from the results. */
export function goalValues(r: Results): GoalValues {
  const rows = r.scale?.rows ?? [];
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    createVsFloor: r.create ? r.create.ratio : null,
    httpGetVsBareHttp: r.http ? r.http.ratio : null,
    createAt100kVs1k: first && last ? last.createPerCpuSec / first.createPerCpuSec : null,
    rssMiBAt100kPods: last ? last.rssMiB : null,
    kubelet10kRunningMs: (() => {
      const k = kubelet10k(r);
      return k?.completed ? k.runningMs : null;
    })(),
    createClusterMs: r.startup ? r.startup.firstMs : null,
    serveReadyMs: r.http ? r.http.serveReadyFirstMs : null,
  };
}

/** Whether a value meets its goal (undefined when it has no goal or no value). */
export function meets(key: keyof GoalValues, v: number | null): boolean | undefined {
  const g = GOALS.find((x) => x.key === key);
  if (!g || v === null) return undefined;
  return g.kind === 'min' ? v >= g.bound : v <= g.bound;
}

const num = (v: number, digits = 0): string => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = (perSec: number, rme?: number): string => `${num(perSec)}/s${rme !== undefined ? ` ±${num(rme, 1)}%` : ''}`;
const ms = (v: number): string => (v >= 100 ? `${num(v)} ms` : v >= 1 ? `${num(v, 1)} ms` : `${num(v * 1000, 0)} µs`);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The human-readable report of a run. */
export function renderReport(r: Results, mode: string): string {
  const m = machine();
  const v = goalValues(r);
  const out: string[] = [];
  out.push(`kubesim benchmarks (${mode}) on ${m.cpus} × ${m.cpuModel}, node ${m.node}, ${m.platform}`, '');
  const goalRows = GOALS.map((g) => {
    const val = v[g.key];
    const ok = meets(g.key, val);
    const shown = val === null ? 'n/a' : g.key.endsWith('Ms') || g.key.startsWith('rss') ? num(val, 1) : num(val, 3);
    return [g.key, shown, `${g.kind === 'min' ? '≥' : '≤'} ${g.bound}`, ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED'];
  });
  goalRows.push(['kubelet10kRunningMs', v.kubelet10kRunningMs === null ? 'n/a' : num(v.kubelet10kRunningMs), '(no goal)', kubelet10k(r)?.completed === false ? 'unfinished' : '']);
  out.push(table(['goal', 'value', 'target', ''], goalRows), '');

  const detail: string[][] = [];
  if (r.create) {
    const c = r.create;
    detail.push(['pods.create, 1 watcher', rate(c.create.perSec, c.create.rme), `${ms(c.create.msPerOp)} per create; ${num(c.create.perCpuSec)} per CPU-s`]);
    detail.push(['floor: JSON copy + Map.set', rate(c.floor.perSec, c.floor.rme), `${ms(c.floor.msPerOp)} per copy; ${num(c.floor.perCpuSec)} per CPU-s`]);
    detail.push(['  create ÷ floor, wall time', num(c.wallRatio, 3), 'the goal is judged per CPU second']);
  }
  if (r.http) {
    detail.push(['GET pod via serve()', rate(r.http.kubesim.perSec), `p50 ${ms(r.http.kubesim.p50Ms)}, p99 ${ms(r.http.kubesim.p99Ms)}`]);
    detail.push(['GET same bytes, bare node:http', rate(r.http.bare.perSec), `p50 ${ms(r.http.bare.p50Ms)}, p99 ${ms(r.http.bare.p99Ms)}`]);
    detail.push(['serve() → GET /version 200', ms(r.http.serveReadyFirstMs), `first; median of next 5 ${ms(r.http.serveReadyMedianMs)}`]);
  }
  if (r.startup) detail.push(['createCluster(), node Ready', ms(r.startup.firstMs), `first; median of next 15 ${ms(r.startup.medianMs)}`]);
  if (r.extras) {
    const e = r.extras;
    detail.push([`list ${num(e.listPods)} pods, label selector`, ms(e.list.msPerOp), `${num(e.listItems)} items`]);
    for (const f of e.fanout) detail.push([`1 change → ${f.watchers} watcher${f.watchers === 1 ? '' : 's'}`, ms(f.rate.msPerOp), 'merge patch of a label, delivered to all']);
    detail.push(['strategic-merge patch (image)', ms(e.patch.msPerOp), rate(e.patch.perSec)]);
    detail.push([`Table of ${num(e.tablePods)} pods (toTable+JSON)`, ms(e.table.msPerOp), `${num(e.tableBytes / 1024)} KiB`]);
  }
  for (const k of r.kubelet?.runs ?? []) {
    const how = k.completed ? `${num(k.virtualMs / 1000, 1)} s virtual` : `stopped at the limit: ${num(k.bound)} bound, ${num(k.running)} Running`;
    detail.push([`${num(k.pods)} pods on ${k.nodes} nodes → Running`, ms(k.runningMs), how]);
    detail.push([`  their creates; createCluster(${k.nodes} nodes)`, Number.isNaN(k.createMs) ? 'n/a' : ms(k.createMs), `${ms(k.clusterMs)}; peak RSS ${num(k.peakRssMiB)} MiB`]);
  }
  if (detail.length > 0) out.push(table(['figure', 'value', 'note'], detail), '');

  if (r.scale) {
    const s = r.scale;
    out.push(table(
      ['pods stored', 'creates/s (wall)', 'creates/CPU-s', 'list tier=frontend', 'RSS MiB', 'heap MiB', 'seed ms'],
      s.rows.map((row) => [
        num(row.pods), rate(row.createPerSec, row.createRme), num(row.createPerCpuSec), `${ms(row.listSelectorMs)} (${num(row.listSelectorItems)})`, num(row.rssMiB), num(row.heapUsedMiB), num(row.seedMs),
      ]),
    ));
    out.push(`RSS with the cluster and no pods ${num(s.baseRssMiB)} MiB; heap per pod: ${num(s.doorBytesPerPod)} B through the door, ${num(s.seededBytesPerPod)} B seeded (${num(s.memoryCheckPods)} pods each)`, '');
  }
  if (r.startup) {
    out.push(table(['nodes', 'createCluster until Ready'], r.startup.byNodes.map((b) => [String(b.nodes), ms(b.ms)])), '');
  }
  for (const [name, err] of Object.entries(r.errors)) out.push(`! ${name} failed: ${err}`);
  return out.join('\n');
}

/** The one-line JSON summary (contract keys first, then the details). */
export function summaryJson(r: Results, mode: string): string {
  const v = goalValues(r);
  const met = Object.fromEntries(GOALS.map((g) => [g.key, meets(g.key, v[g.key]) ?? null]));
  return JSON.stringify({ ...v, mode, goalsMet: met, machine: machine(), details: { ...r } });
}
