/**
 * Annotations with meaning for pods: `ValidatePodSpecificAnnotations`, `ValidatePodSpecificAnnotationUpdates`
 * (mirror-pod and AppArmor annotations are fixed once set), the legacy seccomp/AppArmor annotation forms,
 * and the create-time checks that those annotations agree with the security-context fields
 * (`validateSeccompAnnotationsAndFields`, `validateAppArmorAnnotationsAndFieldsMatchOnCreate`).
 */
import type { AppArmorProfile, PodSpec, SeccompProfile, Toleration } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from '../api/types.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, type FieldError } from '../field/errors.js';
import { goQuote } from '../field/go-quote.js';
import { isValidPodDeletionCost, type PodValidationOptions } from './options.js';
import { validateLocalDescendingPath } from './common.js';
import { visitContainersWithPath } from './pod-os.js';
import { validateTolerations } from './tolerations.js';

/** `core.MirrorPodAnnotationKey` */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const TOLERATIONS_ANNOTATION = 'scheduler.alpha.kubernetes.io/tolerations';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

type Annotations = Readonly<Record<string, string>> | undefined;

/** `ValidateSeccompProfile`: the legacy annotation values. */
export function validateSeccompProfileAnnotation(p: string, path: FieldPath): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return validateLocalDescendingPath(p.slice('localhost/'.length), path);
  return [invalid(path, p, 'must be a valid seccomp profile')];
}

/** `ValidateSeccompPodAnnotations` */
function validateSeccompPodAnnotations(annotations: Annotations, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const podProfile = annotations?.[SECCOMP_POD_ANNOTATION];
  if (podProfile !== undefined) errs.push(...validateSeccompProfileAnnotation(podProfile, path.child(SECCOMP_POD_ANNOTATION)));
  for (const [k, p] of Object.entries(annotations ?? {})) {
    if (k.startsWith(SECCOMP_CONTAINER_PREFIX)) errs.push(...validateSeccompProfileAnnotation(p, path.child(k)));
  }
  return errs;
}

/** `podSpecHasContainer`: any init, regular or ephemeral container has this name. */
function podSpecHasContainer(spec: PodSpec, name: string): boolean {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/** `ValidateAppArmorPodAnnotations`: each legacy annotation names a container and a well-formed profile. */
function validateAppArmorPodAnnotations(annotations: Annotations, spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, p] of Object.entries(annotations ?? {})) {
    if (!k.startsWith(APPARMOR_CONTAINER_PREFIX)) continue;
    const containerName = k.slice(APPARMOR_CONTAINER_PREFIX.length);
    if (!podSpecHasContainer(spec, containerName)) errs.push(invalid(path.key(k), containerName, 'container not found'));
    if (p !== '' && p !== 'runtime/default' && p !== 'unconfined' && !p.startsWith('localhost/')) {
      errs.push(invalid(path.key(k), p, `invalid AppArmor profile name: ${goQuote(p)}`));
    }
  }
  return errs;
}

/** The Go type name of a JSON value, as encoding/json names it in an UnmarshalTypeError. */
const jsonKind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** `ValidateTolerationsInPodAnnotations`: the legacy tolerations annotation holds valid JSON tolerations. */
function validateTolerationsAnnotation(value: string, path: FieldPath): FieldError[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    // Go reports encoding/json's own syntax error text here; kubesim reports the JSON parser's.
    return [invalid(path, TOLERATIONS_ANNOTATION, (e as Error).message)];
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) return [invalid(path, TOLERATIONS_ANNOTATION, `json: cannot unmarshal ${jsonKind(parsed)} into Go value of type []core.Toleration`)];
  return parsed.length > 0 ? validateTolerations(parsed as Toleration[], path.child(TOLERATIONS_ANNOTATION)) : [];
}

