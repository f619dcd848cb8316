/**
 * Decoding a JSON value into the Go struct of a kind, as the apiserver does before anything else looks
 * at a body, so a body of the wrong shape gets the apiserver's words:
 * - `json` mode is encoding/json as sigs.k8s.io/json runs it for request bodies (case-sensitive): the
 *   first `json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container`
 *   (type errors are remembered and decoding goes on; errors of custom unmarshalers — Quantity,
 *   IntOrString, Time — end it at once and win), and with strict decoding `unknown field "spec.foo"`
 *   in document order.
 * - `unstructured` mode is runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation, which a
 *   strategic merge patch goes through: `cannot restore struct from: string`, `unrecognized type: int32`,
 *   and unknown fields sorted.
 * Types come from the generated table `go-field-types.ts`.
 */
import { QuantityParseError, parseQuantity } from '../api/quantity.js';
import { GO_NAMED_TYPES, GO_STRUCTS } from './go-field-types.js';

/** What decoding found: the first error (undefined when the value fits) and the unknown fields. */
export interface GoDecodeResult {
  readonly error: string | undefined;
  readonly unknownFields: readonly string[];
}

type Field = { readonly name: string; readonly type: string; readonly inline: boolean };

const structCache = new Map<string, Field[]>();

/** The JSON fields of a struct, inlined embedded structs flattened (as encoding/json's typeFields). */
function structFields(ref: string): Field[] {
  const hit = structCache.get(ref);
  if (hit) return hit;
  const spec = GO_STRUCTS[ref] ?? '';
  const out: Field[] = [];
  for (const part of spec.split(' ').filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const type = part.slice(eq + 1);
    if (key.startsWith('~')) out.push(...structFields(type));
    else out.push({ name: key, type, inline: false });
  }
  structCache.set(ref, out);
  return out;
}

const SCALARS = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64']);
const CUSTOM = new Set(['resource.Quantity', 'intstr.IntOrString', 'meta:Time', 'meta:MicroTime', 'meta:FieldsV1', 'runtime.RawExtension']);

/** A type expression taken apart. */
type Shape =
  | { kind: 'struct'; ref: string }
  | { kind: 'slice'; elem: string }
  | { kind: 'map'; key: string; elem: string }
  | { kind: 'scalar'; base: string }
  | { kind: 'custom'; ref: string };

function shape(type: string): Shape {
  let t = type;
  while (t.startsWith('*')) t = t.slice(1); // decoding allocates pointers and decodes into their target
  if (t.startsWith('[]')) return { kind: 'slice', elem: t.slice(2) };
  if (t.startsWith('map[')) {
    const close = t.indexOf(']');
    return { kind: 'map', key: t.slice(4, close), elem: t.slice(close + 1) };
  }
  if (CUSTOM.has(t)) return { kind: 'custom', ref: t };
  if (SCALARS.has(t)) return { kind: 'scalar', base: t };
  const underlying = GO_NAMED_TYPES[t];
  if (underlying !== undefined) return shape(underlying);
  return { kind: 'struct', ref: t };
}

/** How reflect.Type.String prints a type expression (`core:PodSpec` → `v1.PodSpec`). */
export function goTypeString(type: string): string {
  let t = type;
  while (t.startsWith('*')) t = t.slice(1);
  if (t.startsWith('[]')) return `[]${goTypeString(t.slice(2))}`;
  if (t.startsWith('map[')) {
    const close = t.indexOf(']');
    return `map[${goTypeString(t.slice(4, close))}]${goTypeString(t.slice(close + 1))}`;
  }
  const colon = t.indexOf(':');
  return colon < 0 ? t : `v1.${t.slice(colon + 1)}`;
}

/** The short name of a struct type (reflect.Type.Name). */
const structName = (ref: string): string => ref.slice(ref.indexOf(':') + 1);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The word encoding/json uses for a JSON value in UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number
}

const INT_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647],
  uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295],
};

/** Whether a JSON number fits an integer kind (strconv.ParseInt/ParseUint, then OverflowInt). */
function fitsInt(n: number, base: string): boolean {
  if (!Number.isInteger(n) || String(n).includes('e')) return false;
  if (base.startsWith('uint') && n < 0) return false;
  const r = INT_RANGE[base];
  return r ? n >= r[0] && n <= r[1] : Number.isSafeInteger(n) || Math.abs(n) < 2 ** 63;
}

