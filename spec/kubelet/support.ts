import type { Container, Pod, PodSpec, PodStatus } from '../../lib/api/types.js';
import { createCluster, type Cluster, type ClusterOptions } from '../../lib/cluster.js';

/** A cluster on the virtual clock with one node (`node-1`) and the scheduler. */
export function newCluster(opts: ClusterOptions = {}): Cluster {
  return createCluster({ seed: 7, ...opts });
}

/** A pod with one container `app` running `command` (busybox:1.36 unless given). */
export function podWith(name: string, command: string[], spec: Partial<PodSpec> = {}, container: Partial<Container> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', command, ...container }], ...spec },
  };
}

/** The pod's status as the API shows it now. */
export function statusOf(cluster: Cluster, name: string, ns = 'default'): PodStatus {
  return cluster.pods(ns).get(name).status ?? {};
}

/** Every status the API showed for a pod, with the virtual time of each write. */
export function recordStatuses(cluster: Cluster, name: string, ns = 'default'): { at: number; type: string; pod: Pod }[] {
  const seen: { at: number; type: string; pod: Pod }[] = [];
  cluster.pods(ns).watch({ fieldSelector: `metadata.name=${name}` }).onEvent((e) => {
    seen.push({ at: cluster.clock.now(), type: e.type, pod: e.object });
  });
  return seen;
}

/** The events about an object, oldest first, as `type reason message` plus count and field path. */
export function eventsFor(cluster: Cluster, name: string, ns = 'default'): { type: string; reason: string; message: string; count: number; fieldPath: string; source: string }[] {
  return cluster.events(ns).list().items
    .filter((e) => e.involvedObject.name === name)
    .map((e) => ({
      type: e.type ?? '', reason: e.reason ?? '', message: e.message ?? '', count: e.count ?? 0,
      fieldPath: e.involvedObject.fieldPath ?? '', source: `${e.source?.component ?? ''}/${e.source?.host ?? ''}`,
    }));
}

/** The kubelet's internal failures (a sync that threw, an API write refused): every test expects none. */
export function kubeletErrors(cluster: Cluster, node = 'node-1'): unknown[] {
  const k = cluster.kubelet(node) as unknown as { workers: Map<string, { lastError: unknown }>; statusWriter: { errors: unknown[] } };
  return [...[...k.workers.values()].map((w) => w.lastError).filter((e) => e !== undefined), ...k.statusWriter.errors];
}

/** Time since the cluster's start, in ms. */
export function elapsed(cluster: Cluster, at: number = cluster.clock.now()): number {
  return at - Date.UTC(2024, 0, 1);
}
