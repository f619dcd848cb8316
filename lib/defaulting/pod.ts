/**
 * API defaulting of a Pod as the apiserver runs it while decoding every Pod it receives (create,
 * update, patch, and the `ephemeralcontainers` and `status` subresources alike): the generated
 * `SetObjectDefaults_Pod`, which calls `SetDefaults_Pod`, `SetDefaults_PodSpec`, then the volume and
 * container defaults, then rounds `overhead`. Ports `pkg/apis/core/v1/defaults.go` (v1.32; the
 * PodLevelResources defaults are behind an alpha gate that is off).
 *
 * `setDefaultsPod` mutates (a mutable copy or an immer draft); `withPodDefaults` is the pure form.
 */
import { produce, type Draft } from 'immer';
import type { Container, Pod, PodSpec } from '../api/types.js';
import { setDefaultsContainer, setDefaultsResourceList, type ResourceList } from './container.js';
import { setDefaultsVolume } from './volume.js';

/** `v1.DefaultTerminationGracePeriodSeconds` */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** `v1.DefaultSchedulerName` */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Requests copied from limits where a request is missing (containers and init containers only). */
function defaultRequestsFromLimits(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    const limits = c.resources?.limits;
    if (!limits || !c.resources) continue;
    const requests = (c.resources.requests ??= {});
    for (const [name, value] of Object.entries(limits)) {
      if (!(name in requests)) requests[name] = value;
    }
  }
}

/** With host networking every container port without a hostPort gets hostPort = containerPort. */
function defaultHostNetworkPorts(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    for (const port of c.ports ?? []) {
      if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
}

/**
 * `SetDefaults_Pod`: requests from limits (only on a Pod, never a template), enableServiceLinks true,
 * host ports for host-network pods.
 */
function setDefaultsPodOnly(pod: Pod): void {
  // A Pod decoded without a spec has Go's zero PodSpec.
  const spec = (pod.spec ??= {} as PodSpec);
  defaultRequestsFromLimits(spec.containers);
  defaultRequestsFromLimits(spec.initContainers);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
}

/** `SetDefaults_PodSpec`: dnsPolicy, restartPolicy, securityContext, grace period, scheduler name. */
export function setDefaultsPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
}

/** `SetObjectDefaults_Pod`: every API default of a Pod, in the generated defaulter's order (mutates). */
export function setDefaultsPod(pod: Pod | Draft<Pod>): void {
  const p = pod as Pod;
  setDefaultsPodOnly(p);
  const spec = p.spec as PodSpec;
  setDefaultsPodSpec(spec);
  for (const v of spec.volumes ?? []) setDefaultsVolume(v);
  for (const c of spec.initContainers ?? []) setDefaultsContainer(c);
  for (const c of spec.containers ?? []) setDefaultsContainer(c);
  for (const c of spec.ephemeralContainers ?? []) setDefaultsContainer(c);
  setDefaultsResourceList(spec.overhead as ResourceList | undefined);
  const podResources = (spec as PodSpec & { resources?: { limits?: ResourceList; requests?: ResourceList } }).resources;
  setDefaultsResourceList(podResources?.limits);
  setDefaultsResourceList(podResources?.requests);
  const status = p.status;
  for (const cs of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? []), ...(status?.ephemeralContainerStatuses ?? [])]) {
    const loose = cs as typeof cs & { allocatedResources?: ResourceList; resources?: { limits?: ResourceList; requests?: ResourceList } };
    setDefaultsResourceList(loose.allocatedResources);
    setDefaultsResourceList(loose.resources?.limits);
    setDefaultsResourceList(loose.resources?.requests);
  }
}

/** The defaulted copy of `pod`; `pod` itself (frozen or not) is left untouched. */
export function withPodDefaults(pod: Pod): Pod {
  return produce(pod, (draft) => {
    setDefaultsPod(draft);
  });
}
