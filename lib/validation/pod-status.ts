/**
 * Status rules of `ValidatePodStatusUpdate` (core validation): condition types, node and nominated node,
 * immutable QoS class, no terminated → running transitions (ephemeral containers never restart), resource
 * claim statuses, pod and host IPs, container users and allocated-resource health.
 */
import type { ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import { fieldPath, type FieldPath } from '../field/path.js';
import { duplicate, forbidden, internal, invalid, notSupported, type FieldError } from '../field/errors.js';
import { goQuote } from '../field/go-quote.js';
import { isValidGroupID, isValidUserID, nameIsDNSSubdomain, validateQualifiedName } from './names.js';
import { isSloppyIP, validateIP } from './dns.js';
import { FIELD_IMMUTABLE, invalidRendered, withRenderedValue } from './common.js';

type ContainerStatusV132 = ContainerStatus & {
  user?: { linux?: { uid?: number; gid?: number; supplementalGroups?: number[] } };
  allocatedResourcesStatus?: Array<{ name?: string; resources?: Array<{ resourceID?: string; health?: string }> }>;
};
type PodStatusV132 = PodStatus & { resourceClaimStatuses?: Array<{ name?: string; resourceClaimName?: string | null }> };

const SYSTEM_CONDITIONS: ReadonlySet<string> = new Set(['PodScheduled', 'Ready', 'Initialized']);

/** `validatePodConditions`: custom condition types are qualified names (Go reports them under `metadata.conditions`). */
export function validatePodConditions(conditions: PodStatus['conditions'], path: FieldPath): FieldError[] {
  return (conditions ?? []).flatMap((c, i) => (SYSTEM_CONDITIONS.has(c.type) ? [] : validateQualifiedName(c.type, path.index(i).child('Type'))));
}

const isTerminated = (s: ContainerStatus): boolean => Boolean(s.state?.terminated);

/**
 * `ValidateContainerStateTransition`: under Never (and OnFailure after exit 0) a terminated container may not
 * be reported as not terminated again. The index is the one in the old list.
 */
export function validateContainerStateTransition(newStatuses: readonly ContainerStatus[] | undefined, oldStatuses: readonly ContainerStatus[] | undefined, path: FieldPath, restartPolicy: string, restartable: (name: string) => boolean = () => false): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  (oldStatuses ?? []).forEach((old, i) => {
    if (!isTerminated(old)) return;
    if ((old.state?.terminated?.exitCode ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable(old.name)) return;
    for (const n of newStatuses ?? []) {
      if (old.name === n.name && !isTerminated(n)) errs.push(forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
    }
  });
  return errs;
}

/** Go's %#v of a PodIP/HostIP struct, and of a list of them. */
const goIPStruct = (kind: 'PodIP' | 'HostIP', ip: string): string => `core.${kind}{IP:${goQuote(ip)}}`;
const goIPList = (kind: 'PodIP' | 'HostIP', ips: readonly string[]): string => `[]core.${kind}{${ips.map((ip) => goIPStruct(kind, ip)).join(', ')}}`;
const isIPv4 = (ip: string): boolean => /^\d+\.\d+\.\d+\.\d+$/.test(ip) || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip);

/** `netutils.IsDualStackIPStrings`: both families present; an error when any address does not parse. */
function dualStack(ips: readonly string[]): { dual: boolean; error?: string } {
  for (const ip of ips) if (!isSloppyIP(ip)) return { dual: false, error: `failed to parse ${goQuote(ip)} as an IP` };
  return { dual: ips.some(isIPv4) && ips.some((ip) => !isIPv4(ip)) };
}

/** `validatePodIPs`: valid addresses; several must be one per family, without repeats. */
export function validatePodIPs(status: PodStatus | undefined): FieldError[] {
  const path = fieldPath('status', 'podIPs');
  const podIPs = status?.podIPs ?? [];
  const errs = podIPs.flatMap((p, i) => validateIP(path.index(i), p.ip ?? ''));
  if (podIPs.length > 1) {
    const ips = podIPs.map((p) => p.ip ?? '');
    const { dual, error } = dualStack(ips);
    if (error) errs.push(internal(path, `failed to check for dual stack with error:${error}`));
    if (!dual || ips.length > 2) errs.push(invalidRendered(path, podIPs, goIPList('PodIP', ips), 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    ips.forEach((ip, i) => {
      if (seen.has(ip)) errs.push(withRenderedValue(duplicate(path.index(i), ip), goIPStruct('PodIP', ip)));
      seen.add(ip);
    });
  }
  return errs;
}

/** `validateHostIPs`: hostIPs[0] equals hostIP; valid, distinct, one per family. */
export function validateHostIPs(status: PodStatus | undefined): FieldError[] {
  const path = fieldPath('status', 'hostIPs');
  const hostIPs = status?.hostIPs ?? [];
  if (hostIPs.length === 0) return [];
  const errs: FieldError[] = [];
  const first = hostIPs[0]?.ip ?? '';
  if ((status?.hostIP ?? '') !== first) errs.push(invalid(path.index(0).child('ip'), first, 'must be equal to `hostIP`'));
  hostIPs.forEach((h, i) => errs.push(...validateIP(path.index(i), h.ip ?? '')));
  if (hostIPs.length > 1) {
    const ips = hostIPs.map((h) => h.ip ?? '');
    const seen = new Set<string>();
    ips.forEach((ip, i) => {
      if (seen.has(ip)) errs.push(withRenderedValue(duplicate(path.index(i), ip), goIPStruct('HostIP', ip)));
      seen.add(ip);
    });
    const { dual, error } = dualStack(ips);
    if (error) errs.push(internal(path, `failed to check for dual stack with error:${error}`));
    if (!dual || ips.length > 2) errs.push(invalidRendered(path, hostIPs, goIPList('HostIP', ips), 'may specify no more than one IP for each IP family'));
  }
  return errs;
}

/** `validatePodResourceClaimStatuses`: each names a claim of the spec, once, with a valid claim name. */
function validatePodResourceClaimStatuses(statuses: PodStatusV132['resourceClaimStatuses'], claimNames: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (statuses ?? []).forEach((s, i) => {
    const p = path.index(i).child('name');
    const name = s.name ?? '';
    if (!claimNames.has(name)) errs.push(invalid(p, name, 'must match the name of an entry in `spec.resourceClaims`'));
    if (seen.has(name)) errs.push(duplicate(p, name));
    else seen.add(name);
    if (typeof s.resourceClaimName === 'string') errs.push(...nameIsDNSSubdomain(s.resourceClaimName, false).map((m) => invalid(p, s.resourceClaimName, m)));
  });
  return errs;
}

/** `validateContainerStatusUsers`: Linux ids in range; Windows pods report no Linux user. */
function validateContainerStatusUsers(statuses: readonly ContainerStatusV132[] | undefined, path: FieldPath, osName: string): FieldError[] {
  const errs: FieldError[] = [];
  (statuses ?? []).forEach((s, i) => {
    const linux = s.user?.linux;
    if (!s.user) return;
    const p = path.index(i).child('linux');
    if (osName === 'windows') {
      if (linux) errs.push(forbidden(p, 'cannot be set for a windows pod'));
    } else if (osName === 'linux' && linux) {
      errs.push(...isValidUserID(linux.uid ?? 0).map((m) => invalid(p.child('uid'), linux.uid ?? 0, m)));
      errs.push(...isValidGroupID(linux.gid ?? 0).map((m) => invalid(p.child('gid'), linux.gid ?? 0, m)));
      (linux.supplementalGroups ?? []).forEach((g, j) => errs.push(...isValidGroupID(g).map((m) => invalid(p.child('supplementalGroups').index(j), g, m))));
    }
  });
  return errs;
}

type ResourceContainer = { name: string; resources?: { requests?: Record<string, string>; claims?: Array<{ name?: string; request?: string }> } };

/** `validateContainerStatusAllocatedResourcesStatus`: health entries name a request or claim of the container. */
function validateAllocatedResourcesStatus(statuses: readonly ContainerStatusV132[] | undefined, path: FieldPath, containers: readonly ResourceContainer[]): FieldError[] {
  const errs: FieldError[] = [];
  (statuses ?? []).forEach((s, i) => {
    (s.allocatedResourcesStatus ?? []).forEach((ar, j) => {
      const p = path.index(i).child('allocatedResourcesStatus').index(j);
      const container = containers.find((c) => c.name === s.name);
      const name = ar.name ?? '';
      if (container) {
        const isClaim = name.startsWith('claim:');
        const found = isClaim
          ? (container.resources?.claims ?? []).some((c) => `claim:${c.name ?? ''}${c.request ? `/${c.request}` : ''}` === name)
          : Object.keys(container.resources?.requests ?? {}).includes(name);
        if (!found) {
          errs.push(invalid(p.child('name'), name, isClaim
            ? "must match one of the container's resource claims in a format 'claim:<claimName>/<request>' or 'claim:<claimName>' if request is empty"
            : "must match one of the container's resource requests"));
        }
      }
      const ids = new Set<string>();
      (ar.resources ?? []).forEach((r, k) => {
        const rp = p.child('resources').index(k);
        if (!['Healthy', 'Unhealthy', 'Unknown'].includes(r.health ?? '')) errs.push(notSupported(rp.child('health'), r.health ?? '', ['Healthy', 'Unhealthy', 'Unknown']));
        const id = r.resourceID ?? '';
        if (ids.has(id)) errs.push(duplicate(rp.child('resourceID'), id));
        else ids.add(id);
      });
    });
  });
  return errs;
}

/** The status part of `ValidatePodStatusUpdate` (after the metadata, annotation and condition checks). */
export function validatePodStatusFields(newPod: Pod, oldPod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const path = fieldPath('status');
  const ns = (newPod.status ?? {}) as PodStatusV132;
  const os = (oldPod.status ?? {}) as PodStatusV132;
  if ((newPod.spec?.nodeName ?? '') !== (oldPod.spec?.nodeName ?? '')) errs.push(forbidden(path.child('nodeName'), 'may not be changed directly'));
  const nominated = ns.nominatedNodeName ?? '';
  if (nominated !== (os.nominatedNodeName ?? '') && nominated !== '') errs.push(...nameIsDNSSubdomain(nominated, false).map((m) => invalid(path.child('nominatedNodeName'), nominated, m)));
  if ((ns.qosClass ?? '') !== (os.qosClass ?? '')) errs.push(invalid(path.child('qosClass'), ns.qosClass ?? '', FIELD_IMMUTABLE));
  const oldSpec = oldPod.spec;
  errs.push(...validateContainerStateTransition(ns.containerStatuses, os.containerStatuses, path.child('containerStatuses'), oldSpec?.restartPolicy ?? ''));
  const sidecars = new Set((oldSpec?.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always').map((c) => c.name));
  errs.push(...validateContainerStateTransition(ns.initContainerStatuses, os.initContainerStatuses, path.child('initContainerStatuses'), oldSpec?.restartPolicy ?? '', (n) => sidecars.has(n)));
  // The kubelet never restarts ephemeral containers: they are judged as under restartPolicy Never.
  errs.push(...validateContainerStateTransition(ns.ephemeralContainerStatuses, os.ephemeralContainerStatuses, path.child('ephemeralContainerStatuses'), 'Never'));
  const claimNames = new Set(((newPod.spec as { resourceClaims?: Array<{ name?: string }> } | undefined)?.resourceClaims ?? []).map((c) => c.name ?? ''));
  errs.push(...validatePodResourceClaimStatuses(ns.resourceClaimStatuses, claimNames, path.child('resourceClaimStatuses')));
  errs.push(...validatePodIPs(ns), ...validateHostIPs(ns));
  const osName = newPod.spec?.os?.name ?? 'linux';
  for (const key of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'] as const) {
    errs.push(...validateContainerStatusUsers(ns[key] as ContainerStatusV132[] | undefined, path.child(key), osName));
  }
  errs.push(...validateAllocatedResourcesStatus(ns.containerStatuses, path.child('containerStatuses'), (newPod.spec?.containers ?? []) as ResourceContainer[]));
  errs.push(...validateAllocatedResourcesStatus(ns.initContainerStatuses, path.child('initContainerStatuses'), (newPod.spec?.initContainers ?? []) as ResourceContainer[]));
  ((ns.ephemeralContainerStatuses ?? []) as ContainerStatusV132[]).forEach((s, i) => {
    if ((s.allocatedResourcesStatus ?? []).length > 0) errs.push(forbidden(path.child('ephemeralContainerStatuses').index(i).child('allocatedResourcesStatus'), 'must not be specified in container status'));
  });
  return errs;
}
