/**
 * Pod resource requests as the scheduler counts them: `resource.PodRequests` of
 * `k8s.io/component-helpers/resource/helpers.go` (v1.32, with the alpha PodLevelResources and
 * InPlacePodVerticalScaling gates off) and the scheduler's `framework.Resource` (`pkg/scheduler/framework/types.go`).
 */
import type { Pod } from '../api/types.js';
import { Quantity, tryParseQuantity } from '../api/quantity.js';

/** A resource list with parsed quantities (`v1.ResourceList`). */
export type ResourceList = Map<string, Quantity>;

/** `schedutil.DefaultMilliCPURequest`: what a container without a cpu request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** `schedutil.DefaultMemoryRequest`: 200Mi, what a container without a memory request counts as when scoring. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** The non-zero defaults `calculateResource` and the scorers apply to containers that request nothing. */
export const NON_ZERO_DEFAULTS: ReadonlyMap<string, Quantity> = new Map([
  ['cpu', Quantity.fromMilli(DEFAULT_MILLI_CPU_REQUEST)],
  ['memory', Quantity.fromInt(DEFAULT_MEMORY_REQUEST)],
]);

/** Parses a wire resource map; malformed quantities (which validation rejects) are skipped. */
export function parseResourceList(list: Readonly<Record<string, string | number>> | undefined | null): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(value);
    if (q) out.set(name, q);
  }
  return out;
}

/** `addResourceList`: adds every quantity of `add` into `list`. */
function addResourceList(list: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) {
    const cur = list.get(name);
    list.set(name, cur ? cur.add(q) : q);
  }
}

/** `maxResourceList`: keeps the larger quantity of each resource named in `other`. */
function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const cur = list.get(name);
    if (!cur || q.cmp(cur) > 0) list.set(name, q);
  }
}

/** `applyNonMissing`: the container's requests plus a default for each resource it does not name. */
function applyNonMissing(reqs: ResourceList, defaults: ReadonlyMap<string, Quantity>): ResourceList {
  const out: ResourceList = new Map(reqs);
  for (const [name, q] of defaults) if (!out.has(name)) out.set(name, q);
  return out;
}

/** Options of {@link podRequests} (`PodResourcesOptions`). */
export interface PodResourcesOptions {
  /** Defaults for resources a container does not request (`NonMissingContainerRequests`). */
  nonMissingContainerRequests?: ReadonlyMap<string, Quantity>;
  /** Leave `spec.overhead` out (`ExcludeOverhead`). */
  excludeOverhead?: boolean;
}

/**
 * `PodRequests`: the sum of the regular containers' requests, raised to what any init container needs
 * while it runs (itself plus the restartable init containers, i.e. sidecars, started before it), with
 * the sidecars added to the sum as they keep running, plus `spec.overhead`.
 */
export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const reqs: ResourceList = new Map();
  const containerReqs = (requests: Record<string, string> | undefined): ResourceList => {
    const parsed = parseResourceList(requests);
    return opts.nonMissingContainerRequests ? applyNonMissing(parsed, opts.nonMissingContainerRequests) : parsed;
  };
  for (const c of pod.spec?.containers ?? []) addResourceList(reqs, containerReqs(c.resources?.requests));
  const restartableInitReqs: ResourceList = new Map();
  const initReqs: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let cReqs = containerReqs(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the regular containers and every later init container.
      addResourceList(reqs, cReqs);
      addResourceList(restartableInitReqs, cReqs);
      cReqs = new Map(restartableInitReqs);
    } else {
      const tmp: ResourceList = new Map();
      addResourceList(tmp, cReqs);
      addResourceList(tmp, restartableInitReqs);
      cReqs = tmp;
    }
    maxResourceList(initReqs, cReqs);
  }
  maxResourceList(reqs, initReqs);
  if (!opts.excludeOverhead && pod.spec?.overhead) addResourceList(reqs, parseResourceList(pod.spec.overhead));
  return reqs;
}

/** `v1helper.IsExtendedResourceName`: a domain-prefixed name outside `kubernetes.io/` (and not `requests.`). */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/** `schedutil.IsScalarResourceName`: extended, hugepages, prefixed native, or attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || name.includes('kubernetes.io/') || name.startsWith('attachable-volumes-');
}

/** `framework.Resource`: cpu in millicores, memory and ephemeral storage in bytes, the pod count, scalars. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalar: Map<string, number>;
}

/** An empty {@link Resource}. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

/** A copy of a {@link Resource}. */
export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** `Resource.Add`: cpu as MilliValue, the others as Value (both round up, as Go's do). */
export function addToResource(r: Resource, list: ResourceList): void {
  for (const [name, q] of list) {
    if (name === 'cpu') r.milliCPU += q.milliValue();
    else if (name === 'memory') r.memory += q.value();
    else if (name === 'pods') r.allowedPodNumber += q.value();
    else if (name === 'ephemeral-storage') r.ephemeralStorage += q.value();
    else if (isScalarResourceName(name)) r.scalar.set(name, (r.scalar.get(name) ?? 0) + q.value());
  }
}

/** `Resource.SetMaxResource`: raises each dimension to the list's value (the pod count is not touched). */
export function setMaxResource(r: Resource, list: ResourceList): void {
  for (const [name, q] of list) {
    if (name === 'cpu') r.milliCPU = Math.max(r.milliCPU, q.milliValue());
    else if (name === 'memory') r.memory = Math.max(r.memory, q.value());
    else if (name === 'ephemeral-storage') r.ephemeralStorage = Math.max(r.ephemeralStorage, q.value());
    else if (isScalarResourceName(name)) r.scalar.set(name, Math.max(r.scalar.get(name) ?? 0, q.value()));
  }
}

/** `NewResource(rl)`: a Resource from a wire resource map (node allocatable). */
export function resourceFromList(list: Readonly<Record<string, string | number>> | undefined | null): Resource {
  const r = emptyResource();
  addToResource(r, parseResourceList(list));
  return r;
}

/** `computePodResourceRequest` (NodeResourcesFit PreFilter): the pod's requests as a Resource. */
export function computePodResourceRequest(pod: Pod): Resource {
  const r = emptyResource();
  setMaxResource(r, podRequests(pod));
  return r;
}

/**
 * `calculateResource`: what a pod placed on a node takes from it — its requests, and the cpu and memory
 * it counts for when scoring (containers without a request count as 100m and 200Mi).
 */
export function calculateResource(pod: Pod): { requested: Resource; nonZeroMilliCPU: number; nonZeroMemory: number } {
  const requested = emptyResource();
  addToResource(requested, podRequests(pod));
  const nonZero = podRequests(pod, { nonMissingContainerRequests: NON_ZERO_DEFAULTS });
  return {
    requested,
    nonZeroMilliCPU: nonZero.get('cpu')?.milliValue() ?? 0,
    nonZeroMemory: nonZero.get('memory')?.value() ?? 0,
  };
}
