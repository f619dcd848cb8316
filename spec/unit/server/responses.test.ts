import { newNotFoundPath, newTimeoutError } from '../../../lib/errors/constructors.js';
import {
  beginWatch,
  encodeJSON,
  encodeYAML,
  errorFormatFor,
  statusFor,
  watchEventLine,
  writeObject,
  writeStatus,
} from '../../../lib/server/responses.js';
import { withHandler } from './http-harness.js';

describe('encodeJSON (apimachinery json serializer)', () => {
  it('writes compact JSON with a newline, escaping <, > and & as encoding/json does', () => {
    expect(encodeJSON({ a: '<none>', b: 'x&y' })).toBe('{"a":"\\u003cnone\\u003e","b":"x\\u0026y"}\n');
  });

  it('indents by two spaces without a trailing newline when pretty', () => {
    expect(encodeJSON({ a: [1], b: {} }, true)).toBe('{\n  "a": [\n    1\n  ],\n  "b": {}\n}');
  });
});

describe('encodeYAML (sigs.k8s.io/yaml JSONToYAML)', () => {
  it('sorts keys, does not indent sequences and drops undefined fields', () => {
    expect(encodeYAML({ spec: { containers: [{ name: 'c', image: 'busybox' }] }, kind: 'Pod', skip: undefined })).toBe(
      'kind: Pod\nspec:\n  containers:\n  - image: busybox\n    name: c\n',
    );
  });
});

describe('statusFor (ErrorToAPIStatus)', () => {
  it("returns a StatusError's own Status", () => {
    expect(statusFor(newNotFoundPath())).toMatchObject({ code: 404, reason: 'NotFound', details: {} });
  });

  it('turns any other thrown value into a 500 InternalError', () => {
    expect(statusFor(new Error('boom'))).toMatchObject({ code: 500, reason: 'InternalError', message: 'Internal error occurred: boom' });
    expect(statusFor('plain')).toMatchObject({ code: 500, message: 'Internal error occurred: plain' });
  });
});

describe('errorFormatFor (ErrorNegotiated)', () => {
  it('writes errors of a Table request as plain JSON and of a YAML request as YAML', () => {
    expect(errorFormatFor({ headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } })).toEqual({
      mediaType: 'application/json',
      pretty: false,
    });
    expect(errorFormatFor({ headers: { accept: 'application/yaml' } }).mediaType).toBe('application/yaml');
  });

  it('falls back to indented JSON when nothing is acceptable', () => {
    expect(errorFormatFor({ headers: { accept: 'text/html' } })).toEqual({ mediaType: 'application/json', pretty: true });
  });
});

describe('writeObject, writeStatus, watch lines over HTTP', () => {
  it('writes the object with its code and Content-Type', () =>
    withHandler(
      (_req, res) => writeObject(res, 201, { kind: 'Pod' }),
      async (request) => {
        const r = await request('/');
        expect(r.status).toBe(201);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.body).toBe('{"kind":"Pod"}\n');
      },
    ));

  it('writes a 404 Status with details, as kubectl debug needs', () =>
    withHandler(
      (_req, res) => writeStatus(res, newNotFoundPath()),
      async (request) => {
        const r = await request('/');
        expect(r.status).toBe(404);
        expect(JSON.parse(r.body)).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          details: {},
          code: 404,
        });
      },
    ));

  it('sets Retry-After from details.retryAfterSeconds', () =>
    withHandler(
      (_req, res) => writeStatus(res, newTimeoutError('slow', 3)),
      async (request) => {
        const r = await request('/');
        expect(r.status).toBe(504);
        expect(r.headers['retry-after']).toBe('3');
      },
    ));

  it('writes a thrown Error as 500 InternalError', () =>
    withHandler(
      (_req, res) => writeStatus(res, new TypeError('x is undefined')),
      async (request) => {
        const r = await request('/');
        expect(r.status).toBe(500);
        expect(JSON.parse(r.body)).toMatchObject({ reason: 'InternalError', code: 500 });
      },
    ));

  it('flushes watch headers at once and frames one event per line', () =>
    withHandler(
      (_req, res) => {
        beginWatch(res);
        res.write(watchEventLine('ADDED', { kind: 'Pod', metadata: { name: 'a' } }));
        res.end(watchEventLine('DELETED', { kind: 'Pod', metadata: { name: 'a' } }));
      },
      async (request) => {
        const r = await request('/');
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['transfer-encoding']).toBe('chunked');
        expect(r.body.split('\n')).toEqual([
          '{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a"}}}',
          '{"type":"DELETED","object":{"kind":"Pod","metadata":{"name":"a"}}}',
          '',
        ]);
      },
    ));
});
