/**
 * The NodeResourcesFit plugin (`pkg/scheduler/framework/plugins/noderesources/fit.go`, v1.32): the Filter
 * that checks requests against allocatable, and its default LeastAllocated score.
 */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { computePodResourceRequest, podRequests, NON_ZERO_DEFAULTS, type Resource } from '../resource.js';
import { Code, SUCCESS, newStatus, type Status } from '../status.js';
import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreFilterResult, type ScorePlugin } from './interface.js';

const STATE_KEY = 'PreFilterNodeResourcesFit';

/** `InsufficientResource`: one resource the node cannot give, with the numbers behind it. */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
}

/**
 * `fitsRequest`: the pod count first (`Too many pods`), then — when the pod requests anything — cpu, memory,
 * ephemeral storage and scalar resources, each insufficient when the request exceeds allocatable minus what
 * the node's pods already request.
 */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber });
  }
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && podRequest.scalar.size === 0) return out;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: podRequest.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: podRequest.memory, used: used.memory, capacity: alloc.memory });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: podRequest.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    });
  }
  for (const [name, quantity] of podRequest.scalar) {
    if (quantity === 0) continue;
    const capacity = alloc.scalar.get(name) ?? 0;
    const inUse = used.scalar.get(name) ?? 0;
    if (quantity > capacity - inUse) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: quantity, used: inUse, capacity });
  }
  return out;
}

/** `Fits`: the pod's requests against the node, with no preemption in play. */
export function fits(pod: Pod, nodeInfo: NodeInfo): InsufficientResource[] {
  return fitsRequest(computePodResourceRequest(pod), nodeInfo);
}

/** Filters out nodes without room for the pod's requests; preemption may help (Unschedulable). */
export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  preFilter(state: CycleState, pod: Pod): PreFilterResult {
    state.write(STATE_KEY, computePodResourceRequest(pod));
    return { status: SUCCESS };
  },
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const request = state.read<Resource>(STATE_KEY) ?? computePodResourceRequest(pod);
    const insufficient = fitsRequest(request, nodeInfo);
    return insufficient.length === 0 ? SUCCESS : newStatus(Code.Unschedulable, ...insufficient.map((r) => r.reason));
  },
};

/** `calculatePodResourceRequest`: the pod's cpu (milli) or memory (bytes), optionally with the non-zero defaults. */
export function podRequestFor(pod: Pod, resource: 'cpu' | 'memory', nonZero: boolean): number {
  const q = podRequests(pod, nonZero ? { nonMissingContainerRequests: NON_ZERO_DEFAULTS } : {}).get(resource);
  if (!q) return 0;
  return resource === 'cpu' ? q.milliValue() : q.value();
}

/** `leastRequestedScore`: the share of the node left free, 0..100 (0 when overcommitted). */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * The LeastAllocated strategy of NodeResourcesFit (weight 1, cpu and memory weighted 1 each): nodes with
 * more room left after placing the pod score higher, counting requests with the non-zero defaults.
 */
export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    let nodeScore = 0;
    let weightSum = 0;
    for (const resource of ['cpu', 'memory'] as const) {
      const alloc = resource === 'cpu' ? nodeInfo.allocatable.milliCPU : nodeInfo.allocatable.memory;
      if (alloc === 0) continue;
      const requested = (resource === 'cpu' ? nodeInfo.nonZeroRequested.milliCPU : nodeInfo.nonZeroRequested.memory) + podRequestFor(pod, resource, true);
      nodeScore += leastRequestedScore(requested, alloc);
      weightSum += 1;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  },
};
