/**
 * The plugin extension points kubesim's scheduler runs (`pkg/scheduler/framework/interface.go`, v1.32):
 * PreFilter, Filter, PreScore, Score and NormalizeScore, with the per-cycle state plugins share.
 */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import type { Status } from '../status.js';

/** `MaxNodeScore`: a plugin's normalized score lies in [0, 100]. */
export const MAX_NODE_SCORE = 100;

/** `CycleState`: what plugins compute once per scheduling attempt and read per node. */
export class CycleState {
  private readonly data = new Map<string, unknown>();

  /** `Write` */
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  /** `Read`: the value a plugin wrote, or undefined. */
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  /** `Clone` (values are treated as immutable). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.write(k, v);
    return c;
  }
}

/** `PreFilterResult`: the only nodes worth filtering, when a plugin can tell (undefined = all nodes). */
export interface PreFilterResult {
  readonly status: Status;
  readonly nodeNames?: ReadonlySet<string>;
}

/** A Filter plugin, with its optional PreFilter. */
export interface FilterPlugin {
  readonly name: string;
  /** `PreFilter`: computes the cycle's state; Skip means Filter has nothing to do for this pod. */
  preFilter?(state: CycleState, pod: Pod): PreFilterResult;
  /** `Filter`: whether the pod fits the node. */
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
}

/** A node and its score (`framework.NodeScore`). */
export interface NodeScore {
  readonly name: string;
  score: number;
}

/** A Score plugin with its weight in the default profile. */
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** `PreScore`: Skip means the plugin does not score this pod. */
  preScore?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
  /** `Score`: the raw score of one node. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** `NormalizeScore`: rescales the raw scores of all feasible nodes into [0, MaxNodeScore]. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

/**
 * `helper.DefaultNormalizeScore`: scales scores so the highest becomes `maxPriority`; `reverse` turns
 * "more is worse" counts into scores. All zero gives 0 (or `maxPriority` when reversed).
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  const maxCount = scores.reduce((m, s) => Math.max(m, s.score), 0);
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}
