/**
 * The Node object a v1.32 kubelet registers (`kubelet_node_status.go initialNode`, `registerWithAPIServer`,
 * and the `nodestatus` setters: `NodeAddress`, `MachineInfo`, `VersionInfo`, `DaemonEndpoints`,
 * `MemoryPressureCondition`, `DiskPressureCondition`, `PIDPressureCondition`, `ReadyCondition`).
 */
import type { Node, NodeCondition, NodeRuntimeHandlerFeatures, Taint } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../clock/clock.js';
import { SeededRandom } from '../ids/random.js';
import { KERNEL, NODE_CPUS } from '../runtime/applets/info.js';
import { newUID } from '../ids/uid.js';

/** The versions and machine facts a simulated node reports. */
export interface NodeRegistrationOptions {
  /** 1-based index of the node in the cluster: picks its InternalIP (`172.18.0.<index+1>`) and pod CIDR. */
  readonly index: number;
  /** Seed of the machine IDs (with the node name). */
  readonly seed?: number;
  /** Extra labels (roles, zones …) on top of the kubelet's own. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly ephemeralStorage?: string;
  readonly kubeletVersion?: string;
  readonly containerRuntimeVersion?: string;
  readonly osImage?: string;
  readonly kernelVersion?: string;
  /** `spec.taints` to register with (`--register-with-taints`). */
  readonly taints?: Taint[];
}

/** Versions a kind node of the v1.32 line reports. */
export const KUBELET_VERSION = 'v1.32.2';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
/** The kernel containers see (`uname -r`, `/proc/version`), so the node reports the same one. */
export const KERNEL_VERSION = KERNEL.release;
/** The kubelet's port (`--port`), reported as `daemonEndpoints.kubeletEndpoint.Port`. */
export const KUBELET_PORT = 10250;

/** The node's InternalIP: `172.18.0.2` for the first node, as kind's docker network hands them out. */
export function nodeInternalIP(index: number): string {
  return `172.18.0.${index + 1}`;
}

/** The pod CIDR the node IPAM controller would give the node: `10.244.<index-1>.0/24`. */
export function nodePodCIDR(index: number): string {
  return `10.244.${index - 1}.0/24`;
}

/** A seeded generator per node, so one node's IDs do not depend on what other nodes did. */
export function nodeRandom(nodeName: string, seed = 1): SeededRandom {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < nodeName.length; i++) h = Math.imul(h ^ nodeName.charCodeAt(i), 0x01000193) >>> 0;
  return new SeededRandom(h);
}

const hex = (rng: SeededRandom, n: number): string =>
  Array.from(rng.bytes(n), (b) => b.toString(16).padStart(2, '0')).join('');

/** The four node conditions the kubelet sets, healthy, with their real reasons and messages. */
export function healthyNodeConditions(now: number): NodeCondition[] {
  const at = rfc3339(now);
  const c = (type: string, status: string, reason: string, message: string): NodeCondition => (
    { type, status, lastHeartbeatTime: at, lastTransitionTime: at, reason, message }
  );
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/**
 * The Node the kubelet creates on registration: the well-known labels (`kubernetes.io/hostname`, `os`,
 * `arch` and their `beta.` twins), the attach/detach annotation, capacity = allocatable (no reservations),
 * addresses, daemon endpoints, node info and healthy conditions. `spec.podCIDR` is what kind's node IPAM
 * controller would set right after.
 */
export function initialNode(nodeName: string, now: number, opts: NodeRegistrationOptions): Node {
  const rng = nodeRandom(nodeName, opts.seed);
  const capacity: Record<string, string> = {
    // What containers see: `nproc` and /proc/meminfo's MemTotal.
    cpu: opts.cpu ?? String(NODE_CPUS),
    'ephemeral-storage': opts.ephemeralStorage ?? '102625208Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: opts.memory ?? '8138256Ki',
    pods: opts.pods ?? '110',
  };
  const cidr = nodePodCIDR(opts.index);
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': nodeName,
        'kubernetes.io/os': 'linux',
        ...(opts.labels ?? {}),
      },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], ...(opts.taints ? { taints: opts.taints } : {}) },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: healthyNodeConditions(now),
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(opts.index) },
        { type: 'Hostname', address: nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        machineID: hex(rng, 16),
        systemUUID: newUID(rng),
        bootID: newUID(rng),
        kernelVersion: opts.kernelVersion ?? KERNEL_VERSION,
        osImage: opts.osImage ?? OS_IMAGE,
        containerRuntimeVersion: opts.containerRuntimeVersion ?? CONTAINER_RUNTIME_VERSION,
        kubeletVersion: opts.kubeletVersion ?? KUBELET_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      // RecursiveReadOnlyMounts (beta, on) makes the kubelet publish the handlers; containerd 1.7 supports neither feature.
      // (`userNamespaces` is a 1.31 field kubernetes-types 1.30 does not know.)
      runtimeHandlers: [
        { name: '', features: { recursiveReadOnlyMounts: false, userNamespaces: false } as NodeRuntimeHandlerFeatures },
        { name: 'runc', features: { recursiveReadOnlyMounts: false, userNamespaces: false } as NodeRuntimeHandlerFeatures },
      ],
    },
  };
  return node;
}
