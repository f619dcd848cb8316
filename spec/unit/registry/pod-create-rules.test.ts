/**
 * POST pods through the library door: the rules of handlers/create.go and the pod store around the
 * create pipeline — names, namespaces, NamespaceLifecycle, dry run, field validation and decoding.
 */
import type { Pod } from '../../../lib/api/types.js';
import { copy, newCluster, podBody, recordEvents, statusOf } from './helpers.js';

describe('POST pods: names', () => {
  it('generateName gets five characters of the apiserver alphabet appended, and keeps generateName', () => {
    const cluster = newCluster();
    const pod = cluster.pods().create({ metadata: { generateName: 'web-' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    expect(pod.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata?.generateName).toBe('web-');
  });

  it('a name already taken is 409 AlreadyExists `pods "x" already exists`', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web'));
    expect(statusOf(() => cluster.pods().create(podBody('web')))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "web" already exists', reason: 'AlreadyExists',
      details: { name: 'web', kind: 'pods' }, code: 409,
    });
  });

  it('a pod without name and generateName is 422 `metadata.name: Required value: name or generateName is required`', () => {
    const cluster = newCluster();
    const st = statusOf(() => cluster.pods().create({ spec: { containers: [{ name: 'app', image: 'nginx' }] } }));
    expect([st.code, st.message]).toEqual([422, 'Pod "" is invalid: metadata.name: Required value: name or generateName is required']);
  });
});

describe('POST pods: namespaces', () => {
  it('a namespace that does not exist is 404 `namespaces "x" not found`', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods('nowhere').create(podBody('web')))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "nowhere" not found', reason: 'NotFound',
      details: { name: 'nowhere', kind: 'namespaces' }, code: 404,
    });
  });

  it('a terminating namespace is 403 with the NamespaceTerminating cause', () => {
    const cluster = newCluster();
    cluster.namespaces.create({ metadata: { name: 'doomed' } });
    cluster.namespaces.delete('doomed');
    expect(statusOf(() => cluster.pods('doomed').create(podBody('web')))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'pods "web" is forbidden: unable to create new content in namespace doomed because it is being terminated',
      reason: 'Forbidden',
      details: { name: 'web', kind: 'pods', causes: [{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }] },
      code: 403,
    });
  });

  it('in a terminating namespace a generateName pod is named by its generateName in the 403', () => {
    const cluster = newCluster();
    cluster.namespaces.create({ metadata: { name: 'doomed' } });
    cluster.namespaces.delete('doomed');
    const st = statusOf(() => cluster.pods('doomed').create({ metadata: { generateName: 'job-' }, spec: { containers: [{ name: 'a', image: 'b' }] } }));
    expect(st.message).toBe('pods "job-" is forbidden: unable to create new content in namespace doomed because it is being terminated');
  });

  it('a body namespace other than the request\'s is 400, checked before the namespace must exist', () => {
    const cluster = newCluster();
    const body = podBody('web', { metadata: { name: 'web', namespace: 'other' } });
    expect(statusOf(() => cluster.pods('nowhere').create(body))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the namespace of the provided object does not match the namespace sent on the request', reason: 'BadRequest', code: 400,
    });
  });

  it('a body without namespace takes the request\'s', () => {
    const cluster = newCluster();
    cluster.namespaces.create({ metadata: { name: 'team' } });
    expect(cluster.pods('team').create(podBody('web')).metadata?.namespace).toBe('team');
  });
});

describe('POST pods: dry run', () => {
  it('dryRun=All answers the pod as it would be stored, without resourceVersion, and stores nothing', () => {
    const cluster = newCluster();
    const events = recordEvents(cluster.pods(), String(cluster.store.resourceVersion));
    const rv = cluster.store.resourceVersion;
    const pod = cluster.pods().create(podBody('dry'), { dryRun: true });
    expect(pod.metadata?.uid).toBeDefined();
    expect(pod.metadata?.resourceVersion).toBeUndefined();
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(cluster.store.resourceVersion).toBe(rv);
    expect(events).toEqual([]);
    expect(statusOf(() => cluster.pods().get('dry')).code).toBe(404);
  });

  it('a dry-run create of a name already taken is still 409', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web'));
    expect(statusOf(() => cluster.pods().create(podBody('web'), { dryRun: true })).reason).toBe('AlreadyExists');
  });
});

