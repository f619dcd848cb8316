/**
 * pods/NAME/ephemeralcontainers through the library door: `getEphemeralContainers`,
 * `updateEphemeralContainers`, `patchEphemeralContainers` and `debug()` (what `kubectl debug` sends),
 * with the subresource's errors, and that a rejected write changes nothing.
 */
import type { EphemeralContainer, Pod } from '../../../lib/api/types.js';
import type { Cluster } from '../../../lib/cluster.js';
import { copy, newCluster, podBody, recordEvents, snapshot, statusOf } from './helpers.js';

const SUFFIX = /^debugger-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const ec = (name: string, extra: Partial<EphemeralContainer> = {}): EphemeralContainer => ({ name, image: 'busybox:1.36', terminationMessagePolicy: 'File', ...extra });

function withPod(extra: Partial<Pod> = {}): { cluster: Cluster; pod: Pod } {
  const cluster = newCluster();
  cluster.pods().create(podBody('web', extra));
  return { cluster, pod: copy(cluster.pods().get('web')) };
}

/** A mirror pod, as the kubelet creates it for a static pod. */
function withMirrorPod(): { cluster: Cluster; pod: Pod } {
  const cluster = newCluster();
  cluster.pods().create({
    metadata: { name: 'static-web-node-1', annotations: { 'kubernetes.io/config.mirror': 'abc', 'kubernetes.io/config.source': 'file' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx' }] },
  }, { fieldManager: 'kubelet' });
  return { cluster, pod: copy(cluster.pods().get('static-web-node-1')) };
}

describe('pods/ephemeralcontainers: GET', () => {
  it('returns the whole pod', () => {
    const { cluster, pod } = withPod();
    expect(cluster.pods().getEphemeralContainers('web')).toEqual(pod);
  });

  it('a missing pod is 404 with details {name, kind: pods}', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().getEphemeralContainers('ghost'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "ghost" not found', reason: 'NotFound',
      details: { name: 'ghost', kind: 'pods' }, code: 404,
    });
  });
});

