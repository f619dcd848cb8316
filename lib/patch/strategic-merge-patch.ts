/**
 * Strategic merge patch application, as kube-apiserver 1.32 applies `application/strategic-merge-patch+json`:
 * merge by patch key, `$patch: delete|replace`, `$setElementOrder/<list>`, `$retainKeys`,
 * `$deleteFromPrimitiveList/<list>`, null deletion, and the exact Go errors.
 * Ports k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32): StrategicMergeMapPatch, mergeMap,
 * applyRetainKeysDirective, mergePatchIntoOriginal, removeDirectives, discardNullValuesFromPatch.
 */
import { goSprintV } from './go-format.js';
import { goJsonSyntaxError } from './go-json.js';
import { deepCopyJson, goEqual, goHashKey, goKindOf, goTypeName, hasKey, isJsonObject, setKey, type JsonObject, type JsonValue } from './go-value.js';
import type { LookupPatchMeta } from './patch-meta.js';
import {
  mergeSlice, normalizeElementOrder, partitionMaps, partitionPrimitives, sliceElementKind, extractToDeleteItems, type MergeOptions,
} from './strategic-merge-list.js';
import {
  errBadArgType, errBadJSONDoc, errBadPatchFormatForPrimitiveList, errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList, errBadPatchType, errNoMergeKey, StrategicMergePatchError,
} from './strategic-merge-patch-errors.js';

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
const setElementOrderPrefix = '$setElementOrder';
const sliceType = '[]interface {}';

/**
 * Applies a strategic merge patch to an object, as the apiserver does after decoding the body
 * (StrategicMergeMapPatch, with MergeParallelList and IgnoreUnmatchedNulls). Inputs are not modified.
 * Throws StrategicMergePatchError (Go's text) or GoPanicError.
 */
export function strategicMergeMapPatch(original: JsonObject, patch: JsonObject | null, schema: LookupPatchMeta): JsonObject {
  const opts: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
  return mergeMap(deepCopyJson(original), patch === null ? null : deepCopyJson(patch), schema, opts);
}

/** Decodes a document as handleUnmarshal does: absent → `{}`, anything but a JSON object → `invalid JSON document`. */
function handleUnmarshal(text: string | null): JsonObject | null {
  if (text === null) return {};
  if (goJsonSyntaxError(new TextEncoder().encode(text)) !== undefined) throw errBadJSONDoc();
  const v = JSON.parse(text) as JsonValue;
  if (v !== null && !isJsonObject(v)) throw errBadJSONDoc();
  return v;
}

/** The byte-level entry point (StrategicMergePatchUsingLookupPatchMeta): JSON texts in, merged object out. */
export function strategicMergePatch(originalJson: string | null, patchJson: string | null, schema: LookupPatchMeta): JsonObject {
  const original = handleUnmarshal(originalJson);
  const patch = handleUnmarshal(patchJson);
  return strategicMergeMapPatch(original ?? {}, patch, schema);
}

/** Splits `$prefix/field` into `field`; other shapes are the directive's format error. Ports extractKey. */
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw prefix === deleteFromPrimitiveListPrefix ? errBadPatchFormatForPrimitiveList() : errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

/** The strategy left after dropping `retainKeys`. Ports extractRetainKeysPatchStrategy. */
function extractRetainKeysPatchStrategy(strategies: readonly string[]): string {
  if (strategies.length === 1) return strategies[0] === 'retainKeys' ? '' : (strategies[0] as string);
  if (strategies.length === 2) {
    if (strategies[0] === 'retainKeys') return strategies[1] as string;
    if (strategies[1] === 'retainKeys') return strategies[0] as string;
  }
  if (strategies.length === 0) return '';
  throw new StrategicMergePatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
}

/** Drops every object that carries `$patch` (reported as not kept when the value itself does). Ports removeDirectives. */
function removeDirectives(obj: JsonValue): [JsonValue, boolean] {
  if (isJsonObject(obj)) {
    if (hasKey(obj, directiveMarker)) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k] as JsonValue);
      if (keep) setKey(obj, k, v);
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: JsonValue[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

/** Recursively drops null-valued object entries (null list elements stay). Ports discardNullValuesFromPatch. */
function discardNullValuesFromPatch(v: JsonValue): void {
  if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k] as JsonValue);
    }
  } else if (Array.isArray(v)) {
    for (const e of v) discardNullValuesFromPatch(e);
  }
}

/** `$patch` at a map level: replace → the patch without the marker; delete → `{}`. Ports handleDirectiveInMergeMap. */
function handleDirectiveInMergeMap(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[directiveMarker];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

/** `$retainKeys`: clears original keys not listed; every patch key must be listed. Ports applyRetainKeysDirective. */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, retainKeysDirective)) return;
  const retain = patch[retainKeysDirective] as JsonValue;
  delete patch[retainKeysDirective];
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set(retain.map(goHashKey));
  const listed = (k: string): boolean => keep.has(goHashKey(k));
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(deleteFromPrimitiveListPrefix) || k.startsWith(setElementOrderPrefix)) continue;
    if (!listed(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!listed(k)) delete original[k];
}

