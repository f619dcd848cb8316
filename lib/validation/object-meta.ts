/**
 * ObjectMeta rules: the generic checks of apimachinery (`pkg/api/validation/objectmeta.go`
 * ValidateObjectMetaAccessor / ValidateObjectMetaAccessorUpdate, `pkg/apis/meta/v1/validation`
 * ValidateManagedFields) and the core wrappers of `pkg/apis/core/validation/validation.go`
 * (ValidateObjectMeta / ValidateObjectMetaUpdate add the kube finalizer-name rule), in Go's order.
 */
import type { ManagedFieldsEntry, ObjectMeta, OwnerReference } from '../api/types.js';
import { fieldPath, type FieldPath } from '../field/path.js';
import { forbidden, invalid, tooLong, type FieldError } from '../field/errors.js';
import {
  isQualifiedName, utf8Length, validateAnnotations, validateLabels, validateMetaNames, validatePathSegmentName, type ValidateNameFunc,
} from './names.js';
import { FIELD_IMMUTABLE, IS_NEGATIVE, goStringSlice, goTimeString, invalidRendered } from './common.js';

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';
/** `helper.standardFinalizers` */
const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', FINALIZER_ORPHAN, FINALIZER_FOREGROUND]);
const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;

/** `ValidateNonnegativeField` */
export function validateNonnegativeField(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [invalid(path, value, IS_NEGATIVE)] : [];
}

/** `schema.FromAPIVersionAndKind`: group and version of an apiVersion (both empty when it does not parse). */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (apiVersion.length === 0) return { group: '', version: '' };
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return { group: '', version: '' };
}

/** `validateOwnerReference` */
function validateOwnerReference(ref: OwnerReference, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const { group, version } = parseGroupVersion(ref.apiVersion ?? '');
  const kind = ref.kind ?? '';
  if (version.length === 0) errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (kind.length === 0) errs.push(invalid(path.child('kind'), kind, 'must not be empty'));
  if ((ref.name ?? '').length === 0) errs.push(invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
  if ((ref.uid ?? '').length === 0) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
  // BannedOwners: core/v1 Event may not own anything.
  if (group === '' && version === 'v1' && kind === 'Event') errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
  return errs;
}

/** `ValidateOwnerReferences`: each reference, and at most one controller. */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller) {
      const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else firstController = current;
    }
  }
  return errs;
}

/** `ValidateFinalizers` (generic): each name is a qualified name (reported at the list's path), orphan and foreground exclude each other. */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  if (list.includes(FINALIZER_ORPHAN) && list.includes(FINALIZER_FOREGROUND)) {
    errs.push(invalid(path, list, `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_FOREGROUND} cannot be both set`));
  }
  return errs;
}

/** `validateKubeFinalizerName` (core): an unqualified finalizer must be one of the standard names. */
export function validateKubeFinalizerName(name: string, path: FieldPath): FieldError[] {
  if (name.includes('/') || STANDARD_FINALIZERS.has(name)) return [];
  return [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
}

/** Go's `unicode.IsPrint` for the characters a field manager may hold (letters, marks, numbers, punctuation, symbols, ASCII space). */
const isPrintable = (ch: string): boolean => ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);

