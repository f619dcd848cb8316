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

/**
 * Memo of a pure string → value function: a pod carries the same few timestamps and quantities over
 * and over, and parsing them is most of a scalar's cost. Bounded so odd inputs cannot grow it forever.
 */
function memoized<V>(fn: (s: string) => V, limit = 4096): (s: string) => V {
  const cache = new Map<string, V>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, v);
    }
    return v as V;
  };
}

/** metav1.Time: RFC 3339 in, UTC at second precision out (`Time.MarshalJSON`). */
const normaliseTimeString = memoized((v: string): string => {
  if (!RFC3339.test(v)) return v;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return v;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
});

/** resource.Quantity's canonical string (`0.5` → `500m`), or undefined when the text is no quantity. */
const canonicalQuantityString = memoized((v: string): string | undefined => tryParseQuantity(v)?.toString());

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

/** The encoding of a present (non-null) scalar. */
function scalarValue(type: string, v: Json): Json {
  if (type === 'quantity') {
    if (typeof v === 'string') return canonicalQuantityString(v) ?? v;
    if (typeof v === 'number') return tryParseQuantity(v)?.toString() ?? v;
    return v;
  }
  if (type === 'time') return typeof v === 'string' ? normaliseTimeString(v) : v;
  return v;
}

const OMIT = Symbol('omit');
/** The absent value of a non-pointer struct field: the struct encoded from `{}`. */
const EMPTY_STRUCT = Symbol('empty struct');

/** How a field is encoded, decided once per struct type instead of once per value. */
const enum Kind { Scalar, Struct, Pointer, List, Map }

/** One field with what is needed to encode it fast. */
interface FieldPlan {
  readonly name: string;
  readonly field: GoField;
  readonly kind: Kind;
  /** The element is a struct (for Pointer, List and Map) or the field is one (Struct). */
  readonly elementIsStruct: boolean;
  /** What an absent or null value encodes to: OMIT, EMPTY_STRUCT, or a JSON constant. */
  readonly absent: Json | typeof OMIT | typeof EMPTY_STRUCT;
  /** The element's struct plan, resolved on first use (the schema is recursive through names). */
  sub: StructPlan | undefined;
  readonly subName: string;
}

interface StructPlan {
  readonly fields: readonly FieldPlan[];
  readonly byName: ReadonlyMap<string, GoField>;
}

const plans = new Map<string, StructPlan>();

function planOf(typeName: string): StructPlan {
  let plan = plans.get(typeName);
  if (plan) return plan;
  const s: GoStruct = goStruct(typeName);
  const fields = s.fields.map((f): FieldPlan => {
    const kind = f.collection === 'list' ? Kind.List : f.collection === 'map' ? Kind.Map : f.pointer ? Kind.Pointer : f.scalar ? Kind.Scalar : Kind.Struct;
    let absent: FieldPlan['absent'];
    if (kind === Kind.Struct) absent = EMPTY_STRUCT;
    else if (kind === Kind.Scalar) absent = f.omitempty && isEmptyScalar(f.type, undefined) ? OMIT : zeroScalar(f.type);
    else absent = f.omitempty ? OMIT : null;
    return { name: f.name, field: f, kind, elementIsStruct: !f.scalar, absent, sub: undefined, subName: f.type };
  });
  plan = { fields, byName: s.byName };
  plans.set(typeName, plan);
  return plan;
}

const subPlan = (p: FieldPlan): StructPlan => (p.sub ??= planOf(p.subName));

/** A map key on the path stack (list indexes are numbers, field names strings). */
class MapKey {
  constructor(readonly key: string) {}
}

class Codec {
  readonly unknownFields: string[] = [];
  /** Where the encoder is, kept as segments and only joined when an unknown field needs its path. */
  private readonly path: (string | number | MapKey)[] = [];

  private pathTo(name: string): string {
    let p = '';
    for (const seg of this.path) {
      if (typeof seg === 'number') p += `[${seg}]`;
      else if (seg instanceof MapKey) p += `[${seg.key}]`;
      else p += p ? `.${seg}` : seg;
    }
    return p ? `${p}.${name}` : name;
  }

  struct(plan: StructPlan, v: Json): Json {
    if (!isObject(v)) return v === undefined || v === null ? this.struct(plan, {}) : v;
    const out: JsonObject = {};
    let present = 0;
    for (const p of plan.fields) {
      const x = v[p.name];
      if (x === undefined || x === null) {
        if (x === null) present++;
        const a = p.absent;
        if (a === OMIT) continue;
        out[p.name] = a === EMPTY_STRUCT ? this.descend(p.name, subPlan(p), {}) : a;
        continue;
      }
      present++;
      const encoded = this.field(p, x);
      if (encoded !== OMIT) out[p.name] = encoded;
    }
    // Unknown keys exist only when v has more own keys than the known fields found present.
    const keys = Object.keys(v);
    if (keys.length !== present) {
      for (const k of keys) if (!plan.byName.has(k)) this.unknownFields.push(this.pathTo(k));
    }
    return out;
  }

  private descend(seg: string | number | MapKey, plan: StructPlan, v: Json): Json {
    this.path.push(seg);
    const out = this.struct(plan, v);
    this.path.pop();
    return out;
  }

  /** A present (non-null) field value. */
  private field(p: FieldPlan, v: Json): Json {
    switch (p.kind) {
      case Kind.Scalar:
        if (p.field.omitempty && isEmptyScalar(p.field.type, v)) return OMIT;
        return scalarValue(p.field.type, v);
      case Kind.Struct:
        return this.descend(p.name, subPlan(p), v);
      case Kind.Pointer:
        return p.elementIsStruct ? this.descend(p.name, subPlan(p), v) : scalarValue(p.field.type, v);
      case Kind.List: {
        if (!Array.isArray(v)) return v;
        if (v.length === 0 && p.field.omitempty) return OMIT;
        const out = new Array<Json>(v.length);
        if (!p.elementIsStruct) {
          for (let i = 0; i < v.length; i++) out[i] = this.scalarElement(p.field.type, v[i]);
          return out;
        }
        const plan = subPlan(p);
        this.path.push(p.name);
        for (let i = 0; i < v.length; i++) out[i] = this.descend(i, plan, v[i]);
        this.path.pop();
        return out;
      }
      case Kind.Map: {
        if (!isObject(v)) return v;
        const keys = Object.keys(v).sort();
        if (keys.length === 0 && p.field.omitempty) return OMIT;
        const out: JsonObject = {};
        if (!p.elementIsStruct) {
          for (const k of keys) out[k] = this.scalarElement(p.field.type, v[k]);
          return out;
        }
        const plan = subPlan(p);
        this.path.push(p.name);
        for (const k of keys) out[k] = this.descend(new MapKey(k), plan, v[k]);
        this.path.pop();
        return out;
      }
    }
  }

  /** A list item or map value of scalar type: null is the zero value. */
  private scalarElement(type: string, v: Json): Json {
    return v === undefined || v === null ? zeroScalar(type) : scalarValue(type, v);
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
  const out = codec.struct(planOf(typeName), value);
  return { value: out, unknownFields: codec.unknownFields };
}

/** A Pod as the apiserver would store and print it after decoding `value` into a v1.Pod. */
export function roundTripPod(value: unknown): GoRoundTrip<Pod> {
  const r = goRoundTrip(value, 'Pod');
  return { value: r.value as Pod, unknownFields: r.unknownFields };
}
