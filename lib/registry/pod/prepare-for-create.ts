/**
 * `podStrategy.PrepareForCreate` (`pkg/registry/core/pod/strategy.go`, v1.32): the status is replaced by
 * `{phase: Pending, qosClass}`, fields of disabled gates are dropped, a scheduling-gated pod gets its
 * `PodScheduled=False` condition, pod (anti-)affinity terms get their `matchLabelKeys` /
 * `mismatchLabelKeys` folded into the label selector, and AppArmor fields and the deprecated
 * annotations are synchronised. No `metadata.generation` in 1.32.
 */
import type { PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { Container, EphemeralContainer, Pod, PodCondition } from '../../api/types.js';
import { mutableMeta, writable } from '../../api/types.js';
import { getPodQOS } from '../../api/qos.js';
import { rfc3339 } from '../../clock/clock.js';
import { dropDisabledPodFields } from './drop-disabled-fields.js';

/** What PrepareForCreate reads from its request. */
export interface PrepareContext {
  /** Request time, ms: the condition's lastTransitionTime. */
  readonly now: number;
  /** Receives the deprecation warnings of the AppArmor annotations. */
  readonly warnings?: string[];
}

/** `api.DeprecatedAppArmorAnnotationKeyPrefix` */
export const DEPRECATED_APPARMOR_ANNOTATION_KEY_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const MAX_LOCALHOST_PROFILE_LENGTH = 4095;

interface AppArmorProfile {
  type: string;
  localhostProfile?: string;
}

/** `applySchedulingGatedCondition` with `podutil.UpdatePodCondition`. */
function schedulingGatedCondition(pod: Pod, now: number): PodCondition | undefined {
  if ((pod.spec?.schedulingGates ?? []).length === 0) return undefined;
  return {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: rfc3339(now),
    reason: 'SchedulingGated',
    message: 'Scheduling is blocked due to non-empty scheduling gates',
  };
}

/** `applyMatchLabelKeysAndMismatchLabelKeys` */
function applyLabelKeys(term: PodAffinityTerm, labels: Readonly<Record<string, string>>): void {
  const selector = term.labelSelector;
  if (!selector || ((term.matchLabelKeys ?? []).length === 0 && (term.mismatchLabelKeys ?? []).length === 0)) return;
  const add = (keys: readonly string[] | undefined, operator: string): void => {
    for (const key of keys ?? []) {
      const value = labels[key];
      if (value !== undefined) selector.matchExpressions = [...(selector.matchExpressions ?? []), { key, operator, values: [value] }];
    }
  };
  add(term.matchLabelKeys, 'In');
  add(term.mismatchLabelKeys, 'NotIn');
}

/** `mutatePodAffinity` (MatchLabelKeysInPodAffinity is beta and on in 1.32). */
function mutatePodAffinity(pod: Pod): void {
  const labels = pod.metadata?.labels ?? {};
  for (const affinity of [pod.spec?.affinity?.podAffinity, pod.spec?.affinity?.podAntiAffinity]) {
    if (!affinity) continue;
    for (const w of affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []) applyLabelKeys(w.podAffinityTerm, labels);
    for (const t of affinity.requiredDuringSchedulingIgnoredDuringExecution ?? []) applyLabelKeys(t, labels);
  }
}

/** `appArmorAnnotationForField` */
function annotationForField(p: AppArmorProfile): string {
  if (p.type === 'Unconfined') return 'unconfined';
  if (p.type === 'RuntimeDefault') return 'runtime/default';
  if (p.type === 'Localhost' && p.localhostProfile !== undefined && p.localhostProfile !== null) return `localhost/${p.localhostProfile}`;
  return '';
}

/** `apparmorFieldForAnnotation`, keeping only what `ValidateAppArmorProfileField` accepts. */
function fieldForAnnotation(annotation: string): AppArmorProfile | undefined {
  if (annotation === 'unconfined') return { type: 'Unconfined' };
  if (annotation === 'runtime/default') return { type: 'RuntimeDefault' };
  if (annotation.startsWith('localhost/')) {
    const profile = annotation.slice('localhost/'.length);
    if (profile !== '' && profile.trim() === profile && profile.length <= MAX_LOCALHOST_PROFILE_LENGTH) {
      return { type: 'Localhost', localhostProfile: profile };
    }
  }
  return undefined;
}

/** `apiequality.Semantic.DeepEqual` of two profiles. */
const sameProfile = (a: AppArmorProfile, b: AppArmorProfile | undefined): boolean =>
  b !== undefined && a.type === b.type && (a.localhostProfile ?? null) === (b.localhostProfile ?? null);

/** `applyAppArmorVersionSkew`: annotation from field where missing, field from annotation where missing. */
function applyAppArmorVersionSkew(pod: Pod, warnings: string[] | undefined): void {
  if (pod.spec?.os?.name === 'windows') return;
  const podProfile = pod.spec?.securityContext?.appArmorProfile as AppArmorProfile | undefined;
  const containers: (Container | EphemeralContainer)[] = [
    ...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? []),
  ];
  for (const c of containers) {
    const key = DEPRECATED_APPARMOR_ANNOTATION_KEY_PREFIX + c.name;
    const annotations = pod.metadata?.annotations ?? {};
    const containerProfile = c.securityContext?.appArmorProfile as AppArmorProfile | undefined;
    if (!Object.hasOwn(annotations, key)) {
      const value = containerProfile ? annotationForField(containerProfile) : podProfile ? annotationForField(podProfile) : '';
      if (value !== '') mutableMeta(pod).annotations = { ...annotations, [key]: value };
    } else if (!containerProfile) {
      const field = fieldForAnnotation(annotations[key] ?? '');
      let warn = field === undefined;
      if (field && !sameProfile(field, podProfile)) {
        c.securityContext = { ...(c.securityContext ?? {}), appArmorProfile: field };
        warn = true;
      }
      if (warn) warnings?.push(`metadata.annotations[${key}]: deprecated since v1.30; use the "appArmorProfile" field instead`);
    }
  }
}

/** PrepareForCreate of the pod strategy (mutates `pod`). */
export function preparePodForCreate(pod: Pod, ctx: PrepareContext): void {
  // GetPodQOS reads the status the client sent before it is replaced, as the Go composite literal does.
  const qosClass = getPodQOS(pod);
  writable(pod).status = { phase: 'Pending', qosClass };
  dropDisabledPodFields(pod);
  const gated = schedulingGatedCondition(pod, ctx.now);
  if (gated) writable(pod).status = { phase: 'Pending', conditions: [gated], qosClass };
  mutatePodAffinity(pod);
  applyAppArmorVersionSkew(pod, ctx.warnings);
}
