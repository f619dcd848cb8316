/**
 * The 27 pod-create reference cases (`pod-create/pod-create-cases.json`) replayed through the library
 * door: `cluster.pods(ns).create(body, {fieldManager})` (the server-side-apply case through
 * `patch(name, 'apply', body)`), with the ServiceAccounts and PriorityClasses a case assumes created
 * first. Only the placeholders the reference calls unpredictable are filled in from the answer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pod } from '../../../lib/api/types.js';
import { rfc3339 } from '../../../lib/clock/clock.js';
import type { Cluster } from '../../../lib/cluster.js';
import { managerFromUserAgent } from '../../../lib/registry/managed-fields.js';
import { copy, newCluster } from './helpers.js';

interface Case {
  name: string;
  request: Pod;
  stored: Record<string, unknown>;
  call: { method: string; path: string; query: Record<string, string>; contentType: string; userAgent: string };
  assumes?: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }[];
}

const file = resolve(process.cwd(), '../shared/reference/pod-create/pod-create-cases.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases;
const SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Sends the case's request as its call does; returns what the door answered and the cluster. */
function replay(c: Case): { cluster: Cluster; answer: Pod } {
  const cluster = newCluster();
  for (const a of c.assumes ?? []) {
    const plural = a.kind === 'ServiceAccount' ? 'serviceaccounts' : 'priorityclasses';
    cluster.resource(plural, a.metadata.namespace ?? '').create(copy(a));
  }
  const ns = /\/namespaces\/([^/]+)\//.exec(c.call.path)![1]!;
  const fieldManager = c.call.query.fieldManager ?? managerFromUserAgent(c.call.userAgent);
  const pods = cluster.pods(ns);
  const answer =
    c.call.method === 'PATCH'
      ? pods.patch(c.call.path.split('/').pop()!, 'apply', copy(c.request), { fieldManager })
      : pods.create(copy(c.request), { fieldManager });
  return { cluster, answer };
}

/** The reference object with its unpredictable placeholders taken from the answer. */
function expected(c: Case, cluster: Cluster, got: Pod): unknown {
  const token = (got.spec?.volumes ?? []).map((v) => v.name).find((n) => n.startsWith('kube-api-access-'))?.slice('kube-api-access-'.length) ?? '<none>';
  const text = JSON.stringify(c.stored)
    .replaceAll('<ts>', rfc3339(cluster.clock.now()))
    .replaceAll('<uid>', got.metadata!.uid!)
    .replaceAll('<rv>', got.metadata!.resourceVersion!)
    .replaceAll('<name-suffix>', got.metadata!.name!.slice(-5))
    .replaceAll('<suffix>', token);
  return JSON.parse(text);
}

describe('POST pods through the library door: the 27 reference cases of a default v1.32 apiserver', () => {
  it('replays all 27 cases', () => {
    expect(cases).toHaveLength(27);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: the answer is the stored pod, byte for byte in Go key order', (_n, c) => {
    const { cluster, answer } = replay(c);
    expect(JSON.stringify(answer)).toBe(JSON.stringify(expected(c, cluster, answer)));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: a later GET returns the same object', (_n, c) => {
    const { cluster, answer } = replay(c);
    expect(cluster.pods(answer.metadata!.namespace!).get(answer.metadata!.name!)).toEqual(answer);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: the unpredictable values have their documented form', (_n, c) => {
    const { answer } = replay(c);
    expect(answer.metadata?.uid).toMatch(UUID);
    expect(answer.metadata?.resourceVersion).toMatch(/^[1-9][0-9]*$/);
    for (const v of answer.spec?.volumes ?? []) {
      if (v.name.startsWith('kube-api-access-')) expect(v.name.slice('kube-api-access-'.length)).toMatch(SUFFIX);
    }
    if (answer.metadata?.generateName) expect(answer.metadata.name?.slice(answer.metadata.generateName.length)).toMatch(SUFFIX);
  });
});
