/**
 * Sets of field paths as structured-merge-diff v4.4 keeps them for managedFields (`fieldpath.Set`,
 * `PathElement`), with the `FieldsV1` JSON form: `f:<field>`, `k:{<key fields>}` for items of map lists,
 * `v:<value>` for items of set lists, `i:<index>`, and `"."` for a node that is itself a member and has
 * children. Keys are ordered as SMD serialises them: `.` first, then path elements by
 * `PathElement.Compare` (fields by byte order, then keys field by field, then values, then indexes).
 */

/** One step of a path. Key fields are sorted by name. */
export type PathElement =
  | { readonly field: string }
  | { readonly key: readonly (readonly [string, unknown])[] }
  | { readonly value: unknown }
  | { readonly index: number };

/** A path from the object root. */
export type FieldPath = readonly PathElement[];

/** JSON as Go's encoder writes it inside FieldsV1 keys: `<`, `>`, `&`, U+2028, U+2029 escaped. */
function goJSON(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The FieldsV1 key of a path element (`SerializePathElement`). */
export function pathElementKey(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([name, v]) => `${goJSON(name)}:${goJSON(v)}`).join(',')}}`;
  if ('value' in pe) return `v:${goJSON(pe.value)}`;
  return `i:${pe.index}`;
}

/** `DeserializePathElement` */
export function parsePathElementKey(key: string): PathElement {
  const body = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'f:':
      return { field: body };
    case 'k:': {
      const fields = Object.entries(JSON.parse(body) as Record<string, unknown>);
      fields.sort(([a], [b]) => compareStrings(a, b));
      return { key: fields };
    }
    case 'v:':
      return { value: JSON.parse(body) as unknown };
    case 'i:':
      return { index: Number.parseInt(body, 10) };
    default:
      throw new Error(`unknown path element ${key}`);
  }
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const valueRank = (v: unknown): number =>
  typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : v === null ? 5 : 4;

/** `value.Compare`: numbers, then strings, then bools, lists, maps, null. */
function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareStrings(JSON.stringify(a), JSON.stringify(b));
}

const peRank = (pe: PathElement): number => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);

/** `PathElement.Compare` */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const r = peRank(a) - peRank(b);
  if (r !== 0) return r;
  if ('field' in a && 'field' in b) return compareStrings(a.field, b.field);
  if ('key' in a && 'key' in b) {
    for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) {
      const [an, av] = a.key[i]!;
      const [bn, bv] = b.key[i]!;
      const c = compareStrings(an, bn) || compareValues(av, bv);
      if (c !== 0) return c;
    }
    return a.key.length - b.key.length;
  }
  if ('value' in a && 'value' in b) return compareValues(a.value, b.value);
  if ('index' in a && 'index' in b) return a.index - b.index;
  return 0;
}

/** `fieldpath.Path.String()`: `.spec.containers[name="web"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      if ('field' in pe) return `.${pe.field}`;
      if ('key' in pe) return `[${pe.key.map(([n, v]) => `${n}=${goJSON(v)}`).join(',')}]`;
      if ('value' in pe) return `[=${goJSON(pe.value)}]`;
      return `[${pe.index}]`;
    })
    .join('');
}

/** A set of field paths (`fieldpath.Set`): members at this level and child sets below. */
export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, { readonly pe: PathElement; readonly set: FieldSet }>();

  /** Adds `path` (and nothing else: its ancestors are not members). */
  insert(path: FieldPath): void {
    if (path.length === 0) return;
    const [head, ...rest] = path as [PathElement, ...PathElement[]];
    const k = pathElementKey(head);
    if (rest.length === 0) {
      this.members.set(k, head);
      return;
    }
    let child = this.children.get(k);
    if (!child) {
      child = { pe: head, set: new FieldSet() };
      this.children.set(k, child);
    }
    child.set.insert(rest);
  }

  /** Whether `path` itself is a member. */
  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    const [head, ...rest] = path as [PathElement, ...PathElement[]];
    const k = pathElementKey(head);
    return rest.length === 0 ? this.members.has(k) : (this.children.get(k)?.set.has(rest) ?? false);
  }

  /** `Empty`: no member anywhere. */
  isEmpty(): boolean {
    return this.members.size === 0 && [...this.children.values()].every((c) => c.set.isEmpty());
  }

  /** Every member path, depth first. */
  paths(prefix: FieldPath = []): FieldPath[] {
    const out: FieldPath[] = [...this.members.values()].map((pe) => [...prefix, pe]);
    for (const { pe, set } of this.children.values()) out.push(...set.paths([...prefix, pe]));
    return out;
  }

  private static combine(a: FieldSet, b: FieldSet, op: 'union' | 'difference' | 'intersection' | 'recursiveDifference'): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of a.members) {
      const inB = b.members.has(k);
      if (op === 'union' || (op === 'intersection' ? inB : !inB)) out.members.set(k, pe);
    }
    if (op === 'union') for (const [k, pe] of b.members) out.members.set(k, pe);
    for (const [k, { pe, set }] of a.children) {
      if (op === 'recursiveDifference' && b.members.has(k)) continue;
      const other = b.children.get(k);
      const sub = other ? FieldSet.combine(set, other.set, op) : op === 'intersection' ? undefined : set.copy();
      if (sub && !sub.isEmpty()) out.children.set(k, { pe, set: sub });
    }
    if (op === 'union') {
      for (const [k, { pe, set }] of b.children) if (!a.children.has(k) && !set.isEmpty()) out.children.set(k, { pe, set: set.copy() });
    }
    return out;
  }

  private copy(): FieldSet {
    return FieldSet.combine(this, new FieldSet(), 'union');
  }

  /** `Union` */
  union(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, 'union');
  }

  /** `Difference`: members of this set that are not members of `other` (descendants are kept). */
  difference(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, 'difference');
  }

  /** `Intersection` */
  intersection(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, 'intersection');
  }

  /** `RecursiveDifference`: like difference, also dropping everything under a member of `other`. */
  recursiveDifference(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, 'recursiveDifference');
  }

  /** Only the paths that start with one of `prefixes` (an include filter, `NewIncludeMatcherFilter`). */
  withPrefixes(prefixes: readonly FieldPath[]): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) {
      if (prefixes.some((pre) => pre.length <= p.length && pre.every((pe, i) => pathElementKey(pe) === pathElementKey(p[i]!)))) out.insert(p);
    }
    return out;
  }

  /** The FieldsV1 object (`Set.ToJSON`), keys in SMD order. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (includeSelf && (this.members.size > 0 || this.children.size > 0)) out['.'] = {};
    const keys = new Map<string, PathElement>([...this.members, ...[...this.children].map(([k, c]) => [k, c.pe] as const)]);
    const ordered = [...keys].sort(([, a], [, b]) => comparePathElements(a, b));
    for (const [k] of ordered) {
      const child = this.children.get(k);
      out[k] = child ? child.set.emit(this.members.has(k)) : {};
    }
    return out;
  }

  /** `Set.FromJSON` of a FieldsV1 object. */
  static fromFieldsV1(json: unknown): FieldSet {
    const set = new FieldSet();
    const walk = (node: Record<string, unknown>, prefix: PathElement[]): void => {
      for (const [k, v] of Object.entries(node)) {
        if (k === '.') continue;
        const pe = parsePathElementKey(k);
        const sub = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
        const keys = Object.keys(sub);
        if (keys.length === 0 || keys.includes('.')) set.insert([...prefix, pe]);
        walk(sub, [...prefix, pe]);
      }
    };
    if (typeof json === 'object' && json !== null) walk(json as Record<string, unknown>, []);
    return set;
  }
}
