import type { KubernetesObject } from '../api/types.js';
import { tooOldResourceVersion } from './storage-errors.js';

/** A change as the store records it: the object after (or, for a delete, the last state) and before. */
export interface StoreEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly rv: number;
  readonly key: string;
  readonly object: KubernetesObject;
  /** The object before the change (MODIFIED and DELETED). */
  readonly prev?: KubernetesObject;
}

/**
 * A bounded window of the latest events of one resource (apiserver's watch cache history): a watch can
 * start from any version inside it; one older gets `too old resource version` (410 Expired).
 */
export class WatchHistory {
  private buf: (StoreEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** Every event after this version is retained. */
  private floor: number;

  constructor(
    private readonly capacity: number,
    initialRv: number,
  ) {
    this.buf = new Array<StoreEvent | undefined>(Math.max(1, capacity));
    this.floor = initialRv;
  }

  push(e: StoreEvent): void {
    if (this.size === this.buf.length) {
      const dropped = this.buf[this.start]!;
      this.floor = dropped.rv;
      this.buf[this.start] = undefined;
      this.start = (this.start + 1) % this.buf.length;
      this.size--;
    }
    this.buf[(this.start + this.size) % this.buf.length] = e;
    this.size++;
  }

  /** Forgets everything up to `rv` (a compaction), so older watches get 410. */
  compact(rv: number): void {
    while (this.size > 0 && this.buf[this.start]!.rv <= rv) {
      this.buf[this.start] = undefined;
      this.start = (this.start + 1) % this.buf.length;
      this.size--;
    }
    if (rv > this.floor) this.floor = rv;
  }

  /** The events after `rv`, oldest first; throws TooOldResourceVersion when the window no longer reaches back. */
  since(rv: number): StoreEvent[] {
    if (rv < this.floor) throw tooOldResourceVersion(rv, this.floor);
    const out: StoreEvent[] = [];
    // Binary search the first event with rv > requested.
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.size; i++) out.push(this.at(i));
    return out;
  }

  /** The oldest version a watch may start from. */
  get oldest(): number {
    return this.floor;
  }

  get length(): number {
    return this.size;
  }

  get limit(): number {
    return this.capacity;
  }

  private at(i: number): StoreEvent {
    return this.buf[(this.start + i) % this.buf.length]!;
  }
}
