/**
 * LIST and WATCH pods through the library door with label and field selectors: every field label pods
 * serve selects on list and on watch (with the watch cache's ADDED/DELETED transitions), and the
 * apiserver's 400s for selectors it refuses — the reference's HTTP vectors replayed through the door.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KubernetesObject, Pod } from '../../../lib/api/types.js';
import type { Cluster } from '../../../lib/cluster.js';
import { copy, newCluster, podBody, recordEvents, statusOf } from './helpers.js';

interface HttpCase {
  resource?: string;
  fieldSelector?: string;
  labelSelector?: string;
  request: string;
  status: number;
  body?: Record<string, unknown>;
}

const dir = resolve(process.cwd(), '../shared/reference/selectors-and-names');
const fieldCases = (JSON.parse(readFileSync(resolve(dir, 'field-selector-cases.json'), 'utf8')) as { apiserver: HttpCase[] }).apiserver;
const labelCases = (JSON.parse(readFileSync(resolve(dir, 'label-selector-cases.json'), 'utf8')) as { http: HttpCase[] }).http;
const SERVED = new Set(['pods', 'events', 'nodes', 'namespaces']);

/** The door's answer to a list: 200, or the Status of the error. */
function answer(call: () => unknown): { status: number; body?: unknown } {
  try {
    call();
    return { status: 200 };
  } catch (e) {
    const st = statusOf(() => { throw e; });
    return { status: st.code, body: st };
  }
}

describe('selectors the apiserver refuses, replayed through the library door (selectors-and-names HTTP vectors)', () => {
  const served = fieldCases.filter((c) => SERVED.has(c.resource ?? ''));
  it('covers every vector of a served resource', () => {
    expect(served.length).toBe(fieldCases.filter((c) => c.resource !== 'configmaps').length);
  });

  it.each(served.map((c) => [c.request, c] as const))('%s (list and watch)', (_r, c) => {
    const cluster = newCluster();
    const ns = c.request.includes('/namespaces/default/') ? 'default' : '';
    const client = cluster.resource(c.resource!, ns);
    const want = c.status === 200 ? { status: 200 } : { status: c.status, body: c.body };
    expect(answer(() => client.list({ fieldSelector: c.fieldSelector! }))).toEqual(want);
    expect(answer(() => client.watch({ fieldSelector: c.fieldSelector! }).stop())).toEqual(want);
  });

  it.each(labelCases.map((c) => [c.request, c] as const))('%s', (_r, c) => {
    const cluster = newCluster();
    const want = c.status === 200 ? { status: 200 } : { status: c.status, body: c.body };
    expect(answer(() => cluster.pods().list({ labelSelector: c.labelSelector! }))).toEqual(want);
  });
});

/** Three pods that differ in every field pods can be selected by. */
function threePods(): Cluster {
  const cluster = newCluster();
  cluster.resource('serviceaccounts', 'default').create({ metadata: { name: 'robot' } });
  cluster.pods().create(podBody('a', { metadata: { name: 'a', labels: { tier: 'web' } } }));
  cluster.pods().create(podBody('b', { metadata: { name: 'b', labels: { tier: 'db' } }, spec: { containers: [{ name: 'c', image: 'i' }], restartPolicy: 'Never', schedulerName: 'custom', serviceAccountName: 'robot' } }));
  cluster.pods().create(podBody('c'));
  cluster.pods().bind('a', 'node-1');
  const a = copy(cluster.pods().get('a'));
  cluster.pods().updateStatus({ ...a, status: { ...a.status, phase: 'Running', podIP: '10.0.0.7', podIPs: [{ ip: '10.0.0.7' }] } });
  const c = copy(cluster.pods().get('c'));
  cluster.pods().updateStatus({ ...c, status: { ...c.status, nominatedNodeName: 'node-2' } });
  return cluster;
}

const names = (items: readonly KubernetesObject[]): (string | undefined)[] => items.map((o) => o.metadata?.name);

