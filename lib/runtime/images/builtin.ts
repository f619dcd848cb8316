import { alpineImage, busyboxImage } from './busybox.js';
import { debianImage, ubuntuImage } from './debian.js';
import { agnhostImage, distrolessImage, genericImage, pauseImage } from './minimal.js';
import { nginxImage } from './nginx.js';
import type { ImageFactory } from './types.js';

/** The images every catalogue starts with, by the repository name they match. */
export function builtinImages(): Record<string, ImageFactory> {
  return {
    busybox: busyboxImage,
    alpine: alpineImage,
    debian: debianImage,
    ubuntu: ubuntuImage,
    nginx: nginxImage,
    pause: pauseImage,
    'distroless/*': distrolessImage,
    agnhost: agnhostImage,
    generic: genericImage,
  };
}
