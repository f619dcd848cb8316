/**
 * What several validators share: the message constants of core validation
 * (`pkg/apis/core/validation/validation.go`), constructors for values Go prints through `String()` or
 * `%#v` rather than quoted (ErrorBody's fmt.Stringer branch: times, string slices), and the relative-path
 * rules `validateLocalDescendingPath`, `validatePathNoBacksteps`, `ValidateLocalNonReservedPath`.
 */
import { FieldErrorType, invalid, type BadValue, type FieldError } from '../field/errors.js';
import type { FieldPath } from '../field/path.js';
import { goQuote } from '../field/go-quote.js';

/** `FieldImmutableErrorMsg` */
export const FIELD_IMMUTABLE = 'field is immutable';
/** `IsNegativeErrorMsg` */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** `isNotIntegerErrorMsg` */
export const IS_NOT_INTEGER = 'must be an integer';
/** `isNotPositiveErrorMsg` */
export const IS_NOT_POSITIVE = 'must be greater than zero';
/** `fileModeErrorMsg` */
export const FILE_MODE = 'must be a number between 0 and 0777 (octal), both inclusive';
/** The detail of every allow-list violation on an ephemeral container. */
export const EPHEMERAL_FORBIDDEN = 'cannot be set for an Ephemeral Container';

/**
 * An Invalid error whose value Go prints bare via `String()` (`Invalid value: 100m: …`). The rendered
 * value travels in the detail so the body reads exactly as Go's; `badValue` keeps the raw value.
 */
export function invalidRendered(path: FieldPath | string, badValue: BadValue, rendered: string, detail: string): FieldError {
  return withRenderedValue({ type: FieldErrorType.Invalid, field: String(path), badValue, detail }, rendered);
}

/** The same error with its value printed as `rendered` (Go's %v/%#v of a non-string value) instead of quoted/JSON. */
export function withRenderedValue(e: FieldError, rendered: string): FieldError {
  return { ...e, detail: e.detail ? `${rendered}: ${e.detail}` : rendered, omitValue: true };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `time.Time.String()` of an RFC 3339 timestamp in UTC (`2024-01-02 03:04:05 +0000 UTC`); unset is Go's zero time. */
export function goTimeString(rfc3339: string | null | undefined): string {
  const ms = rfc3339 ? Date.parse(rfc3339) : Number.NaN;
  if (Number.isNaN(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`;
}

/** Go's `%#v` of a `[]string`, as ErrorBody prints a string-slice bad value (`[]string{"a", "b"}`). */
export const goStringSlice = (list: readonly string[]): string => `[]string{${list.map(goQuote).join(', ')}}`;

/** `validatePathNoBacksteps`: no `..` element (one error however many there are). */
export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** `validateLocalDescendingPath`: relative, and no `..` element. */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** `ValidateLocalNonReservedPath`: a local descending path that does not start with `..` either. */
export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  // The `..` element check already covers `../`; only names like `..data` get this second error.
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}
