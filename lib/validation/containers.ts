/**
 * Containers: `validateContainerCommon` (shared by regular, init and ephemeral containers),
 * `validateContainers`, `validateInitContainers` (sidecars are init containers with restartPolicy
 * Always), `validateContainerOnlyForPod` and the host-port conflict check of core validation.
 */
import type { Container, ContainerPort } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { isValidPortName, isValidPortNum, validateDNS1123Label } from './names.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { validateLifecycle, validateLivenessProbe, validateReadinessProbe, validateStartupProbe } from './probes.js';
import { validateContainerResourceRequirements } from './resources.js';
import { validateSecurityContext } from './security-context.js';
import { validateVolumeDevices, validateVolumeMounts } from './volume-mounts.js';
import type { VolumeMap } from './volumes.js';
import type { PodValidationOptions } from './options.js';

/** What every container check needs to know about its pod. */
export interface ContainerContext {
  /** The pod's valid volumes by name. */
  readonly volumes: VolumeMap;
  /** Names in `spec.resourceClaims`. */
  readonly podClaimNames: ReadonlySet<string>;
  /** `spec.terminationGracePeriodSeconds` (undefined when unset). */
  readonly gracePeriod: number | undefined;
  /** `spec.restartPolicy` */
  readonly podRestartPolicy: string;
  /** True unless `spec.hostUsers` is false. */
  readonly hostUsers: boolean;
  readonly opts: PodValidationOptions;
}

/** A container as JSON, including fields newer than the kubernetes-types release (`resizePolicy`, `restartPolicy`). */
export type AnyContainer = Container & { resizePolicy?: Array<{ resourceName?: string; restartPolicy?: string }> | null };

