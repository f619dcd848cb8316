/**
 * Label selectors: `labels.Parse` (the `Parser` of apimachinery `pkg/labels/selector.go`), the parsed
 * `internalSelector` with `Matches`, `String`, `Empty`, `RequiresExactMatch`, and `Everything`/`Nothing`/
 * `SelectorFromSet`. A parsed selector is immutable and meant to be reused across many objects.
 */
import type { FieldPath } from '../field/path.js';
import { Token, lex } from './label-lexer.js';
import type { ScannedItem } from './label-lexer.js';
import { Operator, Requirement, labelKeyError, newRequirement } from './label-requirement.js';
import type { Labels } from './label-requirement.js';
import { SelectorError, compareBytes } from './selector-error.js';

export { Operator, Requirement, newRequirement, parseInt64 } from './label-requirement.js';
export type { Labels } from './label-requirement.js';
export { SelectorError, isSelectorError } from './selector-error.js';

const noLabels: Labels = Object.freeze({});

/** A parsed label selector (`labels.Selector`): requirements ANDed, sorted by key. */
export class LabelSelector {
  private constructor(
    /** The requirements in canonical (key-sorted) order. */
    readonly requirements: readonly Requirement[],
    private readonly nothing: boolean,
  ) {}

  /** Builds a selector from requirements, sorting them by key stably (`Add` / `parse` use `sort.Sort(ByKey)`). */
  static of(requirements: readonly Requirement[]): LabelSelector {
    return new LabelSelector([...requirements].sort((a, b) => compareBytes(a.key, b.key)), false);
  }

  private static readonly EVERYTHING = new LabelSelector([], false);
  private static readonly NOTHING = new LabelSelector([], true);

  /** `labels.Everything()`: matches every object. */
  static everything(): LabelSelector {
    return LabelSelector.EVERYTHING;
  }

  /** `labels.Nothing()`: matches no object (what a nil metav1.LabelSelector converts to). */
  static nothing(): LabelSelector {
    return LabelSelector.NOTHING;
  }

  /** `Matches`: every requirement matches the label set (missing labels read as an empty set). */
  matches(labels: Labels | undefined | null): boolean {
    if (this.nothing) return false;
    const ls = labels ?? noLabels;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) if (!reqs[i]!.matches(ls)) return false;
    return true;
  }

  /** `Empty`: true for a selector without requirements (it matches everything). `Nothing` is not empty. */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** Whether this is `labels.Nothing()`. */
  isNothing(): boolean {
    return this.nothing;
  }

  /** `Add`: a new selector with more requirements, re-sorted by key (Nothing stays Nothing, as in Go). */
  add(...reqs: Requirement[]): LabelSelector {
    if (this.nothing) return this;
    return LabelSelector.of([...this.requirements, ...reqs]);
  }

  /**
   * `RequiresExactMatch`: the value the first requirement on `label` pins (`=`, `==`, or `in` with one
   * value); `undefined` when that requirement does not pin one value or there is none.
   */
  requiresExactMatch(label: string): string | undefined {
    const r = this.requirements.find((x) => x.key === label);
    if (!r) return undefined;
    const pins = r.operator === Operator.Equals || r.operator === Operator.DoubleEquals || r.operator === Operator.In;
    return pins && r.values.length === 1 ? r.values[0] : undefined;
  }

  /** `String`: the canonical form, requirements joined by `,` (empty for Everything and Nothing). */
  toString(): string {
    return this.requirements.map((r) => r.toString()).join(',');
  }
}

/** `SelectorFromValidatedSet`: `k=v` for each entry, without validation. */
export function selectorFromSet(set: Labels | undefined | null): LabelSelector {
  if (!set) return LabelSelector.everything();
  return LabelSelector.of(Object.entries(set).map(([k, v]) => new Requirement(k, Operator.Equals, [v])));
}

/** The parser (`Parser`): a token list and a cursor; `Values` context turns `in`/`notin` into identifiers. */
class Parser {
  private position = 0;

  constructor(
    private readonly items: readonly ScannedItem[],
    private readonly path: FieldPath | undefined,
  ) {}

  private lookahead(values: boolean): ScannedItem {
    const it = this.items[this.position]!;
    return values && (it.tok === Token.In || it.tok === Token.NotIn) ? { tok: Token.Identifier, literal: it.literal } : it;
  }

  private consume(values: boolean): ScannedItem {
    const it = this.lookahead(values);
    if (this.position < this.items.length - 1) this.position++;
    return it;
  }

