/**
 * One served cluster and one real kubectl per test, for the kubectl suites: the kubectl runs with its
 * own kubeconfig (127.0.0.1) and HOME. Without kubectl on PATH the suite is skipped with the reason
 * printed; under CI=true it fails instead.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServeOptions } from '../../../lib/serve.js';
import { Kubectl, kubectlAvailable, kubectlPath, type KubectlResult } from '../support/kubectl.js';
import { startServer, type TestServer } from '../support/served.js';

/** What a test of a kubectl suite works with. */
export interface KubectlContext {
  /** The served cluster. */
  readonly s: TestServer;
  /** kubectl pointed at it. */
  readonly k: Kubectl;
}

/** A kubectl suite: its `describe` (skipped without kubectl) and the context its tests use. */
export interface KubectlSuite {
  readonly describe: jest.Describe;
  readonly ctx: KubectlContext;
}

/** Registers the per-test server and kubectl of a suite named `name`. */
export function kubectlSuite(name: string, options: ServeOptions = {}): KubectlSuite {
  const run = kubectlAvailable(name);
  if (process.env.CI === 'true') {
    it('has the real kubectl on PATH (required under CI)', () => {
      expect(kubectlPath).toBeDefined();
    });
  }
  const ctx = {} as { s: TestServer; k: Kubectl };
  beforeEach(async () => {
    if (!run) return;
    ctx.s = await startServer(options);
    ctx.k = new Kubectl(ctx.s.served);
  });
  afterEach(async () => {
    if (!run) return;
    await ctx.s.close();
    ctx.k.cleanup();
  });
  return { describe: run ? describe : describe.skip, ctx };
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
