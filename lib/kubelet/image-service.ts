/**
 * The node's image store as containerd's CRI image service keeps it (`PullImage`, `ImageStatus`): images
 * come from the runtime's {@link ImageCatalogue} (the simulated registries), pulls take virtual time and
 * run one at a time (the kubelet's default `serializeImagePulls: true`), failures carry containerd's text.
 */
import type { Clock } from '../clock/clock.js';
import { parseImageReference } from '../runtime/image-reference.js';
import type { ImageCatalogue, ResolvedImage } from '../runtime/images.js';
import type { Wait } from './task.js';

export type { ImageCatalogue, ResolvedImage };

/** An image present on the node. */
export interface StoredImage {
  /** `docker.io/library/busybox:1.36` (the status `image`). */
  readonly name: string;
  /** `docker.io/library/busybox@sha256:…` (the status `imageID`, CRI `ImageRef`). */
  readonly imageRef: string;
  readonly size: number;
  readonly image: ResolvedImage;
}

/** What a pull gives: the image and how long the pull itself and the wait for it took, or containerd's error. */
export type PullResult =
  | { readonly ok: StoredImage; readonly pullMs: number; readonly totalMs: number }
  | { readonly error: string; readonly totalMs: number };

/** Virtual time of a registry round trip: a pull of an image already present, or a failed resolution. */
export const RESOLVE_MS = 400;

/** The node's images and its (serial) puller. */
export class ImageService {
  private readonly images = new Map<string, StoredImage>();
  /** Pulls waiting for the (serial) puller, and whether it is busy. */
  private readonly queue: (() => void)[] = [];
  private pulling = false;

  constructor(private readonly catalogue: ImageCatalogue, private readonly clock: Clock) {}

  /** The stored image a reference names, if present (`ImageStatus`). */
  status(image: string): StoredImage | undefined {
    const ref = parseImageReference(image);
    return ref ? this.images.get(ref.normalized) : undefined;
  }

  /** Every image on the node (for `node.status.images`). */
  list(): StoredImage[] {
    return [...this.images.values()];
  }

  /** Puts an image on the node without a pull (images baked into the node, `kind load`). */
  preload(image: string): StoredImage | undefined {
    const resolved = this.catalogue.resolve(image);
    return 'reason' in resolved ? undefined : this.store(resolved);
  }

  /**
   * `PullImage`: waits for the pulls queued before it, then resolves the reference and downloads what
   * is not on the node at that moment (a second pull of an image the first one brought is a round trip).
   * Resolves with the stored image or containerd's error.
   */
  pull(image: string): Wait<PullResult> {
    return {
      start: (resume) => {
        const queuedAt = this.clock.now();
        let timer: { cancel(): void } | undefined;
        let cancelled = false;
        const begin = (): void => {
          if (cancelled) return this.next();
          const resolved = this.catalogue.resolve(image);
          const failed = 'reason' in resolved;
          const present = !failed && this.images.has(resolved.ref.normalized);
          const pullMs = failed || present ? RESOLVE_MS : Math.max(RESOLVE_MS, resolved.pullMs);
          timer = this.clock.setTimer(pullMs, () => {
            timer = undefined;
            const totalMs = this.clock.now() - queuedAt;
            const result: PullResult = 'reason' in resolved ? { error: resolved.message, totalMs } : { ok: this.store(resolved), pullMs, totalMs };
            this.next();
            resume(result);
          });
        };
        this.queue.push(begin);
        if (!this.pulling) this.next();
        return () => {
          cancelled = true;
          if (timer) {
            timer.cancel();
            this.next();
          }
        };
      },
    };
  }

  /** Starts the next queued pull, or marks the puller idle. */
  private next(): void {
    const begin = this.queue.shift();
    this.pulling = begin !== undefined;
    begin?.();
  }

  private store(image: ResolvedImage): StoredImage {
    const stored: StoredImage = { name: image.ref.normalized, imageRef: image.imageID, size: image.sizeBytes, image };
    this.images.set(image.ref.normalized, stored);
    return stored;
  }
}
