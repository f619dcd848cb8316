import type { Pod } from '../../api/types.js';
import { mutableMeta, writable } from '../../api/types.js';
import { setDefaultsPod } from '../../defaulting/pod.js';
import { roundTripPod } from '../../api/go-json.js';
import { rfc3339 } from '../../clock/clock.js';
import { updateManagedFields } from '../managed-fields.js';
import type { FieldError } from '../../field/errors.js';
import {
  validatePodCreate, validatePodEphemeralContainersUpdate, validatePodStatusUpdate, validatePodUpdate,
} from '../../validation/pod.js';
import type { RequestContext, Strategy } from '../strategy.js';
import { dropDisabledPodFields, dropDisabledPodStatusFields } from './drop-disabled-fields.js';
import { preparePodForCreate } from './prepare-for-create.js';

/**
 * The pod strategy (`pkg/registry/core/pod/strategy.go` podStrategy): defaulting on every decoded body,
 * mutating admission and PrepareForCreate on create, status kept from the stored pod on update,
 * graceful deletion by the pod's grace period when it is bound to a node.
 */
export const podStrategy: Strategy<Pod> = {
  namespaced: true,
  allowUnconditionalUpdate: true,
  decode: (body: unknown) => {
    const r = roundTripPod(body);
    return { object: r.value, unknownFields: r.unknownFields };
  },
  defaults: setDefaultsPod,
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
    // An unbound or finished pod goes at once; otherwise the requested period, else the pod's own.
    if (!pod.spec?.nodeName) return 0;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
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
