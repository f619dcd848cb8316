import { fieldSelectorExactMatch, newRequestInfo, RequestInfoError, type RequestInfo } from '../../../lib/server/request-info.js';

type Expect = Partial<RequestInfo>;

// The path shapes of the NewRequestInfo doc comment and its test (requestinfo_test.go TestGetAPIRequestInfo).
const resourceCases: [string, string, Expect][] = [
  ['GET', '/api/v1/namespaces', { verb: 'list', apiPrefix: 'api', apiGroup: '', apiVersion: 'v1', namespace: '', resource: 'namespaces', name: '', parts: ['namespaces'] }],
  ['GET', '/api/v1/namespaces/other', { verb: 'get', namespace: 'other', resource: 'namespaces', name: 'other', parts: ['namespaces', 'other'] }],
  ['GET', '/api/v1/namespaces/other/pods', { verb: 'list', namespace: 'other', resource: 'pods', parts: ['pods'] }],
  ['GET', '/api/v1/namespaces/other/pods/foo', { verb: 'get', namespace: 'other', resource: 'pods', name: 'foo', parts: ['pods', 'foo'] }],
  ['HEAD', '/api/v1/namespaces/other/pods/foo', { verb: 'get', name: 'foo' }],
  ['GET', '/api/v1/pods', { verb: 'list', namespace: '', resource: 'pods' }],
  ['GET', '/api/v1/namespaces/other/pods/foo/status', { verb: 'get', resource: 'pods', name: 'foo', subresource: 'status', parts: ['pods', 'foo', 'status'] }],
  ['PATCH', '/api/v1/namespaces/default/pods/web/ephemeralcontainers', { verb: 'patch', namespace: 'default', resource: 'pods', name: 'web', subresource: 'ephemeralcontainers' }],
  ['POST', '/api/v1/namespaces/default/pods/web/exec', { verb: 'create', subresource: 'exec', name: 'web' }],
  ['GET', '/api/v1/namespaces/default/pods/web/log', { verb: 'get', subresource: 'log' }],
  ['GET', '/api/v1/namespaces/other/pods/foo/proxy/subpath', { verb: 'get', subresource: 'proxy', parts: ['pods', 'foo', 'proxy', 'subpath'] }],
  ['POST', '/api/v1/namespaces/other/pods', { verb: 'create', resource: 'pods', name: '' }],
  ['PUT', '/api/v1/namespaces/other/pods/foo', { verb: 'update', name: 'foo' }],
  ['DELETE', '/api/v1/namespaces/other/pods/foo', { verb: 'delete', name: 'foo' }],
  ['DELETE', '/api/v1/namespaces/other/pods', { verb: 'deletecollection', resource: 'pods' }],
  ['GET', '/api/v1/watch/pods', { verb: 'watch', resource: 'pods', namespace: '' }],
  ['GET', '/api/v1/watch/namespaces/other/pods', { verb: 'watch', namespace: 'other', resource: 'pods' }],
  ['GET', '/api/v1/proxy/nodes/node-1/healthz', { verb: 'proxy', resource: 'nodes', name: 'node-1', subresource: '', parts: ['nodes', 'node-1', 'healthz'] }],
  ['GET', '/api/v1/proxy/namespaces/other/pods/foo', { verb: 'proxy', namespace: 'other', resource: 'pods', name: 'foo' }],
  ['GET', '/apis/extensions/v1beta1/namespaces/other/extensions', { apiPrefix: 'apis', apiGroup: 'extensions', apiVersion: 'v1beta1', verb: 'list', resource: 'extensions' }],
  ['GET', '/apis/extensions/v1beta1/extensions/foo', { apiGroup: 'extensions', verb: 'get', resource: 'extensions', name: 'foo' }],
  // Namespace subresources are not mistaken for a resource named after them.
  ['PUT', '/api/v1/namespaces/other/finalize', { verb: 'update', resource: 'namespaces', name: 'other', subresource: 'finalize', namespace: 'other' }],
  ['GET', '/api/v1/namespaces/other/status', { verb: 'get', resource: 'namespaces', name: 'other', subresource: 'status' }],
  ['GET', '/api/v1/nodes/node-1/status', { verb: 'get', resource: 'nodes', name: 'node-1', subresource: 'status', namespace: '' }],
  // Trailing slashes are trimmed; the path is decoded like Go's URL.Path.
  ['GET', '/api/v1/namespaces/other/pods/', { verb: 'list', resource: 'pods' }],
  ['GET', '/api/v1/namespaces/default/pods/a%2Fb', { name: 'a', subresource: 'b', path: '/api/v1/namespaces/default/pods/a/b' }],
];