describe('pods/ephemeralcontainers: PUT and PATCH', () => {
  it('PUT adds an ephemeral container (defaulted) and records the manager with subresource ephemeralcontainers', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().updateEphemeralContainers({ ...pod, spec: { ...pod.spec!, ephemeralContainers: [ec('dbg')] } }, { fieldManager: 'me' });
    expect(out.spec?.ephemeralContainers).toEqual([{ name: 'dbg', image: 'busybox:1.36', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }]);
    expect(out.metadata?.managedFields?.find((m) => m.manager === 'me')).toMatchObject({ operation: 'Update', subresource: 'ephemeralcontainers' });
  });

  it('PUT for a missing pod is 404 (no create on update)', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().updateEphemeralContainers(podBody('ghost'))).details).toEqual({ name: 'ghost', kind: 'pods' });
  });

  it('PUT with a stale resourceVersion is 409', () => {
    const { cluster, pod } = withPod();
    cluster.pods().patch('web', 'merge', { metadata: { labels: { v: '2' } } });
    const st = statusOf(() => cluster.pods().updateEphemeralContainers({ ...pod, spec: { ...pod.spec!, ephemeralContainers: [ec('dbg')] } }));
    expect([st.code, st.message]).toEqual([409, 'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again']);
  });

  it('a strategic patch without $setElementOrder puts the new container first', () => {
    const { cluster, pod } = withPod();
    cluster.pods().updateEphemeralContainers({ ...pod, spec: { ...pod.spec!, ephemeralContainers: [ec('a')] } });
    const out = cluster.pods().patchEphemeralContainers('web', 'strategic', { spec: { ephemeralContainers: [ec('b')] } });
    expect(out.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('kubectl debug\'s exact body, with $setElementOrder, puts the new container last', () => {
    const { cluster, pod } = withPod();
    cluster.pods().updateEphemeralContainers({ ...pod, spec: { ...pod.spec!, ephemeralContainers: [ec('a')] } });
    const body = '{"spec":{"$setElementOrder/ephemeralContainers":[{"name":"a"},{"name":"b"}],"ephemeralContainers":[{"image":"busybox:1.28","name":"b","resources":{},"stdin":true,"targetContainerName":"app","terminationMessagePolicy":"File","tty":true}]}}';
    const out = cluster.pods().patchEphemeralContainers('web', 'strategic', body);
    expect(out.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['a', 'b']);
    expect(out.spec?.ephemeralContainers?.[1]).toMatchObject({ stdin: true, tty: true, targetContainerName: 'app' });
  });

  it('a JSON merge patch replaces the list: leaving out an existing container is `may not be removed`', () => {
    const { cluster, pod } = withPod();
    cluster.pods().updateEphemeralContainers({ ...pod, spec: { ...pod.spec!, ephemeralContainers: [ec('a')] } });
    const st = statusOf(() => cluster.pods().patchEphemeralContainers('web', 'merge', { spec: { ephemeralContainers: [ec('b')] } }));
    expect(st.message).toBe('Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "a" may not be removed\n');
  });

  it('a JSON patch add /spec/ephemeralContainers/- appends', () => {
    const { cluster, pod } = withPod();
    cluster.pods().updateEphemeralContainers({ ...pod, spec: { ...pod.spec!, ephemeralContainers: [ec('a')] } });
    const out = cluster.pods().patchEphemeralContainers('web', 'json', [{ op: 'add', path: '/spec/ephemeralContainers/-', value: ec('b') }]);
    expect(out.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('PATCH of a missing pod is 404', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().patchEphemeralContainers('ghost', 'strategic', { spec: {} })).message).toBe('pods "ghost" not found');
  });

  it('the endpoint serves GET, PUT and PATCH only: no create, no delete', () => {
    const cluster = newCluster();
    const sub = cluster.registry.pods.subresources['ephemeralcontainers']!;
    expect([typeof sub.get, typeof sub.update, typeof sub.patch, typeof sub.create]).toEqual(['function', 'function', 'function', 'undefined']);
  });
});

describe('pods/ephemeralcontainers: static pods', () => {
  it('any write to a mirror pod is 422 `[]: Forbidden: static pods do not support ephemeral containers`, even an unchanged list', () => {
    const { cluster, pod } = withMirrorPod();
    const before = snapshot(cluster, 'default', 'static-web-node-1');
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    expect(statusOf(() => cluster.pods().updateEphemeralContainers(copy(pod)))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'Pod "static-web-node-1" is invalid: []: Forbidden: static pods do not support ephemeral containers',
      reason: 'Invalid',
      details: { name: 'static-web-node-1', kind: 'Pod', causes: [{ reason: 'FieldValueForbidden', message: 'Forbidden: static pods do not support ephemeral containers', field: '[]' }] },
      code: 422,
    });
    expect(statusOf(() => cluster.pods().debug('static-web-node-1', { image: 'busybox' })).code).toBe(422);
    expect(snapshot(cluster, 'default', 'static-web-node-1')).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe('debug(): what kubectl debug does', () => {
  it('adds debugger-xxxxx with terminationMessagePolicy File and resources {}, stdin/tty and the target', () => {
    const { cluster } = withPod();
    const { pod, containerName } = cluster.pods().debug('web', { image: 'busybox', target: 'app', stdin: true, tty: true });
    expect(containerName).toMatch(SUFFIX);
    expect(pod.spec?.ephemeralContainers).toEqual([{
      name: containerName, image: 'busybox', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      imagePullPolicy: 'Always', stdin: true, tty: true, targetContainerName: 'app',
    }]);
    expect(pod.metadata?.managedFields?.find((m) => m.subresource === 'ephemeralcontainers')?.manager).toBe('kubectl');
  });

  it('a second debug container goes last, and a given name is used as is', () => {
    const { cluster } = withPod();
    cluster.pods().debug('web', { image: 'busybox', name: 'one' });
    const { pod } = cluster.pods().debug('web', { image: 'busybox', name: 'two' });
    expect(pod.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['one', 'two']);
  });

  it('a rejected debug (a target that is not a container) leaves the pod and resourceVersion as they were, with no event', () => {
    const { cluster, pod } = withPod();
    const before = snapshot(cluster, 'default', 'web');
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    const st = statusOf(() => cluster.pods().debug('web', { image: 'busybox', name: 'dbg', target: 'nope' }));
    expect(st.message).toBe('Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"');
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
    expect(events).toEqual([]);
  });

  it('re-using the name of an existing container is a Duplicate on the new one', () => {
    const { cluster } = withPod();
    const st = statusOf(() => cluster.pods().debug('web', { image: 'busybox', name: 'app' }));
    expect(st.message).toBe('Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "app"');
  });

  it('debug of a missing pod is 404', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().debug('ghost', { image: 'busybox' })).details).toEqual({ name: 'ghost', kind: 'pods' });
  });
});
