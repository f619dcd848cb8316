import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../../lib/admission/priority.js';
import { rfc3339 } from '../../../lib/clock/clock.js';
import { SeededRandom } from '../../../lib/ids/random.js';
import { managerFromUserAgent } from '../../../lib/registry/managed-fields.js';
import { preparePodCreate } from '../../../lib/registry/pod/create-pipeline.js';

interface Case {
  name: string;
  request: unknown;
  stored: Record<string, unknown>;
  call: { method: string; path: string; query: Record<string, string>; contentType: string; userAgent: string };
  assumes?: { kind: string; metadata: { name: string; namespace?: string } }[];
}

const file = resolve(process.cwd(), '../shared/reference/pod-create/pod-create-cases.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases;
const NOW = Date.parse('2025-01-08T14:27:07Z');
const SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** Runs one case through the pipeline with the cluster state it assumes. */
function run(c: Case) {
  const namespace = /\/namespaces\/([^/]+)\//.exec(c.call.path)?.[1] ?? '';
  const accounts = (c.assumes ?? []).filter((a) => a.kind === 'ServiceAccount') as ServiceAccount[];
  const classes = [...SYSTEM_PRIORITY_CLASSES, ...((c.assumes ?? []).filter((a) => a.kind === 'PriorityClass') as PriorityClass[])];
  const name = c.call.method === 'PATCH' ? c.call.path.split('/').pop() : undefined;
  return preparePodCreate(c.request, {
    namespace,
    name,
    now: NOW,
    rng: new SeededRandom(42),
    manager: c.call.query.fieldManager ?? managerFromUserAgent(c.call.userAgent),
    operation: c.call.contentType === 'application/apply-patch+yaml' ? 'Apply' : 'Update',
    admission: {
      // The ServiceAccount controller creates `default` in every namespace.
      serviceAccounts: { get: (ns, n) => (n === 'default' ? { metadata: { name: n, namespace: ns } } : accounts.find((a) => a.metadata?.name === n && a.metadata.namespace === ns)) },
      priorityClasses: { get: (n) => classes.find((pc) => pc.metadata?.name === n), list: () => classes },
    },
  });
}

/** The reference object with its placeholders replaced by what this run produced where the case allows any value. */
function expected(c: Case, pod: Record<string, unknown>): unknown {
  const meta = pod.metadata as { uid: string; name: string };
  const volumes = ((pod.spec as { volumes?: { name: string }[] }).volumes ?? []).map((v) => v.name);
  const token = volumes.find((v) => v.startsWith('kube-api-access-'))?.slice('kube-api-access-'.length) ?? '<none>';
  const nameSuffix = meta.name.slice(-5);
  const text = JSON.stringify(c.stored)
    .replaceAll('<ts>', rfc3339(NOW))
    .replaceAll('<uid>', meta.uid)
    .replaceAll('<name-suffix>', nameSuffix)
    .replaceAll('<suffix>', token);
  const out = JSON.parse(text) as { metadata: Record<string, unknown> };
  delete out.metadata.resourceVersion; // set by the store
  return out;
}

describe('pod create in kube-apiserver 1.32: the 27 reference cases, replayed through preparePodCreate', () => {
  it('has all 27 cases', () => {
    expect(cases).toHaveLength(27);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: stored pod matches the reference field for field and in Go key order', (_n, c) => {
    const { pod } = run(c);
    const got = pod as unknown as Record<string, unknown>;
    expect(got).toEqual(expected(c, got));
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected(c, got)));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: unpredictable values have their documented form', (_n, c) => {
    const { pod } = run(c);
    expect(pod.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const v of pod.spec?.volumes ?? []) {
      if (v.name.startsWith('kube-api-access-')) expect(v.name.slice('kube-api-access-'.length)).toMatch(SUFFIX);
    }
    if (pod.metadata?.generateName) expect(pod.metadata.name?.slice(pod.metadata.generateName.length)).toMatch(SUFFIX);
  });
});
