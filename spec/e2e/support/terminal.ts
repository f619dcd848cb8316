import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { kubectlPath, type Kubectl } from './kubectl.js';

/** Whether util-linux `script` is there to give kubectl a pseudo-terminal. */
export const scriptAvailable: boolean = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * kubectl on a pseudo-terminal (`script -qfec CMD /dev/null`), as a person runs `kubectl debug -it`:
 * kubectl sees a raw TTY, so it asks for `tty=true` and prints what it prints on a real terminal. Keys
 * are typed into the terminal; everything the terminal shows is collected in {@link output}.
 */
export class KubectlTerminal {
  readonly child: ChildProcess;
  output = '';
  private exit: Promise<number | null>;
  private exited = false;

  constructor(k: Kubectl, args: readonly string[], size: { cols: number; rows: number } = { cols: 100, rows: 30 }) {
    if (!kubectlPath) throw new Error('kubectl is not on PATH');
    const cmd = [kubectlPath, '--kubeconfig', k.kubeconfig, ...args].map(shellQuote).join(' ');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: k.dir, KUBECACHEDIR: path.join(k.dir, 'cache'), TERM: 'xterm' };
    this.child = spawn('script', ['-q', '-f', '-e', '-E', 'never', '-c', `stty cols ${size.cols} rows ${size.rows}; exec ${cmd}`, '/dev/null'], { env, cwd: k.dir });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.output += d));
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.output += d));
    this.exit = new Promise((resolve) => this.child.on('close', (code) => {
      this.exited = true;
      resolve(code);
    }));
  }

  /** Types into the terminal (`\r` is the Enter key). */
  type(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /**
   * Waits until the terminal shows `pattern` (after `from`, an offset into {@link output}), calling `tick`
   * between turns of the event loop so the simulated cluster moves on. Fails with the screen so far when
   * kubectl exits first or `limitMs` of real time pass.
   */
  async waitFor(pattern: string | RegExp, tick: () => void, opts: { from?: number; limitMs?: number } = {}): Promise<void> {
    const from = opts.from ?? 0;
    const deadline = Date.now() + (opts.limitMs ?? 20_000);
    const seen = (): boolean => (typeof pattern === 'string' ? this.output.indexOf(pattern, from) >= 0 : pattern.test(this.output.slice(from)));
    while (!seen()) {
      if (this.exited) throw new Error(`kubectl exited before showing ${String(pattern)}; the terminal showed:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the terminal did not show ${String(pattern)}; it showed:\n${this.output}`);
      tick();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Waits for kubectl to exit (ticking the cluster meanwhile); its exit code. */
  async done(tick: () => void, limitMs = 20_000): Promise<number | null> {
    const deadline = Date.now() + limitMs;
    while (!this.exited) {
      if (Date.now() > deadline) {
        this.kill();
        throw new Error(`kubectl did not exit; the terminal showed:\n${this.output}`);
      }
      tick();
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.exit;
  }

  /** Ends `script` and kubectl (by pid) if they still run. */
  kill(): void {
    if (!this.exited && this.child.pid) this.child.kill('SIGKILL');
  }
}