  /** `parse`: requirements separated by commas; errors inside a requirement get `unable to parse requirement: `. */
  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(true);
      if (tok === Token.EndOfString) return reqs;
      if (tok !== Token.Identifier && tok !== Token.DoesNotExist) {
        throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.parseRequirement());
      } catch (e) {
        if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const t = this.consume(true);
      if (t.tok === Token.EndOfString) return reqs;
      if (t.tok !== Token.Comma) throw new SelectorError(`found '${t.literal}', expected: ',' or 'end of string'`);
      const t2 = this.lookahead(true);
      if (t2.tok !== Token.Identifier && t2.tok !== Token.DoesNotExist) {
        throw new SelectorError(`found '${t2.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let { tok, literal } = this.consume(true);
    let op: Operator | undefined;
    if (tok === Token.DoesNotExist) {
      op = Operator.DoesNotExist;
      ({ tok, literal } = this.consume(true));
    }
    if (tok !== Token.Identifier) throw new SelectorError(`found '${literal}', expected: identifier`);
    // The parser validates the key with a nil path, which field.Error prints as "<nil>".
    const keyErr = labelKeyError(literal, this.path?.toString() ?? '<nil>');
    if (keyErr) throw new SelectorError(keyErr);
    const next = this.lookahead(true).tok;
    if (next === Token.EndOfString || next === Token.Comma) op ??= Operator.Exists;
    if (op === Operator.Exists || op === Operator.DoesNotExist) return newRequirement(literal, op, [], this.path);

    const operator = this.parseOperator();
    const values = operator === Operator.In || operator === Operator.NotIn ? this.parseValues() : this.parseExactValue();
    // sets.String.List(): de-duplicated and sorted before NewRequirement sees them.
    return newRequirement(literal, operator, [...values].sort(compareBytes), this.path);
  }

  private parseOperator(): Operator {
    const { tok, literal } = this.consume(false);
    switch (tok) {
      case Token.In: return Operator.In;
      case Token.Equals: return Operator.Equals;
      case Token.DoubleEquals: return Operator.DoubleEquals;
      case Token.GreaterThan: return Operator.GreaterThan;
      case Token.LessThan: return Operator.LessThan;
      case Token.NotIn: return Operator.NotIn;
      case Token.NotEquals: return Operator.NotEquals;
      default: throw new SelectorError(`found '${literal}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== Token.OpenPar) throw new SelectorError(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(true);
    if (tok === Token.Identifier || tok === Token.Comma) {
      const s = this.parseIdentifiersList();
      const close = this.consume(true);
      if (close.tok !== Token.ClosedPar) throw new SelectorError(`found '${literal}', expected: ')'`);
      return s;
    }
    if (tok === Token.ClosedPar) {
      this.consume(true);
      return new Set(['']);
    }
    throw new SelectorError(`found '${literal}', expected: ',', ')' or identifier`);
  }

  /** `parseIdentifiersList`: empty items (`(,a)`, `(a,)`, `(a,,b)`) add the empty string. */
  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume(true);
      if (tok === Token.Identifier) {
        s.add(literal);
        const t2 = this.lookahead(true);
        if (t2.tok === Token.Comma) continue;
        if (t2.tok === Token.ClosedPar) return s;
        throw new SelectorError(`found '${t2.literal}', expected: ',' or ')'`);
      } else if (tok === Token.Comma) {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead(true).tok;
        if (t2 === Token.ClosedPar) {
          s.add('');
          return s;
        }
        if (t2 === Token.Comma) {
          this.consume(true);
          s.add('');
        }
      } else {
        throw new SelectorError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  /** `parseExactValue`: a missing value (end or comma next) is the empty string. */
  private parseExactValue(): Set<string> {
    const next = this.lookahead(true).tok;
    if (next === Token.EndOfString || next === Token.Comma) return new Set(['']);
    const { tok, literal } = this.consume(true);
    if (tok === Token.Identifier) return new Set([literal]);
    throw new SelectorError(`found '${literal}', expected: identifier`);
  }
}

/**
 * `labels.Parse`: parses selector text into a {@link LabelSelector}, or throws a {@link SelectorError} whose
 * message is the apiserver's 400 message. An empty or all-whitespace string selects everything.
 */
export function parseLabelSelector(selector: string, path?: FieldPath): LabelSelector {
  const reqs = new Parser(lex(selector), path).parse();
  return reqs.length === 0 ? LabelSelector.everything() : LabelSelector.of(reqs);
}
