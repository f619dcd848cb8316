/**
 * Scenarios that run in a process of their own (memory at scale, the kubelet runs), so that what one
 * leaves on the heap does not count against another and a run that takes too long can be stopped.
 * `node child.js <scenario> <json args>` prints `{"progress": …}` lines while it runs and one
 * `{"result": …}` line at the end; {@link inChild} starts it, reads them, and kills it at its time limit.
 */
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configFor, type BenchMode } from './config.js';
import { runKubeletOnce, type KubeletResult } from './scenarios/kubelet.js';
import { runScaleAt, type ScaleAtResult } from './scenarios/scale.js';

/** The child scenarios: their arguments and results. */
export interface ChildScenarios {
  scale: { args: { mode: BenchMode; size: number; memoryCheck: boolean }; result: ScaleAtResult; progress: never };
  kubelet: { args: { pods: number; nodes: number; limitMs: number }; result: KubeletResult; progress: KubeletResult };
}

type Emit = (line: { progress: unknown } | { result: unknown }) => void;

const runners: { [K in keyof ChildScenarios]: (args: ChildScenarios[K]['args'], emit: Emit) => Promise<ChildScenarios[K]['result']> } = {
  scale: (a) => runScaleAt(configFor(a.mode), a.size, a.memoryCheck),
  kubelet: (a, emit) => Promise.resolve(runKubeletOnce(a.pods, a.nodes, a.limitMs, (p) => emit({ progress: p }))),
};

/** What a child run gave: its result, or (stopped at its limit) the last progress it reported. */
export interface ChildOutcome<K extends keyof ChildScenarios> {
  result?: ChildScenarios[K]['result'];
  lastProgress?: ChildScenarios[K]['progress'];
  timedOut: boolean;
}

/**
 * Runs `scenario` in a child process (in this one when `inProcess`, without a time limit) and returns
 * its outcome; a child still running after `timeoutMs` is killed.
 */
export async function inChild<K extends keyof ChildScenarios>(
  scenario: K, args: ChildScenarios[K]['args'], opts: { timeoutMs: number; inProcess?: boolean },
): Promise<ChildOutcome<K>> {
  type Out = ChildOutcome<K>;
  if (opts.inProcess) {
    let lastProgress: Out['lastProgress'];
    const result = await runners[scenario](args, (l) => {
      if ('progress' in l) lastProgress = l.progress as Out['lastProgress'];
    });
    return { result, ...(lastProgress !== undefined ? { lastProgress } : {}), timedOut: false };
  }
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), scenario, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const out: Out = { timedOut: false };
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c: string) => {
    buf += c;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const msg = JSON.parse(line) as { progress?: Out['lastProgress']; result?: Out['result'] };
      if (msg.result !== undefined) out.result = msg.result;
      else if (msg.progress !== undefined) out.lastProgress = msg.progress;
    }
  });
  const timer = setTimeout(() => {
    out.timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (!out.timedOut && (code !== 0 || out.result === undefined)) throw new Error(`${scenario} child exited with ${code ?? 'a signal'}`);
  return out;
}

// Entry point when run as a script: results and progress go to stdout as they come.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [scenario, json] = process.argv.slice(2) as [keyof ChildScenarios, string];
  const run = runners[scenario] as (args: unknown, emit: Emit) => Promise<unknown>;
  if (!run) throw new Error(`unknown scenario ${scenario}`);
  const emit: Emit = (line) => writeSync(1, `${JSON.stringify(line)}\n`);
  emit({ result: await run(JSON.parse(json), emit) });
  process.exit(0);
}
