/**
 * What every admission plugin is told about a request (apiserver `admission.Attributes`, reduced to
 * what the pod plugins read) and how a plugin says no. Admission does not build HTTP errors itself
 * (that is the registry's vocabulary): it throws {@link AdmissionDenied}, which carries exactly what
 * apiserver `admission.NewForbidden` puts into the 403.
 */
import type { Pod } from '../api/types.js';

/** `admission.Operation` */
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** The request as admission sees it. */
export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  /** Plural resource (`pods`). */
  readonly resource: string;
  /** `''` for the main resource, else `status`, `ephemeralcontainers`, `binding`, … */
  readonly subresource: string;
  readonly namespace: string;
  /** The name in the request path; `''` on a create that names the object only in its body. */
  readonly name: string;
  /** The stored object, on update. */
  readonly oldObject?: Pod;
}

/** A rejection by an admission plugin: HTTP 403 `<resource> "<name>" is forbidden: <message>`. */
export class AdmissionDenied extends Error {
  override readonly name = 'AdmissionDenied';
  constructor(
    /** The plural resource of the request (`pods`). */
    readonly resource: string,
    /** The object name the 403 names (see {@link forbidden}). */
    readonly objectName: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `admission.NewForbidden`: the name is the request's, else the object's, else its generateName (names
 * are not generated yet when admission runs), else `Unknown`.
 */
export function forbidden(attrs: AdmissionAttributes, pod: Pod | undefined, message: string): AdmissionDenied {
  const objectName = attrs.name || pod?.metadata?.name || pod?.metadata?.generateName || 'Unknown';
  return new AdmissionDenied(attrs.resource, objectName, message);
}

/** `shouldIgnore` of the pod plugins: only pods, and only the main resource unless `subresources` lists it. */
export function isPodRequest(attrs: AdmissionAttributes, subresources: readonly string[] = []): boolean {
  return attrs.resource === 'pods' && (attrs.subresource === '' || subresources.includes(attrs.subresource));
}