describe('LIST pods by field', () => {
  const cases: [string, string[]][] = [
    ['metadata.name=b', ['b']],
    ['metadata.namespace=default', ['a', 'b', 'c']],
    ['metadata.namespace!=default', []],
    ['spec.nodeName=node-1', ['a']],
    ['spec.nodeName=', ['b', 'c']],
    ['spec.host=node-1', ['a']],
    ['spec.restartPolicy=Never', ['b']],
    ['spec.schedulerName=custom', ['b']],
    ['spec.serviceAccountName=robot', ['b']],
    ['spec.serviceAccountName=default', ['a', 'c']],
    ['status.phase=Running', ['a']],
    ['status.phase!=Running', ['b', 'c']],
    ['status.podIP=10.0.0.7', ['a']],
    ['status.nominatedNodeName=node-2', ['c']],
    ['spec.nodeName=node-1,status.phase=Running', ['a']],
  ];
  it.each(cases)('fieldSelector %s', (selector, want) => {
    expect(names(threePods().pods().list({ fieldSelector: selector }).items)).toEqual(want);
  });

  it('label and field selectors together', () => {
    expect(names(threePods().pods().list({ labelSelector: 'tier', fieldSelector: 'spec.restartPolicy=Always' }).items)).toEqual(['a']);
  });

  it('across all namespaces, metadata.namespace selects the namespace', () => {
    const cluster = threePods();
    cluster.namespaces.create({ metadata: { name: 'team' } });
    cluster.pods('team').create(podBody('z'));
    expect(names(cluster.pods('').list({ fieldSelector: 'metadata.namespace=team' }).items)).toEqual(['z']);
  });

  it('an unsupported field is 400 `field label not supported: spec.containers`', () => {
    expect(statusOf(() => threePods().pods().list({ fieldSelector: 'spec.containers=x' }))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'field label not supported: spec.containers', reason: 'BadRequest', code: 400,
    });
  });
});

describe('WATCH pods by field', () => {
  it('a watch from now sees only matching pods, and a pod that starts matching arrives as ADDED', () => {
    const cluster = threePods();
    const events: string[] = [];
    cluster.pods().watch({ resourceVersion: String(cluster.store.resourceVersion), fieldSelector: 'spec.nodeName=node-1' })
      .onEvent((e) => events.push(`${e.type} ${e.object.metadata?.name ?? ''}`));
    cluster.pods().patch('c', 'merge', { metadata: { labels: { x: 'y' } } });
    cluster.pods().patch('a', 'merge', { metadata: { labels: { x: 'y' } } });
    cluster.pods().bind('b', 'node-1');
    expect(events).toEqual(['MODIFIED a', 'ADDED b']);
  });

  it('a pod that stops matching leaves the watch as DELETED (with its new state)', () => {
    const cluster = threePods();
    const seen: { type: string; phase: string | undefined }[] = [];
    cluster.pods().watch({ resourceVersion: String(cluster.store.resourceVersion), fieldSelector: 'status.phase=Running' })
      .onEvent((e) => seen.push({ type: e.type, phase: (e.object as Pod).status?.phase }));
    const a = copy(cluster.pods().get('a'));
    cluster.pods().updateStatus({ ...a, status: { ...a.status, phase: 'Succeeded' } });
    expect(seen).toEqual([{ type: 'DELETED', phase: 'Succeeded' }]);
  });

  it('a watch without resourceVersion starts with ADDED for the matching pods only', () => {
    const cluster = threePods();
    const w = cluster.pods().watch({ fieldSelector: 'metadata.name=c' });
    expect(w.drain().map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`)).toEqual(['ADDED c']);
    w.stop();
  });

  it('a label selector on watch', () => {
    const cluster = threePods();
    const events = recordEvents(cluster.pods(), String(cluster.store.resourceVersion));
    const filtered: string[] = [];
    cluster.pods().watch({ resourceVersion: String(cluster.store.resourceVersion), labelSelector: 'tier=db' }).onEvent((e) => filtered.push(e.object.metadata?.name ?? ''));
    cluster.pods().patch('a', 'merge', { metadata: { annotations: { n: '1' } } });
    cluster.pods().patch('b', 'merge', { metadata: { annotations: { n: '1' } } });
    expect(events.length).toBe(2);
    expect(filtered).toEqual(['b']);
  });
});
