/**
 * The Status errors the apiserver's patch handler answers with, where the foundation's constructors
 * do not fit exactly (k8s.io/apiserver/pkg/endpoints/handlers/patch.go and apimachinery errors.go, v0.32).
 */
import { makeStatus, StatusError, StatusReason } from '../errors/status-error.js';

/**
 * 422 as NewGenericServerResponse(422, …) builds it: reason Invalid, the fixed message (the server
 * message is dropped) and empty details. What a failing JSON patch operation or a list of lists gives.
 */
export function newGenericUnprocessableEntity(): StatusError {
  return new StatusError(makeStatus(422, StatusReason.Invalid, 'the server rejected our request due to an error in our request', {}));
}

/** A plain Go error passed through to ErrorToAPIStatus: 500, empty reason, the error text, no details. */
export function newUnwrappedError(message: string): StatusError {
  return new StatusError(makeStatus(500, StatusReason.Unknown, message, null));
}

/** 413 as NewRequestEntityTooLargeError builds it (no details). */
export function newRequestEntityTooLargeError(message: string): StatusError {
  return new StatusError(makeStatus(413, StatusReason.RequestEntityTooLarge, `Request entity too large: ${message}`, null));
}
