/** Pods and nodes for the scheduler tests: a valid default plus tweaks, as `pod/testing/make.go` does. */
import { writable, type Node, type Pod } from '../../../lib/api/types.js';

type Tweak<T> = (o: T) => void;

/** A pod with one container `app`, in `default`, with the given tweaks applied. */
export function makePod(name: string, ...tweaks: Tweak<Pod>[]): Pod {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1' },
    spec: { containers: [{ name: 'app', image: 'busybox' }], schedulerName: 'default-scheduler' },
  };
  for (const t of tweaks) t(pod);
  return pod;
}

/** Requests for the first container. */
export const requests = (r: Record<string, string>): Tweak<Pod> => (p) => {
  p.spec!.containers[0]!.resources = { requests: r };
};
/** Places the pod on a node. */
export const onNode = (node: string): Tweak<Pod> => (p) => {
  p.spec!.nodeName = node;
};
/** Sets `spec.priority`. */
export const priority = (n: number): Tweak<Pod> => (p) => {
  p.spec!.priority = n;
};

/** A ready node with 2 cpu, 4Gi memory and room for 110 pods, with tweaks. */
export function makeNode(name: string, ...tweaks: Tweak<Node>[]): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      capacity: { cpu: '2', memory: '4Gi', pods: '110' },
      allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
  for (const t of tweaks) t(node);
  return node;
}

/** Sets the node's allocatable (and capacity). */
export const allocatable = (r: Record<string, string>): Tweak<Node> => (n) => {
  writable(n).status = { ...n.status, capacity: { ...r }, allocatable: { ...r } };
};
/** Adds a taint. */
export const taint = (key: string, value: string | undefined, effect: string): Tweak<Node> => (n) => {
  n.spec = { ...n.spec, taints: [...(n.spec?.taints ?? []), { key, ...(value !== undefined ? { value } : {}), effect }] };
};
/** Adds labels. */
export const labels = (l: Record<string, string>): Tweak<Node> => (n) => {
  n.metadata = { ...n.metadata, labels: { ...(n.metadata?.labels ?? {}), ...l } };
};
