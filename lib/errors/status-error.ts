import type { Status, StatusCause, StatusDetails } from '../api/types.js';

/**
 * The reasons of apimachinery's `metav1.StatusReason`, as they appear in `Status.reason`.
 */
export const StatusReason = {
  Unknown: '',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Gone: 'Gone',
  Invalid: 'Invalid',
  ServerTimeout: 'ServerTimeout',
  Timeout: 'Timeout',
  TooManyRequests: 'TooManyRequests',
  BadRequest: 'BadRequest',
  MethodNotAllowed: 'MethodNotAllowed',
  NotAcceptable: 'NotAcceptable',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
  UnsupportedMediaType: 'UnsupportedMediaType',
  InternalError: 'InternalError',
  Expired: 'Expired',
  ServiceUnavailable: 'ServiceUnavailable',
} as const;
/** One of {@link StatusReason}. */
export type StatusReason = (typeof StatusReason)[keyof typeof StatusReason];

/** A complete `metav1.Status` with the failure fields always present. */
export interface FailureStatus extends Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason?: string;
  code: number;
}

/**
 * The one error type of kubesim's API: it carries the `Status` the apiserver would send.
 * Thrown by the library door; the HTTP door writes `status` as the response body with `code`.
 */
export class StatusError extends Error {
  /** The complete Status body, keys in the apiserver's wire order. */
  readonly status: FailureStatus;

  constructor(status: FailureStatus) {
    super(status.message);
    this.name = 'StatusError';
    this.status = status;
  }

  /** The HTTP status code. */
  get code(): number {
    return this.status.code;
  }

  /** The Status reason (`NotFound`, `Invalid`, …; '' when the Status has none). */
  get reason(): string {
    return this.status.reason ?? '';
  }

  /** The body as client-node's `ApiException.body` would hold it. */
  get body(): FailureStatus {
    return this.status;
  }
}

/**
 * Builds a Status in Go struct order: kind, apiVersion, metadata, status, message, reason, details, code.
 * `details` is omitted only when `null` is passed (BadRequest has none).
 */
export function makeStatus(code: number, reason: string, message: string, details: StatusDetails | null): FailureStatus {
  // Go omits an empty reason (omitempty); the raw 500s of unwrapped errors have none.
  const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), code } as FailureStatus;
  if (details !== null) {
    const d: StatusDetails = {};
    if (details.name !== undefined && details.name !== '') d.name = details.name;
    if (details.group !== undefined && details.group !== '') d.group = details.group;
    if (details.kind !== undefined && details.kind !== '') d.kind = details.kind;
    if (details.uid !== undefined && details.uid !== '') d.uid = details.uid;
    if (details.causes !== undefined && details.causes.length > 0) d.causes = details.causes.map((c: StatusCause) => ({ ...c }));
    if (details.retryAfterSeconds !== undefined && details.retryAfterSeconds !== 0) d.retryAfterSeconds = details.retryAfterSeconds;
    // Re-create in wire order: message before reason, details before code.
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), details: d, code } as FailureStatus;
  }
  return s;
}
