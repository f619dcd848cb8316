/**
 * `ValidatePodSpec` of core validation, in Go's order: grace period, volumes, resource claims, containers,
 * init containers, ephemeral containers, host-network ports, restart and DNS policy, node selector,
 * security context, pull secrets, affinity, DNS config, readiness and scheduling gates, topology spread,
 * Windows host-process, user namespaces, then the scalar fields, overhead and the OS-specific rules.
 */
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from '../api/types.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { inclusiveRangeError, nameIsDNSSubdomain, validateDNS1123Label, validateLabels, validateQualifiedName } from './names.js';
import { validateAffinity, validateTopologySpreadConstraints } from './affinity.js';
import { validateContainers, validateInitContainers, type AnyContainer, type ContainerContext } from './containers.js';
import { validateDNSPolicy, validateHostAliases, validatePodDNSConfig } from './dns.js';
import { validateEphemeralContainers } from './ephemeral-containers.js';
import { validateHostUsers, validateLinux, validateOS, validateWindows, validateWindowsHostProcessPod } from './pod-os.js';
import { validateOverhead } from './resources.js';
import { validatePodSpecSecurityContext } from './security-context.js';
import { validateTolerations } from './tolerations.js';
import { validateVolumes } from './volumes.js';
import type { PodValidationOptions } from './options.js';

const MAX_INT32 = 2147483647;

interface PodResourceClaim {
  name?: string;
  resourceClaimName?: string | null;
  resourceClaimTemplateName?: string | null;
}
/** A PodSpec with the fields newer than the kubernetes-types release kubesim uses. */
export type PodSpecV132 = PodSpec & { resourceClaims?: PodResourceClaim[]; containers: AnyContainer[]; initContainers?: AnyContainer[] };

