import { request as httpRequest } from 'node:http';
import { json, startServer, type TestServer } from '../support/served.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.close();
});

const post = (path: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}): Promise<Response> =>
  s.request(path, { method: 'POST', body, headers: { 'Content-Type': contentType, ...headers } });

describe('the router: 404 and 405 as the apiserver answers unknown paths and verbs', () => {
  it('answers a path no resource serves with 404 NotFound and empty details', async () => {
    for (const path of ['/api/v1/foos', '/api/v1/namespaces/default/foos', '/api/v2/pods', '/apis/apps/v1/deployments', '/api/v1/namespaces/default/pods/x/bogus', '/nope']) {
      const r = await s.request(path);
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 404, 'application/json']);
      expect(await json(r)).toEqual({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
      });
    }
  });

  it('answers a cluster-scoped resource under a namespace path with 404', async () => {
    expect((await s.request('/api/v1/namespaces/default/nodes')).status).toBe(404);
  });

  it('answers a method a known path does not serve with 405 MethodNotAllowed', async () => {
    // Namespaces have no deletecollection; an object path takes no POST; all-namespaces lists take no POST.
    for (const [method, path] of [['DELETE', '/api/v1/namespaces'], ['POST', '/api/v1/namespaces/default'], ['POST', '/api/v1/pods'], ['PUT', '/api/v1/namespaces']]) {
      const r = await s.request(path!, { method: method!, body: method === 'DELETE' ? undefined : '{}', headers: { 'Content-Type': 'application/json' } });
      expect([method, path, r.status]).toEqual([method, path, 405]);
      expect(await json(r)).toEqual({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server does not allow this method on the requested resource', reason: 'MethodNotAllowed', details: {}, code: 405,
      });
    }
  });

  it('answers a missing object with 404 naming the resource and the object', async () => {
    const r = await s.request('/api/v1/namespaces/nope');
    expect(r.status).toBe(404);
    expect(await json(r)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'namespaces' }, code: 404,
    });
  });

  it('answers a path RequestInfo cannot parse with a plain-text 500', async () => {
    const r = await s.request('/api/v1/watch');
    expect(r.status).toBe(500);
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await r.text()).toBe('Internal Server Error: "/api/v1/watch": failed to create RequestInfo: unable to determine kind and namespace from url, /api/v1/watch\n');
  });
});

