import { WarningRecorder, warningHeader } from '../../../lib/server/warnings.js';

describe('Warning headers (apiserver warning recorder, net.NewWarningHeader)', () => {
  it('writes code 299, agent "-" and the quoted text with " and \\ escaped', () => {
    expect(warningHeader('unknown field "spec.foo"')).toBe('299 - "unknown field \\"spec.foo\\""');
    expect(warningHeader('a\\b')).toBe('299 - "a\\\\b"');
  });

  it('drops text with control characters', () => {
    expect(warningHeader('line\nbreak')).toBeUndefined();
    const r = new WarningRecorder();
    r.add('bad\u0007bell');
    expect(r.headers()).toEqual([]);
  });

  it('records each distinct text once, in order, and ignores empty text', () => {
    const r = new WarningRecorder();
    r.addAll(['b', 'a', 'b', '', 'a']);
    expect(r.headers()).toEqual(['299 - "b"', '299 - "a"']);
  });

  it('truncates every warning to 256 runes once 4096 runes in total are exceeded', () => {
    const r = new WarningRecorder();
    const long = (c: string): string => c.repeat(1500);
    r.add(long('a'));
    r.add(long('b'));
    expect(r.headers()).toHaveLength(2);
    expect(r.headers()[0]).toBe(`299 - "${long('a')}"`);
    r.add(long('c'));
    expect(r.headers()).toEqual([`299 - "${'a'.repeat(256)}"`, `299 - "${'b'.repeat(256)}"`, `299 - "${'c'.repeat(256)}"`]);
  });

  it('stops recording once truncated warnings reach the total limit', () => {
    const r = new WarningRecorder();
    for (let i = 0; i < 40; i++) r.add(`${String(i).padStart(3, '0')}${'x'.repeat(400)}`);
    // 16 truncated warnings of 256 runes fill the 4096-rune budget; the rest are dropped.
    expect(r.headers()).toHaveLength(16);
  });
});
