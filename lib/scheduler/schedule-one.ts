/**
 * One scheduling attempt's algorithm, pure over a snapshot (`schedulePod`, `findNodesThatFitPod`,
 * `findNodesThatPassFilters`, `selectHost` of `pkg/scheduler/schedule_one.go`, v1.32).
 */
import type { Pod } from '../api/types.js';
import { addPluginStatus, newDiagnosis, type Diagnosis } from './fit-error.js';
import type { Framework } from './framework.js';
import type { NodeInfo } from './node-info.js';
import type { CycleState, NodeScore } from './plugins/interface.js';
import { Code, isRejected, isSuccess, newStatus, statusMessage } from './status.js';

/** What a scheduling attempt sees: the profile, the node snapshot, and the pods nominated to each node. */
export interface SchedulingSnapshot {
  readonly framework: Framework;
  /** The nodes with the pods placed on them, in a stable order. */
  readonly nodes: readonly NodeInfo[];
  /** Pods the scheduler nominated to a node (preemptors waiting for their victims to go). */
  nominatedPodsForNode(nodeName: string): readonly Pod[];
}

/** The outcome of {@link schedulePod}. */
export type ScheduleResult =
  | { readonly kind: 'scheduled'; readonly suggestedHost: string; readonly evaluatedNodes: number; readonly feasibleNodes: number }
  | { readonly kind: 'unschedulable'; readonly numAllNodes: number; readonly diagnosis: Diagnosis }
  | { readonly kind: 'noNodes' };

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * `numFeasibleNodesToFind`: below 100 nodes every node is checked; above, an adaptive share
 * (50% − nodes/125, at least 5%) but never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * percentage) / 100));
}

/** The scheduler's rotating start index, so that nodes take turns being checked first. */
export interface NodeCursor {
  nextStartNodeIndex: number;
}

/** `findNodesThatPassFilters`: runs the filters from the cursor on until enough feasible nodes are found. */
function findNodesThatPassFilters(snap: SchedulingSnapshot, state: CycleState, pod: Pod, d: Diagnosis, nodes: readonly NodeInfo[], cursor: NodeCursor): NodeInfo[] {
  const toFind = numFeasibleNodesToFind(nodes.length);
  const feasible: NodeInfo[] = [];
  for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
    const info = nodes[(cursor.nextStartNodeIndex + i) % nodes.length]!;
    const status = snap.framework.runFilterPluginsWithNominatedPods(state, pod, info, snap.nominatedPodsForNode(info.name));
    if (isSuccess(status)) {
      feasible.push(info);
    } else {
      d.nodeToStatus.set(info.name, status);
      addPluginStatus(d, status);
    }
  }
  return feasible;
}

/**
 * `findNodesThatFitPod`: PreFilter (a rejection there applies to every node), the nominated node first when
 * the pod has one, then Filter over the nodes PreFilter left (the others get a shared status naming the
 * plugins that narrowed them).
 */
function findNodesThatFitPod(snap: SchedulingSnapshot, state: CycleState, pod: Pod, cursor: NodeCursor): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
  const d = newDiagnosis();
  const pre = snap.framework.runPreFilterPlugins(state, pod);
  for (const p of pre.pluginsWithNodes) d.unschedulablePlugins.add(p);
  if (!isSuccess(pre.status) && isRejected(pre.status)) {
    d.nodeToStatus.setAbsentNodesStatus(pre.status);
    d.preFilterMsg = statusMessage(pre.status);
    addPluginStatus(d, pre.status);
    return { feasible: [], diagnosis: d };
  }
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const info = snap.nodes.find((n) => n.name === nominated);
    if (info) {
      const feasible = findNodesThatPassFilters(snap, state, pod, newDiagnosis(), [info], { nextStartNodeIndex: 0 });
      if (feasible.length > 0) return { feasible, diagnosis: d };
    }
  }
  let nodes = snap.nodes;
  if (pre.nodeNames) {
    nodes = snap.nodes.filter((n) => pre.nodeNames!.has(n.name));
    const plugins = [...pre.pluginsWithNodes].sort();
    d.nodeToStatus.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`));
  }
  const feasible = nodes.length === 0 ? [] : findNodesThatPassFilters(snap, state, pod, d, nodes, cursor);
  const processed = feasible.length + d.nodeToStatus.size;
  if (snap.nodes.length > 0) cursor.nextStartNodeIndex = (cursor.nextStartNodeIndex + processed) % snap.nodes.length;
  return { feasible, diagnosis: d };
}

/**
 * `selectHost`: the highest total score wins. The real scheduler breaks ties at random (reservoir sampling);
 * kubesim breaks them by node name, so runs are reproducible.
 */
export function selectHost(scores: readonly NodeScore[]): string {
  let best: NodeScore | undefined;
  for (const s of scores) {
    if (!best || s.score > best.score || (s.score === best.score && s.name < best.name)) best = s;
  }
  return best?.name ?? '';
}

/** `schedulePod`: the node for the pod, or why there is none. */
export function schedulePod(snap: SchedulingSnapshot, state: CycleState, pod: Pod, cursor: NodeCursor): ScheduleResult {
  if (snap.nodes.length === 0) return { kind: 'noNodes' };
  const { feasible, diagnosis } = findNodesThatFitPod(snap, state, pod, cursor);
  if (feasible.length === 0) return { kind: 'unschedulable', numAllNodes: snap.nodes.length, diagnosis };
  if (feasible.length === 1) {
    return { kind: 'scheduled', suggestedHost: feasible[0]!.name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1 };
  }
  const host = selectHost(snap.framework.prioritizeNodes(state, pod, feasible));
  return { kind: 'scheduled', suggestedHost: host, evaluatedNodes: feasible.length + diagnosis.nodeToStatus.size, feasibleNodes: feasible.length };
}
