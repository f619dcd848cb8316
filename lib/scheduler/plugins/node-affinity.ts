/** The NodeAffinity plugin (`pkg/scheduler/framework/plugins/nodeaffinity`, v1.32): PreFilter, Filter and Score. */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { getRequiredNodeAffinity, preferredSchedulingScore, type RequiredNodeAffinity } from '../node-affinity-match.js';
import { Code, SUCCESS, newStatus, type Status } from '../status.js';
import { MAX_NODE_SCORE, defaultNormalizeScore, type CycleState, type FilterPlugin, type NodeScore, type PreFilterResult, type ScorePlugin } from './interface.js';

/** `ErrReasonPod` */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** `errReasonConflict`: the terms' `metadata.name` In lists have nothing in common. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const STATE_KEY = 'PreFilterNodeAffinity';

/**
 * `PreFilter`: Skip when the pod has neither a node selector nor required node affinity; otherwise keeps
 * the parsed affinity and, when every term pins `metadata.name` with In, narrows the nodes to those names.
 */
function preFilter(state: CycleState, pod: Pod): PreFilterResult {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required && pod.spec?.nodeSelector == null) return { status: newStatus(Code.Skip) };
  state.write(STATE_KEY, getRequiredNodeAffinity(pod));
  const terms = required?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return { status: SUCCESS };
  let nodeNames: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a name affinity admits every node, and the terms are ORed.
    if (!termNames) return { status: SUCCESS };
    nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
  }
  if (nodeNames && nodeNames.size === 0) return { status: newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_CONFLICT) };
  return nodeNames ? { status: SUCCESS, nodeNames } : { status: SUCCESS };
}

/** Filters out nodes that do not match `spec.nodeSelector` and the required node affinity. */
export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter,
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const affinity = state.read<RequiredNodeAffinity>(STATE_KEY) ?? getRequiredNodeAffinity(pod);
    return affinity.match(nodeInfo.node) ? SUCCESS : newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_POD);
  },
};

/** Scores nodes by the weights of the preferred node affinity terms they match (weight 2 in the default profile). */
export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore(_state: CycleState, pod: Pod): Status {
    const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return preferred.length === 0 ? newStatus(Code.Skip) : SUCCESS;
  },
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    return preferredSchedulingScore(pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], nodeInfo.node);
  },
  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
