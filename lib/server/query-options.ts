/**
 * The options of a request as the apiserver reads them from the query (`ParameterCodec.DecodeParameters`
 * into metav1 CreateOptions, UpdateOptions, PatchOptions, DeleteOptions and ListOptions, with the
 * conversions of apimachinery `runtime/conversion.go`) and validates them (apimachinery
 * `apis/meta/v1/validation` and `apis/meta/internalversion/validation`, v0.32).
 */
import type { DeleteOptions } from '../api/types.js';
import { newBadRequest, newInvalid } from '../errors/constructors.js';
import { forbidden, invalid, notSupported, required, tooLong, type FieldError } from '../field/errors.js';
import { goQuote } from '../field/go-quote.js';
import type { ListQuery } from '../registry/rest.js';

/** metav1.CreateOptions / UpdateOptions. */
export interface WriteQueryOptions {
  dryRun: string[];
  fieldManager: string;
  fieldValidation: string;
}

/** metav1.PatchOptions. */
export interface PatchQueryOptions extends WriteQueryOptions {
  force?: boolean;
}

/** metav1.ListOptions as a list or watch handler sees them. */
export interface ListQueryOptions extends ListQuery {
  watch: boolean;
  timeoutSeconds?: number;
}

/** FieldManagerMaxLength. */
export const fieldManagerMaxLength = 128;

const first = (q: URLSearchParams, k: string): string | undefined => q.getAll(k)[0];

/** Convert_Slice_string_To_bool: only `0` and `false` (any case) are false. */
const toBool = (v: string): boolean => !(v === '0' || v.toLowerCase() === 'false');

/** strconv.ParseInt(s, 10, 64), as the int64 conversions use it; a 400 with Go's message on failure. */
export function parseInt64(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw newBadRequest(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw newBadRequest(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  return Number(n);
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const isPrint = (ch: string): boolean => ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);

/** `%#U` of a rune that is not printable: `U+0007`. */
const runeU = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** ValidateFieldManager: at most 128 bytes, printable characters only. */
export function validateFieldManager(fieldManager: string, path = 'fieldManager'): FieldError[] {
  const errs: FieldError[] = [];
  if (Buffer.byteLength(fieldManager) > fieldManagerMaxLength) errs.push(tooLong(path, '', fieldManagerMaxLength));
  let pos = 0;
  for (const ch of fieldManager) {
    if (!isPrint(ch)) errs.push(invalid(path, fieldManager, `invalid character ${runeU(ch)} (at position ${pos})`));
    pos += Buffer.byteLength(ch);
  }
  return errs;
}

/** ValidateDryRun: every value must be `All`. */
export function validateDryRun(dryRun: readonly string[], path = 'dryRun'): FieldError[] {
  return dryRun.every((v) => v === 'All') ? [] : [notSupported(path, [...dryRun], ['All'])];
}

const fieldValidationValues = ['', 'Ignore', 'Strict', 'Warn'];

/** ValidateFieldValidation: '', Ignore, Strict or Warn. */
export function validateFieldValidation(v: string): FieldError[] {
  return fieldValidationValues.includes(v) ? [] : [notSupported('fieldValidation', v, fieldValidationValues)];
}

/** CreateOptions or UpdateOptions from the query, validated (422 `CreateOptions.meta.k8s.io "" is invalid: …`). */
export function writeOptionsFromQuery(q: URLSearchParams, kind: 'CreateOptions' | 'UpdateOptions'): WriteQueryOptions {
  const o: WriteQueryOptions = { dryRun: q.getAll('dryRun'), fieldManager: first(q, 'fieldManager') ?? '', fieldValidation: first(q, 'fieldValidation') ?? '' };
  const errs = [...validateFieldManager(o.fieldManager), ...validateDryRun(o.dryRun), ...validateFieldValidation(o.fieldValidation)];
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind }, '', errs);
  return o;
}

/** PatchOptions from the query, validated for the patch type (ValidatePatchOptions). */
export function patchOptionsFromQuery(q: URLSearchParams, isApply: boolean): PatchQueryOptions {
  const force = first(q, 'force');
  const o: PatchQueryOptions = {
    dryRun: q.getAll('dryRun'),
    fieldManager: first(q, 'fieldManager') ?? '',
    fieldValidation: first(q, 'fieldValidation') ?? '',
    ...(force !== undefined ? { force: toBool(force) } : {}),
  };
  const errs: FieldError[] = [];
  if (isApply) {
    if (o.fieldManager === '') errs.push(required('fieldManager', 'is required for apply patch'));
  } else if (o.force !== undefined) {
    errs.push(forbidden('force', 'may not be specified for non-apply patch'));
  }
  errs.push(...validateFieldManager(o.fieldManager), ...validateDryRun(o.dryRun), ...validateFieldValidation(o.fieldValidation));
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs);
  return o;
}

