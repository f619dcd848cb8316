/**
 * Decoding `application/vnd.kubernetes.protobuf` bodies, which kubectl's typed clients send for
 * creates and updates (`kubectl create namespace`, `debug --copy-to`): the `k8s\0` prefix, the
 * `runtime.Unknown` envelope (apimachinery protobuf serializer `Decode`), then the object's message
 * turned into the JSON the Go struct would marshal to — zero values of non-pointer fields dropped as
 * `omitempty` drops them, times as RFC 3339, quantities and int-or-strings in their string/number form.
 */
import { fieldsOf, specialMessages, type FieldSpec } from './schema.js';
import { ProtobufError, readFields, readPackedVarints, WireType, type WireField } from './wire.js';

/** The magic prefix of a Kubernetes protobuf body. */
export const protobufPrefix: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

/** The runtime.Unknown envelope. */
export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const utf8 = new TextDecoder();
const text = (b: Uint8Array): string => utf8.decode(b);

/** The envelope of a body; throws the protobuf serializer's errors. */
export function decodeEnvelope(data: Uint8Array): ProtobufEnvelope {
  if (data.length === 0) throw new ProtobufError('empty data');
  if (data.length < protobufPrefix.length || protobufPrefix.some((b, i) => data[i] !== b)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${protobufPrefix.join(' ')}]`);
  }
  if (data.length === protobufPrefix.length) throw new ProtobufError('empty body');
  const env: ProtobufEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(), contentEncoding: '', contentType: '' };
  for (const f of readFields(data.subarray(protobufPrefix.length))) {
    const bytes = bytesOf(f, 'Unknown');
    if (f.num === 1) {
      for (const t of readFields(bytes)) {
        if (t.num === 1) env.apiVersion = text(bytesOf(t, 'TypeMeta'));
        else if (t.num === 2) env.kind = text(bytesOf(t, 'TypeMeta'));
      }
    } else if (f.num === 2) env.raw = bytes;
    else if (f.num === 3) env.contentEncoding = text(bytes);
    else if (f.num === 4) env.contentType = text(bytes);
  }
  return env;
}

function bytesOf(f: WireField, message: string): Uint8Array {
  if (f.wireType !== WireType.Bytes || !(f.value instanceof Uint8Array)) throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field ${f.num} of ${message}`);
  return f.value;
}

