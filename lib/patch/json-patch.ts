/**
 * RFC 6902 JSON patch as kube-apiserver 1.32 applies it: with gopkg.in/evanphx/json-patch.v4 (v4.12.0),
 * whose behaviour differs from the RFC in places clients can see. `replace` of a missing object key
 * adds it, negative array indexes count from the end, `add` at the root path fails, `test` with
 * `value: null` matches a missing key. Every apply failure is one 422 (see apply-patch.ts).
 * Ports evanphx/json-patch v4.12.0 patch.go (Patch.Apply and the operations).
 */
import { GoPanicError, deepCopyJson, isJsonObject, setKey, type JsonObject, type JsonValue } from './go-value.js';

/** A failed operation; `message` is evanphx's error text (the apiserver does not send it to clients). */
export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

/** The total size of `copy` values one patch may add (apiserver's JSONPatchMaxCopyBytes, 3 MiB). */
export const accumulatedCopySizeLimit = 3 * 1024 * 1024;

type Container = JsonObject | JsonValue[];
const missing = 'missing value';
const invalidIndex = 'invalid index referenced';
const fail = (msg: string, cause: string): never => { throw new JsonPatchError(`${msg}: ${cause}`); };

/** strconv.Atoi: optional sign and decimal digits, within int64. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s) || BigInt(s) > 2n ** 63n - 1n || BigInt(s) < -(2n ** 63n)) {
    const why = /^[+-]?[0-9]+$/.test(s) ? 'value out of range' : 'invalid syntax';
    throw new JsonPatchError(`strconv.Atoi: parsing ${JSON.stringify(s)}: ${why}`);
  }
  return Number(s);
}

const decodePatchKey = (k: string): string => k.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));

/** Reads `key` of a container: objects give undefined for absent keys; arrays check the index. */
function get(c: Container, key: string): JsonValue | undefined {
  if (!Array.isArray(c)) return Object.prototype.hasOwnProperty.call(c, key) ? c[key] : undefined;
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.length) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
    idx += c.length;
  }
  if (idx >= c.length) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
  return c[idx];
}

function add(c: Container, key: string, val: JsonValue): void {
  if (!Array.isArray(c)) { setKey(c, key, val); return; }
  if (key === '-') { c.push(val); return; }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    return fail(`value was not a proper array index: '${key}'`, (e as Error).message);
  }
  const size = c.length + 1;
  if (idx >= size) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
  if (idx < 0) {
    if (idx < -size) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
    idx += size;
  }
  c.splice(idx, 0, val);
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!Object.prototype.hasOwnProperty.call(c, key)) fail(`Unable to remove nonexistent key: ${key}`, missing);
    delete c[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= c.length) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
  if (idx < 0) {
    if (idx < -c.length) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
    idx += c.length;
  }
  c.splice(idx, 1);
}

/** `replace` writes an existing array slot (get has checked it), or any object key. */
function set(c: Container, key: string, val: JsonValue): void {
  if (!Array.isArray(c)) { setKey(c, key, val); return; }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.length) fail(`Unable to access invalid index: ${idx}`, invalidIndex);
    idx += c.length;
  }
  c[idx] = val;
}

/** The container holding the last path segment, and that segment decoded; undefined when a step is missing. Ports findObject. */
function findObject(root: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc = root;
  for (const part of split.slice(1, -1)) {
    let next: JsonValue | undefined;
    try {
      next = get(doc, decodePatchKey(part));
    } catch {
      return undefined;
    }
    if (next === undefined || next === null || (typeof next !== 'object')) return undefined;
    doc = next;
  }
  return [doc, decodePatchKey(split[split.length - 1] as string)];
}

/** lazyNode.equal: deep equality; a null array element on either side makes Go dereference nil. */
function nodeEqual(a: JsonValue, b: JsonValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => {
      const y = b[i] as JsonValue;
      if (x === null || y === null) throw new GoPanicError('runtime error: invalid memory address or nil pointer dereference');
      return nodeEqual(x, y);
    });
  }
  if (isJsonObject(a) || isJsonObject(b)) {
    if (!isJsonObject(a) || !isJsonObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      const x = a[k] as JsonValue;
      const y = b[k] as JsonValue;
      if ((x === null) !== (y === null)) return false;
      return x === null || nodeEqual(x, y);
    });
  }
  return a === b;
}

/** Operation fields: absent and JSON null both read as absent, as Go's map of *json.RawMessage does. */
function stringField(op: JsonObject | null, name: string): string | undefined | Error {
  const v = op?.[name];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : new Error(`json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v} into Go value of type string`);
}

/** The `path` of an operation; add, remove and copy report a bad one as ErrMissing, the others wrap the cause. */
function opPath(op: JsonObject | null, what: string): string {
  const p = stringField(op, 'path');
  if (p === undefined || p instanceof Error) {
    const cause = ['add', 'remove', 'copy'].includes(what) ? missing
      : p instanceof Error ? p.message : `operation missing path field: ${missing}`;
    return fail(`${what} operation failed to decode path`, cause);
  }
  return p;
}

function opFrom(op: JsonObject | null, what: string): string {
  const f = stringField(op, 'from');
  if (f instanceof Error) return fail(`${what} operation failed to decode from`, f.message);
  if (f === undefined) return fail(`${what} operation failed to decode from`, `operation, missing from field: ${missing}`);
  return f;
}

