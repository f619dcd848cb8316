/**
 * Static pods from the kubelet's manifest directory and their mirror pods in the API:
 * `pkg/kubelet/config/common.go applyDefaults` (UID = hash of the manifest, name `NAME-NODENAME`, default
 * namespace, `spec.nodeName`, a NoExecute toleration, the `config.hash` annotation), `config.go`'s
 * `config.seen` and `config.source`, and `pod/mirror_client.go` (`CreateMirrorPod` with the
 * `config.mirror` annotation and a controller reference to the Node; `IsMirrorPodOf`).
 */
import { createHash } from 'node:crypto';
import type { OwnerReference, Pod } from '../api/types.js';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_CONFIG_SEEN, ANNOTATION_CONFIG_SOURCE, ANNOTATION_MIRROR } from '../api/well-known.js';

/** Where a simulated kubelet reads static pod manifests from (`staticPodPath` of kubeadm and kind). */
export const STATIC_POD_PATH = '/etc/kubernetes/manifests';

/** A mirror pod: a pod carrying the mirror annotation (`kubetypes.IsMirrorPod`). */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata?.annotations?.[ANNOTATION_MIRROR] !== undefined;
}

/** The config hash of a static pod (`getPodHash`). */
export function staticPodHash(pod: Pod): string {
  return pod.metadata?.annotations?.[ANNOTATION_CONFIG_HASH] ?? '';
}

/** Whether `mirror` mirrors `staticPod`: same name and namespace, and its mirror annotation is the pod's hash (`IsMirrorPodOf`). */
export function isMirrorPodOf(mirror: Pod, staticPod: Pod): boolean {
  return mirror.metadata?.name === staticPod.metadata?.name && mirror.metadata?.namespace === staticPod.metadata?.namespace
    && mirror.metadata?.annotations?.[ANNOTATION_MIRROR] === staticPodHash(staticPod);
}

/** `time.RFC3339Nano` (trailing zeros of the fraction dropped), how `config.seen` is written. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/**
 * The static pod the kubelet runs for a manifest read from `<staticPodPath>/<file>` (`applyDefaults`):
 * the UID is an MD5 of the manifest, the host and the file (hex, so it looks like the kubelet's), and
 * the `config.hash` annotation repeats it.
 */
export function staticPodFromManifest(manifest: Pod, nodeName: string, now: number, file?: string): Pod {
  const name = manifest.metadata?.name ?? '';
  const source = file ?? `${STATIC_POD_PATH}/${name}.yaml`;
  const copy = JSON.parse(JSON.stringify(manifest)) as Pod;
  const uid = manifest.metadata?.uid || createHash('md5')
    .update(JSON.stringify(copy)).update(`host:${nodeName}`).update(`file:${source}`).digest('hex');
  const tolerations = [...(copy.spec?.tolerations ?? [])];
  if (!tolerations.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute')) {
    tolerations.push({ operator: 'Exists', effect: 'NoExecute' });
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...copy.metadata,
      name: `${name}-${nodeName.toLowerCase()}`,
      namespace: copy.metadata?.namespace || 'default',
      uid,
      annotations: {
        ...(copy.metadata?.annotations ?? {}),
        [ANNOTATION_CONFIG_HASH]: uid,
        [ANNOTATION_CONFIG_SEEN]: rfc3339Nano(now),
        [ANNOTATION_CONFIG_SOURCE]: 'file',
      },
    },
    spec: { ...(copy.spec ?? { containers: [] }), nodeName, tolerations },
    status: { phase: 'Pending' },
  };
}

/** The mirror pod to create for a static pod (`CreateMirrorPod`): the pod with the mirror annotation and a Node controller reference. */
export function mirrorPodFor(staticPod: Pod, node: { name: string; uid: string }): Pod {
  const owner: OwnerReference = { apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true };
  const meta = { ...(staticPod.metadata ?? {}) };
  delete meta.uid;
  delete meta.resourceVersion;
  delete meta.creationTimestamp;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta,
      annotations: { ...(meta.annotations ?? {}), [ANNOTATION_MIRROR]: staticPodHash(staticPod) },
      ownerReferences: [owner],
    },
    spec: JSON.parse(JSON.stringify(staticPod.spec ?? { containers: [] })) as Pod['spec'],
  };
}
