/**
 * RFC 7386 JSON merge patch as kube-apiserver 1.32 applies it, with gopkg.in/evanphx/json-patch.v4
 * (v4.12.0) MergePatch. Two quirks are visible. Nulls are pruned from values that land where the
 * document has nothing, or a non-object, but kept when an array replaces an object. A patch that is
 * a JSON array (not an object) becomes the whole document.
 * Ports evanphx/json-patch v4.12.0 merge.go: doMergePatch, mergeDocs, merge, pruneNulls.
 */
import { deepCopyJson, hasKey, isJsonObject, setKey, type JsonObject, type JsonValue } from './go-value.js';

/** evanphx's ErrBadJSONPatch: the patch is not a JSON object or array. The apiserver answers 400 with it. */
export class MergePatchError extends Error {
  constructor() {
    super('Invalid JSON Patch');
    this.name = 'MergePatchError';
  }
}

function pruneNulls(v: JsonValue): void {
  if (isJsonObject(v)) pruneDocNulls(v);
  else if (Array.isArray(v)) pruneAryNulls(v);
}

function pruneDocNulls(doc: JsonObject): JsonObject {
  for (const k of Object.keys(doc)) {
    const v = doc[k] as JsonValue;
    if (v === null) delete doc[k];
    else pruneNulls(v);
  }
  return doc;
}

/** Null elements of an array stay; only objects inside it lose their null members. */
function pruneAryNulls(ary: JsonValue[]): JsonValue[] {
  for (const v of ary) if (v !== null) pruneNulls(v);
  return ary;
}

function merge(cur: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(cur)) {
    pruneNulls(patch);
    return patch;
  }
  if (!isJsonObject(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k] as JsonValue;
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = hasKey(doc, k) ? (doc[k] as JsonValue) : null;
    if (cur === null) {
      pruneNulls(v);
      setKey(doc, k, v);
    } else {
      setKey(doc, k, merge(cur, v));
    }
  }
}

/**
 * Applies a decoded merge patch to a copy of the document. A JSON object merges; a JSON array becomes
 * the result (nulls pruned inside its objects); anything else, `null` included, is ErrBadJSONPatch.
 */
export function applyMergePatch(doc: JsonObject, patch: JsonValue): JsonValue {
  if (Array.isArray(patch)) return pruneAryNulls(deepCopyJson(patch));
  if (!isJsonObject(patch)) throw new MergePatchError();
  const out = deepCopyJson(doc);
  mergeDocs(out, deepCopyJson(patch));
  return out;
}
