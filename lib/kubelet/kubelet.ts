/**
 * A simulated kubelet (`pkg/kubelet/kubelet.go`): registers its Node, watches the pods bound to it
 * (`spec.nodeName=NODE`) and runs each in a pod worker on the clock, against a simulated containerd.
 * It is an API client like the real one: statuses go through `pods/status`, events through `events`,
 * mirror pods and final deletions through `pods`. Logs and exec are served from its runtime.
 */
import type { Node, Pod, PodStatus, WatchEvent } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import type { PodClient } from '../client/pods.js';
import type { ResourceClient } from '../client/resource-client.js';
import { isAlreadyExists, newBadRequest, newNotFound } from '../errors/constructors.js';
import type { ClusterNetwork } from '../runtime/network.js';
import type { Process } from '../runtime/process.js';
import type { InputStream, OutputStream } from '../runtime/streams.js';
import type { Watcher } from '../store/watcher.js';
import { followLog, logQuery, type LogReadOptions } from './container-logs.js';
import type { ConfigContext } from './container-config.js';
import type { KubeletEventRecorder } from './events.js';
import { ImageManager } from './image-manager.js';
import { ImageService, type ImageCatalogue } from './image-service.js';
import { podContainerNames, validateContainerLogStatus } from './log-status.js';
import { initialNode, nodeInternalIP, nodeRandom, type NodeRegistrationOptions } from './node-registration.js';
import { nextWakeUp, syncRunningPod, syncTerminatingPod, type SyncContext } from './pod-sync.js';
import { isPodPhaseTerminal } from './pod-phase.js';
import { PodWorker } from './pod-worker.js';
import { RuntimeService, type ContainerInstance } from './runtime-service.js';
import { StaticPods } from './static-pod-manager.js';
import { canonicalJSON, StatusWriter } from './status-writer.js';
import { isMirrorPod } from './static-pods.js';
import type { Task } from './task.js';
import type { BackoffTable } from './backoff.js';

/** The API clients and shared parts a kubelet is given. */
export interface KubeletDeps {
  readonly clock: Clock;
  readonly pods: (namespace: string) => PodClient;
  readonly nodes: ResourceClient<Node>;
  /** The simulated registries the node pulls from. */
  readonly images: ImageCatalogue;
  /** The pod network (shared by the cluster's nodes). */
  readonly network: ClusterNetwork;
  /** Where events go: an event recorder with source `{component: kubelet, host: NODE}`. */
  readonly recorder: KubeletEventRecorder;
}

/** Node facts and behaviour of one kubelet. */
export interface KubeletOptions extends Partial<NodeRegistrationOptions> {
  /** Images already on the node when it starts (no pull, `already present on machine`). */
  readonly preloadedImages?: readonly string[];
}

/** `kubectl logs` options the kubelet serves (`v1.PodLogOptions`). */
export interface PodLogOptions extends LogReadOptions {
  previous?: boolean;
}

/** Whether two versions of a pod differ in what the kubelet acts on (`config.go podsDifferSemantically`). */
function podsDifferSemantically(a: Pod, b: Pod): boolean {
  const pick = (p: Pod) => [p.spec, p.metadata?.labels, p.metadata?.annotations, p.metadata?.deletionTimestamp, p.metadata?.deletionGracePeriodSeconds];
  return canonicalJSON(pick(a)) !== canonicalJSON(pick(b));
}

/** One node's kubelet. Create it, then {@link Kubelet.start}. */
export class Kubelet {
  readonly runtime: RuntimeService;
  readonly images: ImageService;
  readonly statusWriter: StatusWriter;
  readonly staticPods: StaticPods;
  /** The registered Node, once started. */
  node: Node | undefined;
  private readonly workers = new Map<string, PodWorker>();
  private readonly recorder: KubeletEventRecorder;
  private readonly imageManager: ImageManager;
  private readonly backOff: { table: BackoffTable } = { table: new Map() };
  private readonly ctx: SyncContext;
  private watcher: Watcher<Pod> | undefined;
  private stopped = false;
  private nextIP = 2;

