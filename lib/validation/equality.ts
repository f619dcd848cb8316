/**
 * Go value semantics for objects in their JSON (v1) form, driven by the struct table of
 * `lib/api/core-v1-schema.ts`:
 * - `apiequality.Semantic.DeepEqual`: two JSON documents are equal when they decode to semantically equal
 *   Go values: a missing field is its Go zero value, nil and empty lists/maps are equal, a nil pointer
 *   differs from a pointer to a zero value, quantities compare by value (`1000m` = `1`), times by instant;
 * - "is set" for `validateFieldAllowList`: the value is not the Go zero value under reflect.DeepEqual
 *   (a non-nil empty list or map is set, `resources: {}` is not);
 * - a readable difference for the messages Go ends with `cmp.Diff(old, new)`. go-cmp's exact text depends
 *   on Go's types and is documented as unstable (only the text before it is fixed); this renders the same
 *   shape: a `core.TYPE{` header, `-`/`+` lines per changed field (Go field names, nested paths), `}`.
 */
import { goStruct, type GoField } from '../api/core-v1-schema.js';
import { tryParseQuantity } from '../api/quantity.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNil = (v: Json): boolean => v === undefined || v === null;

function scalarZero(type: string, v: Json): boolean {
  if (isNil(v)) return true;
  switch (type) {
    case 'string': return v === '';
    case 'int': case 'float': return v === 0;
    case 'bool': return v === false;
    case 'quantity': return tryParseQuantity(v as string | number)?.isZero() ?? false;
    case 'intOrString': return v === 0;
    case 'time': return false;
    default: return false;
  }
}

function scalarEqual(type: string, a: Json, b: Json): boolean {
  switch (type) {
    case 'quantity': {
      const qa = isNil(a) ? undefined : tryParseQuantity(a as string | number);
      const qb = isNil(b) ? undefined : tryParseQuantity(b as string | number);
      if (isNil(a) || isNil(b)) return (isNil(a) || qa?.isZero() === true) && (isNil(b) || qb?.isZero() === true);
      return qa !== undefined && qb !== undefined ? qa.cmp(qb) === 0 : a === b;
    }
    case 'time': {
      const ta = isNil(a) ? undefined : Date.parse(a as string);
      const tb = isNil(b) ? undefined : Date.parse(b as string);
      return ta === tb;
    }
    case 'json':
      return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    case 'intOrString':
      // An IntOrString keeps its kind: 0 and "0" differ; unset is the int 0.
      return (a ?? 0) === (b ?? 0);
    default:
      if (scalarZero(type, a) && scalarZero(type, b)) return true;
      return a === b;
  }
}

/** One element (list item, map value or pointer target) of a field's type. */
function elementEqual(f: GoField, a: Json, b: Json): boolean {
  return f.scalar ? scalarEqual(f.type, a, b) : structEqual(f.type, a, b);
}

function fieldEqual(f: GoField, a: Json, b: Json): boolean {
  if (f.collection === 'list') {
    const la = Array.isArray(a) ? a : [];
    const lb = Array.isArray(b) ? b : [];
    return la.length === lb.length && la.every((x, i) => elementEqual(f, x, lb[i]));
  }
  if (f.collection === 'map') {
    const ma = isObject(a) ? a : {};
    const mb = isObject(b) ? b : {};
    const ka = Object.keys(ma);
    return ka.length === Object.keys(mb).length && ka.every((k) => k in mb && elementEqual(f, ma[k], mb[k]));
  }
  if (f.pointer) {
    if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
    return elementEqual(f, a, b);
  }
  return elementEqual(f, a, b);
}

function structEqual(typeName: string, a: Json, b: Json): boolean {
  const oa = isObject(a) ? a : {};
  const ob = isObject(b) ? b : {};
  return goStruct(typeName).fields.every((f) => fieldEqual(f, oa[f.name], ob[f.name]));
}

/** `apiequality.Semantic.DeepEqual` of two JSON values of the Go struct `typeName` (`PodSpec`, `EphemeralContainer`, …). */
export function semanticDeepEqual(typeName: string, a: Json, b: Json): boolean {
  return structEqual(typeName, a, b);
}

/** Semantic equality of one field's values, the field being `fieldName` of the Go struct `typeName`. */
export function semanticFieldEqual(typeName: string, fieldName: string, a: Json, b: Json): boolean {
  const f = goStruct(typeName).byName.get(fieldName);
  if (!f) throw new Error(`no field ${fieldName} in ${typeName}`);
  return fieldEqual(f, a, b);
}

/** reflect.DeepEqual(v, zero value) for a struct value. */
function structIsZero(typeName: string, v: Json): boolean {
  if (!isObject(v)) return true;
  return goStruct(typeName).fields.every((f) => !valueIsSet(f, v[f.name]));
}

function valueIsSet(f: GoField, v: Json): boolean {
  if (isNil(v)) return false;
  if (f.collection || f.pointer) return true;
  if (f.scalar) {
    // A parsed quantity (even "0") carries a format, so it is never the zero Quantity{}.
    if (f.type === 'quantity' || f.type === 'time') return true;
    return !scalarZero(f.type, v);
  }
  return !structIsZero(f.type, v);
}

/**
 * Whether field `fieldName` of the Go struct `typeName` holds a non-zero value under reflect.DeepEqual,
 * which is what `validateFieldAllowList` calls "set".
 */
export function isFieldSet(typeName: string, fieldName: string, value: Json): boolean {
  const f = goStruct(typeName).byName.get(fieldName);
  if (!f) throw new Error(`no field ${fieldName} in ${typeName}`);
  return valueIsSet(f, value);
}

/** The Go field name of a JSON name (first letter upper-cased, as the generated types mostly spell them). */
const goName = (k: string): string => (k.length === 0 ? k : k[0]!.toUpperCase() + k.slice(1));
const render = (v: Json): string => (v === undefined || v === null ? 'nil' : JSON.stringify(v));

function collectStruct(typeName: string, path: string, a: Json, b: Json, out: string[]): void {
  const oa = isObject(a) ? a : {};
  const ob = isObject(b) ? b : {};
  for (const f of goStruct(typeName).fields) {
    if (semanticFieldEqual(typeName, f.name, oa[f.name], ob[f.name])) continue;
    collectField(f, path ? `${path}.${goName(f.name)}` : goName(f.name), oa[f.name], ob[f.name], out);
  }
}

function collectField(f: GoField, path: string, a: Json, b: Json, out: string[]): void {
  // Descend into structs (and equal-length lists of structs) so the lines point at what changed.
  if (!f.scalar && !f.collection && isObject(a) && isObject(b)) return collectStruct(f.type, path, a, b, out);
  if (!f.scalar && f.collection === 'list' && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => collectStruct(f.type, `${path}[${i}]`, x, b[i], out));
    return;
  }
  out.push(`- \t${path}: ${render(a)},`, `+ \t${path}: ${render(b)},`);
}

/** `cmp.Diff(old, new)`-shaped text for two JSON values of the Go struct `typeName` (`PodSpec`, `EphemeralContainer`). */
export function objectDiff(typeName: string, oldObj: Json, newObj: Json): string {
  const lines: string[] = [];
  collectStruct(typeName, '', oldObj, newObj, lines);
  return [`  core.${typeName}{`, ...lines, '  }', ''].join('\n');
}
