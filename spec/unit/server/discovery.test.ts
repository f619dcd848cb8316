import {
  aggregatedDiscovery,
  aggregatedVersionRequested,
  apiGroupList,
  apiResourceList,
  apiVersions,
  serveDiscovery,
  sha512Hex,
  versionInfo,
} from '../../../lib/server/discovery.js';
import { withHandler } from './http-harness.js';

const aggregatedAccept =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const serve = withHandler.bind(null, (req, res) => {
  if (!serveDiscovery(req, res, { serverAddress: '127.0.0.1:6443' })) {
    res.statusCode = 404;
    res.end('unhandled');
  }
});

describe('versionInfo (/version)', () => {
  it('reports minor "32" so the kubectl dispatcher runs kubectl 1.32', () => {
    expect(versionInfo).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.5', platform: 'linux/amd64', compiler: 'gc' });
    expect(Object.keys(versionInfo)).toEqual(['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
  });
});

describe('legacy discovery documents', () => {
  it('/api lists v1 and the server address for every client', () => {
    expect(JSON.stringify(apiVersions('127.0.0.1:6443'))).toBe(
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}',
    );
  });

  it('/apis lists no groups', () => {
    expect(apiGroupList()).toEqual({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  });

  it('/api/v1 lists resources and subresources sorted by name, without apiVersion', () => {
    const list = apiResourceList('', 'v1');
    expect(Object.keys(list)).toEqual(['kind', 'groupVersion', 'resources']);
    expect(list.resources.map((r) => r.name)).toEqual([
      'bindings', 'events', 'namespaces', 'namespaces/finalize', 'namespaces/status', 'nodes', 'nodes/status',
      'pods', 'pods/attach', 'pods/binding', 'pods/ephemeralcontainers', 'pods/exec', 'pods/log', 'pods/status',
    ]);
  });

  it('/api/v1 describes pods as kube-apiserver 1.32 does (short name po, category all, storage hash)', () => {
    const pods = apiResourceList('', 'v1').resources.find((r) => r.name === 'pods');
    expect(JSON.stringify(pods)).toBe(
      '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
    );
  });

  it('/api/v1 gives subresources an empty singularName and their own kind', () => {
    const exec = apiResourceList('', 'v1').resources.find((r) => r.name === 'pods/exec');
    expect(JSON.stringify(exec)).toBe('{"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]}');
  });

  it('names the short names kubectl resolves: po, no, ns, ev', () => {
    const short = apiResourceList('', 'v1').resources.flatMap((r) => r.shortNames ?? []);
    expect(short.sort()).toEqual(['ev', 'no', 'ns', 'po']);
  });
});

describe('aggregatedDiscovery', () => {
  it('/api holds the core group with v1 fresh and pods with their subresources', () => {
    const doc = aggregatedDiscovery('api');
    expect(doc).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {} });
    expect(doc.items).toHaveLength(1);
    expect(JSON.stringify(doc.items[0]!.metadata)).toBe('{"creationTimestamp":null}');
    const v1 = doc.items[0]!.versions[0]!;
    expect(v1.version).toBe('v1');
    expect(v1.freshness).toBe('Current');
    const pods = v1.resources.find((r) => r.resource === 'pods')!;
    expect(pods).toMatchObject({
      responseKind: { group: '', version: '', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(pods.subresources!.map((s) => s.subresource)).toEqual(['attach', 'binding', 'ephemeralcontainers', 'exec', 'log', 'status']);
    expect(pods.subresources!.find((s) => s.subresource === 'ephemeralcontainers')).toEqual({
      subresource: 'ephemeralcontainers',
      responseKind: { group: '', version: '', kind: 'Pod' },
      verbs: ['get', 'patch', 'update'],
    });
    expect(v1.resources.find((r) => r.resource === 'namespaces')!.scope).toBe('Cluster');
  });

  it('/apis is an empty list; v2beta1 has the same shape under its own apiVersion', () => {
    expect(aggregatedDiscovery('apis')).toEqual({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [] });
    expect(aggregatedDiscovery('api', 'v2beta1').apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
  });

  it('is chosen by kubectl 1.32 Accept, v2 first; v2beta1 alone still works; plain JSON gets the legacy document', () => {
    expect(aggregatedVersionRequested(aggregatedAccept)).toBe('v2');
    expect(aggregatedVersionRequested('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList')).toBe('v2beta1');
    expect(aggregatedVersionRequested('application/json, */*')).toBeUndefined();
    expect(aggregatedVersionRequested('')).toBeUndefined();
  });
});

describe('serveDiscovery over HTTP', () => {
  it('answers /version as indented JSON', () =>
    serve(async (request) => {
      const r = await request('/version?timeout=5s');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).toBe(JSON.stringify(versionInfo, null, 2));
    }));

  it('answers the aggregated Accept with the aggregated Content-Type kubectl recognises, an ETag and 304 on revalidation', () =>
    serve(async (request) => {
      const r = await request('/api?timeout=32s', { headers: { accept: aggregatedAccept } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
      expect(JSON.parse(r.body)).toEqual(aggregatedDiscovery('api'));
      expect(r.headers.etag).toBe(`"${sha512Hex(r.body)}"`);
      expect(r.headers.vary).toBe('Accept');
      const again = await request('/api', { headers: { accept: aggregatedAccept, 'if-none-match': r.headers.etag! } });
      expect(again.status).toBe(304);
      const apis = await request('/apis', { headers: { accept: aggregatedAccept } });
      expect(JSON.parse(apis.body).items).toEqual([]);
    }));

  it('answers legacy discovery as plain JSON with a trailing newline', () =>
    serve(async (request) => {
      const api = await request('/api', { headers: { accept: 'application/json, */*' } });
      expect(api.headers['content-type']).toBe('application/json');
      expect(api.body).toBe(`${JSON.stringify(apiVersions('127.0.0.1:6443'))}\n`);
      const v1 = await request('/api/v1?timeout=32s', { headers: { accept: 'application/json, */*' } });
      expect(JSON.parse(v1.body)).toEqual(apiResourceList('', 'v1'));
      const apis = await request('/apis/');
      expect(JSON.parse(apis.body)).toEqual(apiGroupList());
    }));

  it('leaves unknown versions, other paths and other methods to the router', () =>
    serve(async (request) => {
      expect((await request('/api/v2')).body).toBe('unhandled');
      expect((await request('/api/v1/pods')).body).toBe('unhandled');
      expect((await request('/api', { method: 'POST' })).body).toBe('unhandled');
    }));
});
