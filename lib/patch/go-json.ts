/**
 * Decoding a request body as the apiserver's Go JSON decoders do: the syntax errors of
 * encoding/json's scanner (`invalid character 'x' looking for beginning of value`,
 * `unexpected end of JSON input`), and the duplicate-field strict errors of sigs.k8s.io/json.
 */
import { setKey, type JsonObject, type JsonValue } from './go-value.js';

/** A decoding error; `message` is the Go error text. */
export class GoJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoJsonError';
  }
}

type State = (c: number) => void;
const maxNestingDepth = 10000;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's quoteChar: the offending byte as `'x'`, escaped as strconv.Quote does. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const q = JSON.stringify(String.fromCharCode(c));
  const inner = q.slice(1, -1);
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xad) {
    const short: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
    return `'${short[c] ?? (c < 0x80 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`)}'`;
  }
  return `'${inner}'`;
}

/**
 * Runs encoding/json's scanner over the bytes (checkValid) and returns its error text, or
 * undefined when the input is one valid JSON value. Ports encoding/json scanner.go (Go 1.23).
 */
export function goJsonSyntaxError(data: Uint8Array): string | undefined {
  const stack: Array<'key' | 'value' | 'array'> = [];
  let err: string | undefined;
  let endTop = false;
  const fail = (c: number, context: string): void => {
    err = `invalid character ${quoteChar(c)} ${context}`;
    step = () => undefined;
  };
  const push = (c: number, kind: 'key' | 'array', next: State): void => {
    stack.push(kind);
    if (stack.length > maxNestingDepth) fail(c, 'exceeded max depth');
    else step = next;
  };
  const pop = (): void => {
    stack.pop();
    if (stack.length === 0) { step = endTopState; endTop = true; } else step = endValue;
  };
  const endTopState: State = (c) => { if (!isSpace(c)) fail(c, 'after top-level value'); };
  const endValue: State = (c) => {
    const n = stack.length;
    if (n === 0) { step = endTopState; endTop = true; endTopState(c); return; }
    if (isSpace(c)) { step = endValue; return; }
    const ps = stack[n - 1];
    if (ps === 'key') {
      if (c === 0x3a) { stack[n - 1] = 'value'; step = beginValue; return; }
      fail(c, 'after object key');
    } else if (ps === 'value') {
      if (c === 0x2c) { stack[n - 1] = 'key'; step = beginString; return; }
      if (c === 0x7d) { pop(); return; }
      fail(c, 'after object key:value pair');
    } else {
      if (c === 0x2c) { step = beginValue; return; }
      if (c === 0x5d) { pop(); return; }
      fail(c, 'after array element');
    }
  };
  const literal = (word: string, i: number): State => (c) => {
    const want = word.charCodeAt(i);
    if (c !== want) { fail(c, `in literal ${word} (expecting '${word[i]}')`); return; }
    step = i + 1 === word.length ? endValue : literal(word, i + 1);
  };
  const inString: State = (c) => {
    if (c === 0x22) step = endValue;
    else if (c === 0x5c) step = inStringEsc;
    else if (c < 0x20) fail(c, 'in string literal');
  };
  const escU = (left: number): State => (c) => {
    if (!isHex(c)) { fail(c, 'in \\u hexadecimal character escape'); return; }
    step = left === 1 ? inString : escU(left - 1);
  };
  const inStringEsc: State = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) step = inString;
    else if (c === 0x75) step = escU(4);
    else fail(c, 'in string escape code');
  };
  const e0: State = (c) => { if (!isDigit(c)) endValue(c); };
  const eSign: State = (c) => { if (isDigit(c)) step = e0; else fail(c, 'in exponent of numeric literal'); };
  const exp: State = (c) => { if (c === 0x2b || c === 0x2d) step = eSign; else eSign(c); };
  const dot0: State = (c) => { if (isDigit(c)) return; if (c === 0x65 || c === 0x45) step = exp; else endValue(c); };
  const dot: State = (c) => { if (isDigit(c)) step = dot0; else fail(c, 'after decimal point in numeric literal'); };
  const zero: State = (c) => {
    if (c === 0x2e) step = dot;
    else if (c === 0x65 || c === 0x45) step = exp;
    else endValue(c);
  };
  const one: State = (c) => { if (isDigit(c)) step = one; else zero(c); };
  const neg: State = (c) => {
    if (c === 0x30) step = zero;
    else if (c >= 0x31 && c <= 0x39) step = one;
    else fail(c, 'in numeric literal');
  };
  const beginValue: State = (c) => {
    if (isSpace(c)) return;
    switch (c) {
      case 0x7b: push(c, 'key', beginStringOrEmpty); return;
      case 0x5b: push(c, 'array', beginValueOrEmpty); return;
      case 0x22: step = inString; return;
      case 0x2d: step = neg; return;
      case 0x30: step = zero; return;
      case 0x74: step = literal('true', 1); return;
      case 0x66: step = literal('false', 1); return;
      case 0x6e: step = literal('null', 1); return;
    }
    if (c >= 0x31 && c <= 0x39) { step = one; return; }
    fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: State = (c) => { if (isSpace(c)) return; if (c === 0x5d) endValue(c); else beginValue(c); };
  const beginString: State = (c) => {
    if (isSpace(c)) return;
    if (c === 0x22) step = inString;
    else fail(c, 'looking for beginning of object key string');
  };
  const beginStringOrEmpty: State = (c) => {
    if (isSpace(c)) return;
    if (c === 0x7d) { stack[stack.length - 1] = 'value'; endValue(c); } else beginString(c);
  };
  let step: State = beginValue;
  for (const c of data) {
    step(c);
    if (err !== undefined) return err;
  }
  // eof(): a final space completes a number; anything still open is a truncated document.
  if (endTop) return undefined;
  step(0x20);
  if (endTop) return undefined;
  return err ?? 'unexpected end of JSON input';
}

