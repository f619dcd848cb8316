/** The TaintToleration plugin (`pkg/scheduler/framework/plugins/tainttoleration`, v1.32): Filter and Score. */
import type { Pod, Toleration } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { Code, SUCCESS, newStatus, type Status } from '../status.js';
import { doNotScheduleTaint, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../taints.js';
import { MAX_NODE_SCORE, defaultNormalizeScore, type CycleState, type FilterPlugin, type NodeScore, type ScorePlugin } from './interface.js';

/** The Filter's reason: `node(s) had untolerated taint {KEY: VALUE}` for the first taint not tolerated. */
export function untoleratedTaintReason(key: string, value: string): string {
  return `node(s) had untolerated taint {${key}: ${value}}`;
}

/** Filters out nodes with a NoSchedule or NoExecute taint the pod does not tolerate. */
export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const taint = findMatchingUntoleratedTaint(nodeInfo.node.spec?.taints, pod.spec?.tolerations, doNotScheduleTaint);
    if (!taint) return SUCCESS;
    return newStatus(Code.UnschedulableAndUnresolvable, untoleratedTaintReason(taint.key, taint.value ?? ''));
  },
};

/** `getAllTolerationPreferNoSchedule`: tolerations that can apply to PreferNoSchedule taints. */
function preferNoScheduleTolerations(pod: Pod): Toleration[] {
  return (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** Scores nodes by how few PreferNoSchedule taints the pod does not tolerate (weight 3 in the default profile). */
export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const tolerations = preferNoScheduleTolerations(pod);
    // countIntolerableTaintsPreferNoSchedule
    return (nodeInfo.node.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length;
  },
  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
