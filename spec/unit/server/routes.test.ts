import { createCluster } from '../../../lib/cluster.js';
import { StatusError } from '../../../lib/errors/status-error.js';
import { newRequestInfo } from '../../../lib/server/request-info.js';
import { resolveRoute } from '../../../lib/server/routes.js';
import type { StreamingSubresource } from '../../../lib/server/streaming.js';

const cluster = createCluster({ nodes: 0 });
afterAll(() => cluster.close());

const logHook: StreamingSubresource = { methods: ['GET'], serve: () => undefined };

/** The handler verb a request reaches, or the code the router answers. */
function route(method: string, path: string, streaming = {}): string | number {
  try {
    const r = resolveRoute(newRequestInfo(method, path), method, cluster.registry, streaming);
    return [r.verb, r.namespace, r.name, r.subresource?.name ?? ''].join(' ').trim();
  } catch (e) {
    if (e instanceof StatusError) return e.code;
    throw e;
  }
}

describe('routes of the core group (installer.go registerResourceHandlers)', () => {
  it.each([
    ['GET', '/api/v1/namespaces', 'list'],
    ['GET', '/api/v1/namespaces?watch=true', 'watch'],
    ['POST', '/api/v1/namespaces', 'create'],
    ['GET', '/api/v1/namespaces/demo', 'get  demo'],
    ['PUT', '/api/v1/namespaces/demo/finalize', 'update  demo finalize'],
    ['PATCH', '/api/v1/namespaces/demo/status', 'patch  demo status'],
    ['GET', '/api/v1/pods', 'list'],
    ['GET', '/api/v1/namespaces/default/pods', 'list default'],
    ['DELETE', '/api/v1/namespaces/default/pods', 'deletecollection default'],
    ['POST', '/api/v1/namespaces/default/pods/web/binding', 'create default web binding'],
    ['PATCH', '/api/v1/namespaces/default/pods/web/ephemeralcontainers', 'patch default web ephemeralcontainers'],
    ['GET', '/api/v1/watch/namespaces/default/pods/web', 'watch default web'],
    ['GET', '/api/v1/nodes/node-1', 'get  node-1'],
  ])('%s %s reaches %s', (method, path, expected) => {
    expect(route(method, path)).toBe(expected);
  });

  it.each([
    ['GET', '/api/v1/bogus', 404],
    ['GET', '/apis/apps/v1/deployments', 404],
    ['GET', '/api/v1/namespaces/default/nodes', 404],
    ['GET', '/api/v1/pods/web', 404],
    ['GET', '/api/v1/namespaces/default/pods/web/status/extra', 404],
    ['DELETE', '/api/v1/namespaces', 405],
    ['POST', '/api/v1/pods', 405],
    ['GET', '/api/v1/namespaces/demo/finalize', 405],
    ['GET', '/api/v1/namespaces/default/pods/web/binding', 405],
    ['HEAD', '/api/v1/namespaces', 405],
    ['POST', '/api/v1/watch/namespaces', 405],
  ])('%s %s is answered %d by the router', (method, path, code) => {
    expect(route(method, path)).toBe(code);
  });

  it('sends streaming subresources to their hook, and answers 404 when none is plugged in', () => {
    expect(route('GET', '/api/v1/namespaces/default/pods/web/log')).toBe(404);
    expect(route('GET', '/api/v1/namespaces/default/pods/web/log', { 'pods/log': logHook })).toBe('stream default web log');
    expect(route('POST', '/api/v1/namespaces/default/pods/web/log', { 'pods/log': logHook })).toBe(405);
  });
});
