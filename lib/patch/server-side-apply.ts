/**
 * `application/apply-patch+yaml` (server-side apply), approximated: the body checks and messages
 * are the apiserver's (applyPatcher, versionCheckManager, structuredMergeManager), and the
 * configuration is merged into the live object with structured-merge-diff's merge rules. Those
 * rules are list types atomic/set/map, atomic maps, and the list order of visitListItems.
 * Not modelled: field ownership. managedFields are not read or written, so fields dropped from a
 * configuration are not removed and there are no conflicts.
 */
import { LineCounter, parseAllDocuments, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { newBadRequest } from '../errors/constructors.js';
import { deepCopyJson, hasKey, isJsonObject, setKey, type JsonObject, type JsonValue } from './go-value.js';
import { newUnwrappedError } from './patch-errors.js';
import type { FieldValidation, DecodedBody } from './patch-body.js';
import { findGoField, type GoField, type GoType, type GroupVersionKind } from './patch-meta.js';

/** goyaml's strict errors: `line N: key "k" already set in map`, one per repeated key. */
function duplicateKeyErrors(node: unknown, lines: LineCounter, out: string[]): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && seen.has(key)) {
        const line = lines.linePos((pair.key as YamlNode).range?.[0] ?? 0).line;
        out.push(`line ${line}: key ${JSON.stringify(key)} already set in map`);
      }
      if (key !== undefined) seen.add(key);
      duplicateKeyErrors(pair.value, lines, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) duplicateKeyErrors(item, lines, out);
  }
}

/** Decodes the body as sigs.k8s.io/yaml Unmarshal into `map[string]interface{}` (YAML 1.1, first document). */
function decodeApplyBody(body: string | JsonValue): DecodedBody<JsonObject | null> {
  if (typeof body !== 'string') {
    if (body !== null && !isJsonObject(body)) throw notAMap(body);
    return { value: body, strictErrors: [] };
  }
  const lines = new LineCounter();
  const doc = parseAllDocuments(body, { version: '1.1', uniqueKeys: false, lineCounter: lines })[0];
  if (doc === undefined || Array.isArray(doc)) return { value: null, strictErrors: [] };
  const first = doc.errors[0];
  if (first) throw newBadRequest(`error decoding YAML: error converting YAML to JSON: yaml: ${first.message.split('\n')[0] ?? ''}`);
  const value = doc.toJS({ maxAliasCount: -1 }) as JsonValue;
  if (value !== null && !isJsonObject(value)) throw notAMap(value);
  const dups: string[] = [];
  duplicateKeyErrors(doc.contents, lines, dups);
  const strictErrors = dups.length > 0 ? [`error converting YAML to JSON: yaml: unmarshal errors:\n  ${dups.join('\n  ')}`] : [];
  return { value, strictErrors };
}

