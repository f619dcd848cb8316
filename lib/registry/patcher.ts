import type { KubernetesObject } from '../api/types.js';
import { newBadRequest, newInvalid } from '../errors/constructors.js';
import { invalid } from '../field/errors.js';
import { applyPatchDetailed } from '../patch/apply-patch.js';
import { PatchType } from '../patch/patch-type.js';
import type { JsonValue } from '../patch/go-value.js';
import { goDecode, hasGoStruct, pruneUnknown } from './go-decode.js';
import { goMarshal, goSprint } from './go-format.js';
import type { PatchRequest } from './rest.js';
import type { RequestContext, ResourceIdentity } from './strategy.js';

const TYPES: Record<PatchRequest['type'], PatchType> = {
  json: PatchType.JSON,
  merge: PatchType.Merge,
  strategic: PatchType.StrategicMerge,
  apply: PatchType.Apply,
};

/** The 422 the patchers answer when the patched object does not decode: ` "" is invalid: patch: Invalid value: "…": why`. */
const patchInvalid = (value: string, why: string) => newInvalid({ kind: '' }, '', [invalid('patch', value, why)]);

/**
 * Applies a PATCH body to the stored object and decodes the result into the kind's Go struct, as the
 * apiserver's patchers do (k8s.io/apiserver handlers/patch.go v0.32): a JSON or merge patch decodes the
 * patched JSON (`jsonPatcher.applyPatchToCurrentObject`), a strategic merge patch converts the patched
 * map (`applyPatchToObject`). A result of the wrong shape is 422 with field `patch` (the patched JSON,
 * or the patch printed `%+v`); unknown fields — and the body's own strict errors — are the same 422
 * under `fieldValidation=Strict`, warnings under Warn. The candidate then takes the update path.
 */
export function patchObject<T extends KubernetesObject>(current: T, patch: PatchRequest, id: ResourceIdentity, ctx?: RequestContext): T {
  const body = typeof patch.body === 'string' ? patch.body : (patch.body as JsonValue);
  const validation = ctx?.fieldValidation ?? 'Warn';
  const res = applyPatchDetailed(current, TYPES[patch.type], body, { group: id.group, version: 'v1', kind: id.kind }, { fieldValidation: validation });
  const root = `${id.group === 'scheduling.k8s.io' ? 'sched' : 'core'}:${id.kind}`;
  const strict = validation === 'Strict' || validation === 'Warn';
  let unknown: readonly string[] = [];
  if (patch.type !== 'apply' && hasGoStruct(root)) {
    const smp = patch.type === 'strategic';
    const decoded = goDecode(res.object, root, smp ? 'unstructured' : 'json');
    // The value the 422 shows: the patched JSON, or (strategic) the patch map as Go prints it.
    const shown = (): string => (smp ? goSprint(typeof body === 'string' ? (JSON.parse(body) as unknown) : body) : goMarshal(res.object));
    if (decoded.error !== undefined) throw patchInvalid(shown(), decoded.error);
    if (strict) unknown = decoded.unknownFields;
    const all = [...res.strictErrors, ...unknown];
    if (all.length > 0 && validation === 'Strict') throw patchInvalid(shown(), `strict decoding error: ${all.join(', ')}`);
    if (all.length > 0 && validation === 'Warn' && ctx) (ctx.warnings ??= []).push(...all);
  } else if (res.strictErrors.length > 0) {
    // applyPatcher: the YAML body's duplicate keys.
    if (validation === 'Strict') throw newBadRequest(`error strict decoding YAML: ${res.strictErrors.join(', ')}`);
    if (validation === 'Warn' && ctx) (ctx.warnings ??= []).push(...res.strictErrors);
  }
  const obj = hasGoStruct(root) ? pruneUnknown(res.object, root) : res.object;
  return obj as unknown as T;
}
