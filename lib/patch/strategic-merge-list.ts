/**
 * List merging of strategic merge patch: merge-by-key, `$patch` list elements, scalar lists, and
 * the element order of the result.
 * Ports k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32): mergeSlice,
 * mergeSliceWithSpecialElements, mergeSliceWithoutSpecialElements, normalizeElementOrder,
 * normalizeSliceOrder, mergeSortedSlice and their helpers.
 */
import { goSprintV } from './go-format.js';
import { sliceStable } from './go-sort.js';
import { GoPanicError, goEqual, goHashKey, goTypeName, hasKey, isJsonObject, type JsonObject, type JsonValue } from './go-value.js';
import type { LookupPatchMeta } from './patch-meta.js';
import { errBadArgType, errBadPatchType, errNoListOfLists, errNoMergeKey, StrategicMergePatchError } from './strategic-merge-patch-errors.js';

/** Merge options of strategicpatch (MergeOptions). */
export interface MergeOptions {
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

/** The recursive map merge, injected to keep the two halves of the algorithm in separate files. */
export type MergeMapFn = (original: JsonObject | null, patch: JsonObject | null, schema: LookupPatchMeta, opts: MergeOptions) => JsonObject;

/**
 * A Go slice header over a shared backing array. mergeSlice deletes and appends in place, and
 * mergePatchIntoOriginal later reads the original list through its old, longer header, so the
 * aliasing is part of the observable order.
 */
interface SliceView {
  arr: JsonValue[];
  len: number;
}

const view = (arr: JsonValue[]): SliceView => ({ arr, len: arr.length });
const items = (s: SliceView): JsonValue[] => s.arr.slice(0, s.len);

function append(s: SliceView, v: JsonValue): void {
  if (s.len < s.arr.length) s.arr[s.len] = v; // spare capacity: written into the shared array
  else s.arr = [...items(s), v];
  s.len++;
}

const mapType = 'map[string]interface {}';
const directiveMarker = '$patch';

function asMap(v: JsonValue): JsonObject {
  // Unchecked type assertions in Go (`v.(map[string]interface{})`) panic on anything else.
  if (!isJsonObject(v)) throw new GoPanicError(`interface conversion: interface {} is ${goTypeName(v) ?? 'nil'}, not ${mapType}`);
  return v;
}

/**
 * The common element kind of the lists (`map`, `string`, …), or an error for lists of lists,
 * mixed types or no elements at all. Ports sliceElementType.
 */
export function sliceElementKind(...slices: JsonValue[][]): string {
  let prev: string | null | undefined;
  for (const s of slices) {
    for (const v of s) {
      const cur = goTypeName(v);
      if (prev === undefined || prev === null) {
        prev = cur;
        if (cur === null) throw new GoPanicError('runtime error: invalid memory address or nil pointer dereference');
        if (cur === '[]interface {}') throw errNoListOfLists();
      } else if (prev !== cur) {
        throw new StrategicMergePatchError(`list element types are not identical: [${slices.map((x) => goSprintV(x)).join(' ')}]`);
      }
    }
  }
  if (prev === undefined || prev === null) throw new StrategicMergePatchError('no elements in any of the given slices');
  return prev === mapType ? 'map' : prev;
}

/** The first map in the list whose `key` equals `value` (Go `==`), with its index. Ports findMapInSliceBasedOnKeyValue. */
function findMapByKey(list: JsonValue[], len: number, key: string, value: JsonValue): [JsonObject, number] | undefined {
  for (let k = 0; k < len; k++) {
    const v = list[k] as JsonValue;
    if (!isJsonObject(v)) throw new StrategicMergePatchError(`value for key ${k} is not a map`);
    if (hasKey(v, key) && goEqual(v[key] as JsonValue, value)) return [v, k];
  }
  return undefined;
}

/** Removes duplicates in place, the way Go's deduplicateScalars does (later duplicates are swapped with the tail). */
function deduplicateScalars(s: JsonValue[]): JsonValue[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i] as JsonValue, s[j] as JsonValue)) {
        s[j] = s[length] as JsonValue;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** Merges a patch list into an original list under the `merge` strategy. Ports mergeSlice. */
export function mergeSlice(
  original: JsonValue[], patch: JsonValue[], schema: LookupPatchMeta, mergeKey: string,
  opts: MergeOptions, isDeleteList: boolean, mergeMap: MergeMapFn,
): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: JsonValue[];
  let serverOrder = original;
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      const toDelete = new Set(patch.map(goHashKey));
      return original.filter((v) => !toDelete.has(goHashKey(v)));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new StrategicMergePatchError(`cannot merge lists without merge key for ${schema.name()}`);
    const special = mergeSliceWithSpecialElements(view(original), patch, mergeKey);
    patch = special.patch;
    const result = mergeSliceWithoutSpecialElements({ ...special.original }, patch, mergeKey, schema, opts, mergeMap);
    serverOrder = items(special.original);
    merged = items(result);
  }
  const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, serverOrder, mergeKey, kind);
}