function notAMap(v: JsonValue) {
  const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
  return newBadRequest(`error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
}

/** GroupVersionKind of an unstructured object; an unparsable apiVersion gives the empty GVK. */
function objectGVK(o: JsonObject): GroupVersionKind {
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '', kind };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion, kind };
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string, kind };
  return { group: '', version: '', kind: '' };
}
const gvkString = (g: GroupVersionKind): string => `${g.group}/${g.version}, Kind=${g.kind}`;

/** The key of a list-map item (`[name="a"]`, keys sorted), or undefined when a key is missing without default. */
function pathElementKey(item: JsonValue, field: GoField): string | undefined {
  if (!isJsonObject(item)) return undefined;
  const keys = [...(field.listMapKeys ?? [])].sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = hasKey(item, k) ? item[k] : findGoField(field.type.elem as GoType, k)?.defaultValue;
    if (v === undefined) return undefined;
    parts.push(`${k}=${JSON.stringify(v)}`);
  }
  return `[${parts.join(',')}]`;
}

const peOf = (item: JsonValue, field: GoField): string | undefined =>
  field.listType === 'map' ? pathElementKey(item, field) : `[=${JSON.stringify(item)}]`;

/** Duplicate keys in associative lists of the configuration (typed.AsTyped validation). */
function duplicateEntries(v: JsonValue, t: GoType | undefined, path: string, out: string[]): void {
  if (!isJsonObject(v) || t?.kind !== 'struct') return;
  for (const [k, child] of Object.entries(v)) {
    const f = findGoField(t, k);
    if (!f) continue;
    if (Array.isArray(child) && (f.listType === 'map' || f.listType === 'set')) {
      const seen = new Set<string>();
      for (const item of child) {
        const pe = peOf(item, f);
        if (pe !== undefined && seen.has(pe)) out.push(`${path}.${k}: duplicate entries for key ${pe}`);
        if (pe !== undefined) seen.add(pe);
        duplicateEntries(item, f.type.elem, `${path}.${k}${pe ?? ''}`, out);
      }
    } else if (isJsonObject(child)) {
      duplicateEntries(child, f.type.kind === 'map' ? undefined : f.type, `${path}.${k}`, out);
    }
  }
}

/** Merges configuration `rhs` into live `lhs` (structured-merge-diff mergingWalker). */
function merge(lhs: JsonValue | undefined, rhs: JsonValue, field: GoField | undefined, t: GoType | undefined): JsonValue {
  if (lhs === undefined || lhs === null || rhs === null) return rhs;
  if (isJsonObject(lhs) && isJsonObject(rhs)) {
    if (t?.kind === 'map' && field?.mapType === 'atomic') return rhs;
    const out = deepCopyJson(lhs);
    for (const [k, v] of Object.entries(rhs)) {
      const f = t?.kind === 'struct' ? findGoField(t, k) : undefined;
      const childType = t?.kind === 'struct' ? f?.type : t?.kind === 'map' ? t.elem : undefined;
      if (v === null) delete out[k];
      else setKey(out, k, merge(hasKey(out, k) ? out[k] : undefined, v, f, childType));
    }
    return out;
  }
  if (Array.isArray(lhs) && Array.isArray(rhs) && field && (field.listType === 'map' || field.listType === 'set')) {
    return mergeList(lhs, rhs, field);
  }
  return rhs;
}

/** The order and merging of associative lists and sets. Ports structured-merge-diff v4 typed/merge.go visitListItems. */
function mergeList(lhs: JsonValue[], rhs: JsonValue[], field: GoField): JsonValue[] {
  const lPE = lhs.map((i) => peOf(i, field) ?? `#${JSON.stringify(i)}`);
  const rPE = rhs.map((i) => peOf(i, field) ?? `#${JSON.stringify(i)}`);
  const observedL = new Map<string, JsonValue>();
  lhs.forEach((v, i) => { if (!observedL.has(lPE[i] as string)) observedL.set(lPE[i] as string, v); });
  const observedR = new Map<string, JsonValue>(rhs.map((v, i) => [rPE[i] as string, v]));
  const shared = rPE.filter((pe) => observedL.has(pe));
  let next = shared.shift();
  const mergedR = new Set<string>();
  const out: JsonValue[] = [];
  const item = (pe: string): JsonValue => {
    const l = observedL.get(pe);
    const r = observedR.get(pe);
    if (r === undefined) return l as JsonValue;
    return field.listType === 'map' ? merge(l, r, undefined, field.type.elem) : r;
  };
  for (let li = 0, ri = 0; li < lPE.length || ri < rPE.length;) {
    if (li < lPE.length && ri < rPE.length) {
      const pe = lPE[li] as string;
      if (pe === rPE[ri]) {
        mergedR.add(pe);
        out.push(item(pe));
        li++;
        ri++;
        next = shared.shift();
        continue;
      }
      if (observedR.has(pe) && next !== undefined && next !== pe) { li++; continue; }
    }
    if (li < lPE.length) {
      const pe = lPE[li] as string;
      if (!observedR.has(pe)) { out.push(lhs[li] as JsonValue); li++; continue; }
      if (mergedR.has(pe)) li++;
    }
    if (ri < rPE.length) {
      const pe = rPE[ri] as string;
      mergedR.add(pe);
      out.push(item(pe));
      ri++;
      if (next === pe) next = shared.shift();
    }
  }
  return out;
}

/**
 * Applies an apply configuration to the live object: decode (400 `error decoding YAML: …`), kind and
 * version check (400 `invalid object type: …`), `metadata.managedFields must be nil` (400), duplicate
 * list keys (500 `failed to create typed patch object …`), then the merge.
 */
export function applyConfiguration(live: JsonObject, body: string | JsonValue, gvk: GroupVersionKind, type: GoType, validation: FieldValidation): DecodedBody<JsonObject> {
  const { value, strictErrors } = decodeApplyBody(body);
  const config = value ?? {};
  const got = objectGVK(config);
  if (got.group !== gvk.group || got.version !== gvk.version || got.kind !== gvk.kind) throw newBadRequest(`invalid object type: ${gvkString(got)}`);
  const meta = isJsonObject(config.metadata) ? config.metadata : {};
  if (Array.isArray(meta.managedFields)) throw newBadRequest('metadata.managedFields must be nil');
  const dups: string[] = [];
  duplicateEntries(config, type, '', dups);
  if (dups.length > 0) {
    const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
    const name = typeof meta.name === 'string' ? meta.name : '';
    const text = dups.length === 1 ? dups[0] : ['errors:', ...dups.map((d) => `  ${d}`)].join('\n');
    throw newUnwrappedError(`failed to create typed patch object (${ns}/${name}; ${gvkString(got)}): ${text}`);
  }
  const merged = merge(live, config, undefined, type) as JsonObject;
  if (validation === 'Strict' && strictErrors.length > 0) throw newBadRequest(`error strict decoding YAML: ${strictErrors[0]}`);
  return { value: merged, strictErrors: validation === 'Warn' ? strictErrors : [] };
}