/**
 * managerOrUserAgent: the field manager, or the user agent up to its first `/` with unprintable
 * characters dropped and cut at 128 bytes (`kubectl/v1.32.4 (…)` → `kubectl`).
 */
export function managerOrUserAgent(manager: string, userAgent: string | undefined): string {
  if (manager !== '') return manager;
  let out = '';
  for (const ch of (userAgent ?? '').split('/')[0]!) {
    if (!isPrint(ch)) continue;
    if (Buffer.byteLength(out + ch) > fieldManagerMaxLength) break;
    out += ch;
  }
  return out;
}

/** DeleteOptions from the query (a DELETE without a body). */
export function deleteOptionsFromQuery(q: URLSearchParams): DeleteOptions {
  const o: { -readonly [K in keyof DeleteOptions]: DeleteOptions[K] } = {};
  const grace = first(q, 'gracePeriodSeconds');
  if (grace !== undefined) o.gracePeriodSeconds = parseInt64(grace);
  const orphan = first(q, 'orphanDependents');
  if (orphan !== undefined) o.orphanDependents = toBool(orphan);
  const policy = first(q, 'propagationPolicy');
  if (policy !== undefined) o.propagationPolicy = policy;
  const dryRun = q.getAll('dryRun');
  if (dryRun.length > 0) o.dryRun = dryRun;
  return o;
}

/** ValidateDeleteOptions (422 `DeleteOptions.meta.k8s.io "" is invalid: …`). */
export function validateDeleteOptions(o: DeleteOptions): void {
  const errs: FieldError[] = [];
  if (o.orphanDependents !== undefined && o.propagationPolicy !== undefined) {
    errs.push(invalid('propagationPolicy', o.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (o.propagationPolicy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(o.propagationPolicy)) {
    errs.push(notSupported('propagationPolicy', o.propagationPolicy, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  errs.push(...validateDryRun(o.dryRun ?? []));
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', errs);
}

/** ListOptions from the query (the watch-list feature is on by default in 1.32). */
export function listOptionsFromQuery(q: URLSearchParams): ListQueryOptions {
  const o: ListQueryOptions = { watch: false };
  const str = (k: 'labelSelector' | 'fieldSelector' | 'resourceVersion' | 'resourceVersionMatch' | 'continue'): void => {
    const v = first(q, k);
    if (v !== undefined) o[k] = v;
  };
  str('labelSelector');
  str('fieldSelector');
  str('resourceVersion');
  str('resourceVersionMatch');
  str('continue');
  const watch = first(q, 'watch');
  o.watch = watch !== undefined && toBool(watch);
  const bookmarks = first(q, 'allowWatchBookmarks');
  if (bookmarks !== undefined) o.allowWatchBookmarks = toBool(bookmarks);
  const sie = first(q, 'sendInitialEvents');
  if (sie !== undefined) o.sendInitialEvents = toBool(sie);
  const timeout = first(q, 'timeoutSeconds');
  if (timeout !== undefined) o.timeoutSeconds = parseInt64(timeout);
  const limit = first(q, 'limit');
  if (limit !== undefined) o.limit = parseInt64(limit);
  return o;
}

/**
 * ValidateListOptions (internalversion validation): resourceVersionMatch and sendInitialEvents rules
 * for lists and for watches (422 `ListOptions.meta.k8s.io "" is invalid: …`).
 */
export function validateListOptions(o: ListQueryOptions, watch: boolean): void {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch ?? '';
  if (watch) {
    if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errs.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match !== '') {
      if (o.sendInitialEvents === undefined) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if ((o.continue ?? '') !== '') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match !== '') {
      if ((o.resourceVersion ?? '') === '') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if ((o.continue ?? '') !== '') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && o.resourceVersion === '0') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (o.sendInitialEvents !== undefined) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errs.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}

/** The registry's ListQuery of parsed list options. */
export function toListQuery(o: ListQueryOptions): ListQuery {
  const q: ListQuery = {};
  if (o.labelSelector !== undefined) q.labelSelector = o.labelSelector;
  if (o.fieldSelector !== undefined) q.fieldSelector = o.fieldSelector;
  if (o.limit !== undefined) q.limit = o.limit;
  if (o.continue !== undefined) q.continue = o.continue;
  if (o.resourceVersion !== undefined) q.resourceVersion = o.resourceVersion;
  if (o.resourceVersionMatch !== undefined) q.resourceVersionMatch = o.resourceVersionMatch;
  if (o.allowWatchBookmarks !== undefined) q.allowWatchBookmarks = o.allowWatchBookmarks;
  if (o.sendInitialEvents !== undefined) q.sendInitialEvents = o.sendInitialEvents;
  return q;
}
