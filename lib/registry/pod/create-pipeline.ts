/**
 * Everything a default v1.32 kube-apiserver does to a pod it is asked to create, except validation and
 * the storage write, as one pure function (the order of `pod-create/README.md` §1):
 * decode (Go shape, `SetObjectDefaults_Pod`, v1 → internal) → wipe client-set system metadata, take the
 * namespace from the request → dedup owner references → field manager (before admission, so what
 * admission adds is owned by nobody) → mutating admission (ServiceAccount, Priority,
 * DefaultTolerationSeconds) → uid, creationTimestamp, generated name → PrepareForCreate → the stored
 * v1 object in Go key order. Validation (strategy, object meta) and validating admission come after this
 * and before the write; resourceVersion is the store's.
 */
import { goRoundTrip, roundTripPod } from '../../api/go-json.js';
import { convertPodToInternal, convertPodToV1 } from '../../api/pod-conversion.js';
import type { OwnerReference, Pod } from '../../api/types.js';
import { mutableMeta } from '../../api/types.js';
import { rfc3339 } from '../../clock/clock.js';
import { setDefaultsPod } from '../../defaulting/pod.js';
import { AdmissionDenied, type AdmissionAttributes } from '../../admission/attributes.js';
import { admitPod, type PodAdmissionDeps } from '../../admission/chain.js';
import { newBadRequest, newForbidden } from '../../errors/constructors.js';
import { generateName } from '../../ids/generate-name.js';
import type { SeededRandom } from '../../ids/random.js';
import { newUID } from '../../ids/uid.js';
import { applyManagedFields, updateManagedFields } from '../managed-fields.js';
import { preparePodForCreate } from './prepare-for-create.js';

/** The request around the body. */
export interface PodCreateOptions {
  /** Namespace of the request path. */
  readonly namespace: string;
  /** Name in the request path (PUT/PATCH-apply create), else empty. */
  readonly name?: string;
  /** Request time, ms. */
  readonly now: number;
  /** Seeded source of the token-volume suffix, the uid and the generated name, drawn in that order. */
  readonly rng: SeededRandom;
  /** The field manager: `?fieldManager=`, else the User-Agent prefix. */
  readonly manager: string;
  /** `Apply` for a server-side-apply create (the body is the applied configuration). */
  readonly operation?: 'Update' | 'Apply';
  /** What the admission plugins look up. */
  readonly admission: Omit<PodAdmissionDeps, 'rng'>;
}

/** The pod to store, and what the request should hear about. */
export interface PodCreateResult {
  /** The object to validate and store: v1, Go key order, no resourceVersion. */
  readonly pod: Pod;
  /** `Warning` headers (duplicate owner references, deprecated AppArmor annotations). */
  readonly warnings: readonly string[];
  /** Dotted paths of fields Go does not know (strict field validation rejects them; warn otherwise). */
  readonly unknownFields: readonly string[];
}

const sameOwner = (a: OwnerReference, b: OwnerReference): boolean => JSON.stringify(goRoundTrip(a, 'meta.OwnerReference').value) === JSON.stringify(goRoundTrip(b, 'meta.OwnerReference').value);

/** `dedupOwnerReferencesAndAddWarning` (handlers/rest.go): identical owner references are kept once. */
function dedupOwnerReferences(pod: Pod, warnings: string[], afterMutatingAdmission: boolean): void {
  const refs = pod.metadata?.ownerReferences;
  if (!refs) return;
  const kept: OwnerReference[] = [];
  const duplicates: string[] = [];
  for (const ref of refs) {
    if (kept.some((k) => k.uid === ref.uid && sameOwner(k, ref))) duplicates.push(ref.uid);
    else kept.push(ref);
  }
  if (duplicates.length === 0) return;
  const when = afterMutatingAdmission ? ' after mutating admission happens' : '';
  warnings.push(`.metadata.ownerReferences contains duplicate entries${when}; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ${duplicates.join(', ')}`);
  mutableMeta(pod).ownerReferences = kept;
}

/** Mutating pod admission with its refusals as the apiserver answers them (403 `pods "x" is forbidden: …`). */
export function admitPodRequest(pod: Pod, attrs: AdmissionAttributes, deps: PodAdmissionDeps): void {
  try {
    admitPod(pod, attrs, deps);
  } catch (e) {
    if (e instanceof AdmissionDenied) throw newForbidden({ resource: e.resource }, e.objectName, e.message);
    throw e;
  }
}

/** A v1 copy of the internal pod, as the field manager and the response see it. */
function toV1(pod: Pod): Pod {
  const v1 = structuredClone(pod);
  convertPodToV1(v1);
  return v1;
}

/**
 * The stored form of a pod create request (see the file comment). Throws StatusError: 400 when the body
 * names another namespace, 403 when admission refuses.
 */
export function preparePodCreate(body: unknown, opts: PodCreateOptions): PodCreateResult {
  const warnings: string[] = [];
  const decoded = roundTripPod(structuredClone(body));
  const pod = decoded.value;
  setDefaultsPod(pod);
  convertPodToInternal(pod);

  // rest.WipeObjectMetaSystemFields and EnsureObjectNamespaceMatchesRequestNamespace (handlers/create.go).
  const meta = mutableMeta(pod);
  meta.creationTimestamp = null as unknown as string;
  delete meta.uid;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (!meta.namespace) meta.namespace = opts.namespace;
  else if (meta.namespace !== opts.namespace) {
    throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  dedupOwnerReferences(pod, warnings, false);

  const time = rfc3339(opts.now);
  if (opts.operation === 'Apply') {
    const result = applyManagedFields(undefined, toV1(pod), body, { manager: opts.manager, time });
    // A create has no other manager to conflict with.
    meta.managedFields = 'managedFields' in result ? result.managedFields : [];
  } else {
    meta.managedFields = updateManagedFields(undefined, toV1(pod), { manager: opts.manager, time });
  }
  if (meta.managedFields.length === 0) delete meta.managedFields;

  const attrs: AdmissionAttributes = {
    operation: 'CREATE', resource: 'pods', subresource: '', namespace: opts.namespace, name: opts.name || meta.name || '',
  };
  admitPodRequest(pod, attrs, { ...opts.admission, rng: opts.rng });
  dedupOwnerReferences(pod, warnings, true);

  // Store.create: rest.FillObjectMetaSystemFields, then the generated name.
  meta.creationTimestamp = time;
  meta.uid = newUID(opts.rng);
  if (meta.generateName && !meta.name) meta.name = generateName(opts.rng, meta.generateName);
  preparePodForCreate(pod, { now: opts.now, warnings });

  const stored = toV1(pod);
  stored.kind = 'Pod';
  stored.apiVersion = 'v1';
  return { pod: roundTripPod(stored).value, warnings, unknownFields: decoded.unknownFields };
}
