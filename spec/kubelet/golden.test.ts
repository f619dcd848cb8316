import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pod } from '../../lib/api/types.js';
import type { DebugOptions } from '../../lib/client/pods.js';
import { isNotFound } from '../../lib/errors/constructors.js';
import { kubeletErrors, newCluster } from './support.js';

/** One step of a case: let virtual time pass, add a debug container, or delete the pod. */
type Step = { advanceMs: number } | { debug: DebugOptions } | { delete: { gracePeriodSeconds?: number } };

interface GoldenInput {
  description: string;
  pod: Pod;
  steps: Step[];
}

interface GoldenOutput {
  description: string;
  /** What the API shows after each step: the elapsed virtual time and the pod's status (or that it is gone). */
  steps: { step: Step; elapsedMs: number; status: unknown }[];
}

const dir = path.resolve(process.cwd(), 'spec/kubelet/testdata');
const cases = readdirSync(dir).filter((f) => f.endsWith('.input.json')).map((f) => f.replace(/\.input\.json$/, '')).sort();

/** Replaces what changes with unrelated code (runtime IDs, UIDs, image digests) by stable placeholders. */
function normalise(status: unknown, uid: string, ids: Map<string, string>): unknown {
  const text = JSON.stringify(status)
    .replace(/containerd:\/\/([0-9a-f]{64})/g, (_m, id: string) => {
      if (!ids.has(id)) ids.set(id, `<container-${ids.size + 1}>`);
      return `containerd://${ids.get(id)!}`;
    })
    .replace(/@sha256:[0-9a-f]{64}/g, '@sha256:<digest>')
    .split(uid).join('<pod-uid>');
  return JSON.parse(text) as unknown;
}

function run(input: GoldenInput): GoldenOutput {
  const cluster = newCluster();
  const pods = cluster.pods('default');
  const created = pods.create(input.pod);
  const name = created.metadata!.name!;
  const uid = created.metadata!.uid!;
  const start = cluster.clock.now();
  const ids = new Map<string, string>();
  const steps: GoldenOutput['steps'] = [];
  for (const step of input.steps) {
    if ('advanceMs' in step) cluster.advance(step.advanceMs);
    else if ('debug' in step) pods.debug(name, step.debug);
    else pods.delete(name, step.delete);
    let status: unknown;
    try {
      status = normalise(pods.get(name).status, uid, ids);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      status = 'NotFound';
    }
    steps.push({ step, elapsedMs: cluster.clock.now() - start, status });
  }
  expect(kubeletErrors(cluster)).toEqual([]);
  return { description: input.description, steps };
}

describe('kubelet golden files: a pod and clock steps → the status the API shows after each step', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases)('%s', (name) => {
    const input = JSON.parse(readFileSync(path.join(dir, `${name}.input.json`), 'utf8')) as GoldenInput;
    const output = run(input);
    const file = path.join(dir, `${name}.output.json`);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
    expect(existsSync(file)).toBe(true);
    expect(output).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
