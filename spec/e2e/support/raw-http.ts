import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** One request as a fuzzer builds it: nothing is checked or fixed up before it is sent. */
export interface RawRequest {
  method: string;
  /** The request target, sent as is (node only refuses bytes outside 0x21-0xff). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body chunked instead of with a Content-Length. */
  chunked?: boolean;
}

/** What came back, or how the exchange ended without an answer. */
export interface RawResponse {
  /** 0 when no response head arrived (the connection was closed or the request refused client-side). */
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The response head arrived and the client hung up on purpose (a stream, or a 101). */
  streamed: boolean;
  /** Client-side refusal, connection error, or `timeout`. */
  error?: string;
}

/** Requests that never reuse a connection, so one broken exchange cannot spill into the next. */
export const noKeepAlive = new Agent({ keepAlive: false, maxSockets: 8 });

/**
 * Sends `r` to `baseUrl` with node:http. `isStream(status, headers)` decides, once the head is in, to
 * drop the connection instead of reading the body (watches and followed logs never end on their own).
 * Any exchange still open after `timeoutMs` is destroyed and reported as `error: 'timeout'`.
 */
export function sendHttp(
  baseUrl: string,
  r: RawRequest,
  opts: { timeoutMs: number; isStream: (status: number, headers: IncomingHttpHeaders) => boolean },
): Promise<RawResponse> {
  const u = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (out: RawResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(out);
    };
    let req: ReturnType<typeof request>;
    try {
      const headers = { ...r.headers };
      // Always framed: node sends a GET/DELETE body bare unless told, and the bytes would read as a second request.
      if (r.body !== undefined && r.body.length > 0) {
        if (r.chunked) headers['Transfer-Encoding'] = 'chunked';
        else headers['Content-Length'] = String(r.body.length);
      }
      req = request({ host: u.hostname, port: u.port, method: r.method, path: r.path, headers, agent: noKeepAlive, setHost: true });
    } catch (e) {
      resolve({ status: 0, headers: {}, body: Buffer.alloc(0), streamed: false, error: `client: ${(e as Error).message}` });
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: 0, headers: {}, body: Buffer.alloc(0), streamed: false, error: 'timeout' });
    }, opts.timeoutMs);
    req.on('error', (e) => done({ status: 0, headers: {}, body: Buffer.alloc(0), streamed: false, error: e.message }));
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0), streamed: true });
    });
    // Every answer to a CONNECT arrives here, its body as raw bytes on the socket.
    req.on('connect', (res, socket, head) => {
      const chunks: Buffer[] = [head];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', () => socket.destroy());
      socket.on('close', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), streamed: false }));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (opts.isStream(status, res.headers)) {
        res.destroy();
        req.destroy();
        done({ status, headers: res.headers, body: Buffer.alloc(0), streamed: true });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status, headers: res.headers, body: Buffer.concat(chunks), streamed: false }));
      res.on('error', (e) => done({ status, headers: res.headers, body: Buffer.concat(chunks), streamed: false, error: e.message }));
    });
    if (r.body !== undefined && r.body.length > 0) req.end(r.body);
    else req.end();
  });
}

/**
 * Writes `bytes` on a fresh TCP connection and reads until the server closes it (or `timeoutMs`),
 * for request heads node:http would refuse to send. Returns the status of the first response line
 * (0 if none) and everything received.
 */
export function sendBytes(baseUrl: string, bytes: Buffer, opts: { timeoutMs: number; hangUp?: boolean }): Promise<{ status: number; raw: string; error?: string }> {
  const u = new URL(baseUrl);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: u.hostname, port: Number(u.port) });
    let settled = false;
    const done = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      resolve({ status: m ? Number(m[1]) : 0, raw, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => done('timeout'), opts.timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => done());
    socket.on('close', () => done());
    socket.on('error', (e) => done(e.message));
    socket.write(bytes, () => {
      // A client that vanishes mid-request: the server must let go of it.
      if (opts.hangUp) socket.destroy();
    });
  });
}
