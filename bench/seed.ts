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
import { mutableMeta, writable, type Pod } from '../lib/api/types.js';
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

/** A fresh copy of `template` as replica `i`: unique name, uid, labels, node, pod IP and container ID. */
export function seededCopy(template: Pod, i: number): Pod {
  const pod = JSON.parse(JSON.stringify(template)) as Pod;
  const meta = mutableMeta(pod);
  meta.name = `seed-${i}`;
  meta.uid = uidOf(i);
  meta.labels = podLabels(i);
  delete meta.resourceVersion;
  const node = i % SEED_NODES;
  pod.spec!.nodeName = `node-${node}`;
  const fresh = runningStatus(i, `node-${node}`, `192.168.${node >> 8}.${(node & 255) + 10}`, meta.creationTimestamp!);
  const status = writable(pod.status!);
  status.hostIP = fresh.hostIP!;
  status.hostIPs = fresh.hostIPs!;
  status.podIP = podIP(i);
  status.podIPs = [{ ip: podIP(i) }];
  status.containerStatuses![0]!.containerID = fresh.containerStatuses![0]!.containerID!;
  return pod;
}

/** Seeds replicas `from` … `to - 1` of `template` into the cluster's store. Returns the wall ms taken. */
export function seedPods(cluster: Cluster, template: Pod, from: number, to: number): number {
  const ns = template.metadata!.namespace!;
  const t0 = performance.now();
  for (let i = from; i < to; i++) cluster.store.create('pods', `${ns}/seed-${i}`, seededCopy(template, i));
  return performance.now() - t0;
}
