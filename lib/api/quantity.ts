/**
 * Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`): parsing with Go's grammar and
 * error texts, exact comparison and arithmetic, and the canonical string form the apiserver stores
 * (`1.5Gi` → `1536Mi`, `0.5` → `500m`, `1000` → `1k`). Values are kept as an exact count of nano-units,
 * which is all a Quantity can hold: parsing rounds any finer precision up to 1n, as ParseQuantity does.
 */

/** How a quantity prints: the suffix family it was written with (`Format` in Go). */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** `ErrFormatWrong` */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** `ErrNumeric` */
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
/** `ErrSuffix` */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** A string that is not a quantity; the message is Go's error text. */
export class QuantityParseError extends Error {
  override readonly name = 'QuantityParseError';
}

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;

const decimalSuffixes: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const binarySuffixes: ReadonlyMap<string, number> = new Map([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);
const decimalByExponent = new Map([...decimalSuffixes].map(([s, e]) => [e, s] as const));
const binaryByExponent = new Map([['', 0] as const, ...binarySuffixes].map(([s, e]) => [e, s] as const));
// An exponent this large would make the exact value astronomically long; Go accepts it, we refuse it.
const MAX_EXPONENT_MAGNITUDE = 10_000;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);
/** Division rounding away from zero (inf.RoundUp / negativeScaleInt64). */
function divAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

interface ParsedParts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** `parseQuantityString`: sign, digits, optional fraction, then a suffix of letters and an optional signed exponent. */
function parseQuantityString(str: string): ParsedParts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, num, denom, suffix: '' };
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i]!)) i++;
  if (i >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (!isDigit(str[i])) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** `suffixHandler.interpret`: decimal SI, binary SI, or `e`/`E` followed by a signed integer exponent. */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  const dec = decimalSuffixes.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = binarySuffixes.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number.parseInt(suffix.slice(1), 10);
    if (Math.abs(exponent) <= MAX_EXPONENT_MAGNITUDE) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
}

/** An exact, immutable resource quantity. */
export class Quantity {
  private constructor(
    /** The value in units of 10^-9. */
    readonly nanos: bigint,
    /** The suffix family used when printing. */
    readonly format: QuantityFormat,
  ) {}

  /** A quantity of `nanos` × 10^-9 in the given format. */
  static fromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }

  /** `NewQuantity(value, format)` */
  static fromInt(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * NANO, format);
  }

  /** `NewMilliQuantity(value, format)` */
  static fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli) * 1_000_000n, format);
  }

  /** The zero quantity (`resource.Quantity{}`), printed `0`. */
  static readonly zero: Quantity = new Quantity(0n, 'DecimalSI');

  /** `ParseQuantity`: throws {@link QuantityParseError} with Go's message for malformed input. */
  static parse(str: string): Quantity {
    if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
    if (str === '0') return Quantity.zero;
    const { positive, num, denom, suffix } = parseQuantityString(str);
    const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
    let format = parsedFormat;
    const digits = BigInt(num + denom);
    let magnitude: bigint;
    if (base === 10) {
      const k = exponent + 9 - denom.length;
      magnitude = k >= 0 ? digits * pow10(k) : divAway(digits, pow10(-k));
    } else {
      magnitude = divAway(digits * (1n << BigInt(exponent)) * NANO, pow10(denom.length));
      // BinarySI values are capped at the int64 maximum, and fractions below 1 print as DecimalSI.
      if (magnitude > MAX_INT64 * NANO) magnitude = MAX_INT64 * NANO;
      if (magnitude > 0n && magnitude < NANO) format = 'DecimalSI';
    }
    return new Quantity(positive ? magnitude : -magnitude, format);
  }

  /** A quantity from a JSON value: a string, or a bare JSON number (which Go also accepts). */
  static from(value: string | number): Quantity {
    return Quantity.parse(typeof value === 'number' ? String(value) : value);
  }

  /** -1, 0 or 1 (`Cmp`). */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  /** `Sign` */
  sign(): -1 | 0 | 1 {
    return this.nanos < 0n ? -1 : this.nanos > 0n ? 1 : 0;
  }

  /** `IsZero` */
  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** `Add`: keeps this format unless this is zero (then the other's). */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.isZero() ? other.format : this.format);
  }

  /** `Sub`: keeps this format unless this is zero (then the other's). */
  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.isZero() ? other.format : this.format);
  }

  /** `Neg` */
  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** `ScaledValue(scale)`: the value in units of 10^scale, rounded away from zero. */
  scaledValue(scale: number): bigint {
    const k = scale + 9;
    return k >= 0 ? divAway(this.nanos, pow10(k)) : this.nanos * pow10(-k);
  }

  /** `Value` (rounded away from zero) as a number; exact for values within 2^53. */
  value(): number {
    return Number(this.scaledValue(0));
  }

  /** `MilliValue` (rounded away from zero) as a number; exact for values within 2^53. */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** `String`: the canonical form (`CanonicalizeBytes`). */
  toString(): string {
    if (this.nanos === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const small = this.nanos > -1024n * NANO && this.nanos < 1024n * NANO;
      // Small values and values with a fraction print in decimal to avoid rounding.
      if (small || this.nanos % NANO !== 0n) format = 'DecimalSI';
    }
    if (format === 'BinarySI') {
      let amount = this.nanos / NANO;
      let exponent = 0;
      while (abs(amount) >= 1024n && amount % 1024n === 0n) {
        amount /= 1024n;
        exponent += 10;
      }
      return `${amount}${binaryByExponent.get(exponent) ?? ''}`;
    }
    // Move every factor of ten into the exponent, then back off until the exponent is a multiple of 3.
    let amount = this.nanos;
    let exponent = -9;
    while (abs(amount) >= 10n && amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    while (exponent % 3 !== 0) {
      amount *= 10n;
      exponent--;
    }
    if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
    // Go finds no DecimalSI suffix beyond E (1000E and up) and then prints none; kept as Go does it.
    return `${amount}${decimalByExponent.get(exponent) ?? ''}`;
  }

  /** JSON form: the canonical string. */
  toJSON(): string {
    return this.toString();
  }
}

/** `ParseQuantity` as a function. */
export const parseQuantity = (str: string): Quantity => Quantity.parse(str);

/** Parses a quantity, or returns undefined if it is malformed. */
export function tryParseQuantity(value: string | number | undefined | null): Quantity | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return Quantity.from(value);
  } catch (e) {
    if (e instanceof QuantityParseError) return undefined;
    throw e;
  }
}

/** The form the apiserver stores for a quantity written as `value` (`1.5Gi` → `1536Mi`). */
export function canonicalQuantity(value: string | number): string {
  return Quantity.from(value).toString();
}
