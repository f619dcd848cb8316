import type { Namespace } from '../api/types.js';
import { translateTimestampSince } from './human-duration.js';
import type { PrintOptions } from './pod.js';
import type { TableRow } from './table-types.js';

/**
 * One namespace's row: NAME STATUS AGE (printNamespace). The phase is printed as stored, so a namespace
 * without `status.phase` shows an empty STATUS; there are no wide columns.
 */
export function printNamespace(ns: Namespace, options: PrintOptions): TableRow {
  return {
    cells: [ns.metadata?.name ?? '', ns.status?.phase ?? '', translateTimestampSince(ns.metadata?.creationTimestamp, options.now)],
  };
}
