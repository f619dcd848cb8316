/**
 * The kubelet's handling of static pods and mirror pods: the file source (`config/file.go`: a manifest
 * added, changed or removed), the mirror pod kept in step with each static pod during its sync
 * (`kubelet.go syncPod`: a mirror that is being deleted or mirrors another version is deleted and
 * recreated), and the housekeeping that deletes mirror pods with no static pod (`HandlePodCleanups`).
 */
import type { Node, Pod, WatchEvent } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import type { PodClient } from '../client/pods.js';
import { writable } from '../api/types.js';
import { ANNOTATION_MIRROR } from '../api/well-known.js';
import { isAlreadyExists } from '../errors/constructors.js';
import type { PodWorker } from './pod-worker.js';
import { isMirrorPodOf, mirrorPodFor, staticPodFromManifest, staticPodHash } from './static-pods.js';
import type { StatusWriter } from './status-writer.js';

/** What the static pod manager needs from its kubelet. */
export interface StaticPodDeps {
  readonly nodeName: string;
  readonly clock: Clock;
  readonly pods: (namespace: string) => PodClient;
  readonly statusWriter: StatusWriter;
  node(): Node | undefined;
  newWorker(pod: Pod): PodWorker;
  worker(uid: string): PodWorker | undefined;
}

const keyOf = (pod: Pod): string => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;

/** Static pods of one kubelet, by full name (`NAMESPACE/NAME-NODENAME`). */
export class StaticPods {
  private readonly byName = new Map<string, string>();

  constructor(private readonly deps: StaticPodDeps) {}

  /**
   * A manifest appears (or changes): the pod is defaulted as the API would default it (a dry-run create of
   * its mirror; an invalid manifest throws that StatusError) and runs. A changed manifest is a new pod.
   */
  add(manifest: Pod): Pod {
    const pod = staticPodFromManifest(manifest, this.deps.nodeName, this.deps.clock.now());
    const key = keyOf(pod);
    const existing = this.byName.get(key);
    if (existing !== undefined && existing === pod.metadata?.uid) return this.deps.worker(existing)!.pod;
    if (existing) this.remove(key.slice(key.indexOf('/') + 1), pod.metadata?.namespace);
    const probe = mirrorPodFor(pod, { name: this.deps.nodeName, uid: this.deps.node()?.metadata?.uid ?? '' });
    probe.metadata = { ...probe.metadata, generateName: `${probe.metadata?.name ?? ''}-` };
    delete probe.metadata.name;
    const defaulted = this.deps.pods(pod.metadata?.namespace ?? 'default').create(probe, { dryRun: true });
    pod.spec = defaulted.spec;
    writable(pod).status = { phase: 'Pending', ...(defaulted.status?.qosClass ? { qosClass: defaulted.status.qosClass } : {}) };
    this.byName.set(key, pod.metadata?.uid ?? '');
    this.start(key, pod);
    return pod;
  }

  /** Starts the pod's worker; the same manifest put back while its previous run still terminates waits for it (`podWorkers` restart). */
  private start(key: string, pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.byName.get(key) !== uid) return;
    if (this.deps.worker(uid)) {
      this.deps.clock.setTimer(1_000, () => this.start(key, pod));
      return;
    }
    const w = this.deps.newWorker(pod);
    for (const mirror of this.deps.pods(pod.metadata?.namespace ?? '').list({ fieldSelector: `metadata.name=${pod.metadata?.name ?? ''}` }).items) {
      if (mirror.spec?.nodeName === this.deps.nodeName) w.mirror = mirror;
    }
    w.requestSync(0);
  }

  /** A manifest goes away: the pod terminates (with its own grace period) and its mirror pod is deleted. */
  remove(name: string, namespace?: string): boolean {
    const key = [...this.byName.keys()].find((k) => {
      const [ns, full] = k.split('/') as [string, string];
      return (namespace === undefined || ns === namespace) && (full === name || full === `${name}-${this.deps.nodeName.toLowerCase()}`);
    });
    if (!key) return false;
    const w = this.deps.worker(this.byName.get(key)!);
    this.byName.delete(key);
    if (!w) return true;
    w.removed = true;
    if (w.state === 'syncing') w.state = 'terminating';
    w.requestSync(0);
    const mirror = w.mirror;
    if (mirror) this.deps.clock.setTimer(0, () => this.deps.statusWriter.forceDelete(mirror, false));
    return true;
  }

  /** Watch events of mirror pods on this node. */
  onMirrorEvent(e: WatchEvent<Pod>): void {
    const mirror = e.object;
    const key = keyOf(mirror);
    const uid = this.byName.get(key);
    const w = uid ? this.deps.worker(uid) : undefined;
    if (e.type === 'DELETED') {
      if (w && w.mirror?.metadata?.uid === mirror.metadata?.uid) {
        w.mirror = undefined;
        if (w.state === 'syncing') w.requestSync(0);
      }
      return;
    }
    if (!w) {
      // An orphaned mirror pod: housekeeping deletes it (no UID precondition, as `DeleteMirrorPod(name, nil)`).
      this.deps.clock.setTimer(0, () => {
        if (!this.byName.has(key)) this.deps.statusWriter.forceDelete(mirror, false);
      });
      return;
    }
    w.mirror = mirror;
    if (mirror.metadata?.deletionTimestamp || !isMirrorPodOf(mirror, w.pod)) w.requestSync(0);
  }

  /** During a static pod's sync: delete a mirror that is being deleted or is stale, then create one if there is none. */
  ensureMirrorPod(w: PodWorker): void {
    if (w.removed) return;
    const mirror = w.mirror;
    if (mirror && (mirror.metadata?.deletionTimestamp || !isMirrorPodOf(mirror, w.pod))) {
      this.deps.statusWriter.forceDelete(mirror, true);
      w.mirror = undefined;
    }
    if (w.mirror) return;
    const node = this.deps.node();
    if (!node || node.metadata?.deletionTimestamp) return;
    const ns = w.pod.metadata?.namespace ?? 'default';
    try {
      w.mirror = this.deps.pods(ns).create(mirrorPodFor(w.pod, { name: this.deps.nodeName, uid: node.metadata?.uid ?? '' }), { fieldManager: 'kubelet' });
    } catch (e) {
      if (!isAlreadyExists(e)) {
        this.deps.statusWriter.errors.push(e);
        return;
      }
      const existing = this.deps.pods(ns).get(w.pod.metadata?.name ?? '');
      if (existing.metadata?.annotations?.[ANNOTATION_MIRROR] === staticPodHash(w.pod)) w.mirror = existing;
    }
    // The status goes to the new mirror pod on the next sync.
    w.requestSync(0);
  }
}
