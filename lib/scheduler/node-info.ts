/**
 * The scheduler's per-node view (`framework.NodeInfo` in `pkg/scheduler/framework/types.go`): the node,
 * the pods placed on it, and the resources those pods request.
 */
import type { Node, Pod } from '../api/types.js';
import { calculateResource, cloneResource, emptyResource, resourceFromList, type Resource } from './resource.js';

/** `GetPodKey`: pods are keyed by UID in the scheduler cache (namespace/name when a test pod has none). */
export function podKey(pod: Pod): string {
  return pod.metadata?.uid || `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** `NodeInfo`: a node and the aggregate of the pods on it. */
export class NodeInfo {
  readonly pods: Pod[] = [];
  /** Sum of the pods' requests (`Requested`). */
  readonly requested: Resource = emptyResource();
  /** Sum of the pods' cpu and memory with the non-zero defaults applied (`NonZeroRequested`). */
  readonly nonZeroRequested: Resource = emptyResource();
  /** `Node.Status.Allocatable`. */
  readonly allocatable: Resource;

  constructor(
    readonly node: Node,
    pods: readonly Pod[] = [],
    allocatable?: Resource,
  ) {
    this.allocatable = allocatable ?? resourceFromList(node.status?.allocatable);
    for (const p of pods) this.addPod(p);
  }

  /** The node's name. */
  get name(): string {
    return this.node.metadata?.name ?? '';
  }

  /** `AddPod`: counts the pod's requests against the node. */
  addPod(pod: Pod): void {
    this.pods.push(pod);
    this.update(pod, 1);
  }

  /** `RemovePod`: forgets a pod (by key); returns whether it was there. */
  removePod(pod: Pod): boolean {
    const key = podKey(pod);
    const i = this.pods.findIndex((p) => podKey(p) === key);
    if (i < 0) return false;
    const [removed] = this.pods.splice(i, 1);
    this.update(removed!, -1);
    return true;
  }

  /** `Snapshot`: an independent copy that may be changed (preemption dry runs, nominated pods). */
  clone(): NodeInfo {
    return new NodeInfo(this.node, this.pods, cloneResource(this.allocatable));
  }

  private update(pod: Pod, sign: 1 | -1): void {
    const { requested, nonZeroMilliCPU, nonZeroMemory } = calculateResource(pod);
    this.requested.milliCPU += sign * requested.milliCPU;
    this.requested.memory += sign * requested.memory;
    this.requested.ephemeralStorage += sign * requested.ephemeralStorage;
    for (const [name, v] of requested.scalar) this.requested.scalar.set(name, (this.requested.scalar.get(name) ?? 0) + sign * v);
    this.nonZeroRequested.milliCPU += sign * nonZeroMilliCPU;
    this.nonZeroRequested.memory += sign * nonZeroMemory;
  }
}

/** Whether the pod has finished (`Succeeded`/`Failed`): the scheduler's informer leaves such pods out. */
export function isTerminalPod(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * The snapshot a scheduling cycle works on (`Cache.UpdateSnapshot`): one NodeInfo per node, sorted by name,
 * holding the pods bound to it that have not terminated.
 */
export function buildSnapshot(nodes: Iterable<Node>, pods: Iterable<Pod>): NodeInfo[] {
  const infos = new Map<string, NodeInfo>();
  for (const n of nodes) infos.set(n.metadata?.name ?? '', new NodeInfo(n));
  for (const p of pods) {
    const nodeName = p.spec?.nodeName;
    if (!nodeName || isTerminalPod(p)) continue;
    infos.get(nodeName)?.addPod(p);
  }
  return [...infos.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