/** `validatePodResourceClaims`: unique DNS-label names, each naming exactly one claim or template. */
function validatePodResourceClaims(claims: readonly PodResourceClaim[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (claims ?? []).forEach((claim, i) => {
    const p = path.index(i);
    const name = claim.name ?? '';
    if (name === '') errs.push(required(p.child('name')));
    else if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else {
      errs.push(...validateDNS1123Label(name, p.child('name')));
      names.add(name);
    }
    const hasClaim = claim.resourceClaimName !== undefined && claim.resourceClaimName !== null;
    const hasTemplate = claim.resourceClaimTemplateName !== undefined && claim.resourceClaimTemplateName !== null;
    if (hasClaim && hasTemplate) errs.push(invalid(p, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (!hasClaim && !hasTemplate) errs.push(invalid(p, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    for (const key of ['resourceClaimName', 'resourceClaimTemplateName'] as const) {
      const v = claim[key];
      if (typeof v === 'string') errs.push(...nameIsDNSSubdomain(v, false).map((m) => invalid(p.child(key), v, m)));
    }
  });
  return errs;
}

/** `validatePodHostNetworkDeps`: with hostNetwork, a pod's container hostPorts must equal their containerPorts. */
function validatePodHostNetworkDeps(spec: PodSpec, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

/** `validateRestartPolicy` */
export function validateRestartPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const valid = ['Always', 'OnFailure', 'Never'];
  if (policy && valid.includes(policy)) return [];
  if (!policy) return [required(path)];
  return [notSupported(path, policy, valid)];
}

/** `validateImagePullSecrets`: a reference may only hold a name. */
function validateImagePullSecrets(secrets: PodSpec['imagePullSecrets'], path: FieldPath): FieldError[] {
  return (secrets ?? []).flatMap((s, i) => (Object.keys(s).some((k) => k !== 'name') ? [invalid(path.index(i), s, 'only name may be set')] : []));
}

/** `validateSchedulingGates`: qualified names, no repeats. */
function validateSchedulingGates(gates: PodSpec['schedulingGates'], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (gates ?? []).forEach((g, i) => {
    errs.push(...validateQualifiedName(g.name, path.index(i)));
    if (seen.has(g.name)) errs.push(duplicate(path.index(i), g.name));
    seen.add(g.name);
  });
  return errs;
}

/** `ValidatePreemptionPolicy` */
function validatePreemptionPolicy(policy: string, path: FieldPath): FieldError[] {
  if (policy === 'PreemptLowerPriority' || policy === 'Never') return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, ['PreemptLowerPriority', 'Never'])];
}

const subdomainName = (value: string, path: FieldPath): FieldError[] => nameIsDNSSubdomain(value, false).map((m) => invalid(path, value, m));

/** `ValidatePodSpec`; `podMeta` is needed for generic ephemeral volumes (the PVC name derives from the pod's). */
export function validatePodSpec(spec: PodSpec, podMeta: ObjectMeta | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const s = spec as PodSpecV132;
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) errs.push(required(path.child('terminationGracePeriodSeconds')));
  const { volumes, errors: volumeErrors } = validateVolumes(s.volumes, podMeta, path.child('volumes'), opts);
  errs.push(...volumeErrors);
  const podClaimNames = new Set((s.resourceClaims ?? []).map((c) => c.name ?? '').filter((n) => n !== ''));
  errs.push(...validatePodResourceClaims(s.resourceClaims, path.child('resourceClaims')));
  const ctx: ContainerContext = {
    volumes,
    podClaimNames,
    gracePeriod: s.terminationGracePeriodSeconds ?? undefined,
    podRestartPolicy: s.restartPolicy ?? '',
    hostUsers: s.hostUsers !== false,
    opts,
  };
  errs.push(...validateContainers(s.containers, ctx, path.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, ctx, path.child('initContainers')));
  errs.push(...validateEphemeralContainers(s.ephemeralContainers, s.containers, s.initContainers, ctx, path.child('ephemeralContainers')));
  // Pod-level resources (PodLevelResources) are alpha and off in v1.32: the strategy drops them.
  errs.push(...validatePodHostNetworkDeps(s, path, opts));
  errs.push(...validateRestartPolicy(s.restartPolicy, path.child('restartPolicy')));
  errs.push(...validateDNSPolicy(s.dnsPolicy, path.child('dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSpecSecurityContext(s, path.child('securityContext'), opts));
  errs.push(...validateImagePullSecrets(s.imagePullSecrets, path.child('imagePullSecrets')));
  errs.push(...validateAffinity(s.affinity, opts, path.child('affinity')));
  errs.push(...validatePodDNSConfig(s.dnsConfig, s.dnsPolicy, path.child('dnsConfig'), opts));
  (s.readinessGates ?? []).forEach((g, i) => errs.push(...validateQualifiedName(g.conditionType, path.child('readinessGates').index(i).child('conditionType'))));
  errs.push(...validateSchedulingGates(s.schedulingGates, path.child('schedulingGates')));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, path.child('topologySpreadConstraints'), opts));
  errs.push(...validateWindowsHostProcessPod(s, path, opts));
  errs.push(...validateHostUsers(s, path));
  if (s.serviceAccountName) errs.push(...subdomainName(s.serviceAccountName, path.child('serviceAccountName')));
  if (s.nodeName) errs.push(...subdomainName(s.nodeName, path.child('nodeName')));
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds !== null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  if ((s.tolerations ?? []).length > 0) errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  if ((s.hostAliases ?? []).length > 0) errs.push(...validateHostAliases(s.hostAliases, path.child('hostAliases')));
  if (s.priorityClassName) errs.push(...subdomainName(s.priorityClassName, path.child('priorityClassName')));
  if (s.runtimeClassName !== undefined && s.runtimeClassName !== null) errs.push(...subdomainName(s.runtimeClassName, path.child('runtimeClassName')));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) errs.push(...validatePreemptionPolicy(s.preemptionPolicy, path.child('preemptionPolicy')));
  if (s.overhead) errs.push(...validateOverhead(s.overhead, path.child('overhead'), opts));
  if (s.os) {
    const osErrs = validateOS(s, path.child('os'));
    if (osErrs.length > 0) errs.push(...osErrs);
    else if (s.os.name === 'linux') errs.push(...validateLinux(s, path));
    else if (s.os.name === 'windows') errs.push(...validateWindows(s, path));
  }
  return errs;
}
