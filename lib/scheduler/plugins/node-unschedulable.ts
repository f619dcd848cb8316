/** The NodeUnschedulable plugin (`pkg/scheduler/framework/plugins/nodeunschedulable`, v1.32). */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { Code, SUCCESS, newStatus, type Status } from '../status.js';
import { TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../taints.js';
import type { CycleState, FilterPlugin } from './interface.js';

/** `ErrReasonUnschedulable` */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** Filters out cordoned nodes (`spec.unschedulable`) unless the pod tolerates the unschedulable NoSchedule taint. */
export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    if (!nodeInfo.node.spec?.unschedulable) return SUCCESS;
    const tolerated = tolerationsTolerateTaint(pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    return tolerated ? SUCCESS : newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE);
  },
};
