/**
 * Serving a watch over HTTP, as the apiserver's `WatchServer.HandleHTTP` (handlers/watch.go): 200 with
 * the headers flushed at once (client-node's fetch waits for them), then one JSON event per line, each
 * written as it happens; the stream ends when the watcher ends, the timeout passes or the client goes —
 * and then the registry watcher is stopped at once, so nothing keeps delivering to a closed socket.
 */
import type { ServerResponse } from 'node:http';
import type { KubernetesObject, WatchEvent } from '../api/types.js';
import type { Clock, Timer } from '../clock/clock.js';
import type { Status } from '../api/types.js';
import type { Watcher } from '../store/watcher.js';
import { beginWatch, watchEventLine } from './responses.js';

/** How one stream is served. */
export interface WatchStreamOptions {
  /** The object to send for an event (a Table row, metadata only …); `first` is true for the first event. */
  encode(event: WatchEvent<KubernetesObject>, first: boolean): unknown;
  /** Ends the stream after this many ms of the clock (undefined: no timeout). */
  timeoutMs?: number;
  clock: Clock;
  /** Output the client has not taken yet (bytes) beyond which it is cut off, as the apiserver drops slow watchers. */
  maxBufferBytes: number;
  /** Called once when the stream has ended, whatever the reason. */
  onClose?: () => void;
}

/**
 * Streams `watcher` to `res` until one of them ends. Events the watcher queued before the stream began
 * go first, in order.
 */
export function streamWatch(res: ServerResponse, watcher: Watcher<KubernetesObject>, opts: WatchStreamOptions): void {
  beginWatch(res);
  let first = true;
  let done = false;
  let timer: Timer | undefined;
  const finish = (): void => {
    if (done) return;
    done = true;
    timer?.cancel();
    watcher.stop();
    if (!res.writableEnded) res.end();
    opts.onClose?.();
  };
  res.on('close', finish);
  watcher.onEvent((event) => {
    if (done) return;
    let object: unknown;
    try {
      object = opts.encode(event, first);
    } catch {
      // watchEmbeddedEncoder: a failed transformation sends the object as it is.
      object = event.object;
    }
    first = false;
    res.write(watchEventLine(event.type, object));
    if (res.writableLength > opts.maxBufferBytes) finish();
  });
  watcher.onEnd(finish);
  if (!done && opts.timeoutMs !== undefined) timer = opts.clock.setTimer(Math.max(0, opts.timeoutMs), finish);
}

/**
 * A watch that failed before it began, as the watch cache answers a too old resourceVersion: 200, one
 * `ERROR` event carrying the Status (`410 Expired`), end of stream. Informers then re-list.
 */
export function streamWatchError(res: ServerResponse, status: Status): void {
  beginWatch(res);
  res.end(watchEventLine('ERROR', status));
}
