/**
 * One requirement of a label selector (apimachinery `pkg/labels/selector.go` `Requirement`, `NewRequirement`,
 * `Requirement.Matches`, `Requirement.String`) and the operators of `pkg/selection/operator.go`.
 */
import type { FieldPath } from '../field/path.js';
import { errorText, invalid, notSupported } from '../field/errors.js';
import { goQuote } from '../field/go-quote.js';
import { isQualifiedName, isValidLabelValue } from '../validation/names.js';
import { SelectorError, aggregateMessages, compareBytes } from './selector-error.js';

/** `selection.Operator` values, spelled as Go spells them. */
export const Operator = {
  DoesNotExist: '!',
  Equals: '=',
  DoubleEquals: '==',
  In: 'in',
  NotEquals: '!=',
  NotIn: 'notin',
  Exists: 'exists',
  GreaterThan: 'gt',
  LessThan: 'lt',
} as const;
/** One of {@link Operator}. */
export type Operator = (typeof Operator)[keyof typeof Operator];

/** `validRequirementOperators`, in the order the NotSupported message lists them. */
const validOperators: readonly string[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];

/** A label set as objects carry it (`metadata.labels`). */
export type Labels = Readonly<Record<string, string>>;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const int64Re = /^[+-]?[0-9]+$/;

/** `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits, within int64; otherwise undefined. */
export function parseInt64(s: string): bigint | undefined {
  if (!int64Re.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** Go's `%#v` of a `[]string`, as field.Invalid prints a slice value; a nil slice is `[]string(nil)`. */
export function goStringSlice(values: readonly string[] | null | undefined): string {
  return values ? `[]string{${values.map(goQuote).join(', ')}}` : '[]string(nil)';
}

/** A parsed, validated requirement. Immutable; `matches` is the hot path of list filtering. */
export class Requirement {
  /** The value set for membership tests (only for in/notin/=/==/!=). */
  private readonly set: ReadonlySet<string> | undefined;
  private readonly single: string | undefined;
  private readonly bound: bigint | undefined;
  private readonly boundNumber: number | undefined;

  /** Use {@link newRequirement}; this constructor does not validate. */
  constructor(
    readonly key: string,
    readonly operator: Operator,
    readonly values: readonly string[],
  ) {
    this.single = values.length === 1 ? values[0] : undefined;
    this.set = values.length > 1 ? new Set(values) : undefined;
    this.bound = (operator === Operator.GreaterThan || operator === Operator.LessThan) && values.length === 1 ? parseInt64(values[0]!) : undefined;
    const n = this.bound === undefined ? undefined : Number(this.bound);
    this.boundNumber = n !== undefined && Number.isSafeInteger(n) ? n : undefined;
  }

  /** `hasValue`: whether v is one of the values. */
  hasValue(v: string): boolean {
    return this.set ? this.set.has(v) : v === this.single;
  }

  /** `Requirement.Matches`: `!=`/`notin` and `!k` match a missing key; `>`/`<` need an integer label value. */
  matches(ls: Labels): boolean {
    const v = ls[this.key];
    // typeof excludes inherited Object.prototype members ("constructor", "toString"), which are never strings.
    const has = typeof v === 'string';
    switch (this.operator) {
      case Operator.In:
      case Operator.Equals:
      case Operator.DoubleEquals:
        return has && this.hasValue(v);
      case Operator.NotIn:
      case Operator.NotEquals:
        return !has || !this.hasValue(v);
      case Operator.Exists:
        return has;
      case Operator.DoesNotExist:
        return !has;
      case Operator.GreaterThan:
      case Operator.LessThan: {
        if (!has || this.bound === undefined) return false;
        // Short decimal strings are exact as doubles; only long ones need BigInt.
        if (this.boundNumber !== undefined && v.length <= 15 && int64Re.test(v)) {
          const n = Number(v);
          return this.operator === Operator.GreaterThan ? n > this.boundNumber : n < this.boundNumber;
        }
        const lv = parseInt64(v);
        if (lv === undefined) return false;
        return this.operator === Operator.GreaterThan ? lv > this.bound : lv < this.bound;
      }
    }
  }

  /** `Requirement.String`: `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k>v`, `k<v`, `k in (a,b)`, values sorted. */
  toString(): string {
    const op = this.operator;
    if (op === Operator.Exists) return this.key;
    if (op === Operator.DoesNotExist) return `!${this.key}`;
    const vals = this.values.length === 1 ? this.values[0]! : [...this.values].sort(compareBytes).join(',');
    switch (op) {
      case Operator.In:
        return `${this.key} in (${vals})`;
      case Operator.NotIn:
        return `${this.key} notin (${vals})`;
      case Operator.GreaterThan:
        return `${this.key}>${vals}`;
      case Operator.LessThan:
        return `${this.key}<${vals}`;
      default:
        return `${this.key}${op}${vals}`;
    }
  }
}

/** `validateLabelKey`: one Invalid with the IsQualifiedName messages joined by `; `. */
export function labelKeyError(key: string, path: string): string | undefined {
  const msgs = isQualifiedName(key);
  return msgs.length > 0 ? errorText(invalid(path, key, msgs.join('; '))) : undefined;
}

/** Appends `.name` to a Go path that may be nil (a nil parent renders nothing). */
const child = (path: FieldPath | undefined, name: string): string => (path ? `${path.toString()}.${name}` : name);

/**
 * The checks of `NewRequirement`, as error texts in Go's order: the key, the operator and its value count,
 * `>`/`<` integers, and every value as a label value (at `values[i][key]`). Empty when the requirement is valid.
 */
export function requirementErrors(key: string, op: string, goValues: readonly string[] | null | undefined, path?: FieldPath): string[] {
  const errs: string[] = [];
  const values = goValues ?? [];
  const keyErr = labelKeyError(key, child(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const valuesPath = child(path, 'values');
  const invalidSlice = (detail: string) => `${valuesPath}: Invalid value: ${goStringSlice(goValues)}: ${detail}`;
  switch (op) {
    case Operator.In:
    case Operator.NotIn:
      if (values.length === 0) errs.push(invalidSlice("for 'in', 'notin' operators, values set can't be empty"));
      break;
    case Operator.Equals:
    case Operator.DoubleEquals:
    case Operator.NotEquals:
      if (values.length !== 1) errs.push(invalidSlice('exact-match compatibility requires one single value'));
      break;
    case Operator.Exists:
    case Operator.DoesNotExist:
      if (values.length !== 0) errs.push(invalidSlice('values set must be empty for exists and does not exist'));
      break;
    case Operator.GreaterThan:
    case Operator.LessThan:
      if (values.length !== 1) errs.push(invalidSlice("for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(errorText(invalid(`${valuesPath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")));
        }
      });
      break;
    default:
      errs.push(errorText(notSupported(child(path, 'operator'), op, validOperators)));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(errorText(invalid(`${valuesPath}[${i}][${key}]`, v, msgs.join('; '))));
  });
  return errs;
}

/**
 * `NewRequirement`: a validated requirement, or a {@link SelectorError} with the aggregated errors. `values`
 * undefined/null stands for a Go nil slice (it prints as `[]string(nil)` in errors).
 */
export function newRequirement(key: string, op: string, values: readonly string[] | null | undefined, path?: FieldPath): Requirement {
  const errs = requirementErrors(key, op, values, path);
  if (errs.length > 0) throw new SelectorError(aggregateMessages(errs));
  return new Requirement(key, op as Operator, [...(values ?? [])]);
}
