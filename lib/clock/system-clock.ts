import type { Clock, Timer } from './clock.js';

/**
 * Real time, optionally sped up: with `speed` 60 one wall second is one virtual minute. The only file
 * in kubesim that reads the wall clock or sets real timers.
 */
export class SystemClock implements Clock {
  private readonly wallStart = Date.now();
  private readonly virtualStart: number;

  constructor(private readonly speed = 1, start?: number) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
    this.virtualStart = start ?? this.wallStart;
  }

  now(): number {
    return this.virtualStart + (Date.now() - this.wallStart) * this.speed;
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const dueAt = this.now() + Math.max(0, delayMs);
    const h = setTimeout(fn, Math.max(0, delayMs) / this.speed);
    h.unref?.();
    return { dueAt, cancel: () => clearTimeout(h) };
  }
}

/** Milliseconds of real time since an arbitrary origin, for measuring (benchmarks, logs), never for behaviour. */
export function wallMillis(): number {
  return performance.now();
}