describe('newRequestInfo (apiserver requestinfo.go)', () => {
  it.each(resourceCases)('%s %s', (method, url, expected) => {
    const info = newRequestInfo(method, url);
    expect(info.isResourceRequest).toBe(true);
    expect(info).toMatchObject(expected);
  });

  it.each([
    ['/'], ['/api'], ['/apis'], ['/api/v1'], ['/apis/apps'], ['/apis/apps/v1'], ['/healthz'], ['/version'],
    ['/openapi/v3/api/v1'], ['/foo/bar/baz'],
  ])('treats %s as a non-resource request with the lower-case method as verb', (url) => {
    const info = newRequestInfo('GET', url);
    expect(info.isResourceRequest).toBe(false);
    expect(info.verb).toBe('get');
    expect(info.path).toBe(url);
  });

  it('turns a GET without name into watch for watch=true and any value other than 0/false', () => {
    expect(newRequestInfo('GET', '/api/v1/namespaces/default/pods?watch=true').verb).toBe('watch');
    expect(newRequestInfo('GET', '/api/v1/pods?watch=1').verb).toBe('watch');
    expect(newRequestInfo('GET', '/api/v1/pods?watch=').verb).toBe('watch');
    expect(newRequestInfo('GET', '/api/v1/pods?watch=False').verb).toBe('list');
    expect(newRequestInfo('GET', '/api/v1/pods?watch=0').verb).toBe('list');
  });

  it('keeps get for a named GET even with watch=true (a single-object watch goes through the list path)', () => {
    expect(newRequestInfo('GET', '/api/v1/namespaces/default/pods/web?watch=true').verb).toBe('get');
  });

  it('takes the name of a list or watch from a metadata.name field selector, for authorization', () => {
    const info = newRequestInfo('GET', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb&resourceVersion=0&watch=true');
    expect(info).toMatchObject({ verb: 'watch', name: 'web', resource: 'pods', fieldSelector: 'metadata.name=web', labelSelector: '' });
  });

  it('ignores a field-selector name that is not a valid path segment', () => {
    expect(newRequestInfo('GET', '/api/v1/pods?fieldSelector=metadata.name%3D..').name).toBe('');
  });

  it('records the selectors of list, watch and deletecollection only', () => {
    const q = '?labelSelector=run%3Dweb&fieldSelector=status.phase%3DRunning';
    expect(newRequestInfo('GET', `/api/v1/pods${q}`)).toMatchObject({ labelSelector: 'run=web', fieldSelector: 'status.phase=Running' });
    expect(newRequestInfo('DELETE', `/api/v1/namespaces/d/pods${q}`)).toMatchObject({ verb: 'deletecollection', labelSelector: 'run=web' });
    expect(newRequestInfo('GET', `/api/v1/namespaces/d/pods/web${q}`)).toMatchObject({ verb: 'get', labelSelector: '', fieldSelector: '' });
    expect(newRequestInfo('GET', `/api/v1/watch/pods${q}`)).toMatchObject({ verb: 'watch', labelSelector: '' });
  });

  it('gives an unknown HTTP method an empty verb', () => {
    expect(newRequestInfo('OPTIONS', '/api/v1/pods').verb).toBe('');
  });

  it('fails for a special verb with nothing after it', () => {
    expect(() => newRequestInfo('GET', '/api/v1/watch')).toThrow(RequestInfoError);
    expect(() => newRequestInfo('GET', '/api/v1/watch')).toThrow('unable to determine kind and namespace from url, /api/v1/watch');
  });
});

describe('fieldSelectorExactMatch (fields.ParseSelector + RequiresExactMatch)', () => {
  it.each([
    ['metadata.name=web', 'web'],
    ['metadata.name==web', 'web'],
    ['status.phase=Running,metadata.name=web', 'web'],
    ['metadata.name!=web', undefined],
    ['metadata.name=a\\,b', 'a,b'],
    ['metadata.name=b,metadata.name=a', 'a'],
    ['metadata.name=a\\x', undefined],
    ['bogus', undefined],
    ['', undefined],
  ])('%s → %s', (selector, expected) => {
    expect(fieldSelectorExactMatch(selector, 'metadata.name')).toBe(expected);
  });
});
