/**
 * Structural sharing of stored objects (hash-consing). Stored objects are deeply frozen, so two equal
 * subtrees can be one: the 100,000 replicas of a Deployment carry the same tolerations, probes, env,
 * resources, owner references, managed-fields sets and conditions, and each keeps only what is its
 * own (name, uid, resourceVersion, IPs, container IDs, generated volume names). Sharing is invisible to
 * readers — the values are equal and frozen — and cuts a pod's heap several times over.
 *
 * Equal subtrees are found bottom-up: a node's children are made canonical first, so two nodes are
 * equal exactly when they have the same keys in the same order and identical (`===`) values, and a
 * hash over keys and values finds candidates. A node with a child seen for the first time cannot equal
 * any node already stored and is inserted without a lookup. Canonical nodes live in two generations
 * of tables: a lookup promotes a hit from the old generation to the young one, and when the young one
 * is full the old one is dropped, so nodes no stored object uses any more are forgotten without a
 * sweep over the store, and the tables never hold more than two generations of nodes.
 *
 * Only plain objects and arrays are shared; anything else (class instances, typed arrays, functions)
 * is kept as it is and neither frozen nor shared.
 */

import {
  HASH_FALSE, HASH_NULL, HASH_TRUE, HASH_UNDEFINED, SEED_ARRAY, SEED_OBJECT, hashNumber, hashString, isPlainObject, mix, sameNode, type Node,
} from './value-hash.js';

/** Several canonical nodes under one hash (a collision); distinct from a node, which may be an array. */
class Bucket {
  constructor(readonly nodes: Node[]) {}
}

type Entry = Node | Bucket;

/** Most canonical nodes kept under one hash. */
const MAX_BUCKET = 8;

/** Options of {@link SharedValues}. */
export interface SharedValuesOptions {
  /** Canonical nodes per generation (default 65,536). */
  generationSize?: number;
}

/** The canonical-node tables of one store (see the file comment). */
export class SharedValues {
  private young = new Map<number, Entry>();
  private old = new Map<number, Entry>();
  private readonly generationSize: number;
  /** Canonical strings, in two generations as the nodes are. */
  private youngStrings = new Map<string, string>();
  private oldStrings = new Map<string, string>();
  /** Hashes of object keys: a small, recurring set (field names, label keys). */
  private readonly keyHashes = new Map<string, number>();
  // The last value's hash and whether it was new (set by value(); avoids allocating a pair per node).
  private h = 0;
  private fresh = false;

  constructor(opts: SharedValuesOptions = {}) {
    this.generationSize = Math.max(1, opts.generationSize ?? 65536);
  }

  /** How many canonical nodes and strings the tables hold (both generations; for tests and diagnostics, O(size)). */
  get size(): { nodes: number; strings: number } {
    let nodes = 0;
    for (const table of [this.young, this.old]) for (const e of table.values()) nodes += e instanceof Bucket ? e.nodes.length : 1;
    return { nodes, strings: this.youngStrings.size + this.oldStrings.size };
  }

  /**
   * The object to store for `obj`: deeply frozen, its subtrees replaced by equal canonical ones. The
   * object itself and its `metadata` carry its identity (name, uid, resourceVersion) and are never
   * shared. Unfrozen nodes of `obj` are frozen in place (as the store has always done); frozen ones
   * are copied where they need a canonical child, never changed.
   */
  share<T extends object>(obj: T): T {
    if (!isPlainObject(obj)) return obj;
    const root = obj as Record<string, unknown>;
    const rootFrozen = Object.isFrozen(root);
    for (const k of Object.keys(root)) {
      const child = root[k];
      if (child === null || typeof child !== 'object') continue;
      const shared = k === 'metadata' && isPlainObject(child) && !Object.isFrozen(child) ? this.shareTopLevel(child) : this.value(child);
      if (shared !== child && !rootFrozen) root[k] = shared;
    }
    return Object.freeze(obj);
  }

  /** The children of a node that is never shared itself (metadata): shared, then the node frozen. */
  private shareTopLevel(node: Record<string, unknown>): Record<string, unknown> {
    for (const k of Object.keys(node)) {
      const child = node[k];
      if (typeof child === 'string') node[k] = this.string(child);
      else if (child !== null && typeof child === 'object') node[k] = this.value(child);
    }
    return Object.freeze(node);
  }

  /** The canonical form of any value; sets `h` to its hash and `fresh` to whether it is new. */
  private value(v: unknown): unknown {
    switch (typeof v) {
      case 'string':
        this.h = hashString(v);
        this.fresh = false;
        return v;
      case 'number':
        this.h = hashNumber(v);
        this.fresh = false;
        return v;
      case 'boolean':
        this.h = v ? HASH_TRUE : HASH_FALSE;
        this.fresh = false;
        return v;
      case 'undefined':
        this.h = HASH_UNDEFINED;
        this.fresh = false;
        return v;
      case 'object':
        if (v === null) {
          this.h = HASH_NULL;
          this.fresh = false;
          return v;
        }
        if (Array.isArray(v)) return this.node(v, true);
        if (isPlainObject(v)) return this.node(v, false);
        this.h = 0;
        this.fresh = true; // opaque: its parent is not shared
        return v;
      default:
        this.h = 0;
        this.fresh = true;
        return v;
    }
  }

