/**
 * Scenarios that run in a process of their own (memory at scale, the kubelet run), so that what one
 * leaves on the heap does not count against another. `node child.js <scenario> <mode>` prints the
 * result as one line of JSON; {@link inChild} starts it and reads that line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { configFor, type BenchConfig, type BenchMode } from './config.js';
import { runKubelet } from './scenarios/kubelet.js';
import { runScale } from './scenarios/scale.js';

const scenarios = { scale: runScale, kubelet: runKubelet } as const;

/** The names of the scenarios that run in a child process. */
export type ChildScenario = keyof typeof scenarios;

/** Runs `scenario` in a child process (in this one when the config says so) and returns its result. */
export async function inChild<K extends ChildScenario>(scenario: K, cfg: BenchConfig): Promise<Awaited<ReturnType<(typeof scenarios)[K]>>> {
  type R = Awaited<ReturnType<(typeof scenarios)[K]>>;
  if (cfg.inProcess) return (await scenarios[scenario](cfg)) as R;
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--expose-gc', script, scenario, cfg.mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c: string) => {
    out += c;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = out.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`${scenario} child exited with ${code}: ${last}`);
  return JSON.parse(last) as R;
}

// Entry point when run as a script.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [scenario, mode] = process.argv.slice(2) as [ChildScenario, BenchMode];
  const run = scenarios[scenario];
  if (!run) throw new Error(`unknown scenario ${scenario}`);
  const result = await run(configFor(mode));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
