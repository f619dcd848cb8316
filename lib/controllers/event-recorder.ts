/**
 * The core/v1 event recorder of client-go (`k8s.io/client-go/tools/record`, v1.32: `event.go`, `events_cache.go`),
 * as the kubelet and the controllers use it: `NAME.<hex nanoseconds>` events with `source`, first/last
 * timestamps and a count, passed through the EventCorrelator — similar events aggregated (10 distinct
 * messages within 10 minutes become `(combined from similar events): …`), identical events counted by a
 * PATCH of `count`/`lastTimestamp`/`message`, and a per-object spam filter (burst 25, then one per 5 minutes).
 */
import type { Event, KubernetesObject, ObjectReference } from '../api/types.js';
import { rfc3339, type Clock } from '../clock/clock.js';
import { isAlreadyExists, isNotFound } from '../errors/constructors.js';

/** `v1.EventSource`: who reports (`kubelet` on `node-1`). */
export interface EventSource {
  component: string;
  host?: string;
}

/** The verbs the recorder needs of the events resource in one namespace (a ResourceClient<Event> has them). */
export interface EventSink {
  create(event: Event): Event;
  patch(name: string, type: 'strategic', body: unknown): Event;
}

/** What a recorder is given: the clock and the events client per namespace. */
export interface EventRecorderDeps {
  clock: Clock;
  events(namespace: string): EventSink;
}

export { objectReference } from '../api/object-reference.js';

/** `maxLruCacheEntries` and the defaults of `NewEventCorrelatorWithOptions`. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_MAX_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;

const io = (e: Event) => e.involvedObject;
/** `getEventKey`: everything that makes two events the same event. */
const eventKey = (e: Event): string =>
  JSON.stringify([e.source?.component, e.source?.host, io(e).kind, io(e).namespace, io(e).name, io(e).fieldPath, io(e).uid, io(e).apiVersion, e.type, e.reason, e.message]);
/** `EventAggregatorByReasonFunc`: events alike but for their message. */
const aggregateKey = (e: Event): string =>
  JSON.stringify([e.source?.component, e.source?.host, io(e).kind, io(e).namespace, io(e).name, io(e).uid, io(e).apiVersion, e.type, e.reason, e.reportingComponent, e.reportingInstance]);
/** `getSpamKey`: one rate limit per source, object and type. */
const spamKey = (e: Event): string => JSON.stringify([e.source?.component, e.source?.host, io(e).kind, io(e).namespace, io(e).name, io(e).uid, io(e).apiVersion, e.type]);

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
}

/** `EventCorrelator` with its aggregator, logger and spam filter; shared by the recorders of one broadcaster. */
export class EventBroadcaster {
  private readonly aggregates = new Map<string, { localKeys: Set<string>; last: number }>();
  private readonly observations = new Map<string, Observation>();
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private lastNanos = 0n;

  constructor(private readonly deps: EventRecorderDeps) {}

  /** `NewRecorder`: a recorder reporting as `source`. */
  newRecorder(source: EventSource): EventRecorder {
    return new EventRecorder(this, source);
  }

  /** The clock's time, ms. */
  now(): number {
    return this.deps.clock.now();
  }

  /** A name `NAME.<hex unix nanoseconds>`, kept unique although the clock counts milliseconds. */
  eventName(base: string): string {
    let nanos = BigInt(this.deps.clock.now()) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return `${base}.${nanos.toString(16)}`;
  }

  /** @internal `recordToSink`: correlate, then create or patch. */
  record(event: Event): void {
    const now = this.deps.clock.now();
    const [aggregated, key] = this.aggregate(event, now);
    const { observed, patch } = this.observe(aggregated, key);
    if (!this.tryAccept(spamKey(observed), now)) return;
    const sink = this.deps.events(observed.metadata?.namespace ?? 'default');
    try {
      let stored: Event | undefined;
      if (patch) {
        try {
          stored = sink.patch(observed.metadata?.name ?? '', 'strategic', patch);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      stored ??= this.create(sink, observed);
      this.updateState(stored);
    } catch {
      // Rejected by the server (a terminating namespace …): client-go logs it and does not retry.
    }
  }

  /** `EventAggregate` */
  private aggregate(event: Event, now: number): [Event, string] {
    const aKey = aggregateKey(event);
    let record = this.aggregates.get(aKey);
    if (!record || now - record.last > AGGREGATE_MAX_INTERVAL_MS) record = { localKeys: new Set(), last: now };
    record.localKeys.add(event.message ?? '');
    record.last = now;
    this.aggregates.set(aKey, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return [event, eventKey(event)];
    // PopAny: the set never grows past the threshold.
    record.localKeys.delete(record.localKeys.values().next().value as string);
    const t = rfc3339(now);
    const combined = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(io(event).name ?? ''), namespace: event.metadata?.namespace ?? 'default' },
      involvedObject: io(event),
      reason: event.reason,
      message: `(combined from similar events): ${event.message ?? ''}`,
      source: event.source,
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type: event.type,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    } as unknown as Event;
    return [combined, aKey];
  }

  /** `eventObserve`: a repeat takes the first one's name and timestamp, counts on, and is sent as a patch. */
  private observe(event: Event, key: string): { observed: Event; patch?: Record<string, unknown> } {
    const last = this.observations.get(key);
    if (!last) {
      this.observations.set(key, { count: event.count ?? 1, firstTimestamp: event.firstTimestamp ?? '', name: event.metadata?.name ?? '' });
      return { observed: event };
    }
    const observed: Event = { ...event, metadata: { ...event.metadata, name: last.name }, firstTimestamp: last.firstTimestamp, count: last.count + 1 };
    this.observations.set(key, { count: last.count + 1, firstTimestamp: last.firstTimestamp, name: last.name });
    return { observed, patch: { count: observed.count, lastTimestamp: observed.lastTimestamp, message: observed.message } };
  }

  /** `UpdateState`: remember what the server stored. */
  private updateState(stored: Event): void {
    this.observations.set(eventKey(stored), { count: stored.count ?? 1, firstTimestamp: stored.firstTimestamp ?? '', name: stored.metadata?.name ?? '' });
  }

  /** The spam filter's token bucket (`NewTokenBucketPassiveRateLimiterWithClock(1/300, 25)`). */
  private tryAccept(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: SPAM_BURST, last: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + ((now - b.last) / 1000) * SPAM_QPS);
    b.last = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Creates the event; a name already taken (two events in one millisecond of virtual time) gets the next nanosecond. */
  private create(sink: EventSink, event: Event): Event {
    for (let i = 0; ; i++) {
      try {
        return sink.create(event);
      } catch (e) {
        if (!isAlreadyExists(e) || i >= 10) throw e;
        const base = (event.metadata?.name ?? '').replace(/\.[0-9a-f]+$/, '');
        event = { ...event, metadata: { ...event.metadata, name: this.eventName(base) } };
      }
    }
  }
}

/** `recorderImpl`: `Event(object, type, reason, message)`. */
export class EventRecorder {
  constructor(
    private readonly broadcaster: EventBroadcaster,
    readonly source: EventSource,
  ) {}

  /** Records an event about the referenced object (types other than Normal and Warning are dropped, as Go does). */
  event(ref: ObjectReference, type: string, reason: string, message: string): void {
    if (type !== 'Normal' && type !== 'Warning') return;
    const t = rfc3339(this.broadcaster.now());
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.broadcaster.eventName(ref.name ?? ''), namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    } as unknown as Event;
    this.broadcaster.record(event);
  }
}
