/**
 * The protocol-buffers wire format, reading side: varints, fixed-width numbers and length-delimited
 * fields (https://protobuf.dev/programming-guides/encoding/), as gogo-protobuf writes Kubernetes objects.
 */

/** A malformed message: the text the apiserver's protobuf decoder would give is close to this. */
export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

/** Wire types. */
export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;

/** One field as read from the wire: its number, wire type and raw value. */
export interface WireField {
  readonly num: number;
  readonly wireType: number;
  /** The varint (as a 64-bit two's-complement BigInt), or the bytes of a fixed or length-delimited field. */
  readonly value: bigint | Uint8Array;
}

/** Reads a varint at `pos`; returns it and the position after it. */
export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtobufError('unexpected EOF');
    const b = buf[pos++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [BigInt.asUintN(64, result), pos];
    shift += 7n;
  }
  throw new ProtobufError('proto: integer overflow');
}

/** Splits a message into its fields, in wire order. */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p] = readVarint(buf, pos);
    pos = p;
    const num = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (num <= 0) throw new ProtobufError(`proto: illegal tag ${num} (wire type ${wireType})`);
    switch (wireType) {
      case WireType.Varint: {
        const [v, q] = readVarint(buf, pos);
        pos = q;
        out.push({ num, wireType, value: v });
        break;
      }
      case WireType.Fixed64:
      case WireType.Fixed32: {
        const n = wireType === WireType.Fixed64 ? 8 : 4;
        if (pos + n > buf.length) throw new ProtobufError('unexpected EOF');
        out.push({ num, wireType, value: buf.subarray(pos, pos + n) });
        pos += n;
        break;
      }
      case WireType.Bytes: {
        const [len, q] = readVarint(buf, pos);
        const end = q + Number(len);
        if (len < 0n || end > buf.length) throw new ProtobufError('unexpected EOF');
        out.push({ num, wireType, value: buf.subarray(q, end) });
        pos = end;
        break;
      }
      default:
        throw new ProtobufError(`proto: illegal wireType ${wireType}`);
    }
  }
  return out;
}

/** The varints of a packed repeated field. */
export function readPackedVarints(buf: Uint8Array): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [v, p] = readVarint(buf, pos);
    out.push(v);
    pos = p;
  }
  return out;
}
