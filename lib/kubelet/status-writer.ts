/**
 * The API side of the kubelet's status manager (`status/status_manager.go syncPod`): write a pod's status
 * through `pods/status` when it differs from what the API shows (a no-op write is never sent), against
 * the pod's UID so a recreated pod of the same name is never touched, and the final deletion of a
 * terminated pod (`canBeDeleted`: grace period 0 and a UID precondition).
 */
import type { Pod, PodStatus } from '../api/types.js';
import type { PodClient } from '../client/pods.js';
import { isConflict, isNotFound } from '../errors/constructors.js';
import { isPodPhaseTerminal } from './pod-phase.js';
import { isMirrorPod } from './static-pods.js';

/** JSON with object keys sorted, so two statuses compare by content. */
export function canonicalJSON(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, y]) => y !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : x));
}

/** Writes statuses and final deletions for one kubelet. */
export class StatusWriter {
  /** Errors the API returned to the kubelet (other than conflicts and not-found), newest last. */
  readonly errors: unknown[] = [];

  constructor(private readonly pods: (namespace: string) => PodClient) {}

  /**
   * Puts `status` on the API pod `target` (matched by name and UID). Returns the stored pod when a write
   * happened, undefined when the API already had that status or the pod is gone or replaced.
   */
  write(target: Pod, status: PodStatus): Pod | undefined {
    const ns = target.metadata?.namespace ?? '';
    const name = target.metadata?.name ?? '';
    const uid = target.metadata?.uid;
    const client = this.pods(ns);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const cur = client.get(name);
        if (uid && cur.metadata?.uid !== uid) return undefined;
        if (canonicalJSON(cur.status ?? {}) === canonicalJSON(status)) return undefined;
        return client.updateStatus({ ...cur, status }, { fieldManager: 'kubelet' });
      } catch (e) {
        if (isConflict(e)) continue;
        if (isNotFound(e)) return undefined;
        this.errors.push(e);
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * Deletes a pod whose termination is complete (`canBeDeleted`): only when it is being deleted, its API
   * phase is terminal, and it is not a mirror pod. Returns whether the delete was sent.
   */
  deleteIfFinished(apiPod: Pod): boolean {
    const m = apiPod.metadata;
    if (!m?.deletionTimestamp || isMirrorPod(apiPod) || !isPodPhaseTerminal(apiPod.status?.phase)) return false;
    return this.forceDelete(apiPod, true);
  }

  /** DELETE with grace period 0 (and the UID as precondition when asked), ignoring a pod already gone. */
  forceDelete(pod: Pod, withUID: boolean): boolean {
    const m = pod.metadata ?? {};
    try {
      this.pods(m.namespace ?? '').delete(m.name ?? '', { gracePeriodSeconds: 0, ...(withUID && m.uid ? { preconditions: { uid: m.uid } } : {}) });
      return true;
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) this.errors.push(e);
      return false;
    }
  }
}
