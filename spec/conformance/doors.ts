import type { Pod } from '../../lib/api/types.js';
import { createCluster, StatusError, type Cluster } from '../../lib/index.js';
import { withPodDefaults } from '../../lib/defaulting/pod.js';
import { serve } from '../../lib/serve.js';

/** The outcome of one request: the object, or the Status of the error. */
export type Outcome = { ok: true; object: Pod } | { ok: false; status: StatusError['status'] };

/** A way to reach kubesim: the library door or the HTTP door. */
export interface Door {
  readonly name: string;
  /** Puts `pod` into the store as it is (the state the case starts from) and makes its namespace exist. */
  seed(pod: Pod): Promise<Pod>;
  putEphemeralContainers(ns: string, name: string, body: Pod): Promise<Outcome>;
  putPod(ns: string, name: string, body: Pod): Promise<Outcome>;
  postPod(ns: string, body: Pod): Promise<Outcome>;
  /** Makes a namespace exist. */
  ensureNamespace(ns: string): Promise<void>;
  getPod(ns: string, name: string): Promise<Pod>;
  /** The store's resourceVersion, to check that a rejected write changed nothing. */
  resourceVersion(): number;
  close(): Promise<void>;
}

const attempt = (fn: () => Pod): Outcome => {
  try {
    return { ok: true, object: fn() };
  } catch (e) {
    if (e instanceof StatusError) return { ok: false, status: e.status };
    throw e;
  }
};

/** Ensures a namespace exists. */
export function ensureNamespace(cluster: Cluster, ns: string): void {
  if (!cluster.store.get('namespaces', ns)) cluster.namespaces.create({ metadata: { name: ns } });
}

/** Seeds a stored pod into the store directly: the case defines what etcd holds, not a create request. */
export function seedPod(cluster: Cluster, pod: Pod): Pod {
  const ns = pod.metadata?.namespace ?? 'default';
  ensureNamespace(cluster, ns);
  // The apiserver defaults what it reads from etcd, so the stored pod is seen defaulted.
  const stored: Pod = JSON.parse(JSON.stringify(withPodDefaults(pod))) as Pod;
  const meta = stored.metadata as Record<string, unknown>;
  meta['namespace'] = ns;
  meta['uid'] ??= '6f0b7d64-0000-4000-8000-000000000001';
  meta['creationTimestamp'] ??= '2024-01-01T00:00:00Z';
  return cluster.store.create('pods', `${ns}/${pod.metadata?.name ?? ''}`, stored);
}

/** The library door: `cluster.pods(ns)`. */
export function libraryDoor(): Door {
  const cluster = createCluster({ seed: 1 });
  return {
    name: 'library',
    seed: (pod) => Promise.resolve(seedPod(cluster, pod)),
    putEphemeralContainers: (ns, _name, body) => Promise.resolve(attempt(() => cluster.pods(ns).updateEphemeralContainers(body))),
    putPod: (ns, _name, body) => Promise.resolve(attempt(() => cluster.pods(ns).update(body))),
    postPod: (ns, body) => Promise.resolve(attempt(() => cluster.pods(ns).create(body))),
    ensureNamespace: (ns) => Promise.resolve(ensureNamespace(cluster, ns)),
    getPod: (ns, name) => Promise.resolve(cluster.pods(ns).get(name)),
    resourceVersion: () => cluster.store.resourceVersion,
    close: () => {
      cluster.close();
      return Promise.resolve();
    },
  };
}

/** The body of an HTTP answer as an Outcome: the object on 2xx, else the Status it carries. */
async function outcomeOf(r: Response): Promise<Outcome> {
  const body = (await r.json()) as Pod & StatusError['status'];
  if (r.ok) return { ok: true, object: body };
  return { ok: false, status: body };
}

/**
 * The HTTP door: the same cluster served on 127.0.0.1 (`serve`), the case's stored pod seeded through
 * the cluster object, then every request made with `fetch` as JSON, as any client would send it.
 */
export async function httpDoor(): Promise<Door> {
  const cluster = createCluster({ seed: 1 });
  const served = await serve(cluster, { port: 0 });
  const podPath = (ns: string, name = ''): string => `${served.url}/api/v1/namespaces/${ns}/pods${name === '' ? '' : `/${name}`}`;
  const send = (method: string, url: string, body: unknown): Promise<Outcome> =>
    fetch(url, { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) }).then(outcomeOf);
  const getPod = async (ns: string, name: string): Promise<Pod> => {
    const r = await fetch(podPath(ns, name), { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`GET pod ${ns}/${name}: ${r.status} ${await r.text()}`);
    return (await r.json()) as Pod;
  };
  return {
    name: 'http',
    // Seeded as the library door does, then read back over HTTP so `before` and `after` compare the wire form.
    seed: (pod) => {
      const stored = seedPod(cluster, pod);
      return getPod(stored.metadata!.namespace!, stored.metadata!.name!);
    },
    putEphemeralContainers: (ns, name, body) => send('PUT', `${podPath(ns, name)}/ephemeralcontainers`, body),
    putPod: (ns, name, body) => send('PUT', podPath(ns, name), body),
    postPod: (ns, body) => send('POST', podPath(ns), body),
    ensureNamespace: (ns) => Promise.resolve(ensureNamespace(cluster, ns)),
    getPod,
    resourceVersion: () => cluster.store.resourceVersion,
    close: async () => {
      await served.close();
      cluster.close();
    },
  };
}
