import type { KubernetesObject, WatchEvent } from '../api/types.js';

/** Why a watcher ended. */
export type WatchEndReason = 'stopped' | 'overflow' | 'expired' | 'timeout';

/**
 * One subscriber to a watch. Events are pushed in order: to the listener when one is set (synchronously,
 * after the write that caused them has committed), otherwise into a bounded queue read with
 * `for await`. A watcher whose queue overflows is closed, as the apiserver closes a slow watcher, so its
 * client re-lists; writers and other watchers never wait for it.
 */
export class Watcher<T extends KubernetesObject = KubernetesObject> implements AsyncIterable<WatchEvent<T>> {
  private queue: WatchEvent<T>[] = [];
  private listener: ((e: WatchEvent<T>) => void) | undefined;
  private endListeners: ((reason: WatchEndReason) => void)[] = [];
  private waiting: ((r: IteratorResult<WatchEvent<T>>) => void) | undefined;
  private ended: WatchEndReason | undefined;

  constructor(
    private readonly capacity: number,
    private readonly onStop: () => void,
  ) {}

  /** Delivers events to `fn` synchronously from now on (queued ones first). */
  onEvent(fn: (e: WatchEvent<T>) => void): this {
    this.listener = fn;
    const q = this.queue;
    this.queue = [];
    for (const e of q) fn(e);
    return this;
  }

  /** Called once when the watcher ends, with the reason. */
  onEnd(fn: (reason: WatchEndReason) => void): this {
    if (this.ended) fn(this.ended);
    else this.endListeners.push(fn);
    return this;
  }

  /** Whether the watcher has ended. */
  get done(): boolean {
    return this.ended !== undefined;
  }

  /** Why it ended, once it has. */
  get endReason(): WatchEndReason | undefined {
    return this.ended;
  }

  /** Events waiting to be read (when no listener is set). */
  get pending(): readonly WatchEvent<T>[] {
    return this.queue;
  }

  /** Takes every queued event (for synchronous readers such as tests). */
  drain(): WatchEvent<T>[] {
    const q = this.queue;
    this.queue = [];
    return q;
  }

  /** @internal Pushes an event; returns false when the watcher is (now) closed. */
  push(e: WatchEvent<T>): boolean {
    if (this.ended) return false;
    if (this.listener) {
      this.listener(e);
      return true;
    }
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: e, done: false });
      return true;
    }
    if (this.queue.length >= this.capacity) {
      this.end('overflow');
      return false;
    }
    this.queue.push(e);
    return true;
  }

  /** Stops the watch and frees it in the store. */
  stop(): void {
    this.end('stopped');
  }

  /** @internal */
  end(reason: WatchEndReason): void {
    if (this.ended) return;
    this.ended = reason;
    this.onStop();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: undefined, done: true });
    }
    for (const fn of this.endListeners) fn(reason);
    this.endListeners = [];
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    return {
      next: () => {
        const e = this.queue.shift();
        if (e) return Promise.resolve({ value: e, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
      return: () => {
        this.stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
