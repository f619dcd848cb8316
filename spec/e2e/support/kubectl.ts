import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServedCluster } from '../../../lib/serve.js';

/** The real kubectl on PATH, or undefined. */
export const kubectlPath: string | undefined = (process.env.PATH ?? '')
  .split(path.delimiter)
  .map((dir) => path.join(dir, 'kubectl'))
  .find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Whether kubectl tests run; prints why not. Under CI=true a missing kubectl is a failure, not a skip. */
export function kubectlAvailable(suite: string): boolean {
  if (kubectlPath) return true;
  if (process.env.CI === 'true') return true; // the suite's own check fails loudly
  console.log(`${suite}: skipped — kubectl is not on PATH (these tests need the real kubectl 1.32)`);
  return false;
}

/** What a kubectl run left. */
export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * kubectl against one served cluster: always `--kubeconfig` with a file written here (127.0.0.1 only),
 * a private HOME (kubectl caches discovery under it) and no KUBECONFIG from the environment.
 */
export class Kubectl {
  readonly dir: string;
  readonly kubeconfig: string;

  constructor(served: ServedCluster) {
    if (!kubectlPath) throw new Error('kubectl is not on PATH');
    this.dir = mkdtempSync(path.join(tmpdir(), 'kubesim-kubectl-'));
    this.kubeconfig = path.join(this.dir, 'kubeconfig');
    served.writeKubeconfig(this.kubeconfig);
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: this.dir, KUBECACHEDIR: path.join(this.dir, 'cache') };
    return env;
  }

  /** Starts kubectl; the caller reads its output and ends it (by its pid) if it does not end itself. */
  start(args: readonly string[], stdin?: string): { child: ChildProcess; done: Promise<KubectlResult>; stdout: () => string } {
    const child = spawn(kubectlPath!, ['--kubeconfig', this.kubeconfig, ...args], { env: this.env(), cwd: this.dir });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
    const done = new Promise<KubectlResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    return { child, done, stdout: () => stdout };
  }

  /** Runs kubectl to the end; `tick` (if given) runs between turns of the event loop while it works. */
  async run(args: readonly string[], opts: { stdin?: string; tick?: () => void } = {}): Promise<KubectlResult> {
    const { done } = this.start(args, opts.stdin);
    if (!opts.tick) return done;
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      opts.tick();
      await new Promise((r) => setTimeout(r, 5));
    }
    return done;
  }

  /** Removes the temporary HOME and kubeconfig. */
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
