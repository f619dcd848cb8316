import { jest } from '@jest/globals';
import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { rfc3339 } from '../../../lib/clock/clock.js';

describe('VirtualClock (time only moves when a test advances it)', () => {
  it('fires timers in due-time order with now() equal to each due time', () => {
    const c = new VirtualClock(0);
    const seen: [string, number][] = [];
    c.setTimer(300, () => seen.push(['c', c.now()]));
    c.setTimer(100, () => seen.push(['a', c.now()]));
    c.setTimer(200, () => seen.push(['b', c.now()]));
    expect(c.advance(1000)).toBe(3);
    expect(seen).toEqual([['a', 100], ['b', 200], ['c', 300]]);
    expect(c.now()).toBe(1000);
  });

  it('fires timers set during an advance in the same advance when they fall inside it', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    c.setTimer(3000, () => {
      seen.push(c.now());
      c.setTimer(10_000, () => seen.push(c.now()));
    });
    c.advance(30_000);
    expect(seen).toEqual([3000, 13_000]);
  });

  it('keeps timers due after the step for a later advance', () => {
    const c = new VirtualClock(0);
    const fn = jest.fn();
    c.setTimer(5000, fn);
    c.advance(4999);
    expect(fn).not.toHaveBeenCalled();
    c.advance(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('fires timers with equal due times in the order they were set', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) c.setTimer(10, () => seen.push(i));
    c.advance(10);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not fire cancelled timers', () => {
    const c = new VirtualClock(0);
    const fn = jest.fn();
    c.setTimer(10, fn).cancel();
    c.advance(100);
    expect(fn).not.toHaveBeenCalled();
    expect(c.pendingTimers()).toBe(0);
  });

  it('runUntil stops as soon as the condition holds', () => {
    const c = new VirtualClock(0);
    let n = 0;
    const tick = (): void => {
      n++;
      c.setTimer(1000, tick);
    };
    c.setTimer(1000, tick);
    expect(c.runUntil(() => n >= 3, 60_000)).toBe(true);
    expect(c.now()).toBe(3000);
  });

  it('runUntil gives up at the limit', () => {
    const c = new VirtualClock(0);
    expect(c.runUntil(() => false, 5000)).toBe(false);
    expect(c.now()).toBe(5000);
  });

  it('rejects a negative or non-finite advance', () => {
    const c = new VirtualClock(0);
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.advance(Number.NaN)).toThrow(RangeError);
  });

  it('formats metav1.Time as RFC 3339 with second precision', () => {
    expect(rfc3339(Date.UTC(2024, 0, 1, 0, 0, 0, 999))).toBe('2024-01-01T00:00:00Z');
  });
});
