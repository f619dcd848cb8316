import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  humanDuration,
  shortHumanDuration,
  translateTimestampSince,
  translateTimestampUntil,
} from '../../../lib/printers/human-duration.js';

interface DurationCase {
  function: 'HumanDuration' | 'ShortHumanDuration' | 'translateTimestampSince' | 'translateTimestampUntil';
  go: string;
  ns: string | null;
  ms: number | null;
  expected: string;
}

const cases = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/table-printing/duration-cases.json'), 'utf8'),
) as DurationCase[];
const of = (fn: DurationCase['function']) => cases.filter((c) => c.function === fn).map((c) => [c.go, c] as const);
const now = Date.parse('2025-01-01T00:00:00Z');

describe('apimachinery util/duration and printers timestamps (reference duration-cases.json)', () => {
  it('replays all 86 reference cases', () => {
    expect(cases).toHaveLength(86);
  });

  it.each(of('HumanDuration'))('HumanDuration(%s)', (_go, c) => {
    expect(humanDuration(c.ms!)).toBe(c.expected);
  });

  it.each(of('ShortHumanDuration'))('ShortHumanDuration(%s)', (_go, c) => {
    expect(shortHumanDuration(c.ms!)).toBe(c.expected);
  });

  // d = now − timestamp; sub-millisecond offsets do not occur in these cases.
  it.each(of('translateTimestampSince'))('translateTimestampSince: %s', (_go, c) => {
    const ts = c.ms === null ? undefined : new Date(now - c.ms).toISOString();
    expect(translateTimestampSince(ts, now)).toBe(c.expected);
  });

  // d = timestamp − now.
  it.each(of('translateTimestampUntil'))('translateTimestampUntil: %s', (_go, c) => {
    const ts = c.ms === null ? undefined : new Date(now + c.ms).toISOString();
    expect(translateTimestampUntil(ts, now)).toBe(c.expected);
  });
});

describe('humanDuration', () => {
  it('truncates toward zero, so 1.9 s in the future is 0s and 2 s is <invalid>', () => {
    expect(humanDuration(-1999)).toBe('0s');
    expect(humanDuration(-2000)).toBe('<invalid>');
  });
});
