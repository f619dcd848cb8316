/**
 * One served cluster and one real kubectl per test (or per file), for the kubectl suites: the kubectl
 * runs with its own kubeconfig (127.0.0.1) and HOME. Without kubectl on PATH (or without `script`, for a
 * suite that needs a terminal) the suite is skipped with the reason printed; under CI=true it fails instead.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServeOptions } from '../../../lib/serve.js';
import { Kubectl, kubectlAvailable, kubectlPath, type KubectlResult } from '../support/kubectl.js';
import { startServer, type TestServer } from '../support/served.js';
import { scriptAvailable } from '../support/terminal.js';

/** What a test of a kubectl suite works with. */
export interface KubectlContext {
  /** The served cluster. */
  readonly s: TestServer;
  /** kubectl pointed at it. */
  readonly k: Kubectl;
}

/** The pods client of a served cluster's `default` namespace. */
export type DefaultPods = ReturnType<TestServer['cluster']['pods']>;

/** How a kubectl suite sets up. */
export interface KubectlSuiteOptions {
  /** Options of the served cluster. */
  readonly serve?: ServeOptions;
  /** `test` (the default): a fresh server and kubectl per test; `file`: one for the whole file. */
  readonly per?: 'test' | 'file';
  /** Runs once the server and kubectl are up (per test or per file): seeds what the tests read. */
  readonly setup?: (ctx: KubectlContext) => void | Promise<void>;
  /** The suite also needs util-linux `script` (a pseudo-terminal, for `-it`). */
  readonly needsTerminal?: boolean;
}

/** A kubectl suite: its `describe` (skipped without kubectl), the context its tests use and helpers over it. */
export interface KubectlSuite {
  readonly describe: jest.Describe;
  readonly ctx: KubectlContext;
  /** Advances the virtual clock 200 ms: the `tick` kubectl runs with while it waits on the cluster. */
  readonly tick: () => void;
  /** The pods of namespace `default`. */
  readonly pods: () => DefaultPods;
}

/** Registers the server and kubectl of a suite named `name` (per test unless `per: 'file'`). */
export function kubectlSuite(name: string, options: KubectlSuiteOptions = {}): KubectlSuite {
  const run = kubectlAvailable(name) && (!options.needsTerminal || scriptAvailable);
  if (options.needsTerminal && kubectlPath && !scriptAvailable) {
    console.log(`${name}: skipped — util-linux \`script\` is not on PATH (needed for a pseudo-terminal)`);
  }
  if (process.env.CI === 'true') {
    if (options.needsTerminal) {
      it('has the real kubectl and script on PATH (required under CI)', () => {
        expect([kubectlPath !== undefined, scriptAvailable]).toEqual([true, true]);
      });
    } else {
      it('has the real kubectl on PATH (required under CI)', () => {
        expect(kubectlPath).toBeDefined();
      });
    }
  }
  const ctx = {} as { s: TestServer; k: Kubectl };
  const [before, after] = options.per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    if (!run) return;
    ctx.s = await startServer(options.serve);
    ctx.k = new Kubectl(ctx.s.served);
    await options.setup?.(ctx);
  });
  after(async () => {
    if (!run) return;
    await ctx.s.close();
    ctx.k.cleanup();
  });
  const tick = (): void => {
    ctx.s.cluster.advance(200);
  };
  const pods = (): DefaultPods => ctx.s.cluster.pods('default');
  return { describe: run ? describe : describe.skip, ctx, tick, pods };
}

/** Writes `text` to `name` in kubectl's private directory and returns the path. */
export function writeFile(k: Kubectl, name: string, text: string): string {
  const file = path.join(k.dir, name);
  writeFileSync(file, text);
  return file;
}

/**
 * Runs kubectl with extra environment (`KUBE_EDITOR` for `kubectl edit`), otherwise as `Kubectl.run`:
 * its own kubeconfig and HOME, nothing else from the environment but PATH.
 */
export function runWithEnv(k: Kubectl, args: readonly string[], extraEnv: Record<string, string>): Promise<KubectlResult> {
  const env = { PATH: process.env.PATH ?? '', HOME: k.dir, KUBECACHEDIR: path.join(k.dir, 'cache'), ...extraEnv };
  const child = spawn(kubectlPath!, ['--kubeconfig', k.kubeconfig, ...args], { env, cwd: k.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The pod manifest the suites create: one container, a label. */
export const podManifest = (name: string, labels: Record<string, string> = { app: name }, image = 'registry.k8s.io/pause:3.1'): string =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    ...Object.entries(labels).map(([key, v]) => `    ${key}: ${v}`),
    'spec:',
    '  containers:',
    `  - name: ${name}`,
    `    image: ${image}`,
    '',
  ].join('\n');
