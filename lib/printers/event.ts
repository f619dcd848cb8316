import type { Event } from '../api/types.js';
import { translateTimestampSince } from './human-duration.js';
import type { PrintOptions } from './pod.js';
import type { TableRow } from './table-types.js';

/** `component, host`, or the component alone when there is no host (formatEventSource). */
function formatEventSource(event: Event): string {
  // The events.k8s.io fields stand in when the core/v1 source is empty.
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

/**
 * One event's row (printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE, or wide
 * LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME. COUNT is a number on
 * the wire (int64), unlike every other cell.
 */
export function printEvent(event: Event, options: PrintOptions): TableRow {
  const firstTimestamp = event.firstTimestamp
    ? translateTimestampSince(event.firstTimestamp, options.now)
    : translateTimestampSince(event.eventTime, options.now);
  let lastTimestamp = event.lastTimestamp ? translateTimestampSince(event.lastTimestamp, options.now) : firstTimestamp;

  let count = event.count ?? 0;
  if (event.series) {
    lastTimestamp = translateTimestampSince(event.series.lastObservedTime, options.now);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }

  const involved = event.involvedObject;
  const kind = (involved?.kind ?? '').toLowerCase();
  const target = involved?.name ? `${kind}/${involved.name}` : kind;
  const message = (event.message ?? '').trim();
  const type = event.type ?? '';
  const reason = event.reason ?? '';

  if (!options.wide) return { cells: [lastTimestamp, type, reason, target, message] };
  return {
    cells: [
      lastTimestamp,
      type,
      reason,
      target,
      involved?.fieldPath ?? '',
      formatEventSource(event),
      message,
      firstTimestamp,
      count,
      event.metadata?.name ?? '',
    ],
  };
}
