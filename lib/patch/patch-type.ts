/**
 * The patch types the apiserver accepts on PATCH, named by their Content-Type
 * (k8s.io/apimachinery/pkg/types/patch.go; the list and its order from apiserver's installer.go, v1.32).
 */
import { makeStatus, StatusError, StatusReason } from '../errors/status-error.js';

/** Patch types by Content-Type. */
export const PatchType = {
  /** RFC 6902 JSON patch. */
  JSON: 'application/json-patch+json',
  /** RFC 7386 JSON merge patch. */
  Merge: 'application/merge-patch+json',
  /** Kubernetes strategic merge patch. */
  StrategicMerge: 'application/strategic-merge-patch+json',
  /** Server-side apply. */
  Apply: 'application/apply-patch+yaml',
} as const;
/** One of {@link PatchType}. */
export type PatchType = (typeof PatchType)[keyof typeof PatchType];

/** The Content-Types PATCH accepts, in the order the 415 message lists them (CBOR apply is off by default in 1.32). */
export const supportedPatchTypes: readonly PatchType[] = [PatchType.JSON, PatchType.Merge, PatchType.StrategicMerge, PatchType.Apply];

/**
 * The patch type named by a Content-Type header, or undefined. As PatchResource does, only the part
 * before the first `;` counts (when not at position 0) and nothing is trimmed or lowercased.
 */
export function patchTypeFromContentType(header: string): PatchType | undefined {
  const idx = header.indexOf(';');
  const contentType = idx > 0 ? header.slice(0, idx) : header;
  return (supportedPatchTypes as readonly string[]).includes(contentType) ? (contentType as PatchType) : undefined;
}

/** 415 for a PATCH with another Content-Type (negotiation.NewUnsupportedMediaTypeError: no details). */
export function newUnsupportedPatchType(supported: readonly string[] = supportedPatchTypes): StatusError {
  return new StatusError(
    makeStatus(415, StatusReason.UnsupportedMediaType, `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`, null),
  );
}