  constructor(readonly nodeName: string, private readonly deps: KubeletDeps, private readonly opts: KubeletOptions = {}) {
    const clock = deps.clock;
    this.recorder = deps.recorder;
    this.images = new ImageService(deps.images, clock);
    for (const image of opts.preloadedImages ?? []) this.images.preload(image);
    this.imageManager = new ImageManager(this.images, this.recorder, clock);
    this.runtime = new RuntimeService(clock, nodeRandom(nodeName, opts.seed), (uid) => this.workers.get(uid)?.requestSync(0), deps.network,
      nodeInternalIP(opts.index ?? 1));
    this.statusWriter = new StatusWriter(deps.pods);
    const kubelet = this;
    this.ctx = {
      clock, runtime: this.runtime, images: this.imageManager, imageManager: this.imageManager, recorder: this.recorder,
      backOff: this.backOff, hostIPs: [this.hostIP],
      configContext: (pod, sandbox): ConfigContext => ({
        nodeName, hostIP: this.hostIP, podIPs: sandbox.ip ? [sandbox.ip] : [this.hostIP],
        nodeAllocatable: (this.node?.status?.allocatable ?? {}) as Record<string, string>,
      }),
      allocateIP: () => this.allocateIP(),
      publish: (w, status) => this.publish(w, status),
      ensureMirrorPod: (w) => kubelet.staticPods.ensureMirrorPod(w),
      finish: (w) => this.finish(w),
    };
    this.staticPods = new StaticPods({
      nodeName, clock, pods: deps.pods, statusWriter: this.statusWriter, node: () => this.node,
      newWorker: (pod) => this.addWorker(pod, true), worker: (uid) => this.workers.get(uid),
    });
  }

  /** The node's InternalIP, which pods report as hostIP. */
  get hostIP(): string {
    return nodeInternalIP(this.opts.index ?? 1);
  }

  /** Registers the Node (an existing one is adopted) and starts watching the node's pods. */
  start(): this {
    const now = this.deps.clock.now();
    try {
      this.node = this.deps.nodes.create(initialNode(this.nodeName, now, { ...this.opts, index: this.opts.index ?? 1 }));
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      this.node = this.deps.nodes.get(this.nodeName);
    }
    this.watch();
    return this;
  }

  /** Stops the kubelet: no more watching or syncing; every container is killed (the node is switched off). */
  stop(): void {
    this.stopped = true;
    this.watcher?.stop();
    for (const w of this.workers.values()) w.stop();
    for (const uid of this.runtime.podUIDs()) for (const s of this.runtime.sandboxesOf(uid)) this.runtime.stopPodSandbox(s.id);
  }

  /** The pods the kubelet runs (API pods and static pods), by UID. */
  pods(): Pod[] {
    return [...this.workers.values()].map((w) => w.pod);
  }

  /** The status the kubelet last computed for a pod (its status manager's cache). */
  cachedStatus(uid: string): PodStatus | undefined {
    return this.workers.get(uid)?.cachedStatus;
  }

  /** Runs a static pod from a manifest, as if it were put in the manifest directory; returns the pod as the kubelet runs it. */
  addStaticPod(manifest: Pod): Pod {
    return this.staticPods.add(manifest);
  }

  /** Removes a static pod (by manifest name or full `NAME-NODENAME`): its containers stop and its mirror pod goes. */
  removeStaticPod(name: string): boolean {
    return this.staticPods.remove(name);
  }

  /** `GET pods/NAME/log`: the log of one container instance (400 with the kubelet's message when there is none). */
  logs(namespace: string, podName: string, container: string, opts: PodLogOptions = {}): string {
    const inst = this.logInstance(namespace, podName, container, opts.previous === true);
    return inst ? inst.log.text(logQuery(opts, this.deps.clock.now())) : '';
  }

  /** `GET pods/NAME/log?follow=true`: what is there, then every new line until the container stops. Returns a stop function. */
  followLogs(namespace: string, podName: string, container: string, opts: PodLogOptions,
    onData: (chunk: string) => void, onEnd: () => void): () => void {
    const inst = this.logInstance(namespace, podName, container, opts.previous === true);
    if (!inst) {
      onEnd();
      return () => undefined;
    }
    return followLog(inst.log, opts, this.deps.clock.now(), inst.state === 'running' || inst.state === 'created', (fn) => {
      inst.onStop.add(fn);
      return () => inst.onStop.delete(fn);
    }, onData, onEnd);
  }