/** Checks that the patch list (less delete items) follows the `$setElementOrder` list. Ports validatePatchWithSetOrderList. */
function validatePatchWithSetOrderList(patchList: JsonValue[], setOrderList: JsonValue[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== '' ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < setOrderList.length) {
    const item = nonDelete[p] as JsonValue;
    if (isJsonObject(item) && hasKey(item, directiveMarker)) { p++; continue; }
    if (mergeKeyValueEqual(item, setOrderList[o] as JsonValue, mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= setOrderList.length) {
    throw new StrategicMergePatchError(`The order in patch list:\n${goSprintV(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goSprintV(setOrderList)}\n`);
  }
}


/** Compares two items by merge key (or by value when there is none). Ports mergeKeyValueEqual. */
function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isJsonObject(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isJsonObject(right)) throw errBadArgType('map[string]interface {}', right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey] as JsonValue, right[mergeKey] as JsonValue);
}

/** Applies every `$setElementOrder/<list>` directive of one map level. Ports mergePatchIntoOriginal. */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, schema: LookupPatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix) || !hasKey(patch, key)) continue;
    const order = patch[key] as JsonValue;
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(sliceType, order);
    const field = extractKey(key, setElementOrderPrefix);
    const foundOriginal = hasKey(original, field);
    const foundPatch = hasKey(patch, field);
    const originalList = original[field] as JsonValue;
    const patchList = patch[field] as JsonValue;
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType(sliceType, originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType(sliceType, patchList);
    const originalValue = foundOriginal ? (originalList as JsonValue[]) : [];
    const patchValue = foundPatch ? (patchList as JsonValue[]) : [];
    const [subschema, meta] = schema.lookupPatchMetadataForSlice(field);
    const strategy = extractRetainKeysPatchStrategy(meta.patchStrategies);
    const mergeKey = meta.patchMergeKey;
    validatePatchWithSetOrderList(patchValue, order, mergeKey);
    let merged: JsonValue[];
    if (foundOriginal && !foundPatch) merged = originalValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchValue)[0] as JsonValue[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalValue, patchValue, subschema, strategy, mergeKey, false, opts);
    else continue;
    const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceElementKind(originalValue, patchValue);
    setKey(original, field, normalizeElementOrder(patchItems, serverOnly, order, originalValue, mergeKey, kind));
    delete patch[field];
  }
}

function mergeSliceHandler(
  original: JsonValue[], patch: JsonValue[], schema: LookupPatchMeta, strategy: string, mergeKey: string, isDeleteList: boolean, opts: MergeOptions,
): JsonValue[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, opts, isDeleteList, mergeMap);
  return patch;
}

/** Takes the patch value for a key the original lacks (or holds with another type): nulls dropped, directives removed. */
function takePatchValue(original: JsonObject, k: string, patchV: JsonValue, opts: MergeOptions): void {
  if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) setKey(original, k, v);
  else delete original[k];
}

/** Merges one map level of the patch into the original, in place. Ports mergeMap. */
function mergeMap(original: JsonObject | null, patch: JsonObject | null, schema: LookupPatchMeta, opts: MergeOptions): JsonObject {
  if (patch !== null && hasKey(patch, directiveMarker)) return handleDirectiveInMergeMap(patch[directiveMarker] as JsonValue, patch);
  original ??= {};
  patch ??= {};
  applyRetainKeysDirective(original, patch);
  mergePatchIntoOriginal(original, patch, schema, opts);
  for (const key of Object.keys(patch)) {
    const patchV = patch[key] as JsonValue;
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(deleteFromPrimitiveListPrefix)) {
      // Client-side patch merging (MergeParallelList off) carries the directive along untouched.
      if (!opts.mergeParallelList) { setKey(original, key, patchV); continue; }
      isDeleteList = true;
      const field = extractKey(key, deleteFromPrimitiveListPrefix);
      if (field.length > 0) k = field;
    }
    if (patchV === null) {
      delete original[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!hasKey(original, k) || goTypeName(original[k] as JsonValue) !== goTypeName(patchV)) {
      if (!isDeleteList) takePatchValue(original, k, patchV, opts);
      continue;
    }
    const current = original[k] as JsonValue;
    switch (goKindOf(current)) {
      case 'map': {
        const [sub, meta] = schema.lookupPatchMetadataForStruct(k);
        const strategy = extractRetainKeysPatchStrategy(meta.patchStrategies);
        setKey(original, k, strategy !== 'replace' ? mergeMap(current as JsonObject, patchV as JsonObject, sub, opts) : patchV);
        break;
      }
      case 'slice': {
        const [sub, meta] = schema.lookupPatchMetadataForSlice(k);
        const strategy = extractRetainKeysPatchStrategy(meta.patchStrategies);
        setKey(original, k, mergeSliceHandler(current as JsonValue[], patchV as JsonValue[], sub, strategy, meta.patchMergeKey, isDeleteList, opts));
        break;
      }
      default:
        takeScalar(original, k, patchV);
    }
  }
  return original;
}

function takeScalar(original: JsonObject, k: string, patchV: JsonValue): void {
  const [v, keep] = removeDirectives(patchV);
  if (keep) setKey(original, k, v);
  else delete original[k];
}
