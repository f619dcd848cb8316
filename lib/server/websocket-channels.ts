/**
 * The remote-command channel protocol over WebSocket (`k8s.io/apimachinery/pkg/util/httpstream/wsstream`
 * and `pkg/util/remotecommand`): every binary message starts with a channel byte — 0 stdin, 1 stdout,
 * 2 stderr, 3 error (the final Status), 4 resize — and under `v5.channel.k8s.io` a message `[255, N]`
 * from the client half-closes channel N. kube-apiserver 1.32 speaks v5 itself (its stream translator);
 * `v4.channel.k8s.io` is what the kubelet's streaming server speaks to clients that do not offer v5.
 */
import type { Status } from '../api/types.js';

/** `v5.channel.k8s.io`: v4 plus the close signal. */
export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';
/** `v4.channel.k8s.io`: JSON Status on the error channel. */
export const STREAM_PROTOCOL_V4 = 'v4.channel.k8s.io';
/** The subprotocols served, in the server's order of preference. */
export const SUPPORTED_STREAM_PROTOCOLS: readonly string[] = [STREAM_PROTOCOL_V5, STREAM_PROTOCOL_V4];

/** Channel numbers (`remotecommand.StreamStdIn` …). */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;
/** How many channels a remote-command connection opens. */
const CHANNEL_COUNT = 5;

/**
 * The subprotocol for the client's `Sec-WebSocket-Protocol` offers: the first one offered that is served
 * (wsstream's handshake walks the client's list), or undefined.
 */
export function negotiateStreamProtocol(header: string | undefined): string | undefined {
  const offered = (header ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  return offered.find((p) => SUPPORTED_STREAM_PROTOCOLS.includes(p));
}

/** The protocols a client offered, for the handshake error message. */
export function offeredProtocols(header: string | undefined): string[] {
  return (header ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/** A message from the client, decoded (`Conn.handle`). */
export type ClientFrame =
  /** Data for a readable channel (stdin, resize). */
  | { readonly kind: 'data'; readonly channel: number; readonly payload: Buffer }
  /** `[255, N]`: the client will send nothing more on channel N. */
  | { readonly kind: 'close'; readonly channel: number }
  /** An empty message, or one for a channel the server does not read: dropped, as wsstream drops it. */
  | { readonly kind: 'ignored'; readonly why: string }
  /** A malformed close signal: wsstream stops reading and closes the connection. */
  | { readonly kind: 'protocol-error'; readonly message: string };

/**
 * Decodes one client message as wsstream does: empty messages and data for channels beyond resize are
 * dropped; a v5 close signal must carry exactly one valid channel byte, else the connection ends.
 */
export function decodeClientFrame(data: Buffer, protocol: string): ClientFrame {
  if (data.length === 0) return { kind: 'ignored', why: 'empty message' };
  const channel = data[0]!;
  if (protocol === STREAM_PROTOCOL_V5 && channel === Channel.close) {
    if (data.length !== 2) return { kind: 'protocol-error', message: `single channel byte should follow stream close signal, got ${data.length - 1} bytes` };
    const target = data[1]!;
    if (target >= CHANNEL_COUNT) return { kind: 'protocol-error', message: `close is targeted for a channel ${target} that is not valid` };
    return { kind: 'close', channel: target };
  }
  if (channel >= CHANNEL_COUNT) return { kind: 'ignored', why: `frame is targeted for a reader ${channel} that is not valid` };
  if (channel !== Channel.stdin && channel !== Channel.resize) return { kind: 'ignored', why: `channel ${channel} is written by the server only` };
  return { kind: 'data', channel, payload: data.subarray(1) };
}

/** A server message: the channel byte, then the payload. */
export function encodeServerFrame(channel: number, payload: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from([channel]), body]);
}

/**
 * The error-channel payload: the Status as `json.Marshal(status.Status())` writes it — no kind or
 * apiVersion, `metadata` always present, Go's field order, empty fields left out.
 */
export function errorChannelStatus(status: Status): string {
  const out: Record<string, unknown> = { metadata: {}, status: status.status };
  if (status.message) out.message = status.message;
  if (status.reason) out.reason = status.reason;
  const d = status.details;
  if (d) {
    const details: Record<string, unknown> = {};
    if (d.name) details.name = d.name;
    if (d.group) details.group = d.group;
    if (d.kind) details.kind = d.kind;
    if (d.uid) details.uid = d.uid;
    if (d.causes && d.causes.length > 0) {
      details.causes = d.causes.map((c) => {
        const cause: Record<string, unknown> = {};
        if (c.reason) cause.reason = c.reason;
        if (c.message) cause.message = c.message;
        if (c.field) cause.field = c.field;
        return cause;
      });
    }
    if (d.retryAfterSeconds) details.retryAfterSeconds = d.retryAfterSeconds;
    out.details = details;
  }
  if (status.code) out.code = status.code;
  return JSON.stringify(out);
}

/** The Status of a process that exited with `code` (`codeExitToStatusError`; Success for 0). */
export function exitStatus(code: number): Status {
  if (code === 0) return { status: 'Success' };
  return {
    status: 'Failure',
    // The stream translator wraps the exit error the kubelet's SPDY stream reported.
    message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * The resize channel: a stream of JSON `TerminalSize` objects (`{"Width":200,"Height":50}`, keys
 * matched case-insensitively as encoding/json does). Like the apiserver's `handleResizeEvents`, the first
 * value that does not decode ends resize handling for the session; the session itself goes on.
 */
export class ResizeDecoder {
  private buffer = '';
  private failed: string | undefined;

  /** Why resizes stopped being read, if they did. */
  get error(): string | undefined {
    return this.failed;
  }

  /** Feeds channel-4 bytes; returns the sizes decoded from them. */
  push(chunk: string): Array<{ width: number; height: number }> {
    if (this.failed !== undefined) return [];
    this.buffer += chunk;
    const sizes: Array<{ width: number; height: number }> = [];
    for (;;) {
      this.buffer = this.buffer.replace(/^[ \t\r\n]+/, '');
      if (this.buffer === '') return sizes;
      const end = jsonValueEnd(this.buffer);
      if (end === undefined) return sizes; // incomplete: wait for more
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end);
      const size = decodeTerminalSize(text);
      if (typeof size === 'string') {
        this.failed = size;
        this.buffer = '';
        return sizes;
      }
      sizes.push(size);
    }
  }
}

/** The end of the first JSON value in `s` (objects, arrays and strings are scanned; scalars end at a delimiter). */
function jsonValueEnd(s: string): number | undefined {
  const open = s[0];
  if (open !== '{' && open !== '[' && open !== '"') {
    const m = /^[^\s{}[\]",:]+/.exec(s);
    return m && m[0].length < s.length ? m[0].length : undefined;
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/** One `remotecommand.TerminalSize` (uint16 Width and Height), or why it does not decode. */
function decodeTerminalSize(text: string): { width: number; height: number } | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `invalid JSON on the resize channel: ${(e as Error).message}`;
  }
  if (v === null) return { width: 0, height: 0 };
  if (typeof v !== 'object' || Array.isArray(v)) return `cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type remotecommand.TerminalSize`;
  const size = { width: 0, height: 0 };
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const key = k.toLowerCase();
    if (key !== 'width' && key !== 'height') continue;
    if (val === null) continue;
    if (typeof val !== 'number' || !Number.isInteger(val) || val < 0 || val > 65535) {
      return `cannot unmarshal ${JSON.stringify(val)} into Go struct field TerminalSize.${key === 'width' ? 'Width' : 'Height'} of type uint16`;
    }
    size[key] = val;
  }
  return size;
}