/** A hard error: returned at once, ending the decode (errors of UnmarshalJSON methods). */
class HardError extends Error {}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** encoding/json with sigs.k8s.io/json's case-sensitive, strict options. */
class JsonDecoder {
  error: string | undefined;
  readonly unknown: string[] = [];

  /** `struct`/`stack`: the error context (innermost struct, JSON field names); `path`: the strict path. */
  value(v: unknown, type: string, struct: string, stack: readonly string[], path: string): void {
    if (v === null || v === undefined) return; // null leaves any Go value as it is
    const s = shape(type);
    switch (s.kind) {
      case 'struct': {
        if (!isObject(v)) return this.typeError(jsonKind(v), type, struct, stack);
        const fields = structFields(s.ref);
        for (const [k, x] of Object.entries(v)) {
          const f = fields.find((field) => field.name === k);
          const child = path ? `${path}.${k}` : k;
          if (!f) this.unknown.push(`unknown field "${child}"`);
          else this.value(x, f.type, structName(s.ref), [...stack, k], child);
        }
        return;
      }
      case 'slice':
        if (!Array.isArray(v)) return this.typeError(jsonKind(v), type, struct, stack);
        v.forEach((x, i) => this.value(x, s.elem, struct, stack, `${path}[${i}]`));
        return;
      case 'map':
        if (!isObject(v)) return this.typeError(jsonKind(v), type, struct, stack);
        for (const [k, x] of Object.entries(v)) this.value(x, s.elem, struct, stack, `${path}[${k}]`);
        return;
      case 'scalar':
        return this.scalar(v, s.base, type, struct, stack);
      case 'custom':
        return this.custom(v, s.ref, struct, stack);
    }
  }

  private scalar(v: unknown, base: string, type: string, struct: string, stack: readonly string[]): void {
    if (base === 'string') {
      if (typeof v !== 'string') this.typeError(jsonKind(v), type, struct, stack);
    } else if (base === 'bool') {
      if (typeof v !== 'boolean') this.typeError(jsonKind(v), type, struct, stack);
    } else if (typeof v !== 'number') {
      this.typeError(jsonKind(v), type, struct, stack);
    } else if (!base.startsWith('float') && !fitsInt(v, base)) {
      this.typeError(`number ${String(v)}`, type, struct, stack);
    }
  }

