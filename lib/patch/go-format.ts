/**
 * Go `fmt` renderings of decoded JSON values, for error texts that embed them
 * (`map: map[name:a] does not contain declared merge key: name`).
 */
import { goTypeName, isGoInt, isJsonObject, type JsonValue } from './go-value.js';

/** A float64 as `%v` prints it: shortest digits, exponent form below 1e-4 or from 1e6 (strconv 'g', -1). */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant = '', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  // strconv's 'g' uses %e when exp < -4 || exp >= eprec, and eprec is 6 for the shortest form.
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

function goInt(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `fmt.Sprintf("%v", v)` for a decoded value: maps with sorted keys, slices space-separated, nil as `<nil>`. */
export function goSprintV(v: JsonValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort(byteOrder);
    return `map[${keys.map((k) => `${k}:${goSprintV(v[k] as JsonValue)}`).join(' ')}]`;
  }
  if (typeof v === 'number') return isGoInt(v) ? goInt(v) : goFloat(v);
  return String(v);
}

/** `fmt.Sprintf("%s", v)`: strings as is, other scalars as `%!s(int64=1)`, nil as `%!s(<nil>)`. */
export function goSprintS(v: JsonValue): string {
  if (v === null) return '%!s(<nil>)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(goSprintS).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort(byteOrder);
    return `map[${keys.map((k) => `${k}:${goSprintS(v[k] as JsonValue)}`).join(' ')}]`;
  }
  return `%!s(${goTypeName(v)}=${goSprintV(v)})`;
}

/** `reflect.TypeOf(v)` printed with `%s`; a nil interface prints `%!s(<nil>)`. */
export function goTypeOfS(v: JsonValue): string {
  return goTypeName(v) ?? '%!s(<nil>)';
}
