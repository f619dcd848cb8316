/**
 * `PodValidationOptions` (pkg/apis/core/validation) and how the pod strategy fills them
 * (`GetValidationOptionsFromPodSpecAndMeta`, pkg/api/pod/util.go) for a default v1.32 apiserver:
 * options follow the feature gates that are on by default, and an old object that already holds a value
 * newer rules reject keeps that value acceptable on update (ratcheting).
 */
import type { Pod } from '../api/types.js';

/** The switches of pod validation. */
export interface PodValidationOptions {
  /** Accept a `controller.kubernetes.io/pod-deletion-cost` that is not an int32 (old pod had one). */
  readonly allowInvalidPodDeletionCost: boolean;
  /** Accept invalid label values in affinity label selectors (old pod had them). */
  readonly allowInvalidLabelValueInSelector: boolean;
  /** Accept hugepage quantities that are not a multiple of the page size (old pod had them). */
  readonly allowIndivisibleHugePagesValues: boolean;
  /** Skip label-selector checks of topology spread constraints (old pod had an invalid one). */
  readonly allowInvalidTopologySpreadConstraintLabelSelector: boolean;
  /** Accept namespaced sysctls in hostNetwork/hostIPC pods (old pod had them). */
  readonly allowNamespacedSysctlsForHostNetAndHostIPC: boolean;
  /** The object is a Pod, not a PodSpec embedded in another resource. */
  readonly resourceIsPod: boolean;
  /** RelaxedEnvironmentVariableValidation (beta, on in v1.32). */
  readonly allowRelaxedEnvironmentVariableValidation: boolean;
  /** RelaxedDNSSearchValidation (alpha, off in v1.32) or the old pod used it. */
  readonly allowRelaxedDNSSearchValidation: boolean;
  /** PodLifecycleSleepActionAllowZero (alpha, off in v1.32) or the old pod used a zero sleep. */
  readonly allowPodLifecycleSleepActionZeroValue: boolean;
  /** Accept `resizePolicy` on init containers (not in v1.32). */
  readonly allowSidecarResizePolicy: boolean;
  /** Accept invalid label values in required node affinity (old pod had them). */
  readonly allowInvalidLabelValueInRequiredNodeAffinity: boolean;
  /** Projected service account tokens may use non-local paths (never for pods). */
  readonly allowNonLocalProjectedTokenPath: boolean;
  /** PodLevelResources (alpha, off in v1.32). */
  readonly podLevelResourcesEnabled: boolean;
  /** The apiserver's `--allow-privileged` (kubeadm and kind set it). */
  readonly allowPrivileged: boolean;
}

/** The options a default v1.32 apiserver uses for a new pod. */
export const defaultPodValidationOptions: PodValidationOptions = {
  allowInvalidPodDeletionCost: false,
  allowInvalidLabelValueInSelector: false,
  allowIndivisibleHugePagesValues: false,
  allowInvalidTopologySpreadConstraintLabelSelector: false,
  allowNamespacedSysctlsForHostNetAndHostIPC: false,
  resourceIsPod: true,
  allowRelaxedEnvironmentVariableValidation: true,
  allowRelaxedDNSSearchValidation: false,
  allowPodLifecycleSleepActionZeroValue: false,
  allowSidecarResizePolicy: false,
  allowInvalidLabelValueInRequiredNodeAffinity: false,
  allowNonLocalProjectedTokenPath: false,
  podLevelResourcesEnabled: false,
  allowPrivileged: true,
};

const deletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

/** `helper.GetDeletionCostFromPodAnnotations` succeeds: an int32 with no `+` and no leading zeros. */
export function isValidPodDeletionCost(value: string): boolean {
  // validFirstDigit rejects '+' and leading zeros; strconv.ParseInt(v, 10, 32) then takes '-' followed by digits.
  if (!/^(-[0-9]+|0|[1-9][0-9]*)$/.test(value)) return false;
  const n = Number(value);
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

function hasZeroSleep(pod: Pod): boolean {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return all.some((c) => c.lifecycle?.preStop?.sleep?.seconds === 0 || c.lifecycle?.postStart?.sleep?.seconds === 0);
}

function usesRelaxedDNSSearch(pod: Pod): boolean {
  return (pod.spec?.dnsConfig?.searches ?? []).some((s) => s === '.' || s.includes('_'));
}

/**
 * The options for validating a pod (on update, given the stored `oldPod`): the v1.32 defaults, with the ratchets of
 * `GetValidationOptionsFromPodSpecAndMeta` that kubesim models (deletion cost, sleep zero, DNS search).
 */
export function podValidationOptions(oldPod?: Pod, overrides: Partial<PodValidationOptions> = {}): PodValidationOptions {
  const oldCost = oldPod?.metadata?.annotations?.[deletionCostAnnotation];
  return {
    ...defaultPodValidationOptions,
    allowInvalidPodDeletionCost: oldCost !== undefined && !isValidPodDeletionCost(oldCost),
    allowPodLifecycleSleepActionZeroValue: oldPod !== undefined && hasZeroSleep(oldPod),
    allowRelaxedDNSSearchValidation: oldPod !== undefined && usesRelaxedDNSSearch(oldPod),
    ...overrides,
  };
}
