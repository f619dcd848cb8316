/**
 * structured-merge-diff v4.4 `typed` operations over objects in Go JSON shape (see `api/go-json.ts`),
 * typed by the core/v1 struct table: `Compare` (which paths a write added, removed or modified) and
 * `ToFieldSet` (which paths an applied configuration names). Atomic structs, maps and lists are one
 * leaf; items of `map` lists are keyed `k:{...}`, of `set` lists `v:...`; an empty or null map or list
 * on both sides is a leaf too (`emptyPromoteToLeaf`), which is why `securityContext: {}` is owned as a
 * whole. A missing JSON key is "absent"; JSON null is a value.
 */
import { goStruct, type GoField } from '../api/core-v1-schema.js';
import { deepEqual } from './deep-equal.js';
import { FieldSet, pathElementKey, type FieldPath, type PathElement } from './field-set.js';

/** What one typed node is: a scalar leaf, a struct or map (by field), or a list. */
type TypeRef =
  | { readonly kind: 'scalar' }
  | { readonly kind: 'struct'; readonly name: string }
  | { readonly kind: 'map'; readonly element: TypeRef; readonly atomic: boolean }
  | { readonly kind: 'list'; readonly element: TypeRef; readonly field: GoField };

const elementRef = (f: GoField): TypeRef => (f.scalar ? { kind: 'scalar' } : { kind: 'struct', name: f.type });

function fieldRef(f: GoField): TypeRef {
  if (f.collection === 'list') return { kind: 'list', element: elementRef(f), field: f };
  if (f.collection === 'map') return { kind: 'map', element: elementRef(f), atomic: f.mapAtomic ?? false };
  return elementRef(f);
}

/** The type of the member `key` of a struct or map node (undefined for a field the struct lacks). */
function childRef(t: TypeRef, key: string): TypeRef | undefined {
  if (t.kind === 'map') return t.element;
  if (t.kind !== 'struct') return undefined;
  const f = goStruct(t.name).byName.get(key);
  return f ? fieldRef(f) : undefined;
}

const isAtomic = (t: TypeRef): boolean =>
  t.kind === 'scalar' || (t.kind === 'struct' && goStruct(t.name).atomic) || (t.kind === 'map' && t.atomic) || (t.kind === 'list' && t.field.listType === 'atomic');

type Obj = Record<string, unknown>;
const asObject = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** `listItemToPathElement`: key fields (missing ones take their schema default), the value, or the index. */
function itemPathElement(t: Extract<TypeRef, { kind: 'list' }>, item: unknown, index: number): PathElement {
  const f = t.field;
  if (f.listType === 'set') return { value: item };
  if (f.listType === 'map' && f.listMapKeys && t.element.kind === 'struct') {
    const s = goStruct(t.element.name);
    const o = asObject(item) ?? {};
    const key = f.listMapKeys.map((k): [string, unknown] => {
      if (k in o) return [k, o[k]];
      // The OpenAPI defaults of every 1.32 key field: protocol TCP, strings "", numbers 0.
      const kf = s.byName.get(k);
      return [k, k === 'protocol' ? 'TCP' : kf?.type === 'int' ? 0 : ''];
    });
    key.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { key };
  }
  return { index };
}

/** The result of `Compare`. */
export interface Comparison {
  readonly added: FieldSet;
  readonly removed: FieldSet;
  readonly modified: FieldSet;
}

const ABSENT = undefined;

class Comparer {
  readonly added = new FieldSet();
  readonly removed = new FieldSet();
  readonly modified = new FieldSet();

