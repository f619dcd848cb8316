import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { coreV1OpenAPI, findPackageRoot, openAPIV3Index, serveOpenAPI } from '../../../lib/server/openapi.js';
import { withHandler } from './http-harness.js';

// The SHA-512 the reference gives for the genuine v1.32 core/v1 document.
const referenceHash =
  '5D383C0FCADBA9E43C69638A2FCE604FDF5483FD5E4CCE4648A9627E5E112406C1DA99479D1C4D552FC727C3A54863A89E666E5455F8C0364BBB21B8BAA6D872';
const now = Date.parse('2025-01-01T00:00:00Z');
const serve = withHandler.bind(null, (req, res) => {
  if (!serveOpenAPI(req, res, now)) {
    res.statusCode = 404;
    res.end('unhandled');
  }
});

describe('findPackageRoot', () => {
  it('walks up from lib/server to the directory holding package.json', () => {
    expect(findPackageRoot()).toBe(process.cwd());
    expect(findPackageRoot(path.join(process.cwd(), 'dist', 'lib', 'server'))).toBe(process.cwd());
  });
});

describe('coreV1OpenAPI', () => {
  it('holds the reference document byte for byte, its ETag the uppercase SHA-512 of those bytes', () => {
    const doc = coreV1OpenAPI();
    expect(doc.bytes.length).toBe(1970487);
    expect(doc.etag).toBe(referenceHash);
    expect(createHash('sha512').update(doc.bytes).digest('hex').toUpperCase()).toBe(doc.etag);
    const shared = readFileSync(path.resolve(process.cwd(), '../shared/reference/openapi/api__v1_openapi.v1.32.json'));
    expect(doc.bytes.equals(shared)).toBe(true);
  });

  it('is loaded once', () => {
    expect(coreV1OpenAPI()).toBe(coreV1OpenAPI());
  });
});

describe('serveOpenAPI', () => {
  it('indexes api/v1 with its hash URL', () => {
    expect(openAPIV3Index()).toEqual({ paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${referenceHash}` } } });
  });

  it('serves the index kubectl reads first, as JSON with an ETag', () =>
    serve(async (request) => {
      const r = await request('/openapi/v3?timeout=32s');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body)).toEqual(openAPIV3Index());
      expect(r.headers.etag).toMatch(/^"[0-9A-F]{128}"$/);
    }));

  it('serves the document at its hash URL, immutable for a year', () =>
    serve(async (request) => {
      const r = await request(`/openapi/v3/api/v1?hash=${referenceHash}&timeout=32s`, { headers: { accept: 'application/json' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers.etag).toBe(`"${referenceHash}"`);
      expect(r.headers['cache-control']).toBe('public, immutable');
      expect(r.headers.expires).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
      expect(r.headers.vary).toBe('Accept');
      expect(r.headers['content-length']).toBe('1970487');
      expect(createHash('sha512').update(Buffer.from(r.body, 'utf8')).digest('hex').toUpperCase()).toBe(referenceHash);
      const doc = JSON.parse(r.body) as { paths: Record<string, { patch?: { parameters?: { name: string; in: string }[] } }> };
      const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']!.patch!;
      expect(patch.parameters!.some((p) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
    }));

  it('redirects a stale hash with 301 to the current URL', () =>
    serve(async (request) => {
      const r = await request('/openapi/v3/api/v1?hash=STALE');
      expect(r.status).toBe(301);
      expect(r.headers.location).toBe(`/openapi/v3/api/v1?hash=${referenceHash}`);
      expect(r.body).toBe('');
    }));

  it('serves without hash and without cache headers, and answers 304 to a matching If-None-Match', () =>
    serve(async (request) => {
      const r = await request('/openapi/v3/api/v1');
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBeUndefined();
      const again = await request('/openapi/v3/api/v1', { headers: { 'if-none-match': `"${referenceHash}"` } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
    }));

  it('answers 406 to a protobuf-only Accept and 404 to an unknown group version', () =>
    serve(async (request) => {
      expect((await request('/openapi/v3/api/v1', { headers: { accept: 'application/com.github.proto-openapi.spec.v3.v1.0+protobuf' } })).status).toBe(406);
      expect((await request('/openapi/v3/apis/apps/v1')).status).toBe(404);
    }));

  it('leaves /openapi/v2 to the router', () =>
    serve(async (request) => {
      expect((await request('/openapi/v2?timeout=32s')).body).toBe('unhandled');
    }));
});