/** `ValidatePodSpecificAnnotations`: mirror pods need a node, legacy tolerations, deletion cost, seccomp, AppArmor. */
export function validatePodSpecificAnnotations(annotations: Annotations, spec: PodSpec, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const mirror = annotations?.[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && !spec.nodeName) errs.push(invalid(path.key(MIRROR_POD_ANNOTATION), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  const tolerations = annotations?.[TOLERATIONS_ANNOTATION];
  if (tolerations) errs.push(...validateTolerationsAnnotation(tolerations, path));
  const cost = annotations?.[DELETION_COST_ANNOTATION];
  if (!opts.allowInvalidPodDeletionCost && cost !== undefined && !isValidPodDeletionCost(cost)) {
    errs.push(invalid(path.key(DELETION_COST_ANNOTATION), cost, 'must be a 32bit integer'));
  }
  errs.push(...validateSeccompPodAnnotations(annotations, path));
  errs.push(...validateAppArmorPodAnnotations(annotations, spec, path));
  return errs;
}

/** `ValidatePodSpecificAnnotationUpdates`: mirror and AppArmor annotations may be neither added, changed nor removed. */
export function validatePodSpecificAnnotationUpdates(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, newSpec: PodSpec, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const newA = newMeta?.annotations ?? {};
  const oldA = oldMeta?.annotations ?? {};
  for (const [k, oldVal] of Object.entries(oldA)) {
    if (k in newA && newA[k] === oldVal) continue;
    if (k.startsWith(APPARMOR_CONTAINER_PREFIX)) errs.push(forbidden(path.key(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(forbidden(path.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(newA)) {
    if (k in oldA) continue;
    if (k.startsWith(APPARMOR_CONTAINER_PREFIX)) errs.push(forbidden(path.key(k), 'may not add AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(forbidden(path.key(k), 'may not add mirror pod annotation'));
  }
  errs.push(...validatePodSpecificAnnotations(newMeta?.annotations, newSpec, path, opts));
  return errs;
}

/** `validateSeccompAnnotationsAndFieldsMatch` */
function seccompMatch(annotation: string, profile: SeccompProfile, path: FieldPath): FieldError[] {
  switch (profile.type) {
    case 'Unconfined':
      return annotation === 'unconfined' ? [] : [forbidden(path.child('type'), 'seccomp type in annotation and field must match')];
    case 'RuntimeDefault':
      return annotation === 'runtime/default' || annotation === 'docker/default' ? [] : [forbidden(path.child('type'), 'seccomp type in annotation and field must match')];
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) return [forbidden(path.child('type'), 'seccomp type in annotation and field must match')];
      if (profile.localhostProfile === undefined || annotation.slice('localhost/'.length) !== profile.localhostProfile) {
        return [forbidden(path.child('localhostProfile'), 'seccomp profile in annotation and field must match')];
      }
      return [];
    default:
      return [];
  }
}

/** `validateSeccompAnnotationsAndFields` (create only): where both a legacy annotation and a field are set they agree. */
export function validateSeccompAnnotationsAndFields(meta: ObjectMeta | undefined, spec: PodSpec, specPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const annotations = meta?.annotations ?? {};
  const podProfile = spec.securityContext?.seccompProfile;
  const podAnnotation = annotations[SECCOMP_POD_ANNOTATION];
  if (podProfile && podAnnotation !== undefined) errs.push(...seccompMatch(podAnnotation, podProfile, specPath.child('securityContext').child('seccompProfile')));
  visitContainersWithPath(spec, specPath, (c, p) => {
    const profile = c.securityContext?.seccompProfile;
    const annotation = annotations[SECCOMP_CONTAINER_PREFIX + c.name];
    if (profile && annotation !== undefined) errs.push(...seccompMatch(annotation, profile, p.child('securityContext').child('seccompProfile')));
  });
  return errs;
}

/** `validateAppArmorAnnotationsAndFieldsMatchOnCreate`: the effective AppArmor field of each container agrees with its legacy annotation. */
export function validateAppArmorAnnotationsAndFieldsMatchOnCreate(meta: ObjectMeta | undefined, spec: PodSpec, specPath: FieldPath): FieldError[] {
  if (spec.os?.name === 'windows') return [];
  const errs: FieldError[] = [];
  const annotations = meta?.annotations ?? {};
  const podProfile = spec.securityContext?.appArmorProfile;
  visitContainersWithPath(spec, specPath, (c, p) => {
    const profile: AppArmorProfile | undefined = c.securityContext?.appArmorProfile ?? podProfile;
    const annotation = annotations[APPARMOR_CONTAINER_PREFIX + c.name];
    if (!profile || annotation === undefined) return;
    const path = p.child('securityContext').child('appArmorProfile');
    const typeMismatch = forbidden(path.child('type'), 'apparmor type in annotation and field must match');
    switch (profile.type) {
      case 'Unconfined':
        if (annotation !== 'unconfined') errs.push(typeMismatch);
        break;
      case 'RuntimeDefault':
        if (annotation !== 'runtime/default') errs.push(typeMismatch);
        break;
      case 'Localhost':
        if (!annotation.startsWith('localhost/')) errs.push(typeMismatch);
        else if (profile.localhostProfile === undefined || annotation.slice('localhost/'.length) !== profile.localhostProfile) {
          errs.push(forbidden(path.child('localhostProfile'), 'apparmor profile in annotation and field must match'));
        }
        break;
    }
  });
  return errs;
}
