/**
 * The admission chain a default v1.32 apiserver runs on pods, in `AllOrderedPlugins` order, reduced to
 * the plugins that act on pods: mutating ServiceAccount → Priority → DefaultTolerationSeconds, then
 * validating ServiceAccount. (NamespaceLifecycle is the registry's check; LimitRanger and RuntimeClass
 * only act when LimitRanges or a runtimeClassName exist, which kubesim does not model; PodSecurity
 * only validates and warns.)
 */
import type { Pod } from '../api/types.js';
import type { AdmissionAttributes } from './attributes.js';
import { admitDefaultTolerationSeconds, type DefaultTolerationSecondsOptions } from './default-toleration-seconds.js';
import { admitPriority, type PriorityClassLister } from './priority.js';
import { admitServiceAccount, validateServiceAccount, type ServiceAccountAdmissionDeps } from './service-account.js';

/** Everything the pod admission plugins read besides the request. */
export interface PodAdmissionDeps extends ServiceAccountAdmissionDeps {
  readonly priorityClasses: PriorityClassLister;
  readonly tolerationSeconds?: DefaultTolerationSecondsOptions;
}

/** Mutating admission of a pod request (mutates `pod`; throws AdmissionDenied on the first refusal). */
export function admitPod(pod: Pod, attrs: AdmissionAttributes, deps: PodAdmissionDeps): void {
  admitServiceAccount(pod, attrs, deps);
  admitPriority(pod, attrs, deps);
  admitDefaultTolerationSeconds(pod, attrs, deps.tolerationSeconds);
}

/** Validating admission of the final pod (after strategy validation); throws AdmissionDenied. */
export function validatePodAdmission(pod: Pod, attrs: AdmissionAttributes, deps: Pick<PodAdmissionDeps, 'serviceAccounts'>): void {
  validateServiceAccount(pod, attrs, deps);
}
