/**
 * `npm run bench`: measures kubesim against its baselines in one run and prints a table, then one line
 * of JSON with the contract keys (see report.ts). `--quick` fits in two minutes on 2 cores; `--tiny`
 * is for the harness test. Scenarios that fail are reported and the rest still run.
 */
import { fileURLToPath } from 'node:url';
import { inChild } from './child.js';
import { configFor, type BenchConfig, type BenchMode } from './config.js';
import { renderReport, summaryJson, type Results } from './report.js';
import { runCreateVsFloor } from './scenarios/create.js';
import { runExtras } from './scenarios/extras.js';
import { runHttp } from './scenarios/http.js';
import { scaleResult, type ScaleAtResult } from './scenarios/scale.js';
import type { KubeletResult, KubeletRuns } from './scenarios/kubelet.js';
import { runStartup } from './scenarios/startup.js';

/** Runs every scenario with `cfg`; `log` gets progress lines. */
export async function runBench(cfg: BenchConfig, log: (line: string) => void = () => {}): Promise<Results> {
  const results: Results = { errors: {} };
  const step = async <K extends Exclude<keyof Results, 'errors'>>(name: K, fn: () => Promise<Results[K]> | Results[K]): Promise<void> => {
    const t0 = performance.now();
    log(`${name}…`);
    try {
      results[name] = await fn();
    } catch (e) {
      results.errors[name] = e instanceof Error ? e.message : String(e);
    }
    log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  // Start-up first: its "first" figures are the cold ones.
  await step('startup', () => runStartup(cfg));
  await step('http', () => runHttp(cfg));
  await step('create', () => runCreateVsFloor(cfg));
  await step('extras', () => runExtras(cfg));
  await step('scale', async () => {
    const sizes: ScaleAtResult[] = [];
    for (const [i, size] of cfg.scaleSizes.entries()) {
      const out = await inChild('scale', { mode: cfg.mode, size, memoryCheck: i === 0 }, { timeoutMs: 600_000, inProcess: cfg.inProcess });
      if (!out.result) throw new Error(`the scale run at ${size} pods did not finish within 10 minutes`);
      sizes.push(out.result);
    }
    return scaleResult(cfg, sizes);
  });
  await step('kubelet', () => runKubeletRuns(cfg, log));
  return results;
}

/** Each kubelet run in a child process of its own, killed (and reported unfinished) at the limit. */
async function runKubeletRuns(cfg: BenchConfig, log: (line: string) => void): Promise<KubeletRuns> {
  const runs: KubeletResult[] = [];
  for (const { pods, nodes } of cfg.kubeletRuns) {
    const out = await inChild('kubelet', { pods, nodes, limitMs: cfg.kubeletLimitMs }, { timeoutMs: cfg.kubeletLimitMs + 5_000, inProcess: cfg.inProcess });
    const r = out.result ?? out.lastProgress;
    if (!r) throw new Error(`the kubelet run of ${pods} pods on ${nodes} nodes reported nothing before its limit`);
    runs.push(out.result ?? { ...r, completed: false });
    log(`  ${pods} pods on ${nodes} nodes: ${r.running} Running, ${r.bound} bound${out.result?.completed ? '' : ' (stopped at the limit)'}`);
  }
  return { runs };
}

function modeFromArgs(args: readonly string[]): BenchMode {
  if (args.includes('--tiny')) return 'tiny';
  if (args.includes('--quick')) return 'quick';
  return 'full';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = modeFromArgs(process.argv.slice(2));
  const cfg = configFor(mode);
  const t0 = performance.now();
  const results = await runBench(cfg, (l) => process.stderr.write(`[bench] ${l}\n`));
  process.stderr.write(`[bench] total ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`${renderReport(results, mode)}\n`);
  process.stdout.write(`${summaryJson(results, mode)}\n`);
  process.exit(0);
}
