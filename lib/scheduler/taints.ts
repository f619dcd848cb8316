/**
 * Taints and tolerations as the scheduler reads them: `Toleration.ToleratesTaint` (`k8s.io/api/core/v1/toleration.go`),
 * `v1helper.FindMatchingUntoleratedTaint` (`pkg/apis/core/v1/helper/helpers.go`), and the well-known taint keys
 * (`k8s.io/api/core/v1/well_known_taints.go`).
 */
import type { Taint } from 'kubernetes-types/core/v1.js';
import type { Node, Toleration } from '../api/types.js';

/** The node is not ready (its Ready condition is False). */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** The node controller cannot reach the node (its Ready condition is Unknown). */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** The node is cordoned (`spec.unschedulable`). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** MemoryPressure is True. */
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
/** DiskPressure is True. */
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
/** PIDPressure is True. */
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** NetworkUnavailable is True. */
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
/** The taint kubeadm puts on control-plane nodes (value empty, effect NoSchedule). */
export const TAINT_CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

/** `Toleration.ToleratesTaint`: effect and key match when set (empty matches all); Equal compares values, Exists does not. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** `TolerationsTolerateTaint`: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** `DoNotScheduleTaintsFilterFunc`: the effects the Filter honours (PreferNoSchedule only scores). */
export const doNotScheduleTaint = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** `FindMatchingUntoleratedTaint`: the first taint (in node order) passing `include` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  include: (t: Taint) => boolean,
): Taint | undefined {
  return (taints ?? []).find((taint) => include(taint) && !tolerationsTolerateTaint(tolerations, taint));
}

// nodeConditionToTaintKeyStatusMap of the node lifecycle controller.
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};

/**
 * The NoSchedule taints the node lifecycle controller keeps on a node for its conditions and cordon
 * (`doNoScheduleTaintingPass` in `pkg/controller/nodelifecycle`): Ready=False gives not-ready, Ready=Unknown
 * unreachable, a True pressure condition its pressure taint, `spec.unschedulable` the unschedulable taint.
 * The scheduler itself only reads `spec.taints`; this is for whatever writes them.
 */
export function noScheduleTaintsForNode(node: Node): Taint[] {
  const taints: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = Object.hasOwn(CONDITION_TAINTS, c.type) ? CONDITION_TAINTS[c.type]?.[c.status] : undefined;
    if (key) taints.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) taints.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  return taints;
}
