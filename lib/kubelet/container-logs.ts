/**
 * Reading a container instance's log for `kubectl logs` (`pkg/kubelet/kuberuntime/logs/logs.go ReadLogs`)
 * over the runtime's {@link ContainerLog}: the `PodLogOptions` the API takes (`sinceSeconds`, `sinceTime`,
 * `tailLines`, `timestamps`, `limitBytes`) and `follow`, which streams new lines until the container stops.
 */
import { formatLogTime, type ContainerLog, type LogQuery } from '../runtime/container-log.js';

/** What `GET pods/NAME/log` can ask for (`v1.PodLogOptions`, minus container, previous and follow). */
export interface LogReadOptions {
  /** Print each line with its RFC 3339 timestamp (nanoseconds, fixed width). */
  timestamps?: boolean;
  /** Only the last N lines. */
  tailLines?: number;
  /** Only lines logged in the last N seconds. */
  sinceSeconds?: number;
  /** Only lines logged at or after this RFC 3339 time. */
  sinceTime?: string;
  /** Stop after this many bytes of output. */
  limitBytes?: number;
}

/** The runtime's query for these options at `now` (sinceSeconds counts back from now). */
export function logQuery(opts: LogReadOptions, now: number): LogQuery {
  const since = opts.sinceSeconds !== undefined ? now - opts.sinceSeconds * 1000
    : opts.sinceTime !== undefined ? Date.parse(opts.sinceTime) : undefined;
  return {
    ...(opts.timestamps ? { timestamps: true } : {}),
    ...(opts.tailLines !== undefined && opts.tailLines >= 0 ? { tailLines: opts.tailLines } : {}),
    ...(since !== undefined && !Number.isNaN(since) ? { sinceTime: since } : {}),
    ...(opts.limitBytes !== undefined ? { limitBytes: opts.limitBytes } : {}),
  };
}

const utf8 = new TextEncoder();

/**
 * `kubectl logs -f`: the selected part of the log, then each new chunk as it is written (a line gets
 * its timestamp when it starts), until `stopped` fires (the container exited) or the byte limit is
 * reached. Returns a function that stops following.
 */
export function followLog(log: ContainerLog, opts: LogReadOptions, now: number, running: boolean,
  onExit: (fn: () => void) => () => void, onData: (chunk: string) => void, onEnd: () => void): () => void {
  let budget = opts.limitBytes ?? Infinity;
  let done = false;
  let atLineStart = true;
  const unsubscribers: (() => void)[] = [];
  const finish = (): void => {
    if (done) return;
    done = true;
    for (const u of unsubscribers) u();
    onEnd();
  };
  const emit = (chunk: string): void => {
    if (done || chunk === '') return;
    let bytes = utf8.encode(chunk);
    if (bytes.length > budget) bytes = bytes.slice(0, budget);
    budget -= bytes.length;
    onData(new TextDecoder().decode(bytes));
    if (budget <= 0) finish();
  };
  const initial = log.text(logQuery(opts, now));
  atLineStart = initial === '' || initial.endsWith('\n');
  emit(initial);
  if (done) return finish;
  if (!running) {
    finish();
    return finish;
  }
  unsubscribers.push(log.onEntry((e) => {
    const prefix = opts.timestamps && atLineStart ? `${formatLogTime(e.time)} ` : '';
    atLineStart = e.text.endsWith('\n');
    emit(prefix + e.text);
  }));
  unsubscribers.push(onExit(finish));
  return finish;
}
