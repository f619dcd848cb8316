/**
 * JSON values as Go's `interface{}` holds them after decoding (`map[string]interface{}`, `[]interface{}`,
 * `string`, `int64`/`float64`, `bool`, nil), with the Go semantics the patch code relies on:
 * dynamic type names, `==` on interface values, and map-key hashing.
 */

/** A decoded JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A decoded JSON object (Go `map[string]interface{}`). */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A Go runtime panic that the apiserver would hit on this input (nil dereference, uncomparable
 * `==`, unhashable map key). The HTTP layer answers it as apiserver's panic filter does: a plain-text 500.
 */
export class GoPanicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanicError';
  }
}

/** The text the apiserver's panic filter writes (WithPanicRecovery, k8s.io/apiserver/pkg/server/filters/wrap.go). */
export const panicResponseText = 'This request caused apiserver to panic. Look in the logs for details.';

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property test that cannot be fooled by `__proto__` or inherited names. */
export function hasKey(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Sets a key as an own data property, even when the key is `__proto__`. */
export function setKey(o: JsonObject, k: string, v: JsonValue): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A deep copy of a JSON value (objects keep their key order). */
export function deepCopyJson<T extends JsonValue>(v: T): T {
  if (Array.isArray(v)) return v.map((e) => deepCopyJson(e)) as T;
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) setKey(out, k, deepCopyJson(v[k] as JsonValue));
    return out as T;
  }
  return v;
}

/** Whether a JS number decodes as Go int64 (PreserveInts) rather than float64. */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/** The Go dynamic type of a decoded value, as `reflect.TypeOf(v).String()` prints it; null for nil. */
export function goTypeName(v: JsonValue): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return isGoInt(v) ? 'int64' : 'float64';
    default: return 'map[string]interface {}';
  }
}

/** The reflect.Kind of a decoded value's type: `map`, `slice`, `string`, `int64`, `float64`, `bool`; null for nil. */
export function goKindOf(v: JsonValue): string | null {
  const t = goTypeName(v);
  if (t === null) return null;
  if (t.startsWith('map[')) return 'map';
  if (t.startsWith('[]')) return 'slice';
  return t;
}

/**
 * Go `==` on two interface values: different dynamic types are unequal; equal uncomparable
 * types (maps, slices) panic, as the Go runtime does.
 */
export function goEqual(a: JsonValue, b: JsonValue): boolean {
  const ta = goTypeName(a);
  const tb = goTypeName(b);
  if (ta !== tb) return false;
  if (ta === '[]interface {}' || ta === 'map[string]interface {}') {
    throw new GoPanicError(`runtime error: comparing uncomparable type ${ta}`);
  }
  return a === b;
}

/** A string that identifies a value as a Go map key would; panics on maps and slices (unhashable). */
export function goHashKey(v: JsonValue): string {
  const t = goTypeName(v);
  if (t === '[]interface {}' || t === 'map[string]interface {}') {
    throw new GoPanicError(`runtime error: hash of unhashable type ${t}`);
  }
  return `${t ?? 'nil'}:${String(v)}`;
}
