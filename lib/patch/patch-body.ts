/**
 * Decoding a PATCH body before it is applied, with the checks, messages and strict-decoding
 * errors of the apiserver's patchers (k8s.io/apiserver/pkg/endpoints/handlers/patch.go, v0.32:
 * jsonPatcher.applyJSPatch, strategicPatchObject). A body is the request text, or an already
 * decoded value (library callers), which skips only the syntax check.
 */
import { newBadRequest } from '../errors/constructors.js';
import type { StatusError } from '../errors/status-error.js';
import { decodeGoJson, GoJsonError, goJsonSyntaxError, unmarshalFieldTypeError, unmarshalTypeError } from './go-json.js';
import { isJsonObject, type JsonObject, type JsonValue } from './go-value.js';
import { newRequestEntityTooLargeError } from './patch-errors.js';

/** The `fieldValidation` directive; the apiserver treats an empty one as Warn. */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** A decoded body and its strict-decoding errors (for warnings under Warn, a 422 under Strict). */
export interface DecodedBody<T> {
  value: T;
  strictErrors: string[];
}

/** The most operations one JSON patch may carry (maxJSONPatchOperations). */
export const maxJSONPatchOperations = 10000;

const strict = (v: FieldValidation): boolean => v === 'Warn' || v === 'Strict';
const patchOpFields = ['op', 'path', 'from', 'value'] as const;

/** Decodes text with Go's messages; `onError` turns the Go text into the StatusError to throw. */
function decode(body: string | JsonValue, onError: (msg: string) => StatusError, structFields?: (p: readonly (string | number)[]) => readonly string[] | undefined): DecodedBody<JsonValue> {
  if (typeof body !== 'string') return { value: body, strictErrors: [] };
  try {
    return decodeGoJson(body, structFields ? { structFields } : {});
  } catch (e) {
    if (e instanceof GoJsonError) throw onError(e.message);
    throw e;
  }
}

/** The first UnmarshalTypeError decoding into `[]jsonPatchOp` (strict) or `jsonpatch.Patch` gives, in document order. */
function jsonPatchTypeError(v: JsonValue, typed: boolean): string | undefined {
  const [listType, elemType] = typed ? ['[]handlers.jsonPatchOp', 'handlers.jsonPatchOp'] : ['jsonpatch.Patch', 'jsonpatch.Operation'];
  if (v === null) return undefined;
  if (!Array.isArray(v)) return unmarshalTypeError(v, listType);
  for (const op of v) {
    if (op === null) continue;
    if (!isJsonObject(op)) return unmarshalTypeError(op, elemType);
    if (!typed) continue;
    for (const f of ['op', 'path', 'from'] as const) {
      const fv = op[f];
      if (fv !== undefined && fv !== null && typeof fv !== 'string') return unmarshalFieldTypeError(fv, 'jsonPatchOp', f, 'string');
    }
  }
  return undefined;
}

/**
 * Decodes an `application/json-patch+json` body into its operations. Under Warn/Strict the body is
 * first decoded strictly into `[]jsonPatchOp` (400 `error decoding patch: …`; unknown and duplicate
 * fields become `json patch …` strict errors), then as jsonpatch.DecodePatch (400 with its message);
 * more than 10000 operations is 413.
 */
export function decodeJsonPatchBody(body: string | JsonValue, validation: FieldValidation): DecodedBody<Array<JsonObject | null>> {
  let strictErrors: string[] = [];
  if (strict(validation)) {
    const d = decode(body, (m) => newBadRequest(`error decoding patch: ${m}`), (p) => (p.length === 1 && typeof p[0] === 'number' ? patchOpFields : undefined));
    const typeError = jsonPatchTypeError(d.value, true);
    if (typeError !== undefined) throw newBadRequest(`error decoding patch: ${typeError}`);
    strictErrors = d.strictErrors.map((e) => `json patch ${e}`);
  }
  const { value } = decode(body, (m) => newBadRequest(m));
  const typeError = jsonPatchTypeError(value, false);
  if (typeError !== undefined) throw newBadRequest(typeError);
  const ops = (value ?? []) as Array<JsonObject | null>;
  if (ops.length > maxJSONPatchOperations) {
    throw newRequestEntityTooLargeError(`The allowed maximum operations in a JSON patch is ${maxJSONPatchOperations}, got ${ops.length}`);
  }
  return { value: ops, strictErrors };
}

/**
 * Decodes an `application/merge-patch+json` body. Under Warn/Strict it must decode into a
 * `map[string]interface{}` (400 `error decoding patch: …`); otherwise any JSON value passes here and
 * MergePatch judges it. Bad syntax is then evanphx's `Invalid JSON Patch` (400).
 */
export function decodeMergePatchBody(body: string | JsonValue, validation: FieldValidation): DecodedBody<JsonValue> {
  let strictErrors: string[] = [];
  if (strict(validation)) {
    const d = decode(body, (m) => newBadRequest(`error decoding patch: ${m}`));
    if (d.value !== null && !isJsonObject(d.value)) {
      throw newBadRequest(`error decoding patch: ${unmarshalTypeError(d.value, 'map[string]interface {}')}`);
    }
    strictErrors = d.strictErrors;
  }
  if (typeof body === 'string' && goJsonSyntaxError(new TextEncoder().encode(body)) !== undefined) throw newBadRequest('Invalid JSON Patch');
  return { value: typeof body === 'string' ? (JSON.parse(body) as JsonValue) : body, strictErrors };
}

/**
 * Decodes an `application/strategic-merge-patch+json` body into a map (kjson UnmarshalStrict under
 * Warn/Strict, UnmarshalCaseSensitivePreserveInts otherwise); failures are 400 with the decoder's
 * text. A JSON `null` decodes to a nil map: the patch changes nothing.
 */
export function decodeStrategicMergePatchBody(body: string | JsonValue, validation: FieldValidation): DecodedBody<JsonObject | null> {
  const d = decode(body, (m) => newBadRequest(m));
  if (d.value !== null && !isJsonObject(d.value)) throw newBadRequest(unmarshalTypeError(d.value, 'map[string]interface {}'));
  return { value: d.value, strictErrors: strict(validation) ? d.strictErrors : [] };
}