/** Applies `$patch: delete|replace` list elements. Ports mergeSliceWithSpecialElements. */
function mergeSliceWithSpecialElements(original: SliceView, patch: JsonValue[], mergeKey: string): { original: SliceView; patch: JsonValue[] } {
  const plain: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const m = asMap(v);
    if (!hasKey(m, directiveMarker)) {
      plain.push(v);
      continue;
    }
    const directive = m[directiveMarker] as JsonValue;
    if (directive === 'delete') {
      if (!hasKey(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      deleteMatchingEntries(original, mergeKey, m[mergeKey] as JsonValue);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new StrategicMergePatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  if (replace) return { original: view(plain), patch: [] };
  return { original, patch: plain };
}

/** Removes every element whose merge key matches, shifting the shared array as Go's append(s[:k], s[k+1:]...) does. */
function deleteMatchingEntries(s: SliceView, key: string, value: JsonValue): void {
  for (let found = findMapByKey(s.arr, s.len, key, value); found; found = findMapByKey(s.arr, s.len, key, value)) {
    for (let i = found[1]; i < s.len - 1; i++) s.arr[i] = s.arr[i + 1] as JsonValue;
    s.len--;
  }
}

/** Merges plain patch elements into their matches by key; unmatched ones are appended verbatim. */
function mergeSliceWithoutSpecialElements(
  original: SliceView, patch: JsonValue[], mergeKey: string, schema: LookupPatchMeta, opts: MergeOptions, mergeMap: MergeMapFn,
): SliceView {
  for (const v of patch) {
    const m = asMap(v);
    if (!hasKey(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const found = findMapByKey(original.arr, original.len, mergeKey, m[mergeKey] as JsonValue);
    if (found) original.arr[found[1]] = mergeMap(found[0], m, schema, opts);
    else append(original, v);
  }
  return original;
}

/** Splits scalars into those in `partitionBy` and the rest. Ports partitionPrimitivesByPresentInList. */
export function partitionPrimitives(list: JsonValue[], partitionBy: JsonValue[]): [JsonValue[], JsonValue[]] {
  const inPatch = new Set(partitionBy.map(goHashKey));
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of list) (inPatch.has(goHashKey(v)) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

/** Splits maps by whether their merge key appears in `partitionBy`. Ports partitionMapsByPresentInList. */
export function partitionMaps(list: JsonValue[], partitionBy: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType(mapType, v);
    if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findMapByKey(partitionBy, partitionBy.length, mergeKey, v[mergeKey] as JsonValue) ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/** Index of the item in `l` by merge key (maps) or value, -1 if absent. Ports index. */
function indexOf(l: JsonValue[], val: JsonValue, mergeKey: string, kind: string): number {
  const get = (item: JsonValue): JsonValue => (kind === 'map' ? (isJsonObject(item) ? (item[mergeKey] ?? null) : null) : item);
  const want = get(val);
  return l.findIndex((v) => goEqual(want, get(v)));
}

/** Splits items into kept ones and `$patch: delete` ones. Ports extractToDeleteItems. */
export function extractToDeleteItems(l: JsonValue[]): [JsonValue[], JsonValue[]] {
  const keep: JsonValue[] = [];
  const del: JsonValue[] = [];
  for (const v of l) {
    if (!isJsonObject(v)) throw errBadArgType(mapType, v);
    (hasKey(v, directiveMarker) && v[directiveMarker] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

/** Sorts `toSort` by its position in `order`, with Go's exact (non-strict) comparator. Ports normalizeSliceOrder. */
function normalizeSliceOrder(toSort: JsonValue[], order: JsonValue[], mergeKey: string, kind: string): JsonValue[] {
  let toDelete: JsonValue[] = [];
  if (kind === 'map') {
    for (const item of [...toSort, ...order]) {
      if (!isJsonObject(item)) throw errBadArgType(mapType, item);
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
    [toSort, toDelete] = extractToDeleteItems(toSort);
  } else {
    toSort = [...toSort];
  }
  sliceStable(toSort, (a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...toSort, ...toDelete];
}

/**
 * Orders patch items by `patchOrder` and server-only items by `serverOrder`, then interleaves them:
 * a server-only item goes first only when both it and the next patch item are in `serverOrder`
 * and it comes earlier there. Ports normalizeElementOrder and mergeSortedSlice.
 */
export function normalizeElementOrder(
  patch: JsonValue[], serverOnly: JsonValue[], patchOrder: JsonValue[], serverOrder: JsonValue[], mergeKey: string, kind: string,
): JsonValue[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++] as JsonValue);
    else if (j >= right.length) out.push(left[i++] as JsonValue);
    else {
      const li = indexOf(serverOrder, left[i] as JsonValue, mergeKey, kind);
      const ri = indexOf(serverOrder, right[j] as JsonValue, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] as JsonValue);
      else out.push(right[j++] as JsonValue);
    }
  }
  return out;
}
