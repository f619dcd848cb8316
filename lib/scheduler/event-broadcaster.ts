/**
 * The events.k8s.io recorder the scheduler uses (`k8s.io/client-go/tools/events`, v1.32), writing through the
 * core/v1 events resource the objects the apiserver would store for it: `eventTime`, `action`,
 * `reportingComponent`/`reportingInstance`, an empty `source`, no first/last timestamps or count. A repeat of an
 * isomorphic event (same regarding object version, related, reason, action, controller) within 6 minutes
 * becomes a series: the first repeat patches `series.count: 2` at once, later ones are counted and written
 * by the 30-minute refresh or when the series ends.
 */
import type { Event, KubernetesObject, ObjectReference } from '../api/types.js';
import { rfc3339Micro, type Clock, type Timer } from '../clock/clock.js';
import { isAlreadyExists, isNotFound } from '../errors/constructors.js';

/** The verbs the recorder needs of the events resource in one namespace. */
export interface EventSink {
  create(event: Event): Event;
  patch(name: string, type: 'strategic', body: unknown): Event;
}

/** `refreshTime`: how often running series are written. */
export const SERIES_REFRESH_MS = 30 * 60_000;
/** `finishTime`: a series (or singleton) not seen for this long is finished and forgotten. */
export const SERIES_FINISH_MS = 6 * 60_000;

export { objectReference } from '../api/object-reference.js';

interface Cached {
  event: Event;
  series?: { count: number; lastObservedTime: number };
  eventTime: number;
}

/** `eventBroadcasterImpl`: the sink, the isomorphic-event cache and the series timers. */
export class EventBroadcaster {
  private readonly cache = new Map<string, Cached>();
  private lastNanos = 0n;
  private finishTimer: Timer | undefined;
  private refreshTimer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly sink: (namespace: string) => EventSink,
    private readonly start: number = clock.now(),
  ) {}

  /** `NewRecorder`: events reported by `controller` from `instance`. */
  newRecorder(controller: string, instance: string): EventRecorder {
    return new EventRecorder(this, controller, instance);
  }

  /** The clock's time, ms. */
  now(): number {
    return this.clock.now();
  }

  /** Stops the series timers. */
  shutdown(): void {
    this.finishTimer?.cancel();
    this.refreshTimer?.cancel();
    this.finishTimer = this.refreshTimer = undefined;
  }

  /** @internal `recordToSink`: a new event is created; an isomorphic repeat extends a series. */
  record(event: Event): void {
    const key = JSON.stringify([event.action, event.reason, event.reportingComponent, event.involvedObject, event.related ?? null]);
    const now = this.clock.now();
    const cached = this.cache.get(key);
    if (!cached) {
      this.cache.set(key, { event, eventTime: now });
      this.write(event, undefined);
    } else if (cached.series) {
      cached.series.count++;
      cached.series.lastObservedTime = now;
    } else {
      cached.series = { count: 2, lastObservedTime: now };
      this.write(cached.event, cached.series);
    }
    this.arm();
  }

  /** A name unique to this broadcaster: `NAME.<hex unix nanoseconds>` (`fmt.Sprintf("%v.%x", name, t.UnixNano())`). */
  eventName(base: string): string {
    let nanos = BigInt(this.clock.now()) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return `${base}.${nanos.toString(16)}`;
  }

  /** `recordEvent`: a series is patched (and created if it is gone); a new event is created (renamed on a clash). */
  private write(event: Event, series: Cached['series']): void {
    const ns = event.metadata?.namespace ?? 'default';
    const seriesBody = series ? { count: series.count, lastObservedTime: rfc3339Micro(series.lastObservedTime) } : undefined;
    try {
      if (seriesBody) {
        try {
          this.sink(ns).patch(event.metadata?.name ?? '', 'strategic', { series: seriesBody });
          return;
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      this.create(ns, seriesBody ? { ...event, series: seriesBody } : event);
    } catch {
      // The recorder drops what it cannot write (a terminating namespace, a deleted object), as client-go does after its retries.
    }
  }

  private create(ns: string, event: Event): void {
    for (let i = 0; i < 10; i++) {
      try {
        this.sink(ns).create(event);
        return;
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const base = event.metadata?.name?.replace(/\.[0-9a-f]+$/, '') ?? '';
        event.metadata = { ...event.metadata, name: this.eventName(base) };
      }
    }
  }

  /** Arms the `finishSeries` (6 min) and `refreshExistingEventSeries` (30 min) ticks while there is work for them. */
  private arm(): void {
    const tick = (period: number) => this.start + Math.ceil((this.clock.now() - this.start + 1) / period) * period;
    if (!this.finishTimer && this.cache.size > 0) {
      this.finishTimer = this.clock.setTimer(tick(SERIES_FINISH_MS) - this.clock.now(), () => {
        this.finishTimer = undefined;
        this.finishSeries();
        this.arm();
      });
    }
    const anySeries = [...this.cache.values()].some((c) => c.series);
    if (!this.refreshTimer && anySeries) {
      this.refreshTimer = this.clock.setTimer(tick(SERIES_REFRESH_MS) - this.clock.now(), () => {
        this.refreshTimer = undefined;
        for (const c of this.cache.values()) if (c.series) this.write(c.event, c.series);
        this.arm();
      });
    }
  }

  /** `finishSeries`: writes the final count of series quiet for 6 minutes and forgets them and old singletons. */
  private finishSeries(): void {
    const cutoff = this.clock.now() - SERIES_FINISH_MS;
    for (const [key, c] of this.cache) {
      if (c.series) {
        if (c.series.lastObservedTime < cutoff) {
          this.write(c.event, c.series);
          this.cache.delete(key);
        }
      } else if (c.eventTime < cutoff) {
        this.cache.delete(key);
      }
    }
  }
}

/** `recorderImpl`: `Eventf(regarding, related, type, reason, action, note)`. */
export class EventRecorder {
  constructor(
    private readonly broadcaster: EventBroadcaster,
    readonly reportingController: string,
    readonly reportingInstance: string,
  ) {}

  /** Records an event about `regarding` (optionally `related` to another object). */
  eventf(regarding: ObjectReference, related: ObjectReference | undefined, type: 'Normal' | 'Warning', reason: string, action: string, note: string): void {
    const b = this.broadcaster;
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: b.eventName(regarding.name ?? ''), namespace: regarding.namespace || 'default' },
      involvedObject: regarding,
      reason,
      message: note,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: rfc3339Micro(b.now()),
      ...(related ? { related } : {}),
      action,
      reportingComponent: this.reportingController,
      reportingInstance: this.reportingInstance,
    } as unknown as Event;
    b.record(event);
  }
}
