import type { Node } from '../api/types.js';
import { translateTimestampSince } from './human-duration.js';
import type { PrintOptions } from './pod.js';
import type { TableRow } from './table-types.js';

/** Label prefix of node roles (`node-role.kubernetes.io/<role>`). */
const labelNodeRolePrefix = 'node-role.kubernetes.io/';
/** The older role label, whose value is the role. */
const nodeLabelRole = 'kubernetes.io/role';

/** The roles of a node, deduplicated and sorted (findNodeRoles). */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(labelNodeRolePrefix)) {
      const role = k.slice(labelNodeRolePrefix.length);
      if (role.length > 0) roles.add(role);
    } else if (k === nodeLabelRole && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** The first address of a type, or `<none>` (getNodeInternalIP / getNodeExternalIP). */
function firstAddress(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** One node's row: NAME STATUS ROLES AGE VERSION [INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME] (printNode). */
export function printNode(node: Node, options: PrintOptions): TableRow {
  // Only the Ready condition is shown; with duplicates the last one wins (a map keyed by type in Go).
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) {
    if (c.type === 'Ready') ready = c.status;
  }
  const status: string[] = [];
  if (ready !== undefined) status.push(ready === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');

  const roles = findNodeRoles(node).join(',') || '<none>';
  const info = node.status?.nodeInfo;
  const row: TableRow = {
    cells: [
      node.metadata?.name ?? '',
      status.join(','),
      roles,
      translateTimestampSince(node.metadata?.creationTimestamp, options.now),
      info?.kubeletVersion ?? '',
    ],
  };
  if (options.wide) {
    row.cells.push(
      firstAddress(node, 'InternalIP'),
      firstAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    );
  }
  return row;
}
