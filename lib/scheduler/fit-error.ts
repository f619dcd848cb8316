/**
 * Why a pod fits no node, and the message that says so: `NodeToStatus`, `Diagnosis` and `FitError.Error()`
 * of `pkg/scheduler/framework/types.go` and `interface.go` (v1.32).
 */
import { compareBytes } from '../selectors/selector-error.js';
import type { NodeInfo } from './node-info.js';
import { Code, newStatus, type Status } from './status.js';

/** `ErrNoNodesAvailable`: the message when the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
/** `validation.NoteLengthLimit`: events carry at most this many bytes of message. */
export const NOTE_LENGTH_LIMIT = 1024;

/**
 * `NodeToStatus`: the status of each node that was rejected, and one status standing for every node not in
 * the map (nodes a PreFilter result left out, or all nodes when PreFilter failed).
 */
export class NodeToStatus {
  private readonly statuses = new Map<string, Status>();

  /** `NewDefaultNodeToStatus`: absent nodes count as UnschedulableAndUnresolvable with no reason. */
  constructor(private absent: Status = newStatus(Code.UnschedulableAndUnresolvable)) {}

  /** `Set` */
  set(node: string, status: Status): void {
    this.statuses.set(node, status);
  }

  /** `Get`: the node's status, or the absent nodes' status. */
  get(node: string): Status {
    return this.statuses.get(node) ?? this.absent;
  }

  /** `SetAbsentNodesStatus` */
  setAbsentNodesStatus(status: Status): void {
    this.absent = status;
  }

  /** `AbsentNodesStatus` */
  absentNodesStatus(): Status {
    return this.absent;
  }

  /** `Len`: the nodes with an explicit status. */
  get size(): number {
    return this.statuses.size;
  }

  /** `ForEachExplicitNode` */
  entries(): IterableIterator<[string, Status]> {
    return this.statuses.entries();
  }

  /** `NodesForStatusCode`: the nodes (of `all`) whose status, explicit or absent, has `code`. */
  nodesForStatusCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    if (this.absent.code === code) return all.filter((n) => this.get(n.name).code === code);
    return all.filter((n) => this.statuses.get(n.name)?.code === code);
  }
}

/** `Diagnosis`: the statuses, the plugins that rejected the pod, and the PreFilter/PostFilter messages. */
export interface Diagnosis {
  readonly nodeToStatus: NodeToStatus;
  /** Plugins that returned Unschedulable or UnschedulableAndUnresolvable. */
  readonly unschedulablePlugins: Set<string>;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

/** A fresh {@link Diagnosis}. */
export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set() };
}

/** `Diagnosis.AddPluginStatus`: remembers the plugin of a rejecting status (used to requeue the pod). */
export function addPluginStatus(d: Diagnosis, status: Status): void {
  if (status.plugin && (status.code === Code.Unschedulable || status.code === Code.UnschedulableAndUnresolvable)) {
    d.unschedulablePlugins.add(status.plugin);
  }
}

/**
 * `FitError.Error()`: `0/N nodes are available:` then either the PreFilter message or the histogram of node
 * reasons (`COUNT REASON`, sorted as Go's sort.Strings sorts, joined by `, `, ending with `.`), then the
 * PostFilter (preemption) message. Nodes without an explicit status contribute the absent status' reasons.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  // NoNodeAvailableMsg
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const [, status] of d.nodeToStatus.entries()) {
      for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) {
      for (const r of d.nodeToStatus.absentNodesStatus().reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(compareBytes);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** `truncateMessage`: event notes longer than 1024 bytes keep their first 1020 bytes and ` ...`. */
export function truncateMessage(message: string): string {
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return new TextDecoder().decode(bytes.subarray(0, NOTE_LENGTH_LIMIT - suffix.length)) + suffix;
}
