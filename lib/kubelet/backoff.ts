/**
 * CrashLoopBackOff: the kubelet's per-container restart back-off (`kuberuntime_manager.go doBackOff`,
 * `GetStableKey`; constants of `kubelet.go`) over client-go's `flowcontrol.Backoff` without jitter,
 * as immutable tables so every function stays pure (time comes in as ms).
 */
import type { Container, Pod } from '../api/types.js';
import { containersNewestFirst, containerHash, type PodRuntimeState } from './runtime-state.js';

/** First back-off window (`containerBackOffPeriod`). */
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
/** Longest window (`MaxContainerBackOff`); an entry idle for twice this long starts over. */
export const CONTAINER_BACKOFF_MAX_MS = 300_000;

/** One key's state (`backoffEntry`): the current window and when it was last moved on. */
export interface BackoffEntry {
  readonly backoffMs: number;
  readonly lastUpdateMs: number;
}

/** Back-off state by key. */
export type BackoffTable = ReadonlyMap<string, BackoffEntry>;

/** Window bounds; the kubelet's are 10 s and 300 s (image pulls use the same). */
export interface BackoffLimits {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** The kubelet's container restart limits. */
export const CONTAINER_BACKOFF: BackoffLimits = { initialMs: CONTAINER_BACKOFF_INITIAL_MS, maxMs: CONTAINER_BACKOFF_MAX_MS };

/** An event long enough after the last update means the item has been stable (`hasExpired`). */
function hasExpired(eventTimeMs: number, lastUpdateMs: number, limits: BackoffLimits): boolean {
  return eventTimeMs - lastUpdateMs > limits.maxMs * 2;
}

/** Whether less than the current window has passed since `eventTimeMs` (`Backoff.IsInBackOffSince`). */
export function isInBackOffSince(
  table: BackoffTable, key: string, eventTimeMs: number, nowMs: number, limits: BackoffLimits = CONTAINER_BACKOFF,
): boolean {
  const entry = table.get(key);
  if (entry === undefined || hasExpired(eventTimeMs, entry.lastUpdateMs, limits)) return false;
  return nowMs - eventTimeMs < entry.backoffMs;
}

/** Whether less than the current window has passed since the last update (`Backoff.IsInBackOffSinceUpdate`). */
export function isInBackOffSinceUpdate(
  table: BackoffTable, key: string, nowMs: number, limits: BackoffLimits = CONTAINER_BACKOFF,
): boolean {
  const entry = table.get(key);
  if (entry === undefined || hasExpired(nowMs, entry.lastUpdateMs, limits)) return false;
  return nowMs - entry.lastUpdateMs < entry.backoffMs;
}

/** The table after `Backoff.Next`: a new or expired key starts at the initial window, else it doubles up to the max. */
export function nextBackOff(
  table: BackoffTable, key: string, eventTimeMs: number, nowMs: number, limits: BackoffLimits = CONTAINER_BACKOFF,
): BackoffTable {
  const entry = table.get(key);
  const backoffMs = entry === undefined || hasExpired(eventTimeMs, entry.lastUpdateMs, limits)
    ? limits.initialMs
    : Math.min(entry.backoffMs * 2, limits.maxMs);
  return new Map(table).set(key, { backoffMs, lastUpdateMs: nowMs });
}

/** The current window of a key, 0 when it has none (`Backoff.Get`). */
export function backOffWindow(table: BackoffTable, key: string): number {
  return table.get(key)?.backoffMs ?? 0;
}

/** The table without entries idle for more than twice the max window (`Backoff.GC`). */
export function gcBackOff(table: BackoffTable, nowMs: number, limits: BackoffLimits = CONTAINER_BACKOFF): BackoffTable {
  return new Map([...table].filter(([, e]) => nowMs - e.lastUpdateMs <= limits.maxMs * 2));
}

/** `name_namespace(uid)`, how the kubelet names a pod in messages (`format.Pod`). */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

/** The back-off key of a container: pod name, namespace, UID, container name and spec hash (`GetStableKey`). */
export function getStableKey(pod: Pod, container: Pick<Container, 'name' | 'image'>): string {
  const m = pod.metadata;
  return `${m?.name ?? ''}_${m?.namespace ?? ''}_${m?.uid ?? ''}_${container.name}_${containerHash(container)}`;
}

/** A duration as Go's `time.Duration.String` prints it: `10s`, `1m20s`, `5m0s`, `1h0m0s`, `500ms`, `0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${trimFraction(abs)}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = trimFraction((abs % 60_000) / 1000);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

const trimFraction = (n: number): string => String(Number(n.toFixed(9)));

/** The verdict of `doBackOff` for one container start. */
export interface BackOffDecision {
  /** The start must wait: the container stays waiting with reason `CrashLoopBackOff`. */
  readonly inBackOff: boolean;
  /** `CrashLoopBackOff` when in back-off (the reason-cache entry). */
  readonly reason?: 'CrashLoopBackOff';
  /** `back-off 20s restarting failed container=app pod=web_default(uid)` (the waiting message). */
  readonly message?: string;
  /** Text of the Warning `BackOff` event: `Back-off restarting failed container app in pod web_default(uid)`. */
  readonly eventMessage?: string;
  /** The table to keep: moved on (`Next`) when the start may go ahead. */
  readonly table: BackoffTable;
}

/**
 * Whether a container may start now (`doBackOff`): with no exited record it may; otherwise the newest
 * exited record's `finishedAt` opens a window, and starting moves the window on.
 */
export function doBackOff(
  pod: Pod, container: Pick<Container, 'name' | 'image'>, runtime: PodRuntimeState, table: BackoffTable, nowMs: number,
): BackOffDecision {
  const exited = containersNewestFirst(runtime).find((c) => c.name === container.name && c.state === 'exited');
  if (exited === undefined) return { inBackOff: false, table };
  const finishedAt = exited.finishedAt ?? 0;
  const key = getStableKey(pod, container);
  if (isInBackOffSince(table, key, finishedAt, nowMs)) {
    const podText = formatPod(pod);
    return {
      inBackOff: true,
      reason: 'CrashLoopBackOff',
      message: `back-off ${formatGoDuration(backOffWindow(table, key))} restarting failed container=${container.name} pod=${podText}`,
      eventMessage: `Back-off restarting failed container ${container.name} in pod ${podText}`,
      table,
    };
  }
  return { inBackOff: false, table: nextBackOff(table, key, finishedAt, nowMs) };
}
