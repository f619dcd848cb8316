/**
 * The one place response bodies are written and errors become HTTP: the apiserver's responsewriters
 * (`WriteObjectNegotiated`, `SerializeObject`, `ErrorNegotiated`, `WriteRawJSON`) and apimachinery's JSON
 * and YAML serializers, byte for byte where it is cheap (HTML-safe escapes, trailing newline, sorted YAML).
 */
import type { ServerResponse } from 'node:http';
import { stringify as yamlStringify } from 'yaml';
import type { WatchEventType } from '../api/types.js';
import { newInternalError } from '../errors/constructors.js';
import { StatusError, type FailureStatus } from '../errors/status-error.js';
import { defaultEndpointRestrictions, negotiateOutputMediaType, type OutputMediaType, type RequestLike } from './negotiation.js';

/** How to encode a body: the negotiated media type, indentation, and an optional explicit Content-Type. */
export interface OutputFormat {
  mediaType: OutputMediaType;
  pretty?: boolean;
  /** Overrides the Content-Type header (aggregated discovery names its kind there). */
  contentType?: string;
}

/** JSON, the default output. */
export const jsonFormat: OutputFormat = { mediaType: 'application/json' };

/** encoding/json escapes `<`, `>`, `&` (HTML-safe) and U+2028/U+2029 inside strings; nowhere else can they occur. */
const goEscape = (s: string): string =>
  s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * JSON as the apiserver writes it: compact with a trailing newline (json.Encoder), or indented by two
 * spaces without one (json.MarshalIndent) when pretty.
 */
export function encodeJSON(obj: unknown, pretty = false): string {
  return pretty ? goEscape(JSON.stringify(obj, null, 2)) : `${goEscape(JSON.stringify(obj))}\n`;
}

/** YAML as sigs.k8s.io/yaml JSONToYAML writes it: through JSON, keys sorted, sequences not indented. */
export function encodeYAML(obj: unknown): string {
  const plain: unknown = JSON.parse(JSON.stringify(obj) ?? 'null');
  return yamlStringify(plain, { sortMapEntries: true, indentSeq: false, lineWidth: 0, minContentWidth: 0 });
}

/** The body of `obj` in `format`. */
export function encodeBody(obj: unknown, format: OutputFormat): string {
  return format.mediaType === 'application/yaml' ? encodeYAML(obj) : encodeJSON(obj, format.pretty ?? false);
}

/** Writes `obj` with status `code` in the negotiated format (SerializeObject). */
export function writeObject(res: ServerResponse, code: number, obj: unknown, format: OutputFormat = jsonFormat): void {
  const body = encodeBody(obj, format);
  res.statusCode = code;
  res.setHeader('Content-Type', format.contentType ?? format.mediaType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** WriteRawJSON: indented JSON, no trailing newline, `application/json` (`/version` answers so). */
export function writeRawJSON(res: ServerResponse, code: number, obj: unknown): void {
  writeObject(res, code, obj, { mediaType: 'application/json', pretty: true });
}

/**
 * The Status for any thrown value (ErrorToAPIStatus): a StatusError's own, anything else a 500
 * InternalError carrying the message.
 */
export function statusFor(err: unknown): FailureStatus {
  if (err instanceof StatusError) return err.status;
  const message = err instanceof Error ? err.message : String(err);
  return newInternalError(message).status;
}

/**
 * The format an error is written in (ErrorNegotiated): Accept negotiated without conversions, so a Table
 * request gets its Status as plain JSON; if nothing is acceptable, indented JSON (WriteRawJSON).
 */
export function errorFormatFor(req: RequestLike): OutputFormat {
  try {
    return negotiateOutputMediaType(req, defaultEndpointRestrictions);
  } catch {
    return { mediaType: 'application/json', pretty: true };
  }
}

/**
 * Writes any thrown value as a Status response with its code, a `Retry-After` header when the Status
 * asks for one. If the headers are already out (a watch stream), the response is just ended.
 */
export function writeStatus(res: ServerResponse, err: unknown, format: OutputFormat = jsonFormat): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const status = statusFor(err);
  const retryAfter = status.details?.retryAfterSeconds;
  if (retryAfter !== undefined && retryAfter > 0) res.setHeader('Retry-After', String(retryAfter));
  writeObject(res, status.code, status, format);
}

/**
 * Starts a watch response: 200, `Content-Type: application/json` (the JSON stream serializer's type,
 * whatever conversion was asked for), chunked, headers flushed at once so clients see the stream open.
 */
export function beginWatch(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Transfer-Encoding', 'chunked');
  res.flushHeaders();
}

/** One watch event as a line: `{"type":"ADDED","object":{…}}` and a newline (metav1.WatchEvent, JSON framing). */
export function watchEventLine(type: WatchEventType, object: unknown): string {
  return encodeJSON({ type, object });
}