  /** `compareWalker.compare` for one node; `lhs`/`rhs` undefined mean absent. */
  compare(t: TypeRef, lhs: unknown, rhs: unknown, path: PathElement[]): void {
    let inLeaf = false;
    const leaf = (): void => {
      inLeaf = true;
      if (lhs === ABSENT) this.added.insert(path);
      else if (rhs === ABSENT) this.removed.insert(path);
      else if (!deepEqual(lhs, rhs)) this.modified.insert(path);
    };
    if (t.kind === 'scalar') leaf();
    else if (t.kind === 'list') {
      const l = Array.isArray(lhs) ? lhs : [];
      const r = Array.isArray(rhs) ? rhs : [];
      if (isAtomic(t) || (l.length === 0 && r.length === 0)) leaf();
      else this.listItems(t, l, r, path);
    } else {
      const l = asObject(lhs);
      const r = asObject(rhs);
      const empty = (o: Obj | undefined): boolean => !o || Object.keys(o).length === 0;
      if (isAtomic(t) || (empty(l) && empty(r))) leaf();
      else {
        for (const key of new Set([...Object.keys(l ?? {}), ...Object.keys(r ?? {})])) {
          const ct = childRef(t, key);
          if (ct) this.compare(ct, l?.[key], r?.[key], [...path, { field: key }]);
        }
      }
    }
    if (!inLeaf) {
      if (lhs === ABSENT) this.added.insert(path);
      else if (rhs === ABSENT) this.removed.insert(path);
    }
  }

  /** `visitListItems`, including its handling of duplicate keys. */
  private listItems(t: Extract<TypeRef, { kind: 'list' }>, lhs: unknown[], rhs: unknown[], path: PathElement[]): void {
    const group = (items: unknown[]): Map<string, { pe: PathElement; values: unknown[] }> => {
      const m = new Map<string, { pe: PathElement; values: unknown[] }>();
      items.forEach((item, i) => {
        const pe = itemPathElement(t, item, i);
        const k = pathElementKey(pe);
        const g = m.get(k);
        if (g) g.values.push(item);
        else m.set(k, { pe, values: [item] });
      });
      return m;
    };
    const l = group(lhs);
    const r = group(rhs);
    for (const k of new Set([...l.keys(), ...r.keys()])) {
      const lv = l.get(k)?.values ?? [];
      const rv = r.get(k)?.values ?? [];
      const pe = (l.get(k) ?? r.get(k))!.pe;
      const itemPath = [...path, pe];
      if (lv.length <= 1 && rv.length <= 1) this.compare(t.element, lv[0], rv[0], itemPath);
      else if (lv.length >= 2 && rv.length >= 2) {
        if (!deepEqual(lv, rv)) this.modified.insert(itemPath);
      } else if (lv.length >= 2) {
        if (rv.length > 0) this.compare(t.element, ABSENT, rv[0], itemPath);
        this.removed.insert(itemPath);
      } else {
        if (lv.length > 0) this.compare(t.element, lv[0], ABSENT, itemPath);
        this.added.insert(itemPath);
      }
    }
  }
}

/** `TypedValue.Compare` of two objects of the Go struct `typeName`. */
export function compareTyped(lhs: unknown, rhs: unknown, typeName: string): Comparison {
  const c = new Comparer();
  c.compare({ kind: 'struct', name: typeName }, lhs, rhs, []);
  return { added: c.added, removed: c.removed, modified: c.modified };
}

/** `TypedValue.ToFieldSet`: leaves, atomic nodes and list items of `value`; maps and structs are not members. */
export function toFieldSet(value: unknown, typeName: string): FieldSet {
  const set = new FieldSet();
  const walk = (t: TypeRef, v: unknown, path: FieldPath): void => {
    if (isAtomic(t)) {
      set.insert(path);
      return;
    }
    if (t.kind === 'list') {
      if (!Array.isArray(v)) return;
      v.forEach((item, i) => {
        const itemPath = [...path, itemPathElement(t, item, i)];
        walk(t.element, item, itemPath);
        set.insert(itemPath);
      });
      return;
    }
    const o = asObject(v);
    for (const [key, child] of Object.entries(o ?? {})) {
      const ct = childRef(t, key);
      if (ct) walk(ct, child, [...path, { field: key }]);
    }
  };
  walk({ kind: 'struct', name: typeName }, value, []);
  return set;
}
