import type { StatusCause } from '../api/types.js';
import { aggregateText, errorBody, type FieldError } from '../field/errors.js';
import { makeStatus, StatusError, StatusReason } from './status-error.js';

/**
 * A group-qualified resource (`pods`, `deployments.apps`), as NewNotFound and friends take it.
 */
export interface GroupResource {
  group?: string;
  resource: string;
}

const qualified = (gr: GroupResource): string => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);
const details = (gr: GroupResource, name: string) => ({ name, group: gr.group ?? '', kind: gr.resource });

/** 404 `pods "x" not found` (details.kind is the resource). */
export function newNotFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(makeStatus(404, StatusReason.NotFound, `${qualified(gr)} "${name}" not found`, details(gr, name)));
}

/** 409 `pods "x" already exists`. */
export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(makeStatus(409, StatusReason.AlreadyExists, `${qualified(gr)} "${name}" already exists`, details(gr, name)));
}

/** The optimistic-lock message of the generic store. */
export const OptimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';

/** 409 `Operation cannot be fulfilled on pods "x": <why>`. */
export function newConflict(gr: GroupResource, name: string, why: string): StatusError {
  return new StatusError(makeStatus(409, StatusReason.Conflict, `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, details(gr, name)));
}

/**
 * 422 `Kind "name" is invalid: …` with one cause per field error, in order (NewInvalid).
 * `qualifiedKind` is the Kind (`Pod`), or `Kind.group` for grouped kinds.
 */
export function newInvalid(qualifiedKind: { group?: string; kind: string }, name: string, errs: readonly FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const k = qualifiedKind.group ? `${qualifiedKind.kind}.${qualifiedKind.group}` : qualifiedKind.kind;
  const message = errs.length === 0 ? `${k} "${name}" is invalid` : `${k} "${name}" is invalid: ${aggregateText(errs)}`;
  return new StatusError(makeStatus(422, StatusReason.Invalid, message, { name, group: qualifiedKind.group ?? '', kind: qualifiedKind.kind, causes }));
}

/** 400 with the message as given and no details. */
export function newBadRequest(message: string): StatusError {
  return new StatusError(makeStatus(400, StatusReason.BadRequest, message, null));
}

/** 405 as the router answers a verb a path does not serve (details present and empty). */
export function newMethodNotSupported(): StatusError {
  return new StatusError(makeStatus(405, StatusReason.MethodNotAllowed, 'the server does not allow this method on the requested resource', {}));
}

/** 405 for a known resource and action (NewMethodNotSupported). */
export function newMethodNotSupportedFor(gr: GroupResource, action: string): StatusError {
  return new StatusError(makeStatus(405, StatusReason.MethodNotAllowed, `${action} is not supported on resources of kind "${qualified(gr)}"`, { group: gr.group ?? '', kind: gr.resource }));
}

/** 404 for a path no route serves (the generic server response: details present and empty). */
export function newNotFoundPath(): StatusError {
  return new StatusError(makeStatus(404, StatusReason.NotFound, 'the server could not find the requested resource', {}));
}

/** 410 Expired (`too old resource version: X (Y)` and the like). */
export function newResourceExpired(message: string): StatusError {
  return new StatusError(makeStatus(410, StatusReason.Expired, message, {}));
}

/** 410 Gone. */
export function newGone(message: string): StatusError {
  return new StatusError(makeStatus(410, StatusReason.Gone, message, {}));
}

/** 415 for a Content-Type the endpoint does not take. */
export function newUnsupportedMediaType(supported: readonly string[]): StatusError {
  return new StatusError(
    makeStatus(415, StatusReason.UnsupportedMediaType, `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`, null),
  );
}

/** 406 for an Accept the endpoint cannot serve. */
export function newNotAcceptable(supported: readonly string[]): StatusError {
  return new StatusError(makeStatus(406, StatusReason.NotAcceptable, `only the following media types are accepted: ${supported.join(', ')}`, {}));
}

/** 413 for a body over the limit. */
export function newRequestEntityTooLarge(message: string): StatusError {
  return new StatusError(makeStatus(413, StatusReason.RequestEntityTooLarge, `Request entity too large: ${message}`, null));
}

/** 403 `pods "x" is forbidden: <why>`. */
export function newForbidden(gr: GroupResource, name: string, why: string): StatusError {
  const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  return new StatusError(makeStatus(403, StatusReason.Forbidden, `${subject} is forbidden: ${why}`, details(gr, name)));
}

/** 500 `Internal error occurred: <why>`. */
export function newInternalError(why: string): StatusError {
  return new StatusError(
    makeStatus(500, StatusReason.InternalError, `Internal error occurred: ${why}`, { causes: [{ message: why }] }),
  );
}

/** 504 Timeout. */
export function newTimeoutError(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(makeStatus(504, StatusReason.Timeout, `Timeout: ${message}`, { retryAfterSeconds }));
}

const reasonOf = (e: unknown): string | undefined => (e instanceof StatusError ? e.reason : undefined);
const codeOf = (e: unknown): number | undefined => (e instanceof StatusError ? e.code : undefined);

/** A 404 NotFound. */
export const isNotFound = (e: unknown): boolean => reasonOf(e) === StatusReason.NotFound;
/** A 409 AlreadyExists. */
export const isAlreadyExists = (e: unknown): boolean => reasonOf(e) === StatusReason.AlreadyExists;
/** A 409 Conflict. */
export const isConflict = (e: unknown): boolean => reasonOf(e) === StatusReason.Conflict;
/** A 422 Invalid. */
export const isInvalid = (e: unknown): boolean => reasonOf(e) === StatusReason.Invalid;
/** A 400 BadRequest. */
export const isBadRequest = (e: unknown): boolean => reasonOf(e) === StatusReason.BadRequest;
/** A 403 Forbidden. */
export const isForbidden = (e: unknown): boolean => reasonOf(e) === StatusReason.Forbidden;
/** A 405. */
export const isMethodNotSupported = (e: unknown): boolean => reasonOf(e) === StatusReason.MethodNotAllowed;
/** A 410 Expired. */
export const isResourceExpired = (e: unknown): boolean => reasonOf(e) === StatusReason.Expired;
/** A 410 Gone. */
export const isGone = (e: unknown): boolean => reasonOf(e) === StatusReason.Gone;
/** A 500. */
export const isInternalError = (e: unknown): boolean => reasonOf(e) === StatusReason.InternalError;
/** A 415. */
export const isUnsupportedMediaType = (e: unknown): boolean => codeOf(e) === 415;
/** A 406. */
export const isNotAcceptable = (e: unknown): boolean => codeOf(e) === 406;
/** A 413. */
export const isRequestEntityTooLarge = (e: unknown): boolean => codeOf(e) === 413;