/** `ValidateManagedFields` (meta/v1 validation). */
export function validateManagedFields(entries: readonly ManagedFieldsEntry[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((e, i) => {
    const p = path.index(i);
    if (e.operation !== 'Apply' && e.operation !== 'Update') errs.push(invalid(p.child('operation'), e.operation ?? '', 'must be `Apply` or `Update`'));
    if ((e.fieldsType ?? '').length > 0 && e.fieldsType !== 'FieldsV1') errs.push(invalid(p.child('fieldsType'), e.fieldsType, 'must be `FieldsV1`'));
    const manager = e.manager ?? '';
    if (manager.length > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(p.child('manager'), manager, FIELD_MANAGER_MAX_LENGTH));
    // Go ranges over runes and reports the byte offset of each unprintable one.
    let offset = 0;
    for (const ch of manager) {
      if (!isPrintable(ch)) errs.push(invalid(p.child('manager').index(offset), manager, 'invalid character'));
      offset += utf8Length(ch);
    }
    if ((e.subresource ?? '').length > MAX_SUBRESOURCE_NAME_LENGTH) errs.push(tooLong(p.child('subresource'), e.subresource, MAX_SUBRESOURCE_NAME_LENGTH));
  });
  return errs;
}

/** `ValidateObjectMetaAccessor` (generic): names, namespace, generation, labels, annotations, owners, finalizers, managedFields. */
export function validateObjectMetaAccessor(meta: ObjectMeta | undefined, requiresNamespace: boolean, nameFn: ValidateNameFunc, path: FieldPath): FieldError[] {
  const m = meta ?? {};
  return [
    ...validateMetaNames(m, requiresNamespace, nameFn, path),
    ...validateNonnegativeField(m.generation ?? 0, path.child('generation')),
    ...validateLabels(m.labels, path.child('labels')),
    ...validateAnnotations(m.annotations, path.child('annotations')),
    ...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')),
    ...validateFinalizers(m.finalizers, path.child('finalizers')),
    ...validateManagedFields(m.managedFields, path.child('managedFields')),
  ];
}

/** `ValidateObjectMeta` (core): the generic checks, then each finalizer against the kube finalizer-name rule. */
export function validateObjectMeta(meta: ObjectMeta | undefined, requiresNamespace: boolean, nameFn: ValidateNameFunc, path: FieldPath): FieldError[] {
  const errs = validateObjectMetaAccessor(meta, requiresNamespace, nameFn, path);
  (meta?.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

/** `ValidateNoNewFinalizers`: a deleting object may lose finalizers but not gain any. */
export function validateNoNewFinalizers(newFinalizers: readonly string[] | undefined, oldFinalizers: readonly string[] | undefined, path: FieldPath): FieldError[] {
  const old = new Set(oldFinalizers ?? []);
  const extra = [...new Set(newFinalizers ?? [])].filter((f) => !old.has(f)).sort();
  if (extra.length === 0) return [];
  return [forbidden(path, `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`)];
}

/** `ValidateImmutableField` for a string-valued field. */
function immutableString(newVal: string | undefined, oldVal: string | undefined, path: FieldPath): FieldError[] {
  return (newVal ?? '') === (oldVal ?? '') ? [] : [invalid(path, newVal ?? '', FIELD_IMMUTABLE)];
}

/** Time equality under Semantic (UTC instants); unset and null are the zero time. */
function sameTime(a: string | null | undefined, b: string | null | undefined): boolean {
  const ta = a ? Date.parse(a) : undefined;
  const tb = b ? Date.parse(b) : undefined;
  return ta === tb;
}

/** `ValidateObjectMetaAccessorUpdate` (generic), in Go's order. */
export function validateObjectMetaAccessorUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, path: FieldPath): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) errs.push(...validateNoNewFinalizers(n.finalizers, o.finalizers, path.child('finalizers')));
  if ((n.resourceVersion ?? '').length === 0) errs.push(invalid(path.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(path.child('generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...immutableString(n.name, o.name, path.child('name')));
  errs.push(...immutableString(n.namespace, o.namespace, path.child('namespace')));
  errs.push(...immutableString(n.uid, o.uid, path.child('uid')));
  // metav1.Time is a value (zero when unset) and prints through its String method.
  if (!sameTime(n.creationTimestamp, o.creationTimestamp)) {
    errs.push(invalidRendered(path.child('creationTimestamp'), n.creationTimestamp, goTimeString(n.creationTimestamp), FIELD_IMMUTABLE));
  }
  // deletionTimestamp is a pointer: nil prints as "null".
  if (!sameTime(n.deletionTimestamp, o.deletionTimestamp)) {
    errs.push(n.deletionTimestamp
      ? invalidRendered(path.child('deletionTimestamp'), n.deletionTimestamp, goTimeString(n.deletionTimestamp), FIELD_IMMUTABLE)
      : invalid(path.child('deletionTimestamp'), null, FIELD_IMMUTABLE));
  }
  if ((n.deletionGracePeriodSeconds ?? null) !== (o.deletionGracePeriodSeconds ?? null)) {
    errs.push(invalid(path.child('deletionGracePeriodSeconds'), n.deletionGracePeriodSeconds ?? null, FIELD_IMMUTABLE));
  }
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateManagedFields(n.managedFields, path.child('managedFields')));
  return errs;
}

/** `ValidateObjectMetaUpdate` (core): the generic update checks, then the kube finalizer-name rule. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, path: FieldPath): FieldError[] {
  const errs = validateObjectMetaAccessorUpdate(newMeta, oldMeta, path);
  (newMeta?.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

/**
 * The generic metadata checks of `rest.BeforeCreate` (`ValidateObjectMetaAccessor` with
 * `path.ValidatePathSegmentName`). They run only when the strategy's validation passed, and a failure is
 * its own 422: the two lists are never joined.
 */
export function validateCommonFieldsOnCreate(meta: ObjectMeta | undefined, namespaced: boolean): FieldError[] {
  return validateObjectMetaAccessor(meta, namespaced, validatePathSegmentName, fieldPath('metadata'));
}

/**
 * `validateCommonFields` of `rest.BeforeUpdate`: run before the strategy's ValidateUpdate, so metadata
 * errors appear first (and again from the strategy: causes are not de-duplicated).
 */
export function validateCommonFieldsOnUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, namespaced: boolean): FieldError[] {
  const path = fieldPath('metadata');
  return [...validateObjectMetaAccessor(newMeta, namespaced, validatePathSegmentName, path), ...validateObjectMetaAccessorUpdate(newMeta, oldMeta, path)];
}
