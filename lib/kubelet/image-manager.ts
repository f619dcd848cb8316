/**
 * The kubelet's image manager (`pkg/kubelet/images/image_manager.go EnsureImageExists`, release-1.32): the
 * pull policy, the per-pod-and-image pull back-off (10 s doubling to 300 s), and the `Pulling`, `Pulled`,
 * `Failed`, `BackOff` and `ErrImageNeverPull` events with their exact texts.
 */
import type { ObjectReference, Pod } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import { parseImageReference } from '../runtime/image-reference.js';
import { formatGoDuration, isInBackOffSinceUpdate, nextBackOff, gcBackOff, type BackoffTable } from './backoff.js';
import type { KubeletEventRecorder } from './events.js';
import type { ImageService, StoredImage } from './image-service.js';
import { waitFor, type Task } from './task.js';

/** The image errors the kubelet reports as waiting reasons (`images/types.go`). */
export const ERR_IMAGE_PULL = 'ErrImagePull';
export const ERR_IMAGE_PULL_BACKOFF = 'ImagePullBackOff';
export const ERR_IMAGE_NEVER_PULL = 'ErrImageNeverPull';
export const ERR_INVALID_IMAGE_NAME = 'InvalidImageName';

/** The image to run, or why there is none (the reason becomes the waiting reason). */
export type EnsureImageResult = { readonly image: StoredImage } | { readonly reason: string; readonly message: string };

/** Pull state shared by every pod of a node. */
export class ImageManager {
  private backOff: BackoffTable = new Map();

  constructor(
    private readonly images: ImageService,
    private readonly recorder: KubeletEventRecorder,
    private readonly clock: Clock,
  ) {}

  /** When the pull back-off of this pod and image ends (ms), if it is in back-off now. */
  backOffEnd(pod: Pod, image: string): number | undefined {
    const key = `${pod.metadata?.uid ?? ''}_${image}`;
    const e = this.backOff.get(key);
    if (!e || !isInBackOffSinceUpdate(this.backOff, key, this.clock.now())) return undefined;
    return e.lastUpdateMs + e.backoffMs;
  }

  /** `EnsureImageExists` for one container: check the policy, pull when needed, and report what happened. */
  *ensureImageExists(pod: Pod, ref: ObjectReference, image: string, pullPolicy: string | undefined): Task<EnsureImageResult> {
    if (!parseImageReference(image)) {
      // applyDefaultImageTag cannot parse the name.
      const message = `Failed to apply default image tag ${JSON.stringify(image)}: couldn't parse image name ${JSON.stringify(image)}: invalid reference format`;
      this.recorder.event(ref, 'Warning', 'InspectFailed', message);
      return { reason: ERR_INVALID_IMAGE_NAME, message };
    }
    const present = this.images.status(image);
    if (pullPolicy !== 'Always' && present) {
      this.recorder.event(ref, 'Normal', 'Pulled', `Container image ${JSON.stringify(image)} already present on machine`);
      return { image: present };
    }
    if (pullPolicy === 'Never') {
      const message = `Container image ${JSON.stringify(image)} is not present with pull policy of Never`;
      this.recorder.event(ref, 'Warning', ERR_IMAGE_NEVER_PULL, message);
      return { reason: ERR_IMAGE_NEVER_PULL, message };
    }
    const key = `${pod.metadata?.uid ?? ''}_${image}`;
    if (isInBackOffSinceUpdate(this.backOff, key, this.clock.now())) {
      const message = `Back-off pulling image ${JSON.stringify(image)}`;
      this.recorder.event(ref, 'Normal', 'BackOff', message);
      return { reason: ERR_IMAGE_PULL_BACKOFF, message };
    }
    this.recorder.event(ref, 'Normal', 'Pulling', `Pulling image ${JSON.stringify(image)}`);
    const result = yield* waitFor(this.images.pull(image));
    if ('error' in result) {
      this.recorder.event(ref, 'Warning', 'Failed', `Failed to pull image ${JSON.stringify(image)}: ${result.error}`);
      this.backOff = nextBackOff(this.backOff, key, this.clock.now(), this.clock.now());
      return { reason: ERR_IMAGE_PULL, message: result.error };
    }
    this.recorder.event(ref, 'Normal', 'Pulled',
      `Successfully pulled image ${JSON.stringify(image)} in ${formatGoDuration(result.pullMs)} (${formatGoDuration(result.totalMs)} including waiting). Image size: ${result.ok.size} bytes.`);
    this.backOff = gcBackOff(this.backOff, this.clock.now());
    return { image: result.ok };
  }
}
