/**
 * OpenAPI v3 as kube-apiserver 1.32 serves it (kube-openapi pkg/handler3, behind kube-aggregator's
 * spec proxier): `/openapi/v3` lists each group version with a `?hash=` URL, and `/openapi/v3/api/v1`
 * serves the genuine core/v1 document byte for byte. `kubectl create/apply/replace/edit` need both to
 * learn that PATCH on v1 Pod takes `fieldValidation`. `/openapi/v2` is not served: kubectl then falls back
 * to its compiled-in types (a 404 from the router is what it expects).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha512Hex } from './discovery.js';
import { parseAccept } from './negotiation.js';

/** The core/v1 document, relative to the package root (upstream api/openapi-spec/v3/api__v1_openapi.json, release-1.32). */
export const coreV1OpenAPIFile = path.join('data', 'openapi', 'api__v1_openapi.v1.32.json');

/** A served document: its exact bytes and their ETag (uppercase hex SHA-512). */
export interface OpenAPIDocument {
  bytes: Buffer;
  etag: string;
}

/**
 * The nearest directory at or above `start` holding a package.json: the repository root under ts-jest
 * (lib/server) and when compiled (dist/lib/server), the package root when installed.
 */
export function findPackageRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

let coreV1: OpenAPIDocument | undefined;

/** The core/v1 document, read once on first use. */
export function coreV1OpenAPI(): OpenAPIDocument {
  if (!coreV1) {
    const bytes = readFileSync(path.join(findPackageRoot(), coreV1OpenAPIFile));
    coreV1 = { bytes, etag: sha512Hex(bytes) };
  }
  return coreV1;
}

/** The group versions with a document, by their path under /openapi/v3. */
const documents: Readonly<Record<string, () => OpenAPIDocument>> = { 'api/v1': coreV1OpenAPI };

/** constructServerRelativeURL: `/openapi/v3/<gv>?hash=<etag>`. */
export function serverRelativeURL(gv: string, etag: string): string {
  return `/openapi/v3/${gv}?hash=${encodeURIComponent(etag)}`;
}

/** The `/openapi/v3` index (OpenAPIV3Discovery), keys sorted as json.Marshal writes a map. */
export function openAPIV3Index(): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of Object.keys(documents).sort()) paths[gv] = { serverRelativeURL: serverRelativeURL(gv, documents[gv]!().etag) };
  return { paths };
}

/** Go's weak ETag comparison over an If-None-Match list (`*` matches anything). */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/**
 * http.ServeContent for a whole document: Last-Modified, Accept-Ranges, Content-Length, and 304 for a
 * matching If-None-Match (or, without one, an If-Modified-Since not before Last-Modified). Ranges are not
 * honoured: the whole document is sent.
 */
function serveContent(req: IncomingMessage, res: ServerResponse, data: Buffer, lastModified: number, etag: string): void {
  const modified = new Date(Math.floor(lastModified / 1000) * 1000);
  res.setHeader('Last-Modified', modified.toUTCString());
  const ims = req.headers['if-modified-since'];
  const notModified =
    req.headers['if-none-match'] !== undefined
      ? noneMatch(req.headers['if-none-match'], etag)
      : ims !== undefined && !Number.isNaN(Date.parse(ims)) && modified.getTime() <= Date.parse(ims);
  if (notModified) {
    res.removeHeader('Content-Type');
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Length', data.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : data);
}

/** HandleDiscovery: the index with its own ETag. */
function serveIndex(req: IncomingMessage, res: ServerResponse, now: number): void {
  const data = Buffer.from(JSON.stringify(openAPIV3Index()));
  const etag = JSON.stringify(sha512Hex(data));
  res.setHeader('Etag', etag);
  res.setHeader('Content-Type', 'application/json');
  serveContent(req, res, data, now, etag);
}

/**
 * HandleGroupVersion: JSON only (the protobuf form is not offered, so a protobuf-only Accept gets 406). With
 * `?hash=` a stale hash is redirected (301) to the current URL and a current one is cacheable for a year.
 */
function serveGroupVersion(req: IncomingMessage, res: ServerResponse, gv: string, url: URL, now: number): void {
  const load = documents[gv];
  if (!load) {
    // kube-aggregator's spec proxier: no group version matches.
    res.statusCode = 404;
    res.end();
    return;
  }
  res.appendHeader('Vary', 'Accept');
  const clauses = parseAccept(req.headers.accept || '*/*');
  const json = clauses.some((c) => (c.type === 'application' || c.type === '*') && (c.subType === 'json' || c.subType === '*'));
  if (!json) {
    res.statusCode = 406;
    res.end();
    return;
  }
  const doc = load();
  res.setHeader('Content-Type', 'application/json');
  const etag = JSON.stringify(doc.etag);
  res.setHeader('Etag', etag);
  const hash = url.searchParams.get('hash');
  if (hash) {
    if (hash !== doc.etag) {
      // http.Redirect keeps the JSON Content-Type already set, so it writes no body.
      res.setHeader('Location', serverRelativeURL(gv, doc.etag));
      res.statusCode = 301;
      res.end();
      return;
    }
    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'public, immutable');
    const expires = new Date(now);
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    res.setHeader('Expires', expires.toUTCString());
  }
  // Last-Modified is the request's time: revalidation goes by ETag.
  serveContent(req, res, doc.bytes, now, etag);
}

/**
 * Answers `GET`/`HEAD` of `/openapi/v3` and `/openapi/v3/{group-version}`; returns false for anything
 * else (including `/openapi/v2`, which the router answers 404). `now` (ms, the server's clock) dates the
 * Last-Modified and Expires headers.
 */
export function serveOpenAPI(req: IncomingMessage, res: ServerResponse, now: number): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(`http://localhost${req.url ?? '/'}`);
  if (url.pathname === '/openapi/v3') {
    serveIndex(req, res, now);
    return true;
  }
  if (url.pathname.startsWith('/openapi/v3/')) {
    serveGroupVersion(req, res, url.pathname.slice('/openapi/v3/'.length), url, now);
    return true;
  }
  return false;
}