function varintOf(f: WireField, message: string): bigint {
  if (f.wireType !== WireType.Varint || typeof f.value !== 'bigint') throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field ${f.num} of ${message}`);
  return f.value;
}

/** One scalar value of a field. */
function scalar(type: string, f: WireField, message: string): unknown {
  switch (type) {
    case 'string':
      return text(bytesOf(f, message));
    case 'bytes':
      return Buffer.from(bytesOf(f, message)).toString('base64');
    case 'bool':
      return varintOf(f, message) !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, varintOf(f, message)));
    case 'int64':
      return Number(BigInt.asIntN(64, varintOf(f, message)));
    case 'double': {
      if (f.wireType !== WireType.Fixed64 || !(f.value instanceof Uint8Array)) throw new ProtobufError(`proto: wrong wireType = ${f.wireType} for field ${f.num} of ${message}`);
      return Buffer.from(f.value).readDoubleLE(0);
    }
    default:
      return decodeMessage(bytesOf(f, message), type);
  }
}

/** Go's zero value of a scalar type, as encoding/json writes it. */
const zeroOf = (type: string): unknown => (type === 'string' ? '' : type === 'bool' ? false : 0);

/** Whether a decoded scalar is Go's zero value (what `omitempty` drops; structs are never dropped). */
const isZero = (v: unknown): boolean => v === undefined || v === '' || v === 0 || v === false;

/** metav1.Time's JSON: RFC 3339 at second precision; MicroTime keeps microseconds. */
function timeOf(buf: Uint8Array, micro: boolean): string | undefined {
  let seconds = 0n;
  let nanos = 0;
  for (const f of readFields(buf)) {
    if (f.num === 1) seconds = BigInt.asIntN(64, varintOf(f, 'Time'));
    else if (f.num === 2) nanos = Number(BigInt.asIntN(32, varintOf(f, 'Time')));
  }
  if (seconds === 0n && nanos === 0) return undefined;
  const iso = new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
  return micro ? iso.replace('Z', `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`) : iso;
}

/** The JSON form of a message with its own marshaller. */
function special(type: string, buf: Uint8Array): unknown {
  const fields = readFields(buf);
  const get = (n: number): WireField | undefined => fields.filter((f) => f.num === n).pop();
  switch (type) {
    case 'Time':
    case 'MicroTime':
      return timeOf(buf, type === 'MicroTime');
    case 'Quantity': {
      const s = get(1);
      return s ? text(bytesOf(s, type)) : '0';
    }
    case 'IntOrString': {
      const t = get(1);
      const kind = t ? Number(varintOf(t, type)) : 0;
      if (kind === 1) {
        const s = get(3);
        return s ? text(bytesOf(s, type)) : '';
      }
      const i = get(2);
      return i ? Number(BigInt.asIntN(32, varintOf(i, type))) : 0;
    }
    default: {
      // FieldsV1 and RawExtension carry raw JSON.
      const raw = get(1);
      if (!raw) return null;
      try {
        return JSON.parse(text(bytesOf(raw, type))) as unknown;
      } catch {
        throw new ProtobufError(`proto: invalid JSON in ${type}`);
      }
    }
  }
}

/** A map entry's key and value (fields 1 and 2). */
function mapEntry(buf: Uint8Array, spec: FieldSpec, message: string): [string, unknown] {
  let key = '';
  let value: unknown = specialMessages.has(spec.type) ? special(spec.type, new Uint8Array()) : spec.type === 'string' ? '' : {};
  for (const f of readFields(buf)) {
    if (f.num === 1) key = text(bytesOf(f, message));
    else if (f.num === 2) value = valueOf(spec.type, f, message);
  }
  return [key, value];
}

function valueOf(type: string, f: WireField, message: string): unknown {
  return specialMessages.has(type) ? special(type, bytesOf(f, message)) : scalar(type, f, message);
}

/**
 * Decodes a message of the table into its JSON object. Unknown field numbers are skipped, as gogo's
 * generated Unmarshal does.
 */
export function decodeMessage(buf: Uint8Array, message: string): Record<string, unknown> {
  const fields = fieldsOf(message);
  if (!fields) throw new ProtobufError(`kubesim has no protobuf schema for ${message}`);
  const wire = readFields(buf);
  const out: Record<string, unknown> = {};
  for (const spec of fields) {
    const present = wire.filter((f) => f.num === spec.num);
    if (spec.map) {
      if (present.length === 0) continue;
      const m: Record<string, unknown> = {};
      for (const f of present) {
        const [k, v] = mapEntry(bytesOf(f, message), spec, message);
        Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      out[spec.name] = m;
    } else if (spec.repeated) {
      const items: unknown[] = [];
      for (const f of present) {
        if (f.wireType === WireType.Bytes && ['bool', 'int32', 'int64'].includes(spec.type)) {
          for (const v of readPackedVarints(bytesOf(f, message))) items.push(scalar(spec.type, { num: f.num, wireType: WireType.Varint, value: v }, message));
        } else {
          items.push(valueOf(spec.type, f, message));
        }
      }
      if (items.length > 0) out[spec.name] = items;
    } else if (spec.inline) {
      // An embedded struct (Probe's ProbeHandler, Volume's VolumeSource): a nested message on the wire,
      // its fields in the parent's JSON.
      const f = present[present.length - 1];
      if (f) Object.assign(out, decodeMessage(bytesOf(f, message), spec.type));
    } else {
      const f = present[present.length - 1];
      if (!f) {
        // encoding/json writes a field without omitempty, and a struct (omitempty or not), even when the
        // wire left it out.
        if (spec.keep) out[spec.name] = zeroOf(spec.type);
        else if (!spec.pointer && !specialMessages.has(spec.type) && fieldsOf(spec.type)) out[spec.name] = decodeMessage(new Uint8Array(), spec.type);
        continue;
      }
      const v = valueOf(spec.type, f, message);
      if (spec.keep && v !== undefined) {
        out[spec.name] = v;
        continue;
      }
      // Non-pointer zero values are what omitempty leaves out; a pointer that is on the wire was set.
      if (v === undefined || (!spec.pointer && isZero(v))) continue;
      out[spec.name] = v;
    }
  }
  return out;
}
