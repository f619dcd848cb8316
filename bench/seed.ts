/**
 * Filling a cluster with many realistic pods quickly. Creating 100,000 pods one by one through
 * `cluster.pods(ns).create` takes minutes; the benchmarks measure the create rate *at* a size, not the
 * time to reach it. So one template pod takes the real path (pods create → pods/binding →
 * pods/status, every step through the registry) and the rest are copies of the stored template with
 * their own name, uid, labels, node, IPs and container ID, written with `VersionedStore.create` — the
 * same call the registry makes last for every create. Each copy is a fresh object tree (no sharing with
 * the template), deep-frozen and given its resourceVersion by the store, and its ADDED event is
 * recorded and delivered to the open watchers exactly as for a create through the door.
 */
import { mutableMeta, writable, type Pod, type PodStatus } from '../lib/api/types.js';
import type { Cluster } from '../lib/cluster.js';
import { inputPod, podIP, podLabels, runningStatus } from './pod-fixtures.js';

/** Nodes the seeded pods are spread over (`node-0` … `node-99`). */
export const SEED_NODES = 100;

/** The stored form of one pod that went through the door, bound and running: what seeded copies are made from. */
export function seedTemplate(cluster: Cluster, namespace = 'default'): Pod {
  const pods = cluster.pods(namespace);
  const created = pods.create(inputPod(-1, namespace));
  const name = created.metadata!.name!;
  pods.bind(name, 'node-0');
  const bound = pods.get(name);
  const now = bound.metadata!.creationTimestamp!;
  const withStatus = structuredClone(bound);
  writable(withStatus).status = runningStatus(0, 'node-0', '192.168.0.10', now);
  pods.updateStatus(withStatus);
  const stored = pods.get(name);
  pods.delete(name, { gracePeriodSeconds: 0 });
  return stored;
}

const uidOf = (i: number): string => `5eed0000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The alphabet of generated name suffixes (apimachinery `rand.String`). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A 5-character suffix for replica `i`, as each real pod has its own `kube-api-access-xxxxx` volume. */
function suffixOf(i: number): string {
  let s = '';
  let n = i * 7919 + 12345;
  for (let k = 0; k < 5; k++) {
    s += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length);
  }
  return s;
}

/** What identifies the template in its JSON text, found once per template. */
interface TemplateText {
  json: string;
  /** Pairs of [what the template has, how replica i's value is made]. */
  replace: [string, (i: number) => string][];
}

const templateTexts = new WeakMap<Pod, TemplateText>();

function templateText(template: Pod): TemplateText {
  let t = templateTexts.get(template);
  if (t) return t;
  const meta = template.metadata!;
  const status = template.status!;
  const token = template.spec!.volumes?.find((v) => v.name.startsWith('kube-api-access-'))?.name;
  const nodeOf = (i: number): number => i % SEED_NODES;
  const fresh = (i: number): PodStatus => runningStatus(i, `node-${nodeOf(i)}`, `192.168.${nodeOf(i) >> 8}.${(nodeOf(i) & 255) + 10}`, meta.creationTimestamp!);
  const replace: TemplateText['replace'] = [
    [`"${meta.name!}"`, (i) => `"seed-${i}"`],
    [meta.uid!, uidOf],
    [`"${template.spec!.nodeName!}"`, (i) => `"node-${nodeOf(i)}"`],
    [status.hostIP!, (i) => fresh(i).hostIP!],
    // The pod IP is also a key of the kubelet's managed fields (`k:{"ip":"…"}`), as in a real pod.
    [status.podIP!, podIP],
    [status.containerStatuses![0]!.containerID!, (i) => fresh(i).containerStatuses![0]!.containerID!],
  ];
  // The service-account token volume has a generated name in every pod.
  if (token) replace.push([token, (i) => `kube-api-access-${suffixOf(i)}`]);
  t = { json: JSON.stringify({ ...template, metadata: { ...meta, resourceVersion: undefined } }), replace };
  templateTexts.set(template, t);
  return t;
}

/**
 * A fresh copy of `template` as replica `i`: its own name, uid, labels, token volume name, node, host
 * and pod IPs and container ID — everything that differs between the replicas of a real Deployment,
 * wherever it occurs (the pod IP also in the managed fields) — and no resourceVersion.
 */
export function seededCopy(template: Pod, i: number): Pod {
  const t = templateText(template);
  let json = t.json;
  for (const [from, to] of t.replace) json = json.split(from).join(to(i));
  const pod = JSON.parse(json) as Pod;
  mutableMeta(pod).labels = podLabels(i);
  return pod;
}

/** Seeds replicas `from` … `to - 1` of `template` into the cluster's store. Returns the wall ms taken. */
export function seedPods(cluster: Cluster, template: Pod, from: number, to: number): number {
  const ns = template.metadata!.namespace!;
  const t0 = performance.now();
  for (let i = from; i < to; i++) cluster.store.create('pods', `${ns}/seed-${i}`, seededCopy(template, i));
  return performance.now() - t0;
}
