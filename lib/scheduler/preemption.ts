/**
 * The DefaultPreemption PostFilter (`pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go`
 * and `pkg/scheduler/framework/preemption/preemption.go`, v1.32): whether the pod may preempt, which nodes
 * lower-priority pods could be evicted from, and the message when preemption cannot help. There are no
 * PodDisruptionBudgets in kubesim, so no victim ever violates one.
 */
import type { Pod } from '../api/types.js';
import { NodeToStatus, fitErrorMessage, newDiagnosis } from './fit-error.js';
import { podPriority } from './framework.js';
import type { NodeInfo } from './node-info.js';
import type { CycleState } from './plugins/interface.js';
import type { SchedulingSnapshot } from './schedule-one.js';
import { Code, SUCCESS, isSuccess, newStatus, type Status } from './status.js';

/** The reason nodes that preemption cannot fix get in the preemption message. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** The reason of a node where no pod has a lower priority than the preemptor. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** The outcome of {@link preempt}: the PostFilter status, and on success the node and the pods to evict. */
export interface PreemptionResult {
  /** Success when a node was chosen; otherwise Unschedulable with the `preemption: …` message. */
  readonly status: Status;
  /** The node to nominate; '' clears a nomination; undefined leaves it alone. */
  readonly nominatedNodeName?: string;
  readonly victims: readonly Pod[];
  /** Lower-priority pods nominated to the chosen node, whose nomination is cleared (`getLowerPriorityNominatedPods`). */
  readonly lowerPriorityNominatedPods: readonly Pod[];
}

/** The pod was preempted by the scheduler and is terminating (`podTerminatingByPreemption`). */
export function podTerminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata?.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/**
 * `PodEligibleToPreemptOthers`: not with `preemptionPolicy: Never`, and not while a lower-priority pod it
 * preempted is still terminating on its nominated node (unless that node now rejects it outright).
 */
export function podEligibleToPreemptOthers(pod: Pod, nodes: readonly NodeInfo[], nominatedNodeStatus: Status): { eligible: boolean; message: string } {
  if (pod.spec?.preemptionPolicy === 'Never') return { eligible: false, message: 'not eligible due to preemptionPolicy=Never.' };
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    if (nominatedNodeStatus.code === Code.UnschedulableAndUnresolvable) return { eligible: true, message: '' };
    const info = nodes.find((n) => n.name === nominated);
    const prio = podPriority(pod);
    if (info?.pods.some((p) => podPriority(p) < prio && podTerminatingByPreemption(p))) {
      return { eligible: false, message: 'not eligible due to a terminating pod on the nominated node.' };
    }
  }
  return { eligible: true, message: '' };
}

const startTime = (p: Pod, now: number): number => (p.status?.startTime ? Date.parse(p.status.startTime) : now);

/** `MoreImportantPod`: higher priority first, then the one that started earlier. */
function moreImportantFirst(now: number): (a: Pod, b: Pod) => number {
  return (a, b) => podPriority(b) - podPriority(a) || startTime(a, now) - startTime(b, now);
}

/**
 * `SelectVictimsOnNode`: removes every lower-priority pod; if the pod still does not fit, the node's filter
 * status; otherwise reprieves victims, most important first, while the pod keeps fitting.
 */
export function selectVictimsOnNode(snap: SchedulingSnapshot, state: CycleState, pod: Pod, nodeInfo: NodeInfo, now: number): { victims: Pod[]; status: Status } {
  const info = nodeInfo.clone();
  const prio = podPriority(pod);
  const potential = info.pods.filter((p) => podPriority(p) < prio);
  if (potential.length === 0) return { victims: [], status: newStatus(Code.UnschedulableAndUnresolvable, NO_PREEMPTION_VICTIMS) };
  for (const p of potential) info.removePod(p);
  const nominated = snap.nominatedPodsForNode(info.name);
  const fitStatus = snap.framework.runFilterPluginsWithNominatedPods(state, pod, info, nominated);
  if (!isSuccess(fitStatus)) return { victims: [], status: fitStatus };
  const victims: Pod[] = [];
  for (const p of [...potential].sort(moreImportantFirst(now))) {
    info.addPod(p);
    if (!isSuccess(snap.framework.runFilterPluginsWithNominatedPods(state, pod, info, nominated))) {
      info.removePod(p);
      victims.push(p);
    }
  }
  return { victims, status: SUCCESS };
}

interface Candidate {
  readonly name: string;
  readonly victims: readonly Pod[];
}

/**
 * `pickOneNodeForPreemption`: the candidate whose highest-priority victim is lowest, then the smallest sum of
 * victim priorities, then the fewest victims, then the latest-started most important victims, then the first.
 */
function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate {
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -podPriority(c.victims[0]!),
    (c) => -c.victims.reduce((sum, p) => sum + podPriority(p) + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => {
      const top = podPriority(c.victims[0]!);
      return Math.min(...c.victims.filter((p) => podPriority(p) === top).map((p) => startTime(p, now)));
    },
  ];
  let all = [...candidates];
  for (const f of scoreFuncs) {
    const best = Math.max(...all.map(f));
    all = all.filter((c) => f(c) === best);
    if (all.length === 1) break;
  }
  return all[0]!;
}

/**
 * `Preempt`: when the pod may preempt, dry-runs preemption on every node whose status is Unschedulable (the
 * ones removing pods could fix). With no candidate the status carries `preemption: 0/N nodes are available: …`
 * (nodes not tried count as `Preemption is not helpful for scheduling`) and the nomination is cleared.
 */
export function preempt(snap: SchedulingSnapshot, state: CycleState, pod: Pod, m: NodeToStatus, now: number): PreemptionResult {
  const nominatedStatus = m.get(pod.status?.nominatedNodeName ?? '');
  const { eligible, message } = podEligibleToPreemptOthers(pod, snap.nodes, nominatedStatus);
  if (!eligible) return { status: newStatus(Code.Unschedulable, `preemption: ${message}`), victims: [], lowerPriorityNominatedPods: [] };
  const potential = m.nodesForStatusCode(snap.nodes, Code.Unschedulable);
  const statuses = new NodeToStatus();
  const candidates: Candidate[] = [];
  for (const info of potential) {
    const { victims, status } = selectVictimsOnNode(snap, state.clone(), pod, info, now);
    if (isSuccess(status) && victims.length > 0) candidates.push({ name: info.name, victims });
    else statuses.set(info.name, status);
  }
  if (candidates.length === 0) {
    statuses.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, PREEMPTION_NOT_HELPFUL));
    const d = newDiagnosis();
    for (const [n, s] of statuses.entries()) d.nodeToStatus.set(n, s);
    d.nodeToStatus.setAbsentNodesStatus(statuses.absentNodesStatus());
    return { status: newStatus(Code.Unschedulable, `preemption: ${fitErrorMessage(snap.nodes.length, d)}`), nominatedNodeName: '', victims: [], lowerPriorityNominatedPods: [] };
  }
  const best = candidates.length === 1 ? candidates[0]! : pickOneNodeForPreemption(candidates, now);
  const prio = podPriority(pod);
  const lower = snap.nominatedPodsForNode(best.name).filter((p) => podPriority(p) < prio);
  return { status: SUCCESS, nominatedNodeName: best.name, victims: best.victims, lowerPriorityNominatedPods: lower };
}
