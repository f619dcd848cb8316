import type { DirNode } from '../fs/nodes.js';
import type { TreeSpec } from '../fs/tree.js';
import type { ImageReference } from '../image-reference.js';
import type { Program } from '../program.js';
import type { SignalName } from '../signals.js';

/** The runtime part of an image's config (`docker inspect` `.Config`). */
export interface ImageConfig {
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  /** `NAME=value` entries, in order. */
  readonly env?: readonly string[];
  readonly workingDir?: string;
  /** `uid[:gid]` or a user name from the image's /etc/passwd. */
  readonly user?: string;
  /** The image's STOPSIGNAL; containerd sends it instead of TERM (nginx: QUIT). */
  readonly stopSignal?: SignalName;
}

/**
 * What an image is in the simulation: its config, its files, and pull facts. `base` names another
 * catalogue image whose files (and config fields not given here) this one extends.
 */
export interface ImageBehaviour {
  readonly base?: string;
  readonly config?: ImageConfig;
  /** Files on top of the base (executables are `{ program }` entries or `#!` scripts). */
  readonly files?: TreeSpec;
  /** A ready-made tree (built-in images); takes the place of `base` + `files`. */
  readonly tree?: () => DirNode;
  /** Compressed size, for the `Pulled` event (`Image size: N bytes`). */
  readonly sizeBytes?: number;
  /** Virtual time a first pull takes; default derived from the size. */
  readonly pullMs?: number;
  /** Repository digest (`sha256:…`) for `imageID`; default derived from the reference. */
  readonly digest?: string;
  /**
   * What a container's main command runs when the image does not have it (the `generic` image:
   * whatever `command` a pod of an unknown image names, it is that image's binary).
   */
  readonly fallbackProgram?: Program;
}

/** A behaviour chosen per reference (tags pick versions), or `missing` (the pull fails). */
export type ImageFactory = (ref: ImageReference) => ImageBehaviour | 'missing';

/** An image found in the catalogue for a reference, with everything resolved. */
export interface ResolvedImage {
  readonly ref: ImageReference;
  readonly config: ImageConfig;
  readonly root: DirNode;
  readonly sizeBytes: number;
  readonly pullMs: number;
  /** `docker.io/library/busybox@sha256:…` (the status `imageID`). */
  readonly imageID: string;
  /** `sha256:…`, the image's config digest (CRI image id). */
  readonly id: string;
  readonly fallbackProgram?: Program;
}
