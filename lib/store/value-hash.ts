/**
 * The hashes structural sharing (shared-values.ts) finds equal subtrees with: 32-bit, over JSON values,
 * a node's hash folded from its keys and its children's hashes. Only candidates are found by hash;
 * equality ({@link sameNode}) is always checked.
 */

/** A JSON object or array: what is hashed and shared. */
export type Node = Record<string, unknown> | unknown[];

/** Seeds and constants that keep objects, arrays and the JSON scalars apart. */
export const SEED_OBJECT = 0x2f6b1c3d;
export const SEED_ARRAY = 0x5a17e0c9;
export const HASH_NULL = 0x1b873593;
export const HASH_UNDEFINED = 0x0c2b2ae3;
export const HASH_TRUE = 0x27d4eb2f;
export const HASH_FALSE = 0x165667b1;

/** Folds `x` into the running hash `h`. */
export const mix = (h: number, x: number): number => {
  const m = Math.imul(h ^ x, 0x9e3779b1);
  return (m << 13) | (m >>> 19);
};

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A number's hash: small integers directly, anything else by its shortest decimal text. */
export const hashNumber = (n: number): number =>
  (Number.isInteger(n) && Math.abs(n) <= 0x7fffffff ? mix(0x3c6ef372, n) : mix(0x3c6ef373, hashString(String(n))));

/** A plain object: made by a literal or JSON.parse in any realm (its prototype is an Object.prototype), or with none. */
export const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/** Same kind, same keys in the same order, identical values (children are canonical already). */
export function sameNode(a: Node, b: Node, isArray: boolean): boolean {
  if (a === b) return true;
  if (Array.isArray(a) !== isArray) return false;
  if (isArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y);
  let i = 0;
  for (const k in x) {
    if (k !== keys[i] || x[k] !== y[k]) return false;
    i++;
  }
  return i === keys.length;
}
