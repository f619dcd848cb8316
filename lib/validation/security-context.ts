/**
 * Security contexts: `ValidateSecurityContext` (containers) and `validatePodSpecSecurityContext` (pods)
 * of core validation, with the seccomp, AppArmor, Windows-options and sysctl rules they use.
 * The internal Pod type keeps hostNetwork/hostPID/hostIPC/shareProcessNamespace/hostUsers inside the pod
 * security context, so those rules read them from the v1 PodSpec but report internal paths.
 */
import type {
  AppArmorProfile, PodSecurityContext, PodSpec, SeccompProfile, SecurityContext, WindowsSecurityContextOptions,
} from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError } from '../field/errors.js';
import { isDNS1123Subdomain, isValidGroupID, isValidUserID, utf8Length } from './names.js';
import { validateLocalDescendingPath } from './common.js';
import type { PodValidationOptions } from './options.js';

/** `validateSeccompProfileField` */
export function validateSeccompProfileField(sp: SeccompProfile | undefined, path: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const type = sp.type ?? '';
  if (type === '') errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) errs.push(notSupported(path.child('type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  if (type === 'Localhost') {
    if (sp.localhostProfile === undefined || sp.localhostProfile === null) errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, path.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined && sp.localhostProfile !== null) {
    errs.push(invalid(path.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

/** `ValidateAppArmorProfileField` */
export function validateAppArmorProfileField(profile: AppArmorProfile | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const errs: FieldError[] = [];
  const lp = profile.localhostProfile;
  switch (profile.type ?? '') {
    case 'Localhost':
      if (lp === undefined || lp === null) errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      else {
        if (lp.trim() !== lp) errs.push(invalid(path.child('localhostProfile'), lp, 'must not be padded with whitespace'));
        else if (lp === '') errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
        if (utf8Length(lp) > 4095) errs.push(tooLong(path.child('localhostProfile'), '', 4095));
      }
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (lp !== undefined && lp !== null) errs.push(invalid(path.child('localhostProfile'), lp, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
      errs.push(required(path.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(path.child('type'), profile.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

const ctrlRe = /[\x00-\x1f\x7f]/;
const netBiosRe = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const dnsLabelFmt = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const windowsDomainDNSRe = new RegExp(`^${dnsLabelFmt}(?:\\.${dnsLabelFmt})*$`);
const invalidUserCharsRe = /["/\\:;|=,+*?<>@[\]]/;
const dotsSpacesRe = /^[. ]+$/;

/** `validateWindowsSecurityContextOptions`: gMSA spec name/content and runAsUserName shape. */
export function validateWindowsSecurityContextOptions(wo: WindowsSecurityContextOptions | undefined, path: FieldPath): FieldError[] {
  if (!wo) return [];
  const errs: FieldError[] = [];
  if (wo.gmsaCredentialSpecName !== undefined && wo.gmsaCredentialSpecName !== null) {
    for (const msg of isDNS1123Subdomain(wo.gmsaCredentialSpecName)) errs.push(invalid(path.child('gmsaCredentialSpecName'), wo.gmsaCredentialSpecName, msg));
  }
  if (wo.gmsaCredentialSpec !== undefined && wo.gmsaCredentialSpec !== null) {
    const l = utf8Length(wo.gmsaCredentialSpec);
    if (l === 0) errs.push(invalid(path.child('gmsaCredentialSpec'), wo.gmsaCredentialSpec, 'gmsaCredentialSpec cannot be an empty string'));
    else if (l > 64 * 1024) errs.push(invalid(path.child('gmsaCredentialSpec'), wo.gmsaCredentialSpec, 'gmsaCredentialSpec size must be under 64 KiB'));
  }
  const name = wo.runAsUserName;
  if (name !== undefined && name !== null) {
    const p = path.child('runAsUserName');
    const parts = name.split('\\');
    if (name.length === 0) errs.push(invalid(p, name, 'runAsUserName cannot be an empty string'));
    else if (ctrlRe.test(name)) errs.push(invalid(p, name, 'runAsUserName cannot contain control characters'));
    else if (parts.length > 2) errs.push(invalid(p, name, 'runAsUserName cannot contain more than one backslash'));
    else {
      const hasDomain = parts.length === 2;
      const domain = hasDomain ? parts[0]! : '';
      const user = hasDomain ? parts[1]! : parts[0]!;
      if (domain.length >= 256) errs.push(invalid(p, name, "runAsUserName's Domain length must be under 256 characters"));
      if (hasDomain && !(netBiosRe.test(domain) || windowsDomainDNSRe.test(domain))) {
        errs.push(invalid(p, name, "runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
      }
      if (user.length === 0) errs.push(invalid(p, name, "runAsUserName's User cannot be empty"));
      else if (user.length > 104) errs.push(invalid(p, name, "runAsUserName's User length must not be longer than 104 characters"));
      if (dotsSpacesRe.test(user)) errs.push(invalid(p, name, "runAsUserName's User cannot contain only periods or spaces"));
      if (invalidUserCharsRe.test(user)) errs.push(invalid(p, name, `runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`));
    }
  }
  return errs;
}

/** `ValidateSecurityContext` (containers). `hostUsers` is the pod's effective setting (true unless spec.hostUsers is false). */
export function validateSecurityContext(sc: SecurityContext | undefined, path: FieldPath, hostUsers: boolean, opts: PodValidationOptions): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.privileged && !opts.allowPrivileged) errs.push(forbidden(path.child('privileged'), 'disallowed by cluster policy'));
  if (sc.runAsUser !== undefined && sc.runAsUser !== null) errs.push(...isValidUserID(sc.runAsUser).map((m) => invalid(path.child('runAsUser'), sc.runAsUser, m)));
  if (sc.runAsGroup !== undefined && sc.runAsGroup !== null) errs.push(...isValidGroupID(sc.runAsGroup).map((m) => invalid(path.child('runAsGroup'), sc.runAsGroup, m)));
  if (sc.procMount !== undefined && sc.procMount !== null) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged) errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateWindowsSecurityContextOptions(sc.windowsOptions, path.child('windowsOptions')));
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_REGEXP_TEXT = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const sysctlRe = new RegExp(SYSCTL_REGEXP_TEXT);

/** `IsValidSysctlName` */
export const isValidSysctlName = (name: string): boolean => name.length <= 253 && sysctlRe.test(name);

/** `sysctl.NormalizeName`: a name whose first separator is `/` uses `/` for `.` and the other way round. */
function normalizeSysctl(name: string): string {
  const firstSep = name.search(/[./]/);
  if (firstSep < 0 || name[firstSep] !== '/') return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

/** The namespace of a sysctl (`sysctl.GetNamespace`): `ipc`, `net`, or undefined for node-level ones. */
function sysctlNamespace(name: string): 'ipc' | 'net' | undefined {
  const n = normalizeSysctl(name);
  if (n === 'kernel.sem') return 'ipc';
  if (n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

/** `validateSysctls`: names, duplicates, and no namespaced sysctls in pods sharing that host namespace. */
function validateSysctls(sysctls: ReadonlyArray<{ name: string }>, spec: PodSpec, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  sysctls.forEach((s, i) => {
    const p = path.index(i).child('name');
    if (!s.name) errs.push(required(p));
    else if (!isValidSysctlName(s.name)) errs.push(invalid(p, s.name, `must have at most 253 characters and match regex ${SYSCTL_REGEXP_TEXT}`));
    else if (names.has(s.name)) errs.push(duplicate(p, s.name));
    if (!opts.allowNamespacedSysctlsForHostNetAndHostIPC) {
      const ns = sysctlNamespace(s.name);
      if (spec.hostNetwork && ns === 'net') errs.push(invalid(p, s.name, "may not be specified when 'hostNetwork' is true"));
      else if (spec.hostIPC && ns === 'ipc') errs.push(invalid(p, s.name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(s.name);
  });
  return errs;
}

/** PodSecurityContext fields newer than the kubernetes-types release kubesim uses. */
type PodSecurityContextV132 = PodSecurityContext & { supplementalGroupsPolicy?: string; seLinuxChangePolicy?: string };

/** `validatePodSpecSecurityContext`: ids, shareProcessNamespace vs hostPID, sysctls, policies, seccomp, Windows, AppArmor. */
export function validatePodSpecSecurityContext(spec: PodSpec, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const sc: PodSecurityContextV132 = spec.securityContext ?? {};
  const errs: FieldError[] = [];
  if (sc.fsGroup !== undefined && sc.fsGroup !== null) errs.push(...isValidGroupID(sc.fsGroup).map((m) => invalid(path.child('fsGroup'), sc.fsGroup, m)));
  if (sc.runAsUser !== undefined && sc.runAsUser !== null) errs.push(...isValidUserID(sc.runAsUser).map((m) => invalid(path.child('runAsUser'), sc.runAsUser, m)));
  if (sc.runAsGroup !== undefined && sc.runAsGroup !== null) errs.push(...isValidGroupID(sc.runAsGroup).map((m) => invalid(path.child('runAsGroup'), sc.runAsGroup, m)));
  (sc.supplementalGroups ?? []).forEach((gid, g) => errs.push(...isValidGroupID(gid).map((m) => invalid(path.child('supplementalGroups').index(g), gid, m))));
  if (spec.shareProcessNamespace && spec.hostPID) {
    errs.push(invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  if ((sc.sysctls ?? []).length > 0) errs.push(...validateSysctls(sc.sysctls ?? [], spec, path.child('sysctls'), opts));
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== null && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateWindowsSecurityContextOptions(sc.windowsOptions, path.child('windowsOptions')));
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, path.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && sc.supplementalGroupsPolicy !== null && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  if (sc.seLinuxChangePolicy !== undefined && sc.seLinuxChangePolicy !== null && !['MountOption', 'Recursive'].includes(sc.seLinuxChangePolicy)) {
    errs.push(notSupported(path.child('seLinuxChangePolicy'), sc.seLinuxChangePolicy, ['MountOption', 'Recursive']));
  }
  return errs;
}