  /** The UnmarshalJSON methods of Quantity, IntOrString, Time and MicroTime (FieldsV1 and RawExtension take anything). */
  private custom(v: unknown, ref: string, struct: string, stack: readonly string[]): void {
    if (ref === 'resource.Quantity') {
      const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : JSON.stringify(v);
      try {
        parseQuantity(text);
      } catch (e) {
        if (e instanceof QuantityParseError) throw new HardError(e.message);
        throw e;
      }
    } else if (ref === 'intstr.IntOrString') {
      if (typeof v === 'string') return;
      // json.Unmarshal(value, &intstr.IntVal): the outer decoder adds the field context.
      if (typeof v !== 'number') throw new HardError(fieldTypeError(jsonKind(v), 'int32', struct, stack));
      if (!fitsInt(v, 'int32')) throw new HardError(fieldTypeError(`number ${String(v)}`, 'int32', struct, stack));
    } else if (ref === 'meta:Time' || ref === 'meta:MicroTime') {
      if (typeof v !== 'string') throw new HardError(fieldTypeError(jsonKind(v), 'string', struct, stack));
      if (!RFC3339.test(v)) throw new HardError(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
    }
  }

  private typeError(value: string, type: string, struct: string, stack: readonly string[]): void {
    this.error ??= fieldTypeError(value, goTypeString(type), struct, stack);
  }
}

/** UnmarshalTypeError.Error with its context: the innermost struct and the JSON field names from the root. */
function fieldTypeError(value: string, type: string, struct: string, stack: readonly string[]): string {
  if (struct === '' && stack.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${type}`;
  return `json: cannot unmarshal ${value} into Go struct field ${struct}.${stack.join('.')} of type ${type}`;
}

/** runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation. */
class UnstructuredDecoder {
  readonly unknown: string[] = [];

  /** Throws the converter's error (it stops at the first); records unknown fields. */
  value(v: unknown, type: string, path: string): void {
    if (v === null || v === undefined) return;
    const s = shape(type);
    const kind = unstructuredKind(v);
    switch (s.kind) {
      case 'struct': {
        if (!isObject(v)) throw new HardError(`cannot restore struct from: ${kind}`);
        const fields = structFields(s.ref);
        for (const f of fields) {
          if (Object.hasOwn(v, f.name)) this.value(v[f.name], f.type, path ? `${path}.${f.name}` : f.name);
        }
        for (const k of Object.keys(v)) {
          if (!fields.some((f) => f.name === k)) this.unknown.push(`unknown field "${path ? `${path}.${k}` : k}"`);
        }
        return;
      }
      case 'slice':
        if (!Array.isArray(v)) throw new HardError(`cannot restore slice from ${kind}`);
        v.forEach((x, i) => this.value(x, s.elem, `${path}[${i}]`));
        return;
      case 'map':
        if (!isObject(v)) throw new HardError(`cannot restore map from ${kind}`);
        for (const x of Object.values(v)) this.value(x, s.elem, path);
        return;
      case 'scalar':
        return convertScalar(v, kind, s.base, goTypeString(type));
      case 'custom':
        return new JsonDecoder().value(v, s.ref, '', [], path);
    }
  }
}

/** The reflect kind of an unstructured value (ints are int64, other numbers float64). */
function unstructuredKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** fromUnstructured for simple kinds: assignment, the allowed conversions, else the converter's error. */
function convertScalar(v: unknown, kind: string, base: string, typeName: string): void {
  const target = base.startsWith('int') || base.startsWith('uint') ? 'int' : base.startsWith('float') ? 'float' : base;
  if (typeof v === 'string') {
    if (target !== 'string') throw new HardError(`unrecognized type: ${base}`);
  } else if (typeof v === 'boolean') {
    if (target !== 'bool') throw new HardError(`unrecognized type: ${base}`);
  } else if (typeof v === 'number') {
    if (target === 'bool') throw new HardError(`unrecognized type: ${base}`);
    // Integers convert to strings in Go (as runes), which the converter refuses explicitly.
    if (target === 'string') throw new HardError(kind === 'int64' ? `cannot convert int64 to ${typeName}` : `unrecognized type: ${base}`);
    if (target === 'int' && !Number.isInteger(v)) throw new HardError(`cannot convert float64 to ${typeName}`);
  }
}

/** Decodes `value` as the Go struct `root` (a `go-field-types.ts` name such as `core:Pod`). */
export function goDecode(value: unknown, root: string, mode: 'json' | 'unstructured' = 'json'): GoDecodeResult {
  if (mode === 'unstructured') {
    const d = new UnstructuredDecoder();
    try {
      d.value(value, root, '');
    } catch (e) {
      if (e instanceof HardError) return { error: e.message, unknownFields: [] };
      throw e;
    }
    return { error: undefined, unknownFields: [...d.unknown].sort() };
  }
  const d = new JsonDecoder();
  try {
    d.value(value, root, '', [], '');
  } catch (e) {
    if (e instanceof HardError) return { error: e.message, unknownFields: [] };
    throw e;
  }
  return { error: d.error, unknownFields: d.error === undefined ? d.unknown : [] };
}

/** Whether the table describes `root` (`core:Pod`, `sched:PriorityClass` …). */
export const hasGoStruct = (root: string): boolean => Object.hasOwn(GO_STRUCTS, root);

/** A copy of `value` without the fields the Go struct `root` lacks (what decoding keeps). */
export function pruneUnknown(value: unknown, type: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  const s = shape(type);
  if (s.kind === 'slice') return Array.isArray(value) ? value.map((x) => pruneUnknown(x, s.elem)) : value;
  if (!isObject(value)) return value;
  if (s.kind === 'map') return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, pruneUnknown(x, s.elem)]));
  if (s.kind !== 'struct') return value;
  const fields = structFields(s.ref);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) {
    const f = fields.find((field) => field.name === k);
    if (f) out[k] = pruneUnknown(x, f.type);
  }
  return out;
}
