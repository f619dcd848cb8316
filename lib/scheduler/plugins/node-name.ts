/** The NodeName plugin (`pkg/scheduler/framework/plugins/nodename`, v1.32). */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { Code, SUCCESS, newStatus, type Status } from '../status.js';
import type { CycleState, FilterPlugin } from './interface.js';

/** `ErrReason` */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** `Fits`: a pod that names a node fits only that node. */
export function nodeNameFits(pod: Pod, nodeInfo: NodeInfo): boolean {
  const wanted = pod.spec?.nodeName ?? '';
  return wanted.length === 0 || wanted === nodeInfo.name;
}

/** Filters out every node but the one in `spec.nodeName`, when the pod names one. */
export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    return nodeNameFits(pod, nodeInfo) ? SUCCESS : newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_NAME);
  },
};
