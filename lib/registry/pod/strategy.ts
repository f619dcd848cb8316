import type { Pod } from '../../api/types.js';
import { mutableMeta, writable } from '../../api/types.js';
import { setDefaultsPod } from '../../defaulting/pod.js';
import { roundTripPod } from '../../api/go-json.js';
import { convertPodToInternal, convertPodToV1 } from '../../api/pod-conversion.js';
import { rfc3339 } from '../../clock/clock.js';
import { updateManagedFields } from '../managed-fields.js';
import type { FieldError } from '../../field/errors.js';
import {
  validatePodCreate, validatePodEphemeralContainersUpdate, validatePodStatusUpdate, validatePodUpdate,
} from '../../validation/pod.js';
import type { RequestContext, Strategy } from '../strategy.js';
import { dropDisabledPodFields, dropDisabledPodStatusFields } from './drop-disabled-fields.js';
import { preparePodForCreate } from './prepare-for-create.js';
import type { PodAdmissionDeps } from '../../admission/chain.js';
import { validatePodAdmission } from '../../admission/chain.js';
import { AdmissionDenied, type AdmissionAttributes } from '../../admission/attributes.js';
import { newForbidden } from '../../errors/constructors.js';
import { admitPodRequest } from './create-pipeline.js';

/**
 * The pod strategy (`pkg/registry/core/pod/strategy.go` podStrategy): defaulting on every decoded body,
 * mutating admission and PrepareForCreate on create, status kept from the stored pod on update,
 * graceful deletion by the pod's grace period when it is bound to a node.
 */
export const podStrategy: Strategy<Pod> = {
  namespaced: true,
  allowUnconditionalUpdate: true,
  decode: (body: unknown) => {
    // Decoding ends in the internal type; what is stored and answered is its v1 form again, so the
    // aliases (serviceAccount, podIP/hostIP and their lists) come out consistent.
    const r = roundTripPod(body);
    convertPodToInternal(r.value);
    convertPodToV1(r.value);
    return { object: roundTripPod(r.value).value, unknownFields: r.unknownFields };
  },
  defaults: setDefaultsPod,
  canonicalize: (pod: Pod): Pod => roundTripPod(pod).value,
  updateManagedFields(pod: Pod, old: Pod, ctx: RequestContext, subresource: string): void {
    const entries = updateManagedFields(old, pod, { manager: ctx.fieldManager ?? 'unknown', subresource, time: rfc3339(ctx.now) });
    if (entries.length > 0) mutableMeta(pod).managedFields = entries;
    else delete mutableMeta(pod).managedFields;
  },
  prepareForCreate(pod: Pod, ctx: RequestContext): void {
    preparePodForCreate(pod, { now: ctx.now, warnings: (ctx.warnings ??= []) });
  },
  validate: (pod: Pod): FieldError[] => validatePodCreate(pod),
  prepareForUpdate(pod: Pod, old: Pod): void {
    // Status sent with a main-resource update is ignored.
    if (old.status) writable(pod).status = old.status;
    else delete writable(pod).status;
    dropDisabledPodFields(pod, old);
  },
  validateUpdate: (pod: Pod, old: Pod): FieldError[] => validatePodUpdate(pod, old),
  checkGracefulDelete(pod: Pod, requested: number | undefined): number | undefined {
    // podStrategy.CheckGracefulDelete: the request's period, else the pod's own (0 when unset); an
    // unscheduled or finished pod goes at once.
    if (!pod.spec?.nodeName) return 0;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return requested ?? pod.spec.terminationGracePeriodSeconds ?? 0;
  },
};

/** pods/status (podStatusStrategy): only status changes; spec and owner references come from the stored pod. */
export const podStatusStrategy: Strategy<Pod> = {
  ...podStrategy,
  prepareForUpdate(pod: Pod, old: Pod): void {
    if (old.spec) pod.spec = old.spec;
    const meta = mutableMeta(pod);
    if (old.metadata?.ownerReferences) meta.ownerReferences = old.metadata.ownerReferences;
    else delete meta.ownerReferences;
    // The QoS class is immutable; old kubelets dropped it, so an empty one is back-filled.
    if (pod.status && !pod.status.qosClass && old.status?.qosClass) writable(pod).status = { ...pod.status, qosClass: old.status.qosClass };
    dropDisabledPodStatusFields(pod, old);
  },
  validateUpdate: (pod: Pod, old: Pod): FieldError[] => validatePodStatusUpdate(pod, old),
};

/**
 * pods/ephemeralcontainers (podEphemeralContainersStrategy): the stored pod with only
 * `spec.ephemeralContainers` taken from the request (dropNonEphemeralContainerUpdates); every other
 * change in the body is silently ignored.
 */
export const podEphemeralContainersStrategy: Strategy<Pod> = {
  ...podStrategy,
  prepareForUpdate(pod: Pod, old: Pod): void {
    const ephemeral = pod.spec?.ephemeralContainers;
    const keep = { name: pod.metadata?.name, namespace: pod.metadata?.namespace, resourceVersion: pod.metadata?.resourceVersion, uid: pod.metadata?.uid };
    const fresh = JSON.parse(JSON.stringify(old)) as Pod;
    for (const k of Object.keys(pod) as (keyof Pod)[]) delete pod[k];
    Object.assign(pod, fresh);
    const meta = mutableMeta(pod);
    meta.name = keep.name;
    meta.namespace = keep.namespace;
    meta.resourceVersion = keep.resourceVersion;
    meta.uid = keep.uid;
    pod.spec = { ...(pod.spec ?? { containers: [] }) };
    if (ephemeral !== undefined) pod.spec.ephemeralContainers = ephemeral;
    else delete pod.spec.ephemeralContainers;
    dropDisabledPodFields(pod, old);
  },
  validateUpdate: (pod: Pod, old: Pod): FieldError[] => validatePodEphemeralContainersUpdate(pod, old),
};

/** The admission attributes of an update of `pod` (or one of its subresources). */
function updateAttributes(pod: Pod, old: Pod, ctx: RequestContext, subresource: string): AdmissionAttributes {
  return { operation: 'UPDATE', resource: 'pods', subresource, namespace: ctx.namespace, name: pod.metadata?.name ?? '', oldObject: old };
}

/**
 * The three pod strategies with the admission chain an update runs (mutating: Priority restores a
 * dropped priority, DefaultTolerationSeconds re-adds the default tolerations; validating:
 * ServiceAccount checks the secrets of new ephemeral containers). `admission` is read per request.
 */
export function podStrategies(admission: () => PodAdmissionDeps): Record<'main' | 'status' | 'ephemeralcontainers', Strategy<Pod>> {
  const withAdmission = (base: Strategy<Pod>): Strategy<Pod> => ({
    ...base,
    admitUpdate(pod, old, ctx, subresource) {
      admitPodRequest(pod, updateAttributes(pod, old, ctx, subresource), admission());
    },
    validateUpdateAdmission(pod, old, ctx, subresource) {
      // Every pod created through the API names a service account (admission sets it); only a pod put
      // into the store directly can lack one, and for it ServiceAccount's "no service account specified"
      // 403 is not simulated, so such fixtures still reach validation.
      if (!pod.spec?.serviceAccountName) return;
      try {
        validatePodAdmission(pod, updateAttributes(pod, old, ctx, subresource), admission());
      } catch (e) {
        if (e instanceof AdmissionDenied) throw newForbidden({ resource: e.resource }, e.objectName, e.message);
        throw e;
      }
    },
  });
  return { main: withAdmission(podStrategy), status: withAdmission(podStatusStrategy), ephemeralcontainers: withAdmission(podEphemeralContainersStrategy) };
}
