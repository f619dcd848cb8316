/**
 * The effects of the apiserver's v1 ⇄ internal Pod conversion (`pkg/apis/core/v1/conversion.go`) that
 * show in the JSON: the deprecated `spec.serviceAccount` is an alias of `serviceAccountName` (read when
 * the new field is empty, always written back), `status.podIP`/`hostIP` and their plural lists are kept
 * consistent (the singular field wins when they disagree), and the legacy init-container annotations are
 * dropped. kubesim keeps pods as v1 JSON; "internal" here means the v1 shape with the aliases resolved.
 * Both functions mutate.
 */
import type { Pod } from './types.js';

/** `initContainerAnnotations`: annotations of the 1.5 alpha/beta init-container API. */
const INIT_CONTAINER_ANNOTATIONS = [
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
  'pod.beta.kubernetes.io/init-container-statuses',
  'pod.alpha.kubernetes.io/init-container-statuses',
];

type Meta = { annotations?: Record<string, string> };

function dropInitContainerAnnotations(pod: Pod): void {
  const meta = pod.metadata as Meta | undefined;
  if (!meta?.annotations) return;
  for (const k of INIT_CONTAINER_ANNOTATIONS) delete meta.annotations[k];
}

/** The singular IP field agrees with the first of the list (`Convert_v1_PodStatus_To_core_PodStatus`). */
function reconcileIPs(status: Record<string, unknown>, single: 'podIP' | 'hostIP', plural: 'podIPs' | 'hostIPs'): void {
  const ip = status[single];
  const ips = status[plural] as { ip?: string }[] | undefined;
  if (typeof ip === 'string' && ip !== '' && (!ips || ips.length === 0 || ips[0]?.ip !== ip)) status[plural] = [{ ip }];
  delete status[single];
}

/** v1 → internal: resolve the aliases (`Convert_v1_Pod_To_core_Pod`). */
export function convertPodToInternal(pod: Pod): void {
  dropInitContainerAnnotations(pod);
  const spec = pod.spec;
  if (spec) {
    if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
    delete spec.serviceAccount;
  }
  const status = pod.status as Record<string, unknown> | undefined;
  if (status) {
    reconcileIPs(status, 'podIP', 'podIPs');
    reconcileIPs(status, 'hostIP', 'hostIPs');
  }
}

/** internal → v1: write the aliases back (`Convert_core_Pod_To_v1_Pod`). */
export function convertPodToV1(pod: Pod): void {
  dropInitContainerAnnotations(pod);
  const spec = pod.spec;
  if (spec) {
    if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
    else delete spec.serviceAccount;
  }
  const status = pod.status as Record<string, unknown> | undefined;
  if (status) {
    const podIPs = status.podIPs as { ip?: string }[] | undefined;
    const hostIPs = status.hostIPs as { ip?: string }[] | undefined;
    if (podIPs?.[0]?.ip) status.podIP = podIPs[0].ip;
    if (hostIPs?.[0]?.ip) status.hostIP = hostIPs[0].ip;
  }
}
