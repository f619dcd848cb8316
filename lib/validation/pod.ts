/**
 * Entry points of pod validation, ported from core validation (v1.32): `ValidatePodCreate`,
 * `ValidatePodUpdate`, `ValidatePodStatusUpdate` and `ValidatePodEphemeralContainersUpdate`, each returning
 * the field errors in the apiserver's order. These are what the pod strategies' Validate/ValidateUpdate
 * return; the generic metadata checks of rest.BeforeCreate/BeforeUpdate are in `object-meta.ts`
 * (`validateCommonFieldsOnCreate`/`OnUpdate`) for the registry to put around them.
 */
import type { Container, EphemeralContainer, NodeAffinity, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { fieldPath, type FieldPath } from '../field/path.js';
import { forbidden, invalid, required, type FieldError } from '../field/errors.js';
import { goQuote } from '../field/go-quote.js';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names.js';
import { validateContainersOnlyForPod } from './containers.js';
import { objectDiff, semanticDeepEqual, semanticFieldEqual } from './equality.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { podValidationOptions, type PodValidationOptions } from './options.js';
import {
  MIRROR_POD_ANNOTATION, validateAppArmorAnnotationsAndFieldsMatchOnCreate, validatePodSpecificAnnotationUpdates,
  validatePodSpecificAnnotations, validateSeccompAnnotationsAndFields,
} from './pod-annotations.js';
import { validatePodSpec } from './pod-spec.js';
import { validatePodConditions, validatePodStatusFields } from './pod-status.js';
import { validateOnlyAddedTolerations } from './tolerations.js';

const MAX_INT32 = 2147483647;

/** `updatablePodSpecFields`, joined by `,` with no space in the message. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
] as const;

const metaPath = fieldPath('metadata');
const specPath = fieldPath('spec');
const specOf = (pod: Pod): PodSpec => pod.spec ?? ({ containers: [] } as PodSpec);

/** `validatePodMetadataAndSpec`: metadata, pod annotations, the spec, then the pod-only (not template) rules. */
export function validatePodMetadataAndSpec(pod: Pod, opts: PodValidationOptions): FieldError[] {
  const spec = specOf(pod);
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, metaPath);
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, metaPath.child('annotations'), opts));
  errs.push(...validatePodSpec(spec, pod.metadata, specPath, opts));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((s, si) => {
        if (s.serviceAccountToken) {
          errs.push(forbidden(specPath.child('volumes').index(vi).child('projected').child('sources').index(si).child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(spec.containers, specPath.child('containers')));
  errs.push(...validateContainersOnlyForPod(spec.initContainers, specPath.child('initContainers')));
  return errs;
}

/** `ValidatePodCreate`: the whole pod, then the create-only rules (no ephemeral containers, no node while gated, legacy annotations agree). */
export function validatePodCreate(pod: Pod, opts: PodValidationOptions = podValidationOptions()): FieldError[] {
  const spec = specOf(pod);
  const errs = validatePodMetadataAndSpec(pod, opts);
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (spec.nodeName && (spec.schedulingGates ?? []).length !== 0) errs.push(forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  errs.push(...validateSeccompAnnotationsAndFields(pod.metadata, spec, specPath));
  errs.push(...validateAppArmorAnnotationsAndFieldsMatchOnCreate(pod.metadata, spec, specPath));
  return errs;
}

/** `ValidateContainerUpdates`: same number of containers (else stop), each with a clean image. */
function validateContainerUpdates(newList: readonly Container[] | undefined, oldList: readonly Container[] | undefined, path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if ((newList ?? []).length !== (oldList ?? []).length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  (newList ?? []).forEach((c, i) => {
    const image = c.image ?? '';
    if (image === '') errs.push(required(path.index(i).child('image')));
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** `validateOnlyDeletedSchedulingGates`: gates may be removed, never added. */
function validateOnlyDeletedSchedulingGates(newGates: PodSpec['schedulingGates'], oldGates: PodSpec['schedulingGates'], path: FieldPath): FieldError[] {
  if ((newGates ?? []).length === 0) return [];
  const added = new Map<string, number>();
  (newGates ?? []).forEach((g, i) => added.set(g.name, i));
  for (const g of oldGates ?? []) added.delete(g.name);
  // Go walks a map here (random order); kubesim reports them by position.
  return [...added].sort((a, b) => a[1] - b[1]).map(([name, i]) => forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
}

/** `validateNodeSelectorMutation`: a gated pod may add node selector entries, not change or drop them. */
function validateNodeSelectorMutation(path: FieldPath, newSel: Record<string, string> | undefined, oldSel: Record<string, string> | undefined): FieldError[] {
  for (const [k, v] of Object.entries(oldSel ?? {})) {
    if (newSel?.[k] !== v) return [invalid(path, newSel ?? null, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)')];
  }
  return [];
}

/** `validateNodeAffinityMutation`: a gated pod may only add requirements to existing required node selector terms. */
function validateNodeAffinityMutation(path: FieldPath, newNA: NodeAffinity | undefined, oldNA: NodeAffinity | undefined): FieldError[] {
  const oldTerms = oldNA?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!oldNA || !oldNA.requiredDuringSchedulingIgnoredDuringExecution) return [];
  const newTerms = newNA?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const termsPath = path.child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
  const old = oldTerms ?? [];
  if (old.length > 0 && old.length !== newTerms.length) return [invalid(termsPath, newTerms, 'no additions/deletions to non-empty NodeSelectorTerms list are allowed')];
  const errs: FieldError[] = [];
  old.forEach((o, i) => {
    const n = newTerms[i] ?? {};
    const onlyAdditions = (key: 'matchExpressions' | 'matchFields'): boolean => {
      const ol = o[key] ?? [];
      const nl = n[key] ?? [];
      return ol.length === 0 || (nl.length >= ol.length && semanticFieldEqual('NodeSelectorTerm', key, nl.slice(0, ol.length), ol));
    };
    const oldEmpty = (o.matchExpressions ?? []).length === 0 && (o.matchFields ?? []).length === 0;
    const newHas = (n.matchExpressions ?? []).length > 0 || (n.matchFields ?? []).length > 0;
    if ((oldEmpty && newHas) || !onlyAdditions('matchExpressions') || !onlyAdditions('matchFields')) {
      errs.push(invalid(termsPath.index(i), n, 'only additions are allowed (no mutations or deletions)'));
    }
  });
  return errs;
}

type MutableSpec = Record<string, unknown> & { containers?: Container[]; initContainers?: Container[]; affinity?: Record<string, unknown> | null };

/**
 * `ValidatePodUpdate`: metadata, the whole new pod and annotation rules; then only container images,
 * activeDeadlineSeconds (lowered), tolerations (added), scheduling gates (removed) and a negative grace period
 * going to 1 may change. Anything else is one Forbidden on `spec` with a diff.
 */
export function validatePodUpdate(newPod: Pod, oldPod: Pod, opts: PodValidationOptions = podValidationOptions(oldPod)): FieldError[] {
  const newSpec = specOf(newPod);
  const oldSpec = specOf(oldPod);
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata, metaPath);
  errs.push(...validatePodMetadataAndSpec(newPod, opts));
  errs.push(...validatePodSpecificAnnotationUpdates(newPod.metadata, oldPod.metadata, newSpec, metaPath.child('annotations'), opts));
  for (const key of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(newSpec[key], oldSpec[key], specPath.child(key));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const adsPath = specPath.child('activeDeadlineSeconds');
  const newADS = newSpec.activeDeadlineSeconds;
  const oldADS = oldSpec.activeDeadlineSeconds;
  if (newADS !== undefined && newADS !== null) {
    if (newADS < 0 || newADS > MAX_INT32) return [...errs, invalid(adsPath, newADS, inclusiveRangeError(0, MAX_INT32))];
    if (oldADS !== undefined && oldADS !== null && oldADS < newADS) return [...errs, invalid(adsPath, newADS, 'must be less than or equal to previous value')];
  } else if (oldADS !== undefined && oldADS !== null) {
    errs.push(invalid(adsPath, null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(newSpec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  errs.push(...validateOnlyDeletedSchedulingGates(newSpec.schedulingGates, oldSpec.schedulingGates, specPath.child('schedulingGates')));
  if (semanticDeepEqual('PodSpec', newSpec, oldSpec)) return errs;

  // Put the updatable fields back to their old values; whatever still differs may not change.
  const munged = structuredClone(newSpec) as MutableSpec;
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers[i]?.image } as Container));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image } as Container));
  for (const key of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations'] as const) {
    if (oldSpec[key] === undefined) delete munged[key];
    else munged[key] = oldSpec[key];
  }
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace !== null && oldGrace < 0 && munged['terminationGracePeriodSeconds'] === 1) munged['terminationGracePeriodSeconds'] = oldGrace;
  if ((oldSpec.schedulingGates ?? []).length > 0) {
    if (!semanticFieldEqual('PodSpec', 'nodeSelector', munged['nodeSelector'], oldSpec.nodeSelector)) {
      errs.push(...validateNodeSelectorMutation(specPath.child('nodeSelector'), munged['nodeSelector'] as Record<string, string> | undefined, oldSpec.nodeSelector));
      munged['nodeSelector'] = oldSpec.nodeSelector;
    }
    const oldNA = oldSpec.affinity?.nodeAffinity;
    const newNA = (munged.affinity as { nodeAffinity?: NodeAffinity } | undefined | null)?.nodeAffinity;
    if (!semanticFieldEqual('Affinity', 'nodeAffinity', newNA, oldNA)) {
      errs.push(...validateNodeAffinityMutation(specPath.child('affinity').child('nodeAffinity'), newNA, oldNA));
      const affinity = munged.affinity;
      if (!affinity && oldNA) munged.affinity = { nodeAffinity: oldNA };
      else if (affinity && !oldSpec.affinity && !affinity['podAntiAffinity'] && !affinity['podAffinity']) delete munged.affinity;
      else if (affinity) munged.affinity = { ...affinity, nodeAffinity: oldNA };
    }
  }
  if (!semanticDeepEqual('PodSpec', munged, oldSpec)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${objectDiff('PodSpec', oldSpec, munged)}`));
  }
  return errs;
}

/** `ValidatePodStatusUpdate`: metadata and annotation rules, custom condition types, then the status rules. */
export function validatePodStatusUpdate(newPod: Pod, oldPod: Pod, opts: PodValidationOptions = podValidationOptions(oldPod)): FieldError[] {
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata, metaPath);
  errs.push(...validatePodSpecificAnnotationUpdates(newPod.metadata, oldPod.metadata, specOf(newPod), metaPath.child('annotations'), opts));
  errs.push(...validatePodConditions(newPod.status?.conditions, metaPath.child('conditions')));
  errs.push(...validatePodStatusFields(newPod, oldPod));
  return errs;
}

/**
 * `ValidatePodEphemeralContainersUpdate`: metadata, the whole new pod and annotation rules; a mirror (static)
 * pod replaces all of that with one Forbidden on `[]`; otherwise every existing ephemeral container must
 * still be there, unchanged (matched by name, the last entry of a name winning).
 */
export function validatePodEphemeralContainersUpdate(newPod: Pod, oldPod: Pod, opts: PodValidationOptions = podValidationOptions(oldPod)): FieldError[] {
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata, metaPath);
  errs.push(...validatePodMetadataAndSpec(newPod, opts));
  errs.push(...validatePodSpecificAnnotationUpdates(newPod.metadata, oldPod.metadata, specOf(newPod), metaPath.child('annotations'), opts));
  if (oldPod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
    return [forbidden(fieldPath(''), 'static pods do not support ephemeral containers')];
  }
  const path = specPath.child('ephemeralContainers');
  const byName = new Map<string, EphemeralContainer>();
  for (const ec of specOf(newPod).ephemeralContainers ?? []) byName.set(ec.name, ec);
  for (const old of specOf(oldPod).ephemeralContainers ?? []) {
    const now = byName.get(old.name);
    if (!now) errs.push(forbidden(path, `existing ephemeral containers ${goQuote(old.name)} may not be removed\n`));
    else if (!semanticDeepEqual('EphemeralContainer', old, now)) {
      errs.push(forbidden(path, `existing ephemeral containers ${goQuote(old.name)} may not be changed\n${objectDiff('EphemeralContainer', old, now)}`));
    }
  }
  return errs;
}
