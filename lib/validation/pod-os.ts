/**
 * Operating-system rules of a pod spec: `validateOS`, `validateLinux`, `validateWindows`,
 * `validateWindowsHostProcessPod` and `validateHostUsers` of core validation. Paths are the internal
 * ones Go reports (the pod-level host namespace switches sit directly under `spec`).
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import type { PodValidationOptions } from './options.js';

/** `podshelper.VisitContainersWithPath`: init containers, then containers, then ephemeral containers. */
export function visitContainersWithPath(spec: PodSpec, path: FieldPath, visit: (c: Container, p: FieldPath) => void): void {
  (spec.initContainers ?? []).forEach((c, i) => visit(c, path.child('initContainers').index(i)));
  (spec.containers ?? []).forEach((c, i) => visit(c, path.child('containers').index(i)));
  (spec.ephemeralContainers ?? []).forEach((c, i) => visit(c as Container, path.child('ephemeralContainers').index(i)));
}

/** `validateOS`: a name, and one of linux/windows. */
export function validateOS(spec: PodSpec, path: FieldPath): FieldError[] {
  const name = spec.os?.name ?? '';
  if (name === '') return [required(path.child('name'), 'cannot be empty')];
  return name === 'linux' || name === 'windows' ? [] : [notSupported(path, name, ['linux', 'windows'])];
}

/** `validateLinux`: no Windows options on the pod or any container. */
export function validateLinux(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const msg = 'windows options cannot be set for a linux pod';
  if (spec.securityContext?.windowsOptions) errs.push(forbidden(path.child('securityContext').child('windowsOptions'), msg));
  visitContainersWithPath(spec, path, (c, p) => {
    if (c.securityContext?.windowsOptions) errs.push(forbidden(p.child('securityContext').child('windowsOptions'), msg));
  });
  return errs;
}

type PodSecurityContextV132 = NonNullable<PodSpec['securityContext']> & { supplementalGroupsPolicy?: string; seLinuxChangePolicy?: string };
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** `validateWindows`: Linux-only settings may not be set on a Windows pod or its containers. */
export function validateWindows(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const msg = 'cannot be set for a windows pod';
  const sc: PodSecurityContextV132 = spec.securityContext ?? {};
  const scPath = path.child('securityContext');
  // Go always has an internal pod security context (conversion creates one), so these always run.
  if (isSet(sc.appArmorProfile)) errs.push(forbidden(scPath.child('appArmorProfile'), msg));
  if (isSet(sc.seLinuxOptions)) errs.push(forbidden(scPath.child('seLinuxOptions'), msg));
  if (isSet(spec.hostUsers)) errs.push(forbidden(path.child('hostUsers'), msg));
  if (spec.hostPID) errs.push(forbidden(path.child('hostPID'), msg));
  if (spec.hostIPC) errs.push(forbidden(path.child('hostIPC'), msg));
  if (isSet(sc.seccompProfile)) errs.push(forbidden(scPath.child('seccompProfile'), msg));
  if (isSet(sc.fsGroup)) errs.push(forbidden(scPath.child('fsGroup'), msg));
  if (isSet(sc.fsGroupChangePolicy)) errs.push(forbidden(scPath.child('fsGroupChangePolicy'), msg));
  if ((sc.sysctls ?? []).length > 0) errs.push(forbidden(scPath.child('sysctls'), msg));
  if (isSet(spec.shareProcessNamespace)) errs.push(forbidden(path.child('shareProcessNamespace'), msg));
  if (isSet(sc.runAsUser)) errs.push(forbidden(scPath.child('runAsUser'), msg));
  if (isSet(sc.runAsGroup)) errs.push(forbidden(scPath.child('runAsGroup'), msg));
  if (isSet(sc.supplementalGroups)) errs.push(forbidden(scPath.child('supplementalGroups'), msg));
  if (isSet(sc.supplementalGroupsPolicy)) errs.push(forbidden(scPath.child('supplementalGroupsPolicy'), msg));
  if (isSet(sc.seLinuxChangePolicy)) errs.push(forbidden(scPath.child('seLinuxChangePolicy'), msg));
  visitContainersWithPath(spec, path, (c, p) => {
    const csc = c.securityContext;
    if (!csc) return;
    const cp = p.child('securityContext');
    for (const key of ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'] as const) {
      if (isSet(csc[key])) errs.push(forbidden(cp.child(key), msg));
    }
  });
  return errs;
}

/**
 * `validateWindowsHostProcessPod`: container and pod hostProcess settings agree; all or none of the
 * containers (ephemeral ones included) are HostProcess, which then needs hostNetwork and privileged pods.
 */
export function validateWindowsHostProcessPod(spec: PodSpec, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  let containerCount = 0;
  let hostProcessCount = 0;
  const podHostProcess = spec.securityContext?.windowsOptions?.hostProcess;
  visitContainersWithPath(spec, path, (c, p) => {
    containerCount++;
    const hp = c.securityContext?.windowsOptions?.hostProcess;
    if (isSet(podHostProcess) && isSet(hp) && podHostProcess !== hp) {
      errs.push(invalid(p.child('securityContext', 'windowsOptions', 'hostProcess'), hp, `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
    if (hp === true || (!isSet(hp) && podHostProcess === true)) hostProcessCount++;
  });
  if (hostProcessCount > 0) {
    if (hostProcessCount !== containerCount) errs.push(invalid(path, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'));
    if (!spec.hostNetwork) errs.push(invalid(path.child('hostNetwork'), false, 'hostNetwork must be true if pod contains any hostProcess containers'));
    if (!opts.allowPrivileged) errs.push(forbidden(path, 'hostProcess containers are disallowed by cluster policy'));
  }
  return errs;
}

/** `validateHostUsers`: a pod in its own user namespace may not share the host's network, PID or IPC namespaces. */
export function validateHostUsers(spec: PodSpec, path: FieldPath): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const errs: FieldError[] = [];
  const msg = 'when `pod.Spec.HostUsers` is false';
  if (spec.hostNetwork) errs.push(forbidden(path.child('hostNetwork'), msg));
  if (spec.hostPID) errs.push(forbidden(path.child('HostPID'), msg));
  if (spec.hostIPC) errs.push(forbidden(path.child('HostIPC'), msg));
  return errs;
}
