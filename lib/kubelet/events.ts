/**
 * How the kubelet reports events: the recorder it is given (client-go's `record.EventRecorder`, source
 * `kubelet` on the node's host name) and the object references it reports about — pods, and their
 * containers with a field path (`kubecontainer.GenerateContainerRef`).
 */
import type { ObjectReference, Pod } from '../api/types.js';

/** Normal or Warning. */
export type EventType = 'Normal' | 'Warning';

/** Where the kubelet's events go: a recorder reporting as `{component: kubelet, host: NODE}`. */
export interface KubeletEventRecorder {
  /** Records one event about `ref`, reported by `kubelet` on `host`. */
  event(ref: ObjectReference, type: EventType, reason: string, message: string): void;
}

/** A reference to a pod (`ref.GetReference`). */
export function podRef(pod: Pod): ObjectReference {
  const m = pod.metadata ?? {};
  const ref: ObjectReference = { kind: 'Pod', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '', apiVersion: 'v1' };
  if (m.resourceVersion) ref.resourceVersion = m.resourceVersion;
  return ref;
}

/**
 * A reference to one container of a pod, with the field path `spec.containers{name}`,
 * `spec.initContainers{name}` or `spec.ephemeralContainers{name}` (`fieldpath.ExtractContainerFieldPath`).
 */
export function containerRef(pod: Pod, containerName: string): ObjectReference {
  const spec = pod.spec;
  const list = spec?.containers?.some((c) => c.name === containerName) ? 'containers'
    : spec?.initContainers?.some((c) => c.name === containerName) ? 'initContainers'
      : spec?.ephemeralContainers?.some((c) => c.name === containerName) ? 'ephemeralContainers' : undefined;
  const ref = podRef(pod);
  if (list) ref.fieldPath = `spec.${list}{${containerName}}`;
  return ref;
}
