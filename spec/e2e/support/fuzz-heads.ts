/**
 * fast-check arbitraries of request heads and framings node:http refuses to send — unknown or lower-case
 * methods, odd request targets and versions, header lines without a colon or with control bytes,
 * conflicting or junk Content-Length and Transfer-Encoding, broken chunking, bare LF line ends — and
 * bodies cut short by a client that hangs up. Written on a bare socket; `parseRawResponse` reads the answer.
 */
import type { IncomingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import { podBody, type FuzzTarget } from './fuzz-pieces.js';
import type { RawRequest, RawResponse } from './raw-http.js';

/** Bytes to write, whether the client hangs up after writing them, and the request they stand for. */
export interface RawCase {
  bytes: Buffer;
  hangUp: boolean;
  request: RawRequest;
}

/** Request heads (and bodies) as a broken or hostile client writes them. */
export function badRequestHeads(t: FuzzTarget): fc.Arbitrary<RawCase> {
  const ns = `/api/v1/namespaces/${t.namespace}`;
  const pod = JSON.stringify(podBody('fz-raw', t.namespace));
  return fc
    .record({
      method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') }, { weight: 1, arbitrary: fc.constantFrom('get', 'FOO', 'G\tET', '', 'CONNECT', 'M-SEARCH', 'PRI', 'HEAD') }),
      target: fc.constantFrom(`${ns}/pods`, `${ns}/pods/${t.pods[0]}`, `${ns}/pods/${t.pods[1]}/status`, '/api/v1/pods', '/api/v1/namespaces', '/version', '*', `http://localhost${ns}/pods`, '/a b', '/\x01', '/\u00e9', '//', `${ns}/pods?dryRun=All`, ''),
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.x', 'HTTP/0.9', ''),
      extra: fc.array(
        fc.constantFrom(
          'X-No-Colon', ' folded continuation', 'Bad Header: x', 'X-Ctl: \x01\x02', 'Content-Type: application/json', 'Content-Type: application/merge-patch+json',
          'Accept: application/yaml', 'Host:', 'X-Empty:', `X-Huge: ${'h'.repeat(20_000)}`, ':no-name', 'X-Utf8: \u00e9', 'Content-Length: abc', 'Content-Length: -1',
          'Content-Length: 99999999999999999999', 'Transfer-Encoding: gzip', 'Transfer-Encoding: chunked, chunked', 'Expect: 100-continue',
        ),
        { maxLength: 3 },
      ),
      framing: fc.constantFrom('none', 'length', 'length', 'chunked', 'both', 'double-length', 'bad-chunk-size', 'chunk-extension', 'short-length', 'short-chunked'),
      body: fc.constantFrom(pod, '{"metadata":{"labels":{"x":"y"}}}', '{', '', '[]'),
      lf: fc.constantFrom('\r\n', '\r\n', '\r\n', '\n'),
    })
    .map(({ method, target: chosen, version, extra, framing, body, lf }): RawCase => {
      // A DELETE of the collection would really delete the seeded pods (a body's DeleteOptions beat ?dryRun).
      const target = method === 'DELETE' && /\/pods(\?|$)/.test(chosen) ? `${ns}/pods/${t.pods[0]}` : chosen;
      const lines = [`${method} ${target} ${version}`.trimEnd(), 'Host: localhost', 'Connection: close', ...extra];
      const b = Buffer.from(body);
      let payload = '';
      let hangUp = false;
      const chunk = (s: string, ext = ''): string => (s.length === 0 ? '' : `${Buffer.byteLength(s).toString(16)}${ext}\r\n${s}\r\n`);
      switch (framing) {
        case 'length': lines.push(`Content-Length: ${b.length}`); payload = body; break;
        case 'chunked': lines.push('Transfer-Encoding: chunked'); payload = `${chunk(body)}0\r\n\r\n`; break;
        case 'both': lines.push('Transfer-Encoding: chunked', `Content-Length: ${b.length}`); payload = `${chunk(body)}0\r\n\r\n`; break;
        case 'double-length': lines.push(`Content-Length: ${b.length}`, `Content-Length: ${b.length + 1}`); payload = body; break;
        case 'bad-chunk-size': lines.push('Transfer-Encoding: chunked'); payload = `zz\r\n${body}\r\n0\r\n\r\n`; break;
        case 'chunk-extension': lines.push('Transfer-Encoding: chunked'); payload = `${chunk(body, ';a="b"')}0\r\n\r\n`; break;
        // A client that promises more than it sends, then vanishes.
        case 'short-length': lines.push(`Content-Length: ${b.length + 100}`); payload = body; hangUp = true; break;
        case 'short-chunked': lines.push('Transfer-Encoding: chunked'); payload = chunk(body); hangUp = true; break;
        default: break;
      }
      const bytes = Buffer.concat([Buffer.from(`${lines.join(lf)}${lf}${lf}`, 'latin1'), Buffer.from(payload, 'latin1')]);
      const headers = Object.fromEntries(extra.filter((l) => /^[A-Za-z-]+:/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      // The path the server resolves: the absolute form names it after the authority.
      const path = target.startsWith('http://') ? target.slice(target.indexOf('/', 'http://'.length)) : target.startsWith('/') ? target : `/${target}`;
      const request: RawRequest = { method, path, headers, ...(framing !== 'none' && b.length > 0 ? { body: b } : {}) };
      return Object.assign({ bytes, hangUp, request }, { [fc.toStringMethod]: () => JSON.stringify({ head: `${lines.join(lf).slice(0, 400)}`, payload: payload.slice(0, 200), hangUp }) });
    });
}

/** Undoes chunked transfer coding (as much of it as arrived). */
function dechunk(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const eol = s.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(s.slice(i, eol).split(';')[0]!, 16);
    if (!Number.isFinite(size) || size === 0) break;
    out += s.slice(eol + 2, eol + 2 + size);
    i = eol + 2 + size + 2;
  }
  return out;
}

/** The first response in `raw` (latin1), as node:http's client would have surfaced it; status 0 if none. */
export function parseRawResponse(raw: string, method: string): RawResponse {
  // Interim answers (`100 Continue`) come first and carry no body.
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw) && raw.includes('\r\n\r\n')) raw = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const end = raw.indexOf('\r\n\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  if (end < 0 || !m) return { status: 0, headers: {}, body: Buffer.alloc(0), streamed: false };
  const headers: IncomingHttpHeaders = {};
  for (const line of raw.slice(0, end).split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(end + 4);
  if (method.toUpperCase() === 'HEAD') body = '';
  else if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  else if (headers['content-length'] !== undefined) body = body.slice(0, Number(headers['content-length']));
  return { status: Number(m[1]), headers, body: Buffer.from(body, 'latin1'), streamed: false };
}
