import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kubectl, kubectlAvailable, kubectlPath, type KubectlResult } from '../e2e/support/kubectl.js';
import { startServer, type TestServer } from '../e2e/support/served.js';
import { KubectlTerminal, scriptAvailable } from '../e2e/support/terminal.js';

/**
 * One doc walk-through against one served cluster: the real kubectl (on a pseudo-terminal for the
 * interactive steps), the cluster clock advanced while kubectl waits. Skipped with a printed reason
 * when kubectl or `script` is missing; under CI=true their absence is a failure.
 */
export interface Walkthrough {
  s: TestServer;
  k: Kubectl;
  /** Moves the cluster clock on (called between turns of the event loop while kubectl runs). */
  tick: () => void;
  /** Runs kubectl to the end. */
  kubectl: (args: readonly string[], stdin?: string) => Promise<KubectlResult>;
  /** kubectl on a terminal. */
  terminal: (args: readonly string[]) => KubectlTerminal;
}

/** Declares the suite of a scenario; `body` gets the walk-through once the server is up. */
export function scenario(title: string, body: (w: Walkthrough) => void): void {
  const runnable = kubectlAvailable(title) && scriptAvailable;
  if (kubectlPath && !scriptAvailable) console.log(`${title}: skipped — util-linux \`script\` is not on PATH (needed for kubectl on a terminal)`);
  if (process.env.CI === 'true') {
    it('has the real kubectl and script on PATH (required under CI)', () => {
      expect([kubectlPath !== undefined, scriptAvailable]).toEqual([true, true]);
    });
  }
  const w = {} as Walkthrough;
  const terminals: KubectlTerminal[] = [];
  beforeAll(async () => {
    if (!runnable) return;
    w.s = await startServer();
    w.k = new Kubectl(w.s.served);
    w.tick = () => {
      w.s.cluster.advance(200);
    };
    w.kubectl = (args, stdin) => w.k.run(args, { tick: w.tick, ...(stdin !== undefined ? { stdin } : {}) });
    w.terminal = (args) => {
      const t = new KubectlTerminal(w.k, args);
      terminals.push(t);
      return t;
    };
  });
  afterAll(async () => {
    if (!runnable) return;
    for (const t of terminals) t.kill();
    await w.s.close();
    w.k.cleanup();
  });
  (runnable ? describe : describe.skip)(title, () => body(w));
}

/** The text kubectl prints before attaching (stderr, conventions 4). */
export const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\r\n";
/** kubectl debug's line for `--target` (stdout, convention 3). */
export const targeting = (c: string): string =>
  `Targeting container "${c}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.`;
/** kubectl debug's warning without `--profile` (stderr, convention 2). */
export const LEGACY_WARNING = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".';
