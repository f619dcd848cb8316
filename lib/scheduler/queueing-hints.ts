/**
 * Which cluster events may make an unschedulable pod schedulable (v1.32, SchedulerQueueingHints on):
 * `NodeSchedulingPropertiesChange` of `pkg/scheduler/framework/events.go` and each filter plugin's
 * `EventsToRegister` with its QueueingHint function, for the plugins kubesim runs.
 */
import type { Node, Pod } from '../api/types.js';
import { getRequiredNodeAffinity } from './node-affinity-match.js';
import { computePodResourceRequest, resourceFromList, type Resource } from './resource.js';
import { TAINT_NODE_UNSCHEDULABLE, doNotScheduleTaint, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from './taints.js';

/** A cluster event the queue reacts to (`framework.ClusterEvent`, reduced to what these plugins register). */
export type ClusterEvent =
  | { readonly kind: 'NodeAdd'; readonly node: Node }
  | { readonly kind: 'NodeUpdate'; readonly oldNode: Node; readonly node: Node; readonly changes: ReadonlySet<NodeChange> }
  | { readonly kind: 'AssignedPodDelete'; readonly pod: Pod }
  | { readonly kind: 'UnscheduledPodUpdate'; readonly oldPod: Pod; readonly pod: Pod }
  | { readonly kind: 'UnschedulableTimeout' };

/** The node update action types (`UpdateNodeAllocatable`, `UpdateNodeLabel`, …). */
export type NodeChange = 'Allocatable' | 'Label' | 'Taint' | 'Condition' | 'Annotation';

const sameJSON = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
};
const conditionStatuses = (n: Node): Record<string, string> => Object.fromEntries((n.status?.conditions ?? []).map((c) => [c.type, c.status]));

/**
 * `NodeSchedulingPropertiesChange`: what about a node changed that scheduling cares for — a cordon counts as
 * a taint change; conditions count by type and status only, so heartbeats change nothing.
 */
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): Set<NodeChange> {
  const out = new Set<NodeChange>();
  if (Boolean(newNode.spec?.unschedulable) !== Boolean(oldNode.spec?.unschedulable)) out.add('Taint');
  if (!sameMap(newNode.status?.allocatable, oldNode.status?.allocatable)) out.add('Allocatable');
  if (!sameMap(newNode.metadata?.labels, oldNode.metadata?.labels)) out.add('Label');
  if (!sameJSON(newNode.spec?.taints, oldNode.spec?.taints)) out.add('Taint');
  if (!sameMap(conditionStatuses(newNode), conditionStatuses(oldNode))) out.add('Condition');
  if (!sameMap(newNode.metadata?.annotations, oldNode.metadata?.annotations)) out.add('Annotation');
  return out;
}

/** NodeResourcesFit's `isFit`: the pod's requests fit the node's allocatable, ignoring the pods on it. */
function fitsAllocatable(pod: Pod, node: Node): boolean {
  const req = computePodResourceRequest(pod);
  const alloc = resourceFromList(node.status?.allocatable);
  if (alloc.allowedPodNumber < 1) return false;
  if (req.milliCPU > alloc.milliCPU || req.memory > alloc.memory || req.ephemeralStorage > alloc.ephemeralStorage) return false;
  return [...req.scalar].every(([name, q]) => q <= (alloc.scalar.get(name) ?? 0));
}

/** `haveAnyRequestedResourcesIncreased` */
function requestedResourcesIncreased(req: Resource, oldNode: Node, newNode: Node): boolean {
  const a = resourceFromList(oldNode.status?.allocatable);
  const b = resourceFromList(newNode.status?.allocatable);
  if (b.allowedPodNumber > a.allowedPodNumber) return true;
  if ((req.milliCPU > 0 && b.milliCPU > a.milliCPU) || (req.memory > 0 && b.memory > a.memory)) return true;
  if (req.ephemeralStorage > 0 && b.ephemeralStorage > a.ephemeralStorage) return true;
  return [...req.scalar].some(([name, q]) => q > 0 && (b.scalar.get(name) ?? 0) > (a.scalar.get(name) ?? 0));
}

const untolerated = (pod: Pod, node: Node): boolean =>
  findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, doNotScheduleTaint) !== undefined;
const cordoned = (pod: Pod, node: Node): boolean =>
  Boolean(node.spec?.unschedulable) && !tolerationsTolerateTaint(pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });

/**
 * Whether `event` may make `pod` schedulable, asked of the plugins that rejected it (`isPodWorthRequeuing`):
 * a rejection by no plugin, or a timeout, always requeues.
 */
export function isPodWorthRequeuing(pod: Pod, rejectors: ReadonlySet<string>, event: ClusterEvent): boolean {
  if (rejectors.size === 0 || event.kind === 'UnschedulableTimeout') return true;
  return [...rejectors].some((plugin) => pluginHint(plugin, pod, event));
}

function pluginHint(plugin: string, pod: Pod, event: ClusterEvent): boolean {
  switch (plugin) {
    case 'NodeResourcesFit':
      if (event.kind === 'AssignedPodDelete') return true;
      if (event.kind === 'NodeAdd') return fitsAllocatable(pod, event.node);
      if (event.kind === 'NodeUpdate' && event.changes.has('Allocatable')) {
        return fitsAllocatable(pod, event.node) && requestedResourcesIncreased(computePodResourceRequest(pod), event.oldNode, event.node);
      }
      return event.kind === 'UnscheduledPodUpdate' && !sameJSON(event.oldPod.spec, event.pod.spec);
    case 'TaintToleration':
      if (event.kind === 'NodeAdd') return !untolerated(pod, event.node);
      if (event.kind === 'NodeUpdate' && event.changes.has('Taint')) return untolerated(pod, event.oldNode) && !untolerated(pod, event.node);
      return event.kind === 'UnscheduledPodUpdate' && !sameJSON(event.oldPod.spec?.tolerations, event.pod.spec?.tolerations);
    case 'NodeUnschedulable':
      if (event.kind === 'NodeAdd') return !cordoned(pod, event.node);
      if (event.kind === 'NodeUpdate' && event.changes.has('Taint')) return cordoned(pod, event.oldNode) && !cordoned(pod, event.node);
      return event.kind === 'UnscheduledPodUpdate' && !sameJSON(event.oldPod.spec?.tolerations, event.pod.spec?.tolerations);
    case 'NodeAffinity': {
      if (event.kind !== 'NodeAdd' && !(event.kind === 'NodeUpdate' && event.changes.has('Label'))) return false;
      const affinity = getRequiredNodeAffinity(pod);
      if (!affinity.match(event.node)) return false;
      return event.kind === 'NodeAdd' || !affinity.match(event.oldNode);
    }
    case 'NodeName':
      return event.kind === 'NodeAdd' && (!pod.spec?.nodeName || pod.spec.nodeName === event.node.metadata?.name);
    default:
      return true;
  }
}
