/**
 * Field selectors: `fields.ParseSelector` of apimachinery `pkg/fields/selector.go` (`parseSelector`,
 * `splitTerms`, `splitTerm`, `UnescapeValue`, `EscapeValue`) and the selector it builds (`hasTerm`,
 * `notHasTerm`, `andTerm` with `Matches`, `String`, `Empty`, `Transform`, `RequiresExactMatch`).
 */
import { SelectorError, compareBytes } from './selector-error.js';

export { SelectorError, isSelectorError } from './selector-error.js';

/** A field set (`fields.Set`): a field that is absent reads as "". */
export type FieldSet = Readonly<Record<string, string>>;

/** One term: `field=value` (`hasTerm`) or `field!=value` (`notHasTerm`); `==` parses as `=`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  /** The value after unescaping. */
  readonly value: string;
}

/** A label conversion (`TransformFunc`): returns the field and value to use, or throws a SelectorError. */
export type FieldTransform = (field: string, value: string) => readonly [string, string];

/** `EscapeValue`: backslash-escapes `\`, `,` and `=`. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * `UnescapeValue`: `\\`, `\,` and `\=` are the only escapes; any other escape, a trailing backslash, or a bare
 * `,`/`=` is an error (the bare character is printed as its code point number, as Go's `%v` of a rune does).
 */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)!}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** `splitTerms`: splits on commas not preceded by an escaping backslash. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** `splitTerm`: the first operator from the left wins; at one position `!=` is tried, then `==`, then `=`. */
function splitTerm(term: string): [string, '=' | '==' | '!=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

const noFields: FieldSet = Object.freeze({});

/** A parsed field selector (`fields.Selector`): its terms ANDed. Immutable and reusable. */
export class FieldSelector {
  private static readonly EVERYTHING = new FieldSelector([], false);
  private static readonly NOTHING = new FieldSelector([], true);

  private constructor(
    /** The terms in parse (byte-sorted) order. */
    readonly requirements: readonly FieldRequirement[],
    private readonly nothing: boolean,
  ) {}

  /** An AND of the given terms (`andTerm`), kept in the given order. */
  static of(requirements: readonly FieldRequirement[]): FieldSelector {
    return requirements.length === 0 ? FieldSelector.EVERYTHING : new FieldSelector([...requirements], false);
  }

  /** `fields.Everything()` */
  static everything(): FieldSelector {
    return FieldSelector.EVERYTHING;
  }

  /** `fields.Nothing()`: matches nothing. */
  static nothing(): FieldSelector {
    return FieldSelector.NOTHING;
  }

  /** `Matches`: each term compares exactly; an absent field reads as "". */
  matches(fields: FieldSet | undefined | null): boolean {
    if (this.nothing) return false;
    const fs = fields ?? noFields;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) {
      const r = reqs[i]!;
      const v = fs[r.field];
      const got = typeof v === 'string' ? v : '';
      if ((got === r.value) !== (r.operator === '=')) return false;
    }
    return true;
  }

  /** `Empty`: no terms (matches everything); Nothing is not empty. */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** Whether this is `fields.Nothing()`. */
  isNothing(): boolean {
    return this.nothing;
  }

  /** `RequiresExactMatch`: the value of the first `field=value` term on this field, if any. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /**
   * `Transform`: rewrites every term through `fn` (which may throw); a term whose field and value both come
   * back empty is dropped.
   */
  transform(fn: FieldTransform): FieldSelector {
    if (this.nothing) return this;
    const out: FieldRequirement[] = [];
    for (const r of this.requirements) {
      const [field, value] = fn(r.field, r.value);
      if (field.length === 0 && value.length === 0) continue;
      out.push({ field, operator: r.operator, value });
    }
    return FieldSelector.of(out);
  }

  /** `String`: `field=value` / `field!=value` with values escaped, joined by `,`. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

/** `OneTermEqualSelector` */
export const oneTermEqualSelector = (field: string, value: string): FieldSelector => FieldSelector.of([{ field, operator: '=', value }]);
/** `OneTermNotEqualSelector` */
export const oneTermNotEqualSelector = (field: string, value: string): FieldSelector => FieldSelector.of([{ field, operator: '!=', value }]);

/** `AndSelectors`: all terms of all selectors (a Nothing among them makes Nothing). */
export function andSelectors(...selectors: FieldSelector[]): FieldSelector {
  if (selectors.some((s) => s.isNothing())) return FieldSelector.nothing();
  return FieldSelector.of(selectors.flatMap((s) => s.requirements));
}

/**
 * `fields.ParseSelector`: terms are split on unescaped commas, sorted as byte strings, empty ones skipped;
 * the left side is kept verbatim (no trimming). Throws a {@link SelectorError} with the apiserver's message.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort(compareBytes);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rhs) });
  }
  // parseSelector ends with Transform(identity), which drops terms like "=" whose field and value are empty.
  return FieldSelector.of(reqs).transform((f, v) => [f, v]);
}