/** Decoding result: the value and the strict errors (`duplicate field "a.b"`), in encounter order. */
export interface GoJsonDecoded {
  value: JsonValue;
  strictErrors: string[];
}

/** Options for {@link decodeGoJson}. */
export interface GoJsonDecodeOptions {
  /**
   * Known field names of a struct decoded at this position (`[0]`-style paths), or undefined for a
   * map/interface position; names outside the list give `unknown field "path"` strict errors.
   */
  structFields?: (path: readonly (string | number)[]) => readonly string[] | undefined;
}

/**
 * Decodes a body as sigs.k8s.io/json UnmarshalStrict does into an interface value: throws
 * {@link GoJsonError} with the scanner's message on bad syntax, and collects duplicate-field (and,
 * with `structFields`, unknown-field) strict errors with their dotted paths, deduplicated, at most 100.
 */
export function decodeGoJson(text: string, options: GoJsonDecodeOptions = {}): GoJsonDecoded {
  const syntax = goJsonSyntaxError(new TextEncoder().encode(text));
  if (syntax !== undefined) throw new GoJsonError(syntax);
  const strict: string[] = [];
  const seen = new Set<string>();
  // The field stack of kjson (`spec`, `.`, `containers`, `[`, `0`, `]`), pushed and truncated in place.
  const stack: string[] = [];
  const where: (string | number)[] = [];
  const save = (kind: 'duplicate field' | 'unknown field', field: string): void => {
    const path = stack.length > 0 ? `${stack.join('')}.${field}` : field;
    const msg = `${kind} ${JSON.stringify(path)}`;
    if (strict.length >= 100 || seen.has(msg)) return;
    seen.add(msg);
    strict.push(msg);
  };
  let i = 0;
  const scalar = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const skipWs = (): void => { while (i < text.length && isSpace(text.charCodeAt(i))) i++; };
  const readString = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const parse = (tracked: boolean): JsonValue => {
    skipWs();
    const ch = text[i];
    const depth = stack.length;
    if (ch === '{') {
      i++;
      const obj: JsonObject = {};
      const fields = tracked ? options.structFields?.(where) : undefined;
      for (skipWs(); text[i] !== '}'; skipWs()) {
        if (text[i] === ',') { i++; skipWs(); }
        const key = readString();
        skipWs();
        i++; // ':'
        const known = fields === undefined || fields.includes(key);
        if (tracked && Object.prototype.hasOwnProperty.call(obj, key) && known) save('duplicate field', key);
        if (tracked && !known) save('unknown field', key);
        if (depth > 0) stack.push('.');
        stack.push(key);
        where.push(key);
        setKey(obj, key, parse(tracked && known));
        stack.length = depth;
        where.pop();
      }
      i++;
      return obj;
    }
    if (ch === '[') {
      i++;
      const arr: JsonValue[] = [];
      for (skipWs(); text[i] !== ']'; skipWs()) {
        if (text[i] === ',') { i++; skipWs(); }
        stack.push('[', String(arr.length), ']');
        where.push(arr.length);
        arr.push(parse(tracked));
        stack.length = depth;
        where.pop();
      }
      i++;
      return arr;
    }
    if (ch === '"') return readString();
    scalar.lastIndex = i;
    const tok = scalar.exec(text)?.[0] ?? '';
    i += tok.length;
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'null') return null;
    return Number(tok);
  };
  try {
    return { value: parse(true), strictErrors: strict };
  } catch (e) {
    // Nesting deep enough to exhaust the JS stack (Go allows 10000 levels): decode without strict checks.
    if (e instanceof RangeError) return { value: JSON.parse(text) as JsonValue, strictErrors: [] };
    throw e;
  }
}

/** The JSON kind word Go's UnmarshalTypeError uses for a value: object, array, string, number, bool. */
export function goJsonKind(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** `json: cannot unmarshal <kind> into Go value of type <goType>`. */
export function unmarshalTypeError(v: JsonValue, goType: string): string {
  return `json: cannot unmarshal ${goJsonKind(v)} into Go value of type ${goType}`;
}

/** `json: cannot unmarshal <kind> into Go struct field <Struct>.<field> of type <goType>`. */
export function unmarshalFieldTypeError(v: JsonValue, struct: string, field: string, goType: string): string {
  return `json: cannot unmarshal ${goJsonKind(v)} into Go struct field ${struct}.${field} of type ${goType}`;
}
