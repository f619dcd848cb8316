import type { Clock, Timer } from './clock.js';

interface Entry {
  dueAt: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** The default start of a virtual clock: 2024-01-01T00:00:00Z. */
export const DEFAULT_VIRTUAL_START = Date.UTC(2024, 0, 1, 0, 0, 0);

/**
 * A clock that moves only when told. `advance(ms)` fires due timers in due-time order (ties in the
 * order they were set) with `now()` equal to each timer's due time, including timers set while it runs
 * when they fall inside the step. Deterministic: the same calls give the same effects.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private heap: Entry[] = [];

  /** @param start ms since the epoch, or a Date; defaults to {@link DEFAULT_VIRTUAL_START}. */
  constructor(start: number | Date = DEFAULT_VIRTUAL_START) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const e: Entry = { dueAt: this.current + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.push(e);
    return {
      dueAt: e.dueAt,
      cancel: () => {
        e.cancelled = true;
      },
    };
  }

  /** How many live timers are waiting (HasWaiters, counted). */
  pendingTimers(): number {
    return this.heap.filter((e) => !e.cancelled).length;
  }

  /** The due time of the next live timer, or undefined. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.dueAt;
  }

  /** Moves time forward by `ms`, firing every timer due on the way. Returns the number fired. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: ms must be a finite number >= 0, got ${ms}`);
    return this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `target` (ms or Date), firing due timers; never moves backwards. */
  advanceTo(target: number | Date): number {
    const t = typeof target === 'number' ? target : target.getTime();
    let fired = 0;
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (!top || top.dueAt > t) break;
      this.pop();
      if (top.dueAt > this.current) this.current = top.dueAt;
      fired++;
      top.fn();
    }
    if (t > this.current) this.current = t;
    return fired;
  }

  /** Fires timers already due at `now()` (for work scheduled with a 0 delay). */
  flush(): number {
    return this.advanceTo(this.current);
  }

  /**
   * Runs timers one due time after another until `until()` holds (checked before each step), nothing is
   * due any more, or `limitMs` of virtual time has passed. Returns whether the condition held.
   */
  runUntil(until: () => boolean, limitMs = 24 * 3600_000): boolean {
    const end = this.current + limitMs;
    for (;;) {
      if (until()) return true;
      const next = this.nextDue();
      if (next === undefined || next > end) {
        this.advanceTo(end);
        return until();
      }
      this.advanceTo(next);
    }
  }

  /** Runs every timer due within `limitMs`, one due time after another, and returns how many fired. */
  runAll(limitMs = 24 * 3600_000): number {
    const end = this.current + limitMs;
    let fired = 0;
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next > end) return fired;
      fired += this.advanceTo(next);
    }
  }

  private less(a: Entry, b: Entry): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled) this.pop();
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
