/**
 * The errors of strategic merge patch application, with the texts of apimachinery's
 * `pkg/util/mergepatch/errors.go` and the HTTP treatment `interpretStrategicMergePatchError`
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go, v0.32) gives each.
 */
import { goSprintS, goSprintV, goTypeOfS } from './go-format.js';
import type { JsonObject, JsonValue } from './go-value.js';

/**
 * How the apiserver answers an SMP error: `badRequest` (400 with the text), `invalid` (422 with
 * the generic message), or `raw` (passed through unwrapped: a 500 Status with the text and no reason).
 */
export type StrategicMergePatchErrorClass = 'badRequest' | 'invalid' | 'raw';

/** An error of strategic merge patch application; `message` is the exact Go error text. */
export class StrategicMergePatchError extends Error {
  readonly errorClass: StrategicMergePatchErrorClass;

  constructor(message: string, errorClass: StrategicMergePatchErrorClass = 'raw') {
    super(message);
    this.name = 'StrategicMergePatchError';
    this.errorClass = errorClass;
  }
}

// The sentinels interpretStrategicMergePatchError recognises by identity.
/** mergepatch.ErrBadJSONDoc. */
export const errBadJSONDoc = (): StrategicMergePatchError => new StrategicMergePatchError('invalid JSON document', 'badRequest');
/** mergepatch.ErrNoListOfLists. */
export const errNoListOfLists = (): StrategicMergePatchError => new StrategicMergePatchError('lists of lists are not supported', 'invalid');
/** mergepatch.ErrBadPatchFormatForPrimitiveList. */
export const errBadPatchFormatForPrimitiveList = (): StrategicMergePatchError =>
  new StrategicMergePatchError('invalid patch format of primitive list', 'badRequest');
/** mergepatch.ErrBadPatchFormatForRetainKeys. */
export const errBadPatchFormatForRetainKeys = (): StrategicMergePatchError =>
  new StrategicMergePatchError('invalid patch format of retainKeys', 'badRequest');
/** mergepatch.ErrBadPatchFormatForSetElementOrderList. */
export const errBadPatchFormatForSetElementOrderList = (): StrategicMergePatchError =>
  new StrategicMergePatchError('invalid patch format of setElementOrder list', 'badRequest');

/** mergepatch.ErrNoMergeKey: `map: map[...] does not contain declared merge key: <key>`. */
export function errNoMergeKey(m: JsonObject, key: string): StrategicMergePatchError {
  return new StrategicMergePatchError(`map: ${goSprintV(m)} does not contain declared merge key: ${key}`);
}

/** mergepatch.ErrBadArgType: `expected a <type>, but received a <type>`. */
export function errBadArgType(expectedType: string, actual: JsonValue): StrategicMergePatchError {
  return new StrategicMergePatchError(`expected a ${expectedType}, but received a ${goTypeOfS(actual)}`);
}

/** mergepatch.ErrBadPatchType: `unknown patch type: <t> in map: map[...]`. */
export function errBadPatchType(t: JsonValue, m: JsonObject): StrategicMergePatchError {
  return new StrategicMergePatchError(`unknown patch type: ${goSprintS(t)} in map: ${goSprintV(m)}`);
}
