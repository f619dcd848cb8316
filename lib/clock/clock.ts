/** A scheduled callback; `cancel()` is idempotent. */
export interface Timer {
  /** When it is due, in ms since the epoch of the clock. */
  readonly dueAt: number;
  cancel(): void;
}

/**
 * The source of time for everything in kubesim. Nothing outside `clock/system-clock.ts` reads real time:
 * the registry stamps objects, the kubelet schedules its work, all through a Clock.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once when the clock reaches `now() + delayMs`. */
  setTimer(delayMs: number, fn: () => void): Timer;
}

/** An RFC 3339 timestamp with second precision, as `metav1.Time` serialises (`2024-01-01T00:00:00Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as `metav1.MicroTime` serialises (`…T00:00:00.123456Z`). */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // …:00.123Z
  return `${iso.slice(0, -1)}000Z`;
}
