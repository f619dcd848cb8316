/**
 * Shared helpers of the registry tests: a fresh cluster, the Status a call throws, and a recorder of
 * watch events (to prove a rejected or no-op write emitted nothing).
 */
import type { KubernetesObject, Pod, WatchEvent } from '../../../lib/api/types.js';
import { createCluster, type Cluster } from '../../../lib/cluster.js';
import { StatusError, type FailureStatus } from '../../../lib/errors/status-error.js';
import type { ResourceClient } from '../../../lib/client/resource-client.js';

/** A cluster on a virtual clock with a fixed seed, with no nodes and no scheduler: only the API and its controllers. */
export function newCluster(seed = 7): Cluster {
  return createCluster({ seed, nodes: 0, scheduler: false });
}

/** The Status a call throws; fails the test when it does not throw a StatusError. */
export function statusOf(fn: () => unknown): FailureStatus {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected the call to fail with a StatusError, but it succeeded');
}

/** Every watch event of a resource from now on (ADDED/MODIFIED/DELETED), collected synchronously. */
export function recordEvents<T extends KubernetesObject>(client: ResourceClient<T>, from: string): WatchEvent<T>[] {
  const events: WatchEvent<T>[] = [];
  client.watch({ resourceVersion: from }).onEvent((e) => events.push(e));
  return events;
}

/** A minimal pod body as a user sends it (one container `app`, image `nginx:1.27`). */
export function podBody(name: string, extra: Partial<Pod> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    ...extra,
  };
}

/** A JSON deep copy. */
export const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Snapshot of what a rejected write must leave untouched: the stored pod and the cluster resourceVersion. */
export function snapshot(cluster: Cluster, ns: string, name: string): { pod: string; rv: number } {
  return { pod: JSON.stringify(cluster.store.get('pods', `${ns}/${name}`)), rv: cluster.store.resourceVersion };
}
