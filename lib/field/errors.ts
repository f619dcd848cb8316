import type { FieldPath } from './path.js';
import { goQuote } from './go-quote.js';

/**
 * The field error types of apimachinery (`field/errors.go` ErrorType). The value is the `reason`
 * a `StatusCause` carries; {@link errorTypeText} is the prose prefix of a rendered error.
 */
export const FieldErrorType = {
  NotFound: 'FieldValueNotFound',
  Required: 'FieldValueRequired',
  Duplicate: 'FieldValueDuplicate',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  Internal: 'InternalError',
  TypeInvalid: 'FieldValueTypeInvalid',
} as const;
/** One of {@link FieldErrorType}. */
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType];

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** The prose for an error type, as ErrorType.String gives it. */
export function errorTypeText(t: FieldErrorType): string {
  return typeText[t];
}

/** A value a field error may carry; `undefined` renders as `"null"`, as a Go nil does. */
export type BadValue = string | number | boolean | null | undefined | object;

/** One validation failure: a type, a field path (rendered), the offending value and a detail. */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly badValue?: BadValue;
  readonly detail: string;
  /** Render without the value even for types that normally show it (apimachinery's omitValue). */
  readonly omitValue?: boolean;
}

/** A list of field errors, in the order the validators found them. */
export type FieldErrorList = FieldError[];

const mk = (type: FieldErrorType, path: FieldPath | string, badValue: BadValue, detail: string, omitValue?: boolean): FieldError => {
  const e: { -readonly [K in keyof FieldError]: FieldError[K] } = { type, field: String(path), badValue, detail };
  if (omitValue) e.omitValue = true;
  return e;
};

/** `Required value[: detail]` */
export const required = (p: FieldPath | string, detail = ''): FieldError => mk(FieldErrorType.Required, p, '', detail);
/** `Forbidden: detail` */
export const forbidden = (p: FieldPath | string, detail: string): FieldError => mk(FieldErrorType.Forbidden, p, '', detail);
/** `Invalid value: V[: detail]` */
export const invalid = (p: FieldPath | string, value: BadValue, detail: string): FieldError => mk(FieldErrorType.Invalid, p, value, detail);
/** `Duplicate value: V` */
export const duplicate = (p: FieldPath | string, value: BadValue): FieldError => mk(FieldErrorType.Duplicate, p, value, '');
/** `Not found: V` */
export const notFound = (p: FieldPath | string, value: BadValue): FieldError => mk(FieldErrorType.NotFound, p, value, '');
/** `Internal error: detail` */
export const internal = (p: FieldPath | string, detail: string): FieldError => mk(FieldErrorType.Internal, p, '', detail);
/** `Unsupported value: V: supported values: "a", "b"` (the list in the order given). */
export const notSupported = (p: FieldPath | string, value: BadValue, supported?: readonly string[]): FieldError =>
  mk(FieldErrorType.NotSupported, p, value, supported && supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '');
/** `Too long: may not be more than N bytes` (the value is never shown); with maxLength < 0 only the value. */
export const tooLong = (p: FieldPath | string, value: BadValue, maxLength: number): FieldError =>
  maxLength >= 0 ? mk(FieldErrorType.TooLong, p, value, `may not be more than ${maxLength} bytes`, true) : mk(FieldErrorType.TooLong, p, value, 'value is too long', true);
/** `Too many: N: must have at most M items` */
export const tooMany = (p: FieldPath | string, actual: number | undefined, max: number): FieldError =>
  actual === undefined
    ? mk(FieldErrorType.TooMany, p, '', `must have at most ${max} items`, true)
    : mk(FieldErrorType.TooMany, p, actual, `must have at most ${max} items`);

/** Go's `%v` of a bad value as ErrorBody prints it. */
export function renderBadValue(v: BadValue): string {
  if (v === undefined || v === null) return goQuote('null');
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Structs and lists: the JSON form later apimachinery versions print (k8s-semantics §L5).
  return JSON.stringify(v);
}

/** The error without its field (ErrorBody): what a `StatusCause.message` carries. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case FieldErrorType.Required:
    case FieldErrorType.Forbidden:
    case FieldErrorType.TooLong:
    case FieldErrorType.Internal:
      s = errorTypeText(e.type);
      break;
    default:
      s = e.omitValue ? errorTypeText(e.type) : `${errorTypeText(e.type)}: ${renderBadValue(e.badValue)}`;
  }
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** `field: body`, as Error() renders it. */
export function errorText(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * The aggregate message of an error list (ErrorList.ToAggregate): duplicates by text dropped (the first
 * wins), one message bare, several as `[a, b]`.
 */
export function aggregateText(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const t = errorText(e);
    if (!seen.has(t)) {
      seen.add(t);
      msgs.push(t);
    }
  }
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}
