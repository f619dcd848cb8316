/**
 * The `kubesim` command: `kubesim serve [--port N] [--host H] [--kubeconfig FILE] [--nodes N] [--speed F]`
 * runs a simulated cluster on real time (a SystemClock, sped up by `--speed`) behind the HTTP door,
 * prints where it listens and how to point kubectl at it, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SystemClock } from './clock/system-clock.js';
import { createCluster, type ClusterOptions } from './cluster.js';
import { serve } from './serve.js';
import { DEMO_NAMESPACE, demoHints, seedDemo } from './demo.js';

/** Parsed `kubesim serve` flags. */
export interface ServeFlags {
  port: number;
  host: string;
  kubeconfig?: string;
  nodes?: number;
  speed: number;
  /** Serve the demo scenario (namespace `demo` with the pause pod of the ephemeral-containers page). */
  demo?: boolean;
}

const usage = `usage: kubesim serve [--port N] [--host H] [--kubeconfig FILE] [--nodes N] [--speed F] [--demo]

  --port N          port to listen on (default 0: any free port)
  --host H          interface to listen on (default 127.0.0.1)
  --kubeconfig FILE where to write the kubeconfig (default: a new temporary file)
  --nodes N         simulated nodes to start with
  --speed F         simulated seconds per real second (default 1)
  --demo            serve the demo: namespace "demo" with a running pod whose image has no shell`;

/** An error in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Parses the arguments after `serve` (`--port 8080` and `--port=8080` both work). */
export function parseServeFlags(args: readonly string[]): ServeFlags {
  const flags: ServeFlags = { port: 0, host: '127.0.0.1', speed: 1 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`flag needs an argument: ${name}`);
      return v;
    };
    const number = (v: string, integer: boolean): number => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) throw new UsageError(`invalid value ${JSON.stringify(v)} for ${name}`);
      return n;
    };
    switch (name) {
      case '--port':
        flags.port = number(value(), true);
        break;
      case '--host':
        flags.host = value();
        break;
      case '--kubeconfig':
        flags.kubeconfig = value();
        break;
      case '--nodes':
        flags.nodes = number(value(), true);
        break;
      case '--speed':
        flags.speed = number(value(), false);
        if (flags.speed === 0) throw new UsageError('--speed must be greater than 0');
        break;
      case '--demo':
        flags.demo = true;
        break;
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown flag: ${arg}`);
    }
  }
  return flags;
}

/** A running `kubesim serve`. */
export interface RunningServe {
  readonly url: string;
  /** The kubeconfig file written for it. */
  readonly kubeconfig: string;
  /** Stops serving, stops the cluster and removes a kubeconfig it wrote to a temporary directory. */
  stop(): Promise<void>;
}

/** Starts a cluster on a SystemClock behind the HTTP door and writes its kubeconfig; prints the three lines. */
export async function startServe(flags: ServeFlags, out: (line: string) => void): Promise<RunningServe> {
  const options: ClusterOptions = { clock: new SystemClock(flags.speed) };
  if (flags.nodes !== undefined) options.nodes = flags.nodes;
  const cluster = createCluster(options);
  if (flags.demo) seedDemo(cluster);
  const served = await serve(cluster, { host: flags.host, port: flags.port, ...(flags.demo ? { namespace: DEMO_NAMESPACE } : {}) });
  let tmp: string | undefined;
  let kubeconfig = flags.kubeconfig;
  if (kubeconfig === undefined) {
    tmp = mkdtempSync(path.join(tmpdir(), 'kubesim-'));
    kubeconfig = path.join(tmp, 'kubeconfig');
  }
  served.writeKubeconfig(kubeconfig);
  out(`kubesim is serving the Kubernetes API (v1.32) at ${served.url}`);
  out(`export KUBECONFIG=${kubeconfig}`);
  if (flags.demo) for (const line of demoHints()) out(line);
  else out('kubectl get namespaces');
  return {
    url: served.url,
    kubeconfig,
    async stop() {
      await served.close();
      cluster.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Runs `kubesim serve` until SIGINT or SIGTERM; resolves with the exit code. */
async function runServe(flags: ServeFlags, out: (line: string) => void): Promise<number> {
  const running = await startServe(flags, out);
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.stop().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The command-line entry point: returns the process exit code. */
export async function main(argv: readonly string[], out: (line: string) => void = (l) => console.log(l), err: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await runServe(parseServeFlags(rest), out);
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      out(usage);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command: ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) err(`error: ${e.message}`);
      err(usage);
      return e.message ? 2 : 0;
    }
    err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
