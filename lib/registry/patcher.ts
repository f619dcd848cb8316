import type { KubernetesObject } from '../api/types.js';
import { newBadRequest } from '../errors/constructors.js';
import { applyPatchDetailed } from '../patch/apply-patch.js';
import { PatchType } from '../patch/patch-type.js';
import type { JsonValue } from '../patch/go-value.js';
import type { PatchRequest } from './rest.js';
import type { RequestContext, ResourceIdentity } from './strategy.js';

const TYPES: Record<PatchRequest['type'], PatchType> = {
  json: PatchType.JSON,
  merge: PatchType.Merge,
  strategic: PatchType.StrategicMerge,
  apply: PatchType.Apply,
};

/**
 * Applies a PATCH body to the stored object (apiserver `handlers/patch.go`): the candidate then takes
 * the update path. Unknown fields in the body are warnings, or a 400 under `fieldValidation=Strict`.
 */
export function patchObject<T extends KubernetesObject>(current: T, patch: PatchRequest, id: ResourceIdentity, ctx?: RequestContext): T {
  const body = typeof patch.body === 'string' ? patch.body : (patch.body as JsonValue);
  const validation = ctx?.fieldValidation ?? 'Warn';
  const res = applyPatchDetailed(current, TYPES[patch.type], body, { group: id.group, version: 'v1', kind: id.kind }, { fieldValidation: validation });
  if (res.strictErrors.length > 0) {
    if (validation === 'Strict') throw newBadRequest(`strict decoding error: ${res.strictErrors.join(', ')}`);
    if (validation === 'Warn' && ctx) (ctx.warnings ??= []).push(...res.strictErrors);
  }
  const obj = res.object;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw newBadRequest(`the patched object is not a ${id.kind}: expected a JSON object`);
  }
  return obj as unknown as T;
}
