/**
 * What decoding JSON into the Go structs of core/v1 and encoding them again does to an object, so a
 * stored object prints as the apiserver prints it: fields in struct order, `omitempty` fields dropped
 * when empty, non-pointer structs always present (`resources: {}`, `status: {}`), zero values written
 * for non-`omitempty` fields (`divisor: "0"`, `creationTimestamp: null`), quantities in canonical form
 * (`0.5` → `500m`), times at second precision in UTC, map keys sorted, unknown fields dropped.
 *
 * Ports encoding/json over the struct table of `core-v1-schema.ts` (and the custom marshalers of
 * resource.Quantity, intstr.IntOrString and metav1.Time). Malformed values of the wrong JSON type are
 * kept as they are: rejecting them is the decoder's job, not this function's.
 */
import { goStruct, type GoField, type GoStruct } from './core-v1-schema.js';
import { tryParseQuantity } from './quantity.js';
import type { Pod } from './types.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** metav1.Time: RFC 3339 in, UTC at second precision out (`Time.MarshalJSON`). */
function normaliseTime(v: Json): Json {
  if (typeof v !== 'string' || !RFC3339.test(v)) return v;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return v;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function zeroScalar(type: string): Json {
  switch (type) {
    case 'string':
      return '';
    case 'int':
    case 'float':
    case 'intOrString':
      return 0;
    case 'bool':
      return false;
    case 'quantity':
      return '0';
    default:
      return null; // time and json marshal their zero value as null
  }
}

function isEmptyScalar(type: string, v: Json): boolean {
  switch (type) {
    case 'string':
      return v === undefined || v === null || v === '';
    case 'int':
    case 'float':
      return v === undefined || v === null || v === 0;
    case 'bool':
      return v === undefined || v === null || v === false;
    case 'json':
      return v === undefined || v === null;
    default:
      return false; // quantity, intOrString and time are Go structs: omitempty never drops them
  }
}

function scalarValue(type: string, v: Json): Json {
  if (v === undefined || v === null) return zeroScalar(type);
  if (type === 'quantity') {
    const q = typeof v === 'string' || typeof v === 'number' ? tryParseQuantity(v) : undefined;
    return q ? q.toString() : v;
  }
  if (type === 'time') return normaliseTime(v);
  return v;
}

const OMIT = Symbol('omit');

class Codec {
  readonly unknownFields: string[] = [];

  struct(s: GoStruct, v: Json, path: string): Json {
    if (!isObject(v)) return v === undefined || v === null ? this.struct(s, {}, path) : v;
    const out: JsonObject = {};
    for (const f of s.fields) {
      const encoded = this.field(f, v[f.name], path ? `${path}.${f.name}` : f.name);
      if (encoded !== OMIT) out[f.name] = encoded;
    }
    for (const k of Object.keys(v)) {
      if (!s.byName.has(k)) this.unknownFields.push(path ? `${path}.${k}` : k);
    }
    return out;
  }

  /** The value of one element (list item, map value, or the target of a pointer). */
  element(f: GoField, v: Json, path: string): Json {
    if (f.scalar) return scalarValue(f.type, v);
    return this.struct(goStruct(f.type), v, path);
  }

  field(f: GoField, v: Json, path: string): Json {
    if (f.collection === 'list') {
      if (!Array.isArray(v)) return v === undefined || v === null ? (f.omitempty ? OMIT : null) : v;
      if (v.length === 0 && f.omitempty) return OMIT;
      return v.map((item, i) => this.element(f, item, `${path}[${i}]`));
    }
    if (f.collection === 'map') {
      if (!isObject(v)) return v === undefined || v === null ? (f.omitempty ? OMIT : null) : v;
      const keys = Object.keys(v).sort();
      if (keys.length === 0 && f.omitempty) return OMIT;
      const out: JsonObject = {};
      for (const k of keys) out[k] = this.element(f, v[k], `${path}[${k}]`);
      return out;
    }
    if (f.pointer) {
      if (v === undefined || v === null) return f.omitempty ? OMIT : null;
      return this.element(f, v, path);
    }
    if (!f.scalar) return this.struct(goStruct(f.type), v, path);
    if (f.omitempty && isEmptyScalar(f.type, v)) return OMIT;
    return scalarValue(f.type, v);
  }
}

/** The result of a round trip: the object as Go would print it, and the fields Go would not know. */
export interface GoRoundTrip<T> {
  readonly value: T;
  /** Dotted paths of dropped unknown fields (`spec.containers[0].foo`), as strict decoding names them. */
  readonly unknownFields: readonly string[];
}

/** Decodes `value` as the Go struct `typeName` and encodes it again (see the file comment). */
export function goRoundTrip(value: unknown, typeName: string): GoRoundTrip<unknown> {
  const codec = new Codec();
  const out = codec.struct(goStruct(typeName), value, '');
  return { value: out, unknownFields: codec.unknownFields };
}

/** A Pod as the apiserver would store and print it after decoding `value` into a v1.Pod. */
export function roundTripPod(value: unknown): GoRoundTrip<Pod> {
  const r = goRoundTrip(value, 'Pod');
  return { value: r.value as Pod, unknownFields: r.unknownFields };
}
