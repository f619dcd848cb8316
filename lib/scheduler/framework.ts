/**
 * The default profile's plugins and how a scheduling cycle runs them (`pkg/scheduler/framework/runtime/framework.go`,
 * v1.32): PreFilter, Filter (with nominated pods), PreScore, Score, NormalizeScore and the weighted sum.
 */
import type { Pod } from '../api/types.js';
import type { NodeInfo } from './node-info.js';
import { balancedAllocationScore } from './plugins/balanced-allocation.js';
import { CycleState, type FilterPlugin, type NodeScore, type ScorePlugin } from './plugins/interface.js';
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/node-affinity.js';
import { nodeName } from './plugins/node-name.js';
import { nodeResourcesFit, nodeResourcesFitScore } from './plugins/node-resources-fit.js';
import { nodeUnschedulable } from './plugins/node-unschedulable.js';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration.js';
import { Code, SUCCESS, isSuccess, newStatus, type Status } from './status.js';

/** The Filter plugins of the default profile kubesim runs, in the profile's order (the first rejection wins). */
export const DEFAULT_FILTER_PLUGINS: readonly FilterPlugin[] = [nodeUnschedulable, nodeName, taintTolerationFilter, nodeAffinityFilter, nodeResourcesFit];

/** The Score plugins kubesim runs, with the default profile's weights. */
export const DEFAULT_SCORE_PLUGINS: readonly ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, nodeResourcesFitScore, balancedAllocationScore];

/** `PodPriority`: `spec.priority`, 0 when unset. */
export const podPriority = (pod: Pod): number => pod.spec?.priority ?? 0;

/** What `RunPreFilterPlugins` returns: the status, the narrowed node names, and the plugins that narrowed them. */
export interface PreFilterOutcome {
  readonly status: Status;
  readonly nodeNames?: ReadonlySet<string>;
  readonly pluginsWithNodes: ReadonlySet<string>;
}

const SKIP_FILTER_KEY = 'SkipFilterPlugins';
const withPlugin = (s: Status, plugin: string): Status => ({ ...s, plugin });
const sortedNames = (s: ReadonlySet<string>): string[] => [...s].sort();

/** A scheduling profile: its plugins and the runners over them. */
export class Framework {
  constructor(
    readonly filterPlugins: readonly FilterPlugin[] = DEFAULT_FILTER_PLUGINS,
    readonly scorePlugins: readonly ScorePlugin[] = DEFAULT_SCORE_PLUGINS,
  ) {}

  /**
   * `RunPreFilterPlugins`: Skip marks the plugin's Filter as skipped; UnschedulableAndUnresolvable stops at
   * once; Unschedulable is returned after the rest ran; node-name results are intersected and an empty
   * intersection rejects the pod.
   */
  runPreFilterPlugins(state: CycleState, pod: Pod): PreFilterOutcome {
    const skip = new Set<string>();
    const pluginsWithNodes = new Set<string>();
    let nodeNames: Set<string> | undefined;
    let returnStatus: Status = SUCCESS;
    for (const pl of this.filterPlugins) {
      if (!pl.preFilter) continue;
      const r = pl.preFilter(state, pod);
      if (r.status.code === Code.Skip) {
        skip.add(pl.name);
        continue;
      }
      if (!isSuccess(r.status)) {
        const s = withPlugin(r.status, pl.name);
        if (s.code === Code.UnschedulableAndUnresolvable) return { status: s, pluginsWithNodes: new Set() };
        returnStatus = s;
        continue;
      }
      if (r.nodeNames) {
        pluginsWithNodes.add(pl.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
        if (nodeNames.size === 0) {
          const names = sortedNames(pluginsWithNodes);
          const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          return { status: newStatus(Code.UnschedulableAndUnresolvable, msg), nodeNames, pluginsWithNodes };
        }
      }
    }
    state.write(SKIP_FILTER_KEY, skip);
    return { status: returnStatus, ...(nodeNames ? { nodeNames } : {}), pluginsWithNodes };
  }

  /** `RunFilterPlugins`: the first plugin that rejects the node decides its status. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const skip = state.read<Set<string>>(SKIP_FILTER_KEY);
    for (const pl of this.filterPlugins) {
      if (skip?.has(pl.name)) continue;
      const s = pl.filter(state, pod, nodeInfo);
      if (!isSuccess(s)) return withPlugin(s, pl.name);
    }
    return SUCCESS;
  }

  /**
   * `RunFilterPluginsWithNominatedPods`: the node must fit the pod both with the pods nominated to it that have
   * at least the pod's priority counted as already there, and (when there were any) without them.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo, nominated: readonly Pod[]): Status {
    const uid = pod.metadata?.uid;
    const ge = nominated.filter((p) => podPriority(p) >= podPriority(pod) && p.metadata?.uid !== uid);
    let info = nodeInfo;
    if (ge.length > 0) {
      info = nodeInfo.clone();
      for (const p of ge) info.addPod(p);
    }
    const status = this.runFilterPlugins(state, pod, info);
    if (ge.length === 0 || !isSuccess(status)) return status;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  /**
   * `prioritizeNodes`: every Score plugin not skipped by its PreScore scores each node, normalizes, and is
   * weighted; a node's score is the sum.
   */
  prioritizeNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodeScore[] {
    const totals: NodeScore[] = nodes.map((n) => ({ name: n.name, score: 0 }));
    for (const pl of this.scorePlugins) {
      if (pl.preScore && pl.preScore(state, pod, nodes).code === Code.Skip) continue;
      const scores: NodeScore[] = nodes.map((n) => ({ name: n.name, score: pl.score(state, pod, n) }));
      pl.normalizeScore?.(state, pod, scores);
      scores.forEach((s, i) => (totals[i]!.score += s.score * pl.weight));
    }
    return totals;
  }
}
