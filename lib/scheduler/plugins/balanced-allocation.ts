/** The NodeResourcesBalancedAllocation plugin (`pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go`, v1.32). */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from './interface.js';
import { podRequestFor } from './node-resources-fit.js';

/**
 * Scores nodes by how evenly cpu and memory would be used after placing the pod (weight 1): 100 × (1 − the
 * standard deviation of the two usage fractions), fractions capped at 1, counting actual requests.
 */
export const balancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const fractions: number[] = [];
    for (const resource of ['cpu', 'memory'] as const) {
      const alloc = resource === 'cpu' ? nodeInfo.allocatable.milliCPU : nodeInfo.allocatable.memory;
      if (alloc === 0) continue;
      const requested = (resource === 'cpu' ? nodeInfo.requested.milliCPU : nodeInfo.requested.memory) + podRequestFor(pod, resource, false);
      fractions.push(Math.min(requested / alloc, 1));
    }
    // With two resources the standard deviation is half their difference; with fewer it is zero.
    const std = fractions.length === 2 ? Math.abs((fractions[0]! - fractions[1]!) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