  /** The canonical copy of a string: the image, the token mount path, the timestamps repeat in every pod. */
  private string(v: string): string {
    const y = this.youngStrings.get(v);
    if (y !== undefined) return y;
    const o = this.oldStrings.get(v);
    if (this.youngStrings.size >= this.generationSize) {
      this.oldStrings = this.youngStrings;
      this.youngStrings = new Map();
    }
    const c = o ?? v;
    this.youngStrings.set(c, c);
    return c;
  }

  private keyHash(k: string): number {
    let h = this.keyHashes.get(k);
    if (h === undefined) {
      h = hashString(k);
      if (this.keyHashes.size >= 16_384) this.keyHashes.clear();
      this.keyHashes.set(k, h);
    }
    return h;
  }

  /**
   * A plain object or array: its children made canonical, then the node itself. An unfrozen node is
   * updated and frozen in place; a frozen one (an earlier stored version's subtree, or one frozen by
   * immer on the way) is copied only when one of its children has a different canonical node. Strings
   * are made canonical only in a node that is stored as new: a node found in the tables has them already.
   */
  private node(v: Node, isArray: boolean): Node {
    const frozen = Object.isFrozen(v);
    let copy: unknown[] | Record<string, unknown> | undefined;
    let h: number;
    let anyFresh = false;
    let strings = false;
    if (isArray) {
      const a = v as unknown[];
      h = mix(SEED_ARRAY, a.length);
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const c = this.value(x);
        h = mix(h, this.h);
        anyFresh ||= this.fresh;
        if (c !== x) {
          if (frozen) ((copy as unknown[] | undefined) ??= a.slice())[i] = c;
          else a[i] = c;
        } else strings ||= typeof x === 'string';
      }
    } else {
      const o = v as Record<string, unknown>;
      h = SEED_OBJECT;
      for (const k in o) {
        const x = o[k];
        const c = this.value(x);
        h = mix(mix(h, this.keyHash(k)), this.h);
        anyFresh ||= this.fresh;
        if (c !== x) {
          if (frozen) ((copy as Record<string, unknown> | undefined) ??= { ...o })[k] = c;
          else o[k] = c;
        } else strings ||= typeof x === 'string';
      }
    }
    this.h = h;
    // A node with a child seen for the first time cannot equal a stored one: no lookup, only the insert.
    const found = anyFresh ? undefined : this.lookup(h, copy ?? v, isArray);
    if (found) {
      this.fresh = false;
      return found;
    }
    const n = copy ?? v;
    if (strings && !frozen) this.internStrings(n, isArray);
    if (n !== v || !frozen) Object.freeze(n);
    this.insert(this.young, h, n);
    this.fresh = true;
    return n;
  }

  /**
   * Replaces the string children of an unfrozen node by their canonical copies (the same value, so the
   * node's hash and equality are unchanged; only the memory is shared).
   */
  private internStrings(n: Node, isArray: boolean): void {
    if (isArray) {
      const a = n as unknown[];
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (typeof x === 'string') a[i] = this.string(x);
      }
      return;
    }
    const o = n as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (typeof x === 'string') o[k] = this.string(x);
    }
  }

  private lookup(h: number, v: Node, isArray: boolean): Node | undefined {
    const y = this.young.get(h);
    if (y !== undefined) {
      const hit = match(y, v, isArray);
      if (hit) return hit;
    }
    const o = this.old.get(h);
    if (o !== undefined) {
      const hit = match(o, v, isArray);
      if (hit) {
        this.insert(this.young, h, hit); // still in use: keep it past the next generation change
        return hit;
      }
    }
    return undefined;
  }

  private insert(table: Map<number, Entry>, h: number, v: Node): void {
    const e = table.get(h);
    if (e === undefined) {
      if (table === this.young && this.young.size >= this.generationSize) {
        this.old = this.young;
        this.young = new Map();
        this.young.set(h, v);
        return;
      }
      table.set(h, v);
    } else if (e instanceof Bucket) {
      if (e.nodes.includes(v)) return;
      // Bounded: a value that is stored again and again unshared (it holds something opaque) must
      // not grow one bucket for the rest of a generation.
      if (e.nodes.length >= MAX_BUCKET) e.nodes.shift();
      e.nodes.push(v);
    } else if (e !== v) table.set(h, new Bucket([e, v]));
  }
}

function match(e: Entry, v: Node, isArray: boolean): Node | undefined {
  if (e instanceof Bucket) {
    for (const n of e.nodes) if (sameNode(n, v, isArray)) return n;
    return undefined;
  }
  return sameNode(e, v, isArray) ? e : undefined;
}
