/**
 * Durations for people, as apimachinery `pkg/util/duration/duration.go` prints them in `kubectl get`
 * (AGE, `RESTARTS (5m ago)`, event LAST SEEN). Inputs are milliseconds (may be fractional); Go works on
 * nanoseconds, and every unit below is an integer division that truncates toward zero, as Go's does.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `int64(d / unit)`: integer division truncating toward zero. */
const units = (ms: number, unit: number): number => Math.trunc(ms / unit);

/**
 * HumanDuration: `70s`, `3m10s`, `70m`, `2h5m`, `47h`, `2d1h`, `367d`, `2y1d`, `8y`. Up to 2 s in the future
 * prints `0s` (clock skew); more prints `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = units(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = units(ms, MINUTE);
  if (minutes < 10) {
    const s = units(ms, SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = units(ms, HOUR);
  if (hours < 8) {
    const m = units(ms, MINUTE) % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** ShortHumanDuration: one unit only — `59s`, `59m`, `23h`, `364d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = units(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = units(ms, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = units(ms, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  // Go: int(d.Hours()/24/365) — float hours, then truncation.
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** Milliseconds since the epoch of an RFC 3339 time (`metav1.Time` or `MicroTime`), or undefined when unset/unparsable. */
export function parseTime(t: string | null | undefined): number | undefined {
  if (t === undefined || t === null || t === '') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** translateTimestampSince (printers.go): `<unknown>` for an unset time, else HumanDuration(now − t). */
export function translateTimestampSince(t: string | null | undefined, now: number): string {
  const ms = parseTime(t);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** translateTimestampUntil (printers.go): `<unknown>` for an unset time, else HumanDuration(t − now). */
export function translateTimestampUntil(t: string | null | undefined, now: number): string {
  const ms = parseTime(t);
  return ms === undefined ? '<unknown>' : humanDuration(ms - now);
}