/** `validateContainerPorts`: names unique IANA names, ports in range, protocol TCP/UDP/SCTP. */
export function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const idx = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(idx.child('name'), port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(idx.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(idx.child('containerPort')));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(idx.child('containerPort'), port.containerPort, m)));
    if (port.hostPort) errs.push(...isValidPortNum(port.hostPort).map((m) => invalid(idx.child('hostPort'), port.hostPort, m)));
    if (!port.protocol) errs.push(required(idx.child('protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(idx.child('protocol'), port.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** `validatePullPolicy` */
export function validatePullPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return [];
  if (!policy) return [required(path)];
  return [notSupported(path, policy, ['Always', 'IfNotPresent', 'Never'])];
}

/** `validateResizePolicy`: cpu/memory once each, a known policy, and NotRequired when the pod never restarts. */
export function validateResizePolicy(list: AnyContainer['resizePolicy'], path: FieldPath, podRestartPolicy: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (list ?? []).forEach((p, i) => {
    const resource = p.resourceName ?? '';
    const policy = p.restartPolicy ?? '';
    if (seen.has(resource)) errs.push(duplicate(path.index(i), resource));
    seen.add(resource);
    if (resource === '') errs.push(required(path));
    else if (resource !== 'cpu' && resource !== 'memory') errs.push(notSupported(path, resource, ['cpu', 'memory']));
    if (policy === '') errs.push(required(path));
    else if (policy !== 'NotRequired' && policy !== 'RestartContainer') errs.push(notSupported(path, policy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') errs.push(invalid(path, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

/** `validateContainerCommon`: the checks every kind of container gets, in Go's order. */
export function validateContainerCommon(ctr: AnyContainer, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = path.child('name');
  if (!ctr.name) errs.push(required(namePath));
  else errs.push(...validateDNS1123Label(ctr.name, namePath));
  // Only an empty image is "Required"; whitespace is checked by validateContainerOnlyForPod.
  if (!ctr.image) errs.push(required(path.child('image')));
  const tmp = ctr.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(ctr.ports, path.child('ports')));
  errs.push(...validateEnv(ctr.env, path.child('env'), ctx.opts));
  errs.push(...validateEnvFrom(ctr.envFrom, path.child('envFrom'), ctx.opts));
  errs.push(...validateVolumeMounts(ctr, ctx.volumes, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(ctr, ctx.volumes, path.child('volumeDevices')));
  errs.push(...validatePullPolicy(ctr.imagePullPolicy, path.child('imagePullPolicy')));
  errs.push(...validateContainerResourceRequirements(ctr.resources, ctx.podClaimNames, path.child('resources'), ctx.opts));
  errs.push(...validateResizePolicy(ctr.resizePolicy, path.child('resizePolicy'), ctx.podRestartPolicy));
  errs.push(...validateSecurityContext(ctr.securityContext, path.child('securityContext'), ctx.hostUsers, ctx.opts));
  return errs;
}

/** `AccumulateUniqueHostPorts`: each protocol/hostIP/hostPort may be claimed once across the given containers. */
export function checkHostPortConflicts(containers: readonly Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    (ctr.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** `validateContainers`: at least one; common checks, unique names, hooks and probes, no restartPolicy; host ports. */
export function validateContainers(containers: readonly AnyContainer[] | undefined, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    // Clashes with init and ephemeral containers are reported on those (once).
    if (names.has(ctr.name)) errs.push(duplicate(p.child('name'), ctr.name));
    else names.add(ctr.name);
    if (ctr.lifecycle) errs.push(...validateLifecycle(ctr.lifecycle, ctx.gracePeriod, p.child('lifecycle'), ctx.opts));
    errs.push(...validateLivenessProbe(ctr.livenessProbe, ctx.gracePeriod, p.child('livenessProbe'), ctx.opts));
    errs.push(...validateReadinessProbe(ctr.readinessProbe, ctx.gracePeriod, p.child('readinessProbe'), ctx.opts));
    errs.push(...validateStartupProbe(ctr.startupProbe, ctx.gracePeriod, p.child('startupProbe'), ctx.opts));
    if (ctr.restartPolicy !== undefined && ctr.restartPolicy !== null) errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

const INIT_ONLY_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

/**
 * `validateInitContainers`: common checks; restartPolicy only `Always` (a sidecar, which may then have
 * hooks and probes); names unique across regular and init containers; host ports per container.
 */
export function validateInitContainers(
  containers: readonly AnyContainer[] | undefined,
  regular: readonly AnyContainer[] | undefined,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (containers ?? []).forEach((ctr, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    let restartAlways = false;
    if (ctr.restartPolicy !== undefined && ctr.restartPolicy !== null) {
      if (ctr.restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), ctr.restartPolicy, ['Always']));
      restartAlways = ctr.restartPolicy === 'Always';
    }
    if (names.has(ctr.name)) errs.push(duplicate(p.child('name'), ctr.name));
    else if (ctr.name) names.add(ctr.name);
    // Init containers run one at a time, so each is checked alone (Go reports it as index 0).
    errs.push(...checkHostPortConflicts([ctr], path));
    if (restartAlways) {
      if (ctr.lifecycle) errs.push(...validateLifecycle(ctr.lifecycle, ctx.gracePeriod, p.child('lifecycle'), ctx.opts));
      errs.push(...validateLivenessProbe(ctr.livenessProbe, ctx.gracePeriod, p.child('livenessProbe'), ctx.opts));
      errs.push(...validateReadinessProbe(ctr.readinessProbe, ctx.gracePeriod, p.child('readinessProbe'), ctx.opts));
      errs.push(...validateStartupProbe(ctr.startupProbe, ctx.gracePeriod, p.child('startupProbe'), ctx.opts));
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (ctr[key]) errs.push(forbidden(p.child(key), INIT_ONLY_FORBIDDEN));
      }
    }
    if (!ctx.opts.allowSidecarResizePolicy && (ctr.resizePolicy ?? []).length > 0) {
      errs.push(invalid(p.child('resizePolicy'), ctr.resizePolicy, 'must not be set for init containers'));
    }
  });
  return errs;
}

/** `validateContainerOnlyForPod`: a pod (not a template) may not pad its image with whitespace. */
export function validateContainerOnlyForPod(ctr: Container, path: FieldPath): FieldError[] {
  const image = ctr.image ?? '';
  return image.trim().length !== image.length ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

/** `validateContainersOnlyForPod` */
export function validateContainersOnlyForPod(containers: readonly Container[] | undefined, path: FieldPath): FieldError[] {
  return (containers ?? []).flatMap((c, i) => validateContainerOnlyForPod(c, path.index(i)));
}
