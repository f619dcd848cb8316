import type { KubernetesObject, Namespace } from './api/types.js';
import { SYSTEM_NAMESPACES } from './api/well-known.js';
import type { Clock } from './clock/clock.js';
import { VirtualClock } from './clock/virtual-clock.js';
import { NamespaceClient } from './client/namespaces.js';
import { PodClient } from './client/pods.js';
import type { Event, Node } from './api/types.js';
import { ResourceClient } from './client/resource-client.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { createIds, type Ids } from './registry/ids.js';
import { Registry } from './registry/registry.js';
import { VersionedStore } from './store/store.js';

/** Options of {@link createCluster}. */
export interface ClusterOptions {
  /** The clock; a {@link VirtualClock} (the default) for tests, a SystemClock for a served cluster. */
  clock?: Clock;
  /** Seed of UIDs and generated names: the same seed gives byte-identical objects (default 1). */
  seed?: number;
  /** Watch events kept per resource for resuming watches (default 10,000). */
  historySize?: number;
  /** Events a watcher may leave unread before it is closed (default 10,000). */
  watcherBufferSize?: number;
}

/**
 * A simulated cluster: the API (registry over a versioned store) plus the controllers that make it
 * behave (namespace controller). Obtain one with {@link createCluster}.
 */
export class Cluster {
  /** The cluster's clock. */
  readonly clock: Clock;
  /** The store (for inspection; all writes go through the registry). */
  readonly store: VersionedStore;
  /** Every served resource. */
  readonly registry: Registry;
  /** The namespaces client. */
  readonly namespaces: NamespaceClient;
  private readonly controllers: { stop(): void }[] = [];
  private readonly ids: Ids;

  /** @internal use {@link createCluster} */
  constructor(opts: ClusterOptions) {
    this.clock = opts.clock ?? new VirtualClock();
    this.store = new VersionedStore({
      ...(opts.historySize !== undefined ? { historySize: opts.historySize } : {}),
      ...(opts.watcherBufferSize !== undefined ? { watcherBufferSize: opts.watcherBufferSize } : {}),
    });
    this.ids = createIds(opts.seed ?? 1);
    this.registry = new Registry({ store: this.store, clock: this.clock, ids: this.ids });
    this.namespaces = new NamespaceClient(this.registry.namespaces, this.clock, '');
  }

  /** The virtual clock, or an error when the cluster runs on real time. */
  get virtualClock(): VirtualClock {
    if (!(this.clock instanceof VirtualClock)) throw new Error('this cluster does not run on a VirtualClock');
    return this.clock;
  }

  /** The pods client for a namespace ('' lists and watches all namespaces). */
  pods(namespace = 'default'): PodClient {
    return new PodClient(this.registry.pods, this.clock, namespace, this.ids.rng);
  }

  /** The nodes client. */
  get nodes(): ResourceClient<Node> {
    return new ResourceClient<Node>(this.registry.nodes, this.clock, '');
  }

  /** The events client for a namespace ('' for all). */
  events(namespace = 'default'): ResourceClient<Event> {
    return new ResourceClient<Event>(this.registry.events, this.clock, namespace);
  }

  /** A client for any served resource by plural name, in a namespace ('' for all or cluster-scoped). */
  resource<T extends KubernetesObject = KubernetesObject>(resource: string, namespace = ''): ResourceClient<T> {
    const rest = this.registry.resource<T>(resource);
    if (!rest) throw new Error(`the cluster does not serve ${resource}`);
    return new ResourceClient<T>(rest, this.clock, rest.namespaced ? namespace : '');
  }

  /** Advances the virtual clock (shorthand for `cluster.virtualClock.advance(ms)`). */
  advance(ms: number): void {
    this.virtualClock.advance(ms);
  }

  /** Runs the virtual clock until `until()` holds or `limitMs` of virtual time passed. */
  runUntil(until: () => boolean, limitMs?: number): boolean {
    return this.virtualClock.runUntil(until, limitMs);
  }

  /** Stops the controllers and closes every watch. */
  close(): void {
    for (const c of this.controllers) c.stop();
    this.store.closeAllWatchers();
  }

  /** @internal */
  boot(): this {
    const ctx = { namespace: '', now: this.clock.now() };
    for (const name of SYSTEM_NAMESPACES) this.registry.namespaces.create(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as Namespace);
    const nsController = new NamespaceController({
      clock: this.clock,
      namespaces: this.namespaces,
      contentClients: (ns) => this.registry.all().filter((r) => r.namespaced).map((r) => new ResourceClient(r, this.clock, ns)),
      watchContent: () => this.registry.all().filter((r) => r.namespaced).map((r) => r.watch({ namespace: '', now: this.clock.now() }, { resourceVersion: String(this.store.resourceVersion) })),
    });
    nsController.start();
    this.controllers.push(nsController);
    return this;
  }
}

/**
 * Creates a simulated cluster with the system namespaces (`default`, `kube-system`, `kube-public`,
 * `kube-node-lease`), on a {@link VirtualClock} unless another clock is given.
 *
 * @example
 * const cluster = createCluster({ seed: 42 });
 * cluster.namespaces.create({ metadata: { name: 'demo' } });
 */
export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options).boot();
}
