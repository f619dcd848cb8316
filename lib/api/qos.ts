/**
 * The QoS class of a pod, as the apiserver computes it once, on create
 * (`pkg/apis/core/helper/qos/qos.go` `ComputePodQOS`, v1.32; the pod-level-resources branch is behind
 * the alpha PodLevelResources gate and not taken).
 */
import type { Pod } from './types.js';
import { Quantity, tryParseQuantity } from './quantity.js';

/** `v1.PodQOSClass` */
export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Only cpu and memory decide the class (`isSupportedQoSComputeResource`). */
const QOS_RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory']);

type Sums = Map<string, Quantity>;

/** Adds the positive cpu/memory quantities of `list` into `sums`; returns the names it counted. */
function addPositive(sums: Sums, list: Readonly<Record<string, string>> | undefined): Set<string> {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const q = tryParseQuantity(value);
    if (!q || q.sign() <= 0) continue;
    found.add(name);
    const prev = sums.get(name);
    sums.set(name, prev ? prev.add(q) : q);
  }
  return found;
}

/**
 * `ComputePodQOS`: BestEffort when no container or init container requests or limits cpu or memory;
 * Guaranteed when every one of them has cpu and memory limits and the summed requests equal the summed
 * limits; Burstable otherwise. Ephemeral containers do not count.
 */
export function computePodQOS(pod: Pod): PodQOSClass {
  const requests: Sums = new Map();
  const limits: Sums = new Map();
  let guaranteed = true;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of containers) {
    addPositive(requests, c.resources?.requests);
    const limitsFound = addPositive(limits, c.resources?.limits);
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** `GetPodQOS`: the class already in the status, else the computed one. */
export function getPodQOS(pod: Pod): PodQOSClass {
  const stored = pod.status?.qosClass;
  return stored === 'Guaranteed' || stored === 'Burstable' || stored === 'BestEffort' ? stored : computePodQOS(pod);
}
