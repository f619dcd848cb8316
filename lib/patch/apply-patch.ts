/**
 * applyPatch: the current object plus a PATCH body gives the candidate object, with the apiserver's
 * errors for bodies that do not decode or do not apply. No defaulting, no validation, no decoding
 * into the typed object (the caller does those, as the apiserver does after its patchers).
 * Ports k8s.io/apiserver/pkg/endpoints/handlers/patch.go (v0.32): jsonPatcher.applyJSPatch,
 * smpPatcher/strategicPatchObject/applyPatchToObject, interpretStrategicMergePatchError, applyPatcher.
 */
import { newBadRequest } from '../errors/constructors.js';
import type { StatusError } from '../errors/status-error.js';
import type { JsonObject, JsonValue } from './go-value.js';
import { applyJsonPatchOperations, JsonPatchError } from './json-patch.js';
import { applyMergePatch, MergePatchError } from './merge-patch.js';
import { decodeJsonPatchBody, decodeMergePatchBody, decodeStrategicMergePatchBody, type FieldValidation } from './patch-body.js';
import { newGenericUnprocessableEntity, newUnwrappedError } from './patch-errors.js';
import { goTypeForKind, PatchMetaFromStruct, type GroupVersionKind, type LookupPatchMeta } from './patch-meta.js';
import { newUnsupportedPatchType, PatchType } from './patch-type.js';
import { applyConfiguration } from './server-side-apply.js';
import { strategicMergeMapPatch } from './strategic-merge-patch.js';
import { StrategicMergePatchError } from './strategic-merge-patch-errors.js';

/** Options of {@link applyPatch}. */
export interface ApplyPatchOptions {
  /** The request's `fieldValidation`; empty or absent means Warn, as in the apiserver. */
  fieldValidation?: FieldValidation | '';
  /** SMP metadata to use instead of the kind's OpenAPI-derived one (tests, custom types). */
  schema?: LookupPatchMeta;
}

/** The candidate object and the strict-decoding errors of the body (warnings under Warn; under Strict the caller's 422). */
export interface AppliedPatch {
  /** The patched document; JSON and merge patches can make it a non-object, which the typed decode then rejects. */
  object: JsonValue;
  strictErrors: string[];
}

/** The current object as the patchers see it: its JSON form (undefined members dropped). */
const toJson = (current: object): JsonObject => JSON.parse(JSON.stringify(current)) as JsonObject;

/**
 * Applies a patch of the given type and reports the body's strict-decoding errors too.
 * Throws StatusError (400, 413, 415, 422 or an unwrapped 500) or GoPanicError where the apiserver panics.
 */
export function applyPatchDetailed(
  current: object, type: PatchType, body: string | JsonValue, kind: GroupVersionKind, options: ApplyPatchOptions = {},
): AppliedPatch {
  const validation: FieldValidation = options.fieldValidation || 'Warn';
  const doc = toJson(current);
  switch (type) {
    case PatchType.JSON: {
      const { value: ops, strictErrors } = decodeJsonPatchBody(body, validation);
      try {
        return { object: applyJsonPatchOperations(doc, ops), strictErrors };
      } catch (e) {
        // NewGenericServerResponse(422, …) drops evanphx's message.
        if (e instanceof JsonPatchError) throw newGenericUnprocessableEntity();
        throw e;
      }
    }
    case PatchType.Merge: {
      const { value, strictErrors } = decodeMergePatchBody(body, validation);
      try {
        return { object: applyMergePatch(doc, value), strictErrors };
      } catch (e) {
        if (e instanceof MergePatchError) throw newBadRequest(e.message);
        throw e;
      }
    }
    case PatchType.StrategicMerge: {
      const { value, strictErrors } = decodeStrategicMergePatchBody(body, validation);
      const schema = options.schema ?? new PatchMetaFromStruct(goTypeForKind(kind));
      try {
        return { object: strategicMergeMapPatch(doc, value, schema), strictErrors };
      } catch (e) {
        throw e instanceof StrategicMergePatchError ? interpretStrategicMergePatchError(e) : e;
      }
    }
    case PatchType.Apply: {
      const { value, strictErrors } = applyConfiguration(doc, body, kind, goTypeForKind(kind), validation);
      return { object: value, strictErrors };
    }
    default:
      throw newUnsupportedPatchType();
  }
}

/** Applies a patch and returns the candidate object; see {@link applyPatchDetailed} for errors. */
export function applyPatch(
  current: object, type: PatchType, body: string | JsonValue, kind: GroupVersionKind, options: ApplyPatchOptions = {},
): JsonValue {
  return applyPatchDetailed(current, type, body, kind, options).object;
}

/** The HTTP answer to an SMP error: 400 for format errors, 422 for lists of lists, else the raw 500. */
export function interpretStrategicMergePatchError(e: StrategicMergePatchError): StatusError {
  if (e.errorClass === 'badRequest') return newBadRequest(e.message);
  if (e.errorClass === 'invalid') return newGenericUnprocessableEntity();
  return newUnwrappedError(e.message);
}

