import type { KubernetesObject, Namespace } from './api/types.js';
import { SYSTEM_NAMESPACES } from './api/well-known.js';
import type { Clock } from './clock/clock.js';
import { VirtualClock } from './clock/virtual-clock.js';
import { NamespaceClient } from './client/namespaces.js';
import { PodClient } from './client/pods.js';
import { PodStreams } from './client/streams.js';
import { podContainerStreams } from './runtime/container-streams.js';
import type { Event, Node } from './api/types.js';
import { ResourceClient } from './client/resource-client.js';
import { EventBroadcaster } from './controllers/event-recorder.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { Kubelet, type KubeletOptions } from './kubelet/kubelet.js';
import { ImageCatalogue, type ImageBehaviour, type ImageFactory } from './runtime/images.js';
import { ClusterNetwork } from './runtime/network.js';
import { Scheduler } from './scheduler/scheduler.js';
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
  /**
   * The nodes to start with, each with a simulated kubelet: a count (named `node-1` … `node-N`) or a list
   * of names. Default 1 (`node-1`); 0 for a cluster without nodes.
   */
  nodes?: number | readonly string[];
  /** Whether the default scheduler runs (default true). */
  scheduler?: boolean;
  /** The images the nodes can pull (default: a catalogue with the built-in images). */
  images?: ImageCatalogue;
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
  /** The images the nodes pull from (register more with {@link Cluster.registerImage}). */
  readonly images: ImageCatalogue;
  /** The pod network all nodes share. */
  readonly network: ClusterNetwork;
  private readonly controllers: { stop(): void }[] = [];
  private readonly ids: Ids;
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly eventBroadcaster: EventBroadcaster;
  private nodeCount = 0;
  private readonly seed: number;

  /** @internal use {@link createCluster} */
  constructor(private readonly opts: ClusterOptions) {
    this.clock = opts.clock ?? new VirtualClock();
    this.store = new VersionedStore({
      ...(opts.historySize !== undefined ? { historySize: opts.historySize } : {}),
      ...(opts.watcherBufferSize !== undefined ? { watcherBufferSize: opts.watcherBufferSize } : {}),
    });
    this.ids = createIds(opts.seed ?? 1);
    this.seed = opts.seed ?? 1;
    this.registry = new Registry({ store: this.store, clock: this.clock, ids: this.ids });
    this.namespaces = new NamespaceClient(this.registry.namespaces, this.clock, '');
    this.images = opts.images ?? new ImageCatalogue();
    this.network = new ClusterNetwork();
    this.eventBroadcaster = new EventBroadcaster({ clock: this.clock, events: (ns) => this.events(ns) });
  }

  /** Adds a node: its kubelet registers the Node object and starts running the pods bound to it. */
  addNode(name: string, opts: KubeletOptions = {}): Kubelet {
    if (this.kubelets.has(name)) throw new Error(`node ${name} already has a kubelet`);
    const kubelet = new Kubelet(name, {
      clock: this.clock,
      pods: (ns) => this.pods(ns),
      nodes: this.nodes,
      images: this.images,
      network: this.network,
      recorder: this.eventBroadcaster.newRecorder({ component: 'kubelet', host: name }),
    }, { index: ++this.nodeCount, seed: this.seed, ...opts });
    this.kubelets.set(name, kubelet);
    return kubelet.start();
  }

  /** Removes a node: its kubelet stops (its containers die with it) and the Node object is deleted. */
  removeNode(name: string): void {
    this.kubelets.get(name)?.stop();
    this.kubelets.delete(name);
    try {
      this.nodes.delete(name);
    } catch {
      // already gone
    }
  }

  /** The kubelet of a node (for logs, exec and static pods). */
  kubelet(name: string): Kubelet {
    const k = this.kubelets.get(name);
    if (!k) throw new Error(`no node named ${name}`);
    return k;
  }

  /** The names of the nodes that have a kubelet. */
  nodeNames(): string[] {
    return [...this.kubelets.keys()];
  }

  /** Registers an image the nodes can pull (see the runtime's `ImageCatalogue.register`). */
  registerImage(name: string, behaviour: ImageBehaviour | ImageFactory | 'missing'): void {
    this.images.register(name, behaviour);
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

  /** Exec, attach and logs for the pods of a namespace: scripted sessions on the cluster's clock. */
  streams(namespace = 'default'): PodStreams {
    return new PodStreams(this.pods(namespace), podContainerStreams((node) => this.kubelet(node)), this.clock);
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

  /** Stops the controllers and kubelets and closes every watch. */
  close(): void {
    for (const c of this.controllers) c.stop();
    for (const k of this.kubelets.values()) k.stop();
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
    const nodes = this.opts.nodes ?? 1;
    for (const name of typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => `node-${i + 1}`) : nodes) this.addNode(name);
    if (this.opts.scheduler !== false) {
      const scheduler = new Scheduler({ clock: this.clock, pods: (ns) => this.pods(ns), nodes: this.nodes, events: (ns) => this.events(ns) });
      scheduler.start();
      this.controllers.push(scheduler);
    }
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
