/**
 * docs/guides/kubectl.md is run, not just read: every `sh` block, in order, in bash against one served
 * cluster with the real kubectl (its own kubeconfig and HOME), the cluster's clock moving while kubectl
 * works. A block marked `<!-- exit 1 -->` must fail with 1, and a `text` block right after it is the
 * exact stderr; `<!-- exit 1: TEXT -->` names the first line of stderr instead. Blocks marked
 * `<!-- not run … -->` are skipped.
 */
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kubectl, kubectlAvailable, kubectlPath, type KubectlResult } from '../support/kubectl.js';
import { startServer, type TestServer } from '../support/served.js';

jest.setTimeout(120_000);

/** A fenced block of the guide and what the line before it says about it. */
interface Block {
  lang: string;
  text: string;
  /** The HTML comment on the last non-blank line before the fence, if any. */
  marker?: string;
  /** The `text` block that directly follows this one. */
  output?: string;
}

/** The fenced blocks of a Markdown file, with their markers and directly following `text` blocks. */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: (Block & { end: number; start: number })[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] !== '```') j++;
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const marker = /^<!--\s*(.*?)\s*-->$/.exec(lines[k] ?? '')?.[1];
    blocks.push({ lang: open[1]!, text: lines.slice(i + 1, j).join('\n'), start: i, end: j, ...(marker ? { marker } : {}) });
    i = j;
  }
  blocks.forEach((b, n) => {
    const next = blocks[n + 1];
    if (next && next.lang === 'text' && next.start === b.end + 1) b.output = next.text;
  });
  return blocks;
}

const guide = readFileSync(path.resolve(process.cwd(), 'docs/guides/kubectl.md'), 'utf8');
const runnable = fencedBlocks(guide).filter((b) => b.lang === 'sh' && !b.marker?.startsWith('not run'));

const run = kubectlAvailable('docs/guides/kubectl.md');
if (process.env.CI === 'true') {
  it('has the real kubectl on PATH (required under CI)', () => {
    expect(kubectlPath).toBeDefined();
  });
}

let s: TestServer;
let k: Kubectl;
beforeAll(async () => {
  if (!run) return;
  s = await startServer();
  k = new Kubectl(s.served);
});
afterAll(async () => {
  if (!run) return;
  await s.close();
  k.cleanup();
});

/** Runs a block in bash, where `kubectl` always gets `--kubeconfig` with the test's file, moving the clock meanwhile. */
async function runBlock(script: string): Promise<KubectlResult> {
  const prelude = 'set -euo pipefail\nkubectl() { command kubectl --kubeconfig "$KUBESIM_KUBECONFIG" "$@"; }\n';
  const env = { PATH: process.env.PATH ?? '', HOME: k.dir, TMPDIR: k.dir, KUBECACHEDIR: path.join(k.dir, 'cache'), KUBESIM_KUBECONFIG: k.kubeconfig };
  const child = spawn('bash', ['-c', prelude + script], { env, cwd: k.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // 100 ms of cluster time every 5 ms: the served cluster of the guide runs on real time.
  const tick = setInterval(() => s.cluster.advance(100), 5);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(tick);
  return { code, stdout, stderr };
}

(run ? describe : describe.skip)('docs/guides/kubectl.md runs as written against kubesim', () => {
  it('has runnable blocks, some of them failing on purpose', () => {
    expect(runnable.length).toBeGreaterThan(5);
    expect(runnable.filter((b) => b.marker?.startsWith('exit 1')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(runnable.map((b, i) => [`block ${i + 1}: ${b.text.split('\n').find((l) => l.startsWith('kubectl') || l.startsWith('KUBE_EDITOR'))}`, b] as const))(
    '%s',
    async (_name, block) => {
      const r = await runBlock(block.text);
      if (block.marker?.startsWith('exit 1')) {
        expect([r.code, r.stdout]).toEqual([1, '']);
        if (block.output !== undefined) expect(r.stderr).toBe(`${block.output}\n`);
        const firstLine = /^exit 1: (.*)$/.exec(block.marker)?.[1];
        if (firstLine !== undefined) expect(r.stderr.split('\n')[0]).toBe(firstLine);
        return;
      }
      expect({ code: r.code, stderr: r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('--profile=legacy is deprecated')) }).toEqual({ code: 0, stderr: [] });
      expect(r.stdout).not.toBe('');
    },
  );
});