describe('request bodies', () => {
  it('answers a body over 3 MiB with 413 RequestEntityTooLarge', async () => {
    const big = JSON.stringify({ metadata: { name: 'big', annotations: { a: 'x'.repeat(3 * 1024 * 1024) } } });
    const r = await post('/api/v1/namespaces', big);
    expect(r.status).toBe(413);
    expect(await json(r)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728', code: 413 });
    expect(s.cluster.registry.namespaces.store.find('', 'big')).toBeUndefined();
  });

  it('answers an unsupported Content-Type with 415 listing the media types the endpoint decodes', async () => {
    const r = await post('/api/v1/namespaces', 'name: x', 'text/plain');
    expect(r.status).toBe(415);
    expect(await json(r)).toMatchObject({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
      message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    });
  });

  it("answers a PATCH whose Content-Type is not a patch type with the router's 415", async () => {
    const r = await s.request('/api/v1/namespaces/default', { method: 'PATCH', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(415);
    expect(await json(r)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: '415: Unsupported Media Type', reason: 'UnsupportedMediaType', details: {}, code: 415 });
  });

  it('answers malformed JSON with 400 in transformDecodeError form', async () => {
    const r = await post('/api/v1/namespaces', '{"metadata": {"name": "x"');
    expect(r.status).toBe(400);
    expect(await json(r)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400,
      message: 'the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"metadata": {"name": "x")',
    });
  });

  it('takes YAML bodies', async () => {
    const r = await post('/api/v1/namespaces', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-yaml\n', 'application/yaml');
    expect(r.status).toBe(201);
    expect(s.cluster.namespaces.get('from-yaml').metadata?.name).toBe('from-yaml');
  });
});

describe('fieldValidation (server-side field validation against the OpenAPI schema)', () => {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fv', nmae: 'typo' }, spec: { bogus: true } });

  it('Strict refuses unknown fields with 400 and stores nothing', async () => {
    const r = await post('/api/v1/namespaces?fieldValidation=Strict', body);
    expect(r.status).toBe(400);
    expect((await json(r)).message).toBe('Namespace in version "v1" cannot be handled as a Namespace: strict decoding error: unknown field "metadata.nmae", unknown field "spec.bogus"');
    expect(s.cluster.registry.namespaces.store.find('', 'fv')).toBeUndefined();
  });

  it('Warn (the default) creates the object without them and sends one Warning header per field', async () => {
    for (const q of ['', '?fieldValidation=Warn']) {
      const r = await post(`/api/v1/namespaces${q}`, body.replace('"fv"', `"fv${q.length}"`));
      expect(r.status).toBe(201);
      expect(r.headers.get('warning')).toBe('299 - "unknown field \\"metadata.nmae\\"", 299 - "unknown field \\"spec.bogus\\""');
      const created = await json<{ metadata: Record<string, unknown>; spec: Record<string, unknown> }>(r);
      expect(created.metadata.nmae).toBeUndefined();
      expect(created.spec.bogus).toBeUndefined();
    }
  });

  it('Ignore drops them silently', async () => {
    const r = await post('/api/v1/namespaces?fieldValidation=Ignore', body);
    expect(r.status).toBe(201);
    expect(r.headers.get('warning')).toBeNull();
  });

  it('an unknown directive is 422 CreateOptions', async () => {
    const r = await post('/api/v1/namespaces?fieldValidation=Loud', body);
    expect(r.status).toBe(422);
    expect(await json(r)).toMatchObject({
      reason: 'Invalid',
      message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"',
      details: { group: 'meta.k8s.io', kind: 'CreateOptions' },
    });
  });
});

describe('writes through the registry', () => {
  it('answers a second create with 409 AlreadyExists', async () => {
    expect((await post('/api/v1/namespaces', '{"metadata":{"name":"twice"}}')).status).toBe(201);
    const r = await post('/api/v1/namespaces', '{"metadata":{"name":"twice"}}');
    expect(r.status).toBe(409);
    expect(await json(r)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "twice" already exists', reason: 'AlreadyExists', details: { name: 'twice', kind: 'namespaces' }, code: 409,
    });
  });

  it('dryRun=All answers 201 and stores nothing', async () => {
    const r = await post('/api/v1/namespaces?dryRun=All', '{"metadata":{"name":"dry"}}');
    expect(r.status).toBe(201);
    expect((await json<{ kind: string }>(r)).kind).toBe('Namespace');
    expect(s.cluster.registry.namespaces.store.find('', 'dry')).toBeUndefined();
  });

  it('patches with the four patch content types', async () => {
    await post('/api/v1/namespaces', '{"metadata":{"name":"p"}}');
    const patch = async (type: string, body: string, query = ''): Promise<Response> =>
      s.request(`/api/v1/namespaces/p${query}`, { method: 'PATCH', body, headers: { 'Content-Type': type } });
    expect((await patch('application/merge-patch+json', '{"metadata":{"labels":{"a":"1"}}}')).status).toBe(200);
    expect((await patch('application/strategic-merge-patch+json', '{"metadata":{"labels":{"b":"2"}}}')).status).toBe(200);
    expect((await patch('application/json-patch+json', '[{"op":"add","path":"/metadata/labels/c","value":"3"}]')).status).toBe(200);
    expect(s.cluster.namespaces.get('p').metadata?.labels).toMatchObject({ a: '1', b: '2', c: '3' });
    const apply = await patch('application/apply-patch+yaml', '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"p","labels":{"d":"4"}}}', '?fieldManager=me');
    expect(apply.status).toBe(200);
    const missingManager = await patch('application/apply-patch+yaml', '{}');
    expect(missingManager.status).toBe(422);
    expect((await json(missingManager)).message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('takes DeleteOptions in the body or in the query', async () => {
    await post('/api/v1/namespaces', '{"metadata":{"name":"d1"}}');
    await post('/api/v1/namespaces', '{"metadata":{"name":"d2"}}');
    const r1 = await s.request('/api/v1/namespaces/d1', { method: 'DELETE', body: '{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}', headers: { 'Content-Type': 'application/json' } });
    expect(r1.status).toBe(200);
    const r2 = await s.request('/api/v1/namespaces/d2?propagationPolicy=Foreground', { method: 'DELETE' });
    expect(r2.status).toBe(200);
    const bad = await s.request('/api/v1/namespaces/d2?propagationPolicy=Sometime', { method: 'DELETE' });
    expect(bad.status).toBe(422);
    expect((await json(bad)).message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sometime": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
  });
});

describe('reads: lists, paging, output formats', () => {
  it('pages a list with limit and continue', async () => {
    const names: string[] = [];
    let cont = '';
    do {
      const r = await json<{ items: { metadata: { name: string } }[]; metadata: { continue?: string } }>(
        await s.request(`/api/v1/namespaces?limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`),
      );
      names.push(...r.items.map((i) => i.metadata.name));
      cont = r.metadata.continue ?? '';
    } while (cont);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('answers a non-numeric limit with 400 as strconv.ParseInt words it', async () => {
    const r = await s.request('/api/v1/namespaces?limit=ten');
    expect(r.status).toBe(400);
    expect((await json(r)).message).toBe('strconv.ParseInt: parsing "ten": invalid syntax');
  });

  it('converts to a Table when Accept asks for one, with PartialObjectMetadata rows', async () => {
    const r = await s.request('/api/v1/namespaces', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' } });
    expect(r.headers.get('content-type')).toBe('application/json');
    const t = await json<{ kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] }>(r);
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(t.rows[0]!.cells.slice(0, 2)).toEqual(['default', 'Active']);
    expect(t.rows[0]!.object.kind).toBe('PartialObjectMetadata');
  });

  it('writes YAML when Accept asks for it', async () => {
    const r = await s.request('/api/v1/namespaces/default', { headers: { Accept: 'application/yaml' } });
    expect(r.headers.get('content-type')).toBe('application/yaml');
    expect(await r.text()).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
  });

  it('answers an Accept it cannot serve with 406', async () => {
    const r = await s.request('/api/v1/namespaces/default', { headers: { Accept: 'text/html' } });
    expect(r.status).toBe(406);
    expect((await json(r)).reason).toBe('NotAcceptable');
  });
});

describe('non-resource paths', () => {
  it('serves /version with minor 32, discovery and health', async () => {
    expect(await json(await s.request('/version'))).toMatchObject({ major: '1', minor: '32' });
    expect(await json(await s.request('/api'))).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const healthz = await s.request('/healthz');
    expect([healthz.status, await healthz.text()]).toEqual([200, 'ok']);
  });

  it('answers an upgrade request to a non-streaming path like a plain request', async () => {
    const { port } = new URL(s.served.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/namespaces/nope', headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });
});