const hasValue = (op: JsonObject | null): boolean => op !== null && Object.prototype.hasOwnProperty.call(op, 'value');
const opValue = (op: JsonObject | null): JsonValue => deepCopyJson((op?.value ?? null) as JsonValue);

/** The size Go's json.Marshal gives a value (it escapes <, > and & as \u00XX). */
function marshalledSize(v: JsonValue): number {
  const text = JSON.stringify(v);
  return Buffer.byteLength(text, 'utf8') + 5 * (text.match(/[<>&]/g)?.length ?? 0);
}

/**
 * Applies decoded operations to a copy of `doc` and returns it. Throws JsonPatchError when an
 * operation does not apply, GoPanicError where evanphx v4 dereferences nil.
 */
export function applyJsonPatchOperations(doc: JsonValue, ops: readonly (JsonObject | null)[]): JsonValue {
  let root = deepCopyJson(doc) as Container;
  let copied = 0;
  for (const op of ops) {
    const kind = stringField(op, 'op');
    const name = typeof kind === 'string' ? kind : 'unknown';
    switch (name) {
      case 'add': {
        const path = opPath(op, 'add');
        const target = findObject(root, path) ?? fail(`add operation does not apply: doc is missing path: ${JSON.stringify(path)}`, missing);
        try { add(target[0], target[1], opValue(op)); } catch (e) { fail(`error in add for path: '${path}'`, (e as Error).message); }
        break;
      }
      case 'remove': {
        const path = opPath(op, 'remove');
        const target = findObject(root, path) ?? fail(`remove operation does not apply: doc is missing path: ${JSON.stringify(path)}`, missing);
        try { remove(target[0], target[1]); } catch (e) { fail(`error in remove for path: '${path}'`, (e as Error).message); }
        break;
      }
      case 'replace': {
        const path = opPath(op, 'replace');
        if (path === '') {
          if (!hasValue(op)) throw new GoPanicError('runtime error: invalid memory address or nil pointer dereference');
          const v = opValue(op);
          if (typeof v !== 'object' || v === null) throw new JsonPatchError('replace operation value must be object or array');
          root = v;
          break;
        }
        const target = findObject(root, path) ?? fail(`replace operation does not apply: doc is missing path: ${path}`, missing);
        try { get(target[0], target[1]); } catch (e) { fail(`replace operation does not apply: doc is missing key: ${path}`, missing); }
        set(target[0], target[1], opValue(op));
        break;
      }
      case 'move': {
        const from = opFrom(op, 'move');
        const source = findObject(root, from) ?? fail(`move operation does not apply: doc is missing from path: ${from}`, missing);
        let val: JsonValue | undefined;
        try {
          val = get(source[0], source[1]);
          remove(source[0], source[1]);
        } catch (e) { fail(`error in move for path: '${source[1]}'`, (e as Error).message); }
        const path = opPath(op, 'move');
        const target = findObject(root, path) ?? fail(`move operation does not apply: doc is missing destination path: ${path}`, missing);
        try { add(target[0], target[1], val ?? null); } catch (e) { fail(`error in move for path: '${path}'`, (e as Error).message); }
        break;
      }
      case 'test': {
        const path = opPath(op, 'test');
        if (path === '') {
          if (!hasValue(op)) throw new GoPanicError('runtime error: invalid memory address or nil pointer dereference');
          if (!nodeEqual(root, opValue(op))) fail(`testing value ${path} failed`, 'test failed');
          break;
        }
        const target = findObject(root, path) ?? fail(`test operation does not apply: is missing path: ${path}`, missing);
        let val: JsonValue | undefined;
        try { val = get(target[0], target[1]); } catch (e) { fail(`error in test for path: '${path}'`, (e as Error).message); }
        if (val === undefined || val === null) {
          if (!hasValue(op)) throw new GoPanicError('runtime error: invalid memory address or nil pointer dereference');
          if (op?.value !== null) fail(`testing value ${path} failed`, 'test failed');
        } else if (!hasValue(op) || !nodeEqual(val, opValue(op))) {
          fail(`testing value ${path} failed`, 'test failed');
        }
        break;
      }
      case 'copy': {
        const from = opFrom(op, 'copy');
        const source = findObject(root, from) ?? fail(`copy operation does not apply: doc is missing from path: ${from}`, missing);
        let val: JsonValue | undefined;
        try { val = get(source[0], source[1]); } catch (e) { fail(`error in copy for from: '${from}'`, (e as Error).message); }
        const path = opPath(op, 'copy');
        const target = findObject(root, path) ?? fail(`copy operation does not apply: doc is missing destination path: ${path}`, missing);
        const valCopy = val === undefined || val === null ? null : deepCopyJson(val);
        if (valCopy !== null) copied += marshalledSize(valCopy);
        if (copied > accumulatedCopySizeLimit) {
          throw new JsonPatchError(`Unable to complete the copy, the accumulated size increase of copy is ${copied}, exceeding the limit ${accumulatedCopySizeLimit}`);
        }
        try { add(target[0], target[1], valCopy); } catch (e) { fail('error while adding value during copy', (e as Error).message); }
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${name}`);
    }
  }
  return root;
}