describe('POST pods: field validation of the body', () => {
  const withUnknown = (): Pod => {
    const body = podBody('web') as unknown as Record<string, unknown>;
    (body['spec'] as Record<string, unknown>)['colour'] = 'red';
    ((body['spec'] as { containers: Record<string, unknown>[] }).containers[0]!)['imagePullPolicyy'] = 'Always';
    return body as unknown as Pod;
  };

  it('Warn (the default) drops unknown fields and reports `unknown field "spec.containers[0].x"` as warnings', () => {
    const cluster = newCluster();
    const warnings: string[] = [];
    const pod = cluster.pods().create(withUnknown(), { warnings });
    // In document order, as the JSON decoder meets them.
    expect(warnings).toEqual(['unknown field "spec.containers[0].imagePullPolicyy"', 'unknown field "spec.colour"']);
    expect(JSON.stringify(pod)).not.toContain('colour');
  });

  it('Strict refuses them: 400 `Pod in version "v1" cannot be handled as a Pod: strict decoding error: …`', () => {
    const cluster = newCluster();
    const rv = cluster.store.resourceVersion;
    const st = statusOf(() => cluster.pods().create(withUnknown(), { fieldValidation: 'Strict' }));
    expect([st.code, st.reason, st.message]).toEqual([
      400, 'BadRequest',
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy", unknown field "spec.colour"',
    ]);
    expect(cluster.store.resourceVersion).toBe(rv);
  });

  it('Ignore drops them silently', () => {
    const cluster = newCluster();
    const warnings: string[] = [];
    cluster.pods().create(withUnknown(), { warnings, fieldValidation: 'Ignore' });
    expect(warnings).toEqual([]);
  });
});

describe('POST pods: a body that does not decode into a v1.Pod is 400', () => {
  const cases: [string, (b: Record<string, unknown>) => void, string][] = [
    ['spec is a string', (b) => { b['spec'] = 'x'; }, 'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec'],
    ['containers is an object', (b) => { (b['spec'] as Record<string, unknown>)['containers'] = {}; }, 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['a container image is a number', (b) => { (b['spec'] as { containers: Record<string, unknown>[] }).containers[0]!['image'] = 5; }, 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
    ['restartPolicy is a bool (a named string type)', (b) => { (b['spec'] as Record<string, unknown>)['restartPolicy'] = true; }, 'json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'],
    ['terminationGracePeriodSeconds is fractional', (b) => { (b['spec'] as Record<string, unknown>)['terminationGracePeriodSeconds'] = 1.5; }, 'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64'],
    ['a label value is a number', (b) => { (b['metadata'] as Record<string, unknown>)['labels'] = { a: 1 }; }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a container port number is a string', (b) => { (b['spec'] as { containers: Record<string, unknown>[] }).containers[0]!['ports'] = [{ containerPort: '80' }]; }, 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['resources.limits is a list', (b) => { (b['spec'] as { containers: Record<string, unknown>[] }).containers[0]!['resources'] = { limits: [] }; }, 'json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList'],
    ['a quantity that does not parse (Quantity.UnmarshalJSON)', (b) => { (b['spec'] as { containers: Record<string, unknown>[] }).containers[0]!['resources'] = { limits: { cpu: 'lots' } }; }, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['an IntOrString port that is a bool', (b) => { (b['spec'] as { containers: Record<string, unknown>[] }).containers[0]!['livenessProbe'] = { httpGet: { port: true } }; }, 'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32'],
    ['an ephemeral container field (promoted from EphemeralContainerCommon)', (b) => { (b['spec'] as Record<string, unknown>)['ephemeralContainers'] = [{ name: 'd', tty: 'yes' }]; }, 'json: cannot unmarshal string into Go struct field EphemeralContainer.spec.ephemeralContainers.tty of type bool'],
  ];

  it.each(cases)('%s', (_n, mutate, why) => {
    const cluster = newCluster();
    const body = copy(podBody('web')) as unknown as Record<string, unknown>;
    mutate(body);
    const rv = cluster.store.resourceVersion;
    expect(statusOf(() => cluster.pods().create(body as unknown as Pod))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: `Pod in version "v1" cannot be handled as a Pod: ${why}`, reason: 'BadRequest', code: 400,
    });
    expect(cluster.store.resourceVersion).toBe(rv);
  });

  it('the first type error in document order is reported, and a decode error wins over unknown fields', () => {
    const cluster = newCluster();
    const body = { metadata: { name: 'web', bogus: 1 }, spec: { hostNetwork: 'yes', containers: 'none' } };
    const st = statusOf(() => cluster.pods().create(body as unknown as Pod, { fieldValidation: 'Strict' }));
    expect(st.message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool');
  });
});

describe('POST pods: a rejected create changes nothing', () => {
  it('an invalid pod (422) leaves the store byte-identical and emits no watch event', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('keep'));
    const before = JSON.stringify(cluster.pods().list());
    const rv = cluster.store.resourceVersion;
    const events = recordEvents(cluster.pods(), String(rv));
    const st = statusOf(() => cluster.pods().create({ metadata: { name: 'bad' }, spec: { containers: [{ name: 'Bad_Name', image: 'x' }] } }));
    expect(st.code).toBe(422);
    expect(st.message).toContain('spec.containers[0].name: Invalid value: "Bad_Name"');
    expect(cluster.store.resourceVersion).toBe(rv);
    expect(JSON.stringify(cluster.pods().list())).toBe(before);
    expect(events).toEqual([]);
  });
});