  /** The running instance of a container (for attach and exec by the HTTP door). */
  containerInstance(namespace: string, podName: string, container: string): ContainerInstance | undefined {
    const w = this.workerByName(namespace, podName);
    if (!w) return undefined;
    return this.runtime.containersOf(w.uid).filter((c) => c.name === container && c.state === 'running')
      .sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  /** Runs a command in a running container (`kubectl exec`); the process, or the runtime's error. */
  exec(namespace: string, podName: string, container: string, argv: readonly string[],
    io: { stdin?: InputStream; stdout: OutputStream; stderr: OutputStream }): Process | { error: string } {
    const inst = this.containerInstance(namespace, podName, container);
    if (!inst) return { error: `container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)} is not running` };
    return this.runtime.exec(inst.id, argv, io);
  }

  private logInstance(namespace: string, podName: string, container: string, previous: boolean): ContainerInstance | undefined {
    const w = this.workerByName(namespace, podName);
    if (!w) throw newNotFound({ resource: 'pods' }, podName);
    if (!podContainerNames(w.pod).includes(container)) throw newBadRequest(`container ${container} is not valid for pod ${podName}`);
    const status = w.cachedStatus ?? (w.isStatic ? w.mirror?.status : w.pod.status) ?? {};
    const id = validateContainerLogStatus(podName, status, container, previous);
    return this.runtime.container(id.replace(/^[a-z]+:\/\//, ''));
  }

  private workerByName(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values()) {
      if (w.pod.metadata?.namespace === namespace && w.pod.metadata?.name === name && !w.removed) return w;
    }
    return undefined;
  }

  private allocateIP(): string {
    const n = this.nextIP;
    this.nextIP = n >= 254 ? 2 : n + 1;
    return `10.244.${(this.opts.index ?? 1) - 1}.${n}`;
  }

  private watch(): void {
    if (this.stopped) return;
    this.watcher = this.deps.pods('').watch({ fieldSelector: `spec.nodeName=${this.nodeName}` });
    this.watcher.onEvent((e) => this.onPodEvent(e));
    this.watcher.onEnd((reason) => {
      // A closed watch is re-established (its ADDED events resync what the kubelet knows).
      if (reason !== 'stopped' && !this.stopped) this.deps.clock.setTimer(0, () => this.watch());
    });
  }

  /** The pod config source: API pods become workers; updates that matter trigger syncs; mirror pods go to the static pod manager. */
  private onPodEvent(e: WatchEvent<Pod>): void {
    const pod = e.object;
    if (isMirrorPod(pod)) {
      this.staticPods.onMirrorEvent(e);
      return;
    }
    const uid = pod.metadata?.uid ?? '';
    const w = this.workers.get(uid);
    if (e.type === 'DELETED') {
      if (!w) return;
      w.pod = pod;
      w.removed = true;
      if (w.state === 'syncing') w.state = 'terminating';
      w.requestSync(0);
      return;
    }
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
    if (!w) {
      const nw = this.addWorker(pod, false);
      if (isPodPhaseTerminal(pod.status?.phase)) nw.state = 'terminated';
      else if (pod.metadata?.deletionTimestamp) nw.state = 'terminating';
      nw.requestSync(0);
      return;
    }
    const old = w.pod;
    w.pod = pod;
    const gatesMoved = (pod.spec?.readinessGates?.length ?? 0) > 0 && canonicalJSON(old.status?.conditions) !== canonicalJSON(pod.status?.conditions);
    if (podsDifferSemantically(old, pod) || gatesMoved) {
      if (pod.metadata?.deletionTimestamp && w.state === 'syncing') w.state = 'terminating';
      w.requestSync(0);
    }
  }

  private addWorker(pod: Pod, isStatic: boolean): PodWorker {
    const w = new PodWorker(pod, isStatic, this.deps.clock, (x) => this.work(x), (x) => this.afterSync(x));
    this.workers.set(w.uid, w);
    return w;
  }

  private *work(w: PodWorker): Task<void> {
    if (this.stopped) return;
    if (w.state === 'syncing') yield* syncRunningPod(this.ctx, w);
    else if (w.state === 'terminating') yield* syncTerminatingPod(this.ctx, w);
    else this.finish(w);
  }

  private afterSync(w: PodWorker): void {
    const at = nextWakeUp(this.ctx, w);
    if (at !== undefined) w.requestSync(at - this.deps.clock.now());
  }

  private publish(w: PodWorker, status: PodStatus): void {
    if (w.removed) return;
    const target = w.isStatic ? w.mirror : w.pod;
    if (!target) return;
    const stored = this.statusWriter.write(target, status);
    if (!stored) return;
    if (w.isStatic) w.mirror = stored;
    else w.pod = stored;
  }

  /** After termination: the final delete of a deleted pod, or forgetting a pod the API no longer has. */
  private finish(w: PodWorker): void {
    if (w.state !== 'terminated') return;
    if (w.removed) {
      w.retire();
      this.workers.delete(w.uid);
      this.runtime.removePod(w.uid);
      return;
    }
    if (!w.isStatic) this.statusWriter.deleteIfFinished(w.pod);
  }
}
