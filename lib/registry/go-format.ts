/**
 * How Go prints the untyped JSON values the patch handlers put into error messages: `json.Marshal` of a
 * `map[string]interface{}` (keys sorted, compact, HTML-escaped — what evanphx/json-patch returns) and
 * `fmt.Sprintf("%+v", m)` of one (`map[spec:map[containers:[map[image:x name:y]]]]`).
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** encoding/json's string escaping: JSON escapes plus `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`. */
function marshalString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `json.Marshal` of an untyped JSON value: map keys sorted, no spaces. */
export function goMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return marshalString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goMarshal).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(byteOrder);
  return `{${keys.map((k) => `${marshalString(k)}:${goMarshal(o[k])}`).join(',')}}`;
}

/** `%v` of a float64: shortest digits, exponent form below 1e-4 and from 1e+06 on. */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : f < 0 ? '-Inf' : 'NaN';
  if (f === 0) return '0';
  const [mantissa, e] = f.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

/** `fmt.Sprintf("%+v", v)` of an untyped JSON value (integers decoded as int64, other numbers as float64). */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (!isObject(v)) return String(v);
  const keys = Object.keys(v).sort(byteOrder);
  return `map[${keys.map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`;
}
