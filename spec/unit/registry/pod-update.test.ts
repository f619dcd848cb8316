/**
 * PUT pods/NAME through the library door (`cluster.pods(ns).update(pod)`): optimistic concurrency,
 * what BeforeUpdate keeps from the stored pod, ValidatePodUpdate's rules, admission on update, and
 * writes that change nothing.
 */
import type { Pod, Toleration } from '../../../lib/api/types.js';
import type { Cluster } from '../../../lib/cluster.js';
import { copy, newCluster, podBody, recordEvents, snapshot, statusOf } from './helpers.js';

const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A cluster with pod `web` in `default`, and what GET returns for it. */
function withPod(extra: Partial<Pod> = {}): { cluster: Cluster; pod: Pod } {
  const cluster = newCluster();
  cluster.pods().create(podBody('web', extra));
  return { cluster, pod: copy(cluster.pods().get('web')) };
}

describe('PUT pods: optimistic concurrency', () => {
  it('a stale resourceVersion is 409 Conflict with the generic store\'s message', () => {
    const { cluster, pod } = withPod();
    cluster.pods().update({ ...copy(pod), metadata: { ...pod.metadata, labels: { v: '2' } } });
    expect(statusOf(() => cluster.pods().update({ ...pod, metadata: { ...pod.metadata, labels: { v: '3' } } }))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict', details: { name: 'web', kind: 'pods' }, code: 409,
    });
  });

  it('no resourceVersion is an unconditional update (pods allow it) applied to the latest object', () => {
    const { cluster, pod } = withPod();
    const body = copy(pod);
    delete (body.metadata as Record<string, unknown>)['resourceVersion'];
    body.metadata!.labels = { v: '2' };
    const out = cluster.pods().update(body);
    expect(out.metadata?.labels).toEqual({ v: '2' });
    expect(Number(out.metadata?.resourceVersion)).toBeGreaterThan(Number(pod.metadata?.resourceVersion));
  });

  it('a uid other than the stored one fails the storage precondition: 409', () => {
    const { cluster, pod } = withPod();
    const st = statusOf(() => cluster.pods().update({ ...pod, metadata: { ...pod.metadata, uid: 'not-the-uid' } }));
    expect([st.code, st.reason]).toEqual([409, 'Conflict']);
    expect(st.message).toBe(
      `Operation cannot be fulfilled on pods "web": StorageError: invalid object, Code: 4, Key: /registry/pods/default/web, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${pod.metadata!.uid!}`,
    );
  });

  it('a missing pod is 404 `pods "x" not found`', () => {
    const cluster = newCluster();
    expect(statusOf(() => cluster.pods().update(podBody('ghost'))).message).toBe('pods "ghost" not found');
  });
});

describe('PUT pods: decoding the body', () => {
  it('a body of the wrong shape is 400 `Pod in version "v1" cannot be handled as a Pod: json: …`, before anything else', () => {
    const { cluster, pod } = withPod();
    const body = { ...copy(pod), spec: { ...pod.spec!, containers: {} } } as unknown as Pod;
    expect(statusOf(() => cluster.pods().update(body)).message)
      .toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container');
  });

  it('unknown fields are warnings under Warn and a 400 under Strict', () => {
    const { cluster, pod } = withPod();
    const body = { ...copy(pod), metadata: { ...pod.metadata, labels: { a: 'b' }, colour: 'red' } } as unknown as Pod;
    const warnings: string[] = [];
    cluster.pods().update(copy(body), { warnings });
    expect(warnings).toEqual(['unknown field "metadata.colour"']);
    expect(statusOf(() => cluster.pods().update(copy(body), { fieldValidation: 'Strict' })).message)
      .toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.colour"');
  });
});

describe('PUT pods: names and namespaces', () => {
  it('a body name other than the URL name is 400 `the name of the object (a) does not match the name on the URL (b)`', () => {
    const { cluster, pod } = withPod();
    const st = statusOf(() => cluster.registry.pods.update({ namespace: 'default', now: cluster.clock.now() }, 'other', pod));
    expect([st.code, st.message]).toEqual([400, 'the name of the object (web) does not match the name on the URL (other)']);
  });

  it('a body namespace other than the request\'s is 400', () => {
    const { cluster, pod } = withPod();
    const st = statusOf(() => cluster.pods().update({ ...pod, metadata: { ...pod.metadata, namespace: 'kube-system' } }));
    expect([st.code, st.message]).toEqual([400, 'the namespace of the provided object does not match the namespace sent on the request']);
  });
});

describe('PUT pods: what BeforeUpdate keeps', () => {
  it('an empty uid takes the stored one; creationTimestamp cannot be changed (the stored one is kept)', () => {
    const { cluster, pod } = withPod();
    const body = copy(pod);
    delete (body.metadata as Record<string, unknown>)['uid'];
    (body.metadata as Record<string, unknown>)['creationTimestamp'] = '2000-01-01T00:00:00Z';
    body.metadata!.labels = { touched: 'yes' };
    const out = cluster.pods().update(body);
    expect(out.metadata?.uid).toBe(pod.metadata?.uid);
    expect(out.metadata?.creationTimestamp).toBe(pod.metadata?.creationTimestamp);
  });

  it('status sent with a main-resource update is ignored', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().update({ ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } }, status: { phase: 'Running', podIP: '10.0.0.9' } });
    expect(out.status).toEqual(pod.status);
  });

  it('labels, annotations and finalizers may change', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().update({ ...pod, metadata: { ...pod.metadata, labels: { a: 'b' }, annotations: { n: 'o' }, finalizers: ['example.com/hold'] } });
    expect([out.metadata?.labels, out.metadata?.annotations, out.metadata?.finalizers]).toEqual([{ a: 'b' }, { n: 'o' }, ['example.com/hold']]);
  });
});

describe('PUT pods: ValidatePodUpdate', () => {
  it('changing another spec field is 422 `spec: Forbidden: pod updates may not change fields other than …` with a diff', () => {
    const { cluster, pod } = withPod();
    const before = snapshot(cluster, 'default', 'web');
    const st = statusOf(() => cluster.pods().update({ ...pod, spec: { ...pod.spec!, restartPolicy: 'Never' } }));
    expect([st.code, st.reason]).toEqual([422, 'Invalid']);
    expect(st.details?.causes?.map((c) => [c.reason, c.field])).toEqual([['FieldValueForbidden', 'spec']]);
    expect(st.message.startsWith(`Pod "web" is invalid: spec: Forbidden: ${UPDATABLE}\n`)).toBe(true);
    expect(st.message).toContain('RestartPolicy');
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
  });

  it('changing a container image is allowed, stored with a new resourceVersion and one MODIFIED event', () => {
    const { cluster, pod } = withPod();
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    const body = copy(pod);
    body.spec!.containers[0]!.image = 'nginx:1.28';
    const out = cluster.pods().update(body);
    expect(out.spec?.containers[0]?.image).toBe('nginx:1.28');
    expect(events.map((e) => [e.type, e.object.metadata?.resourceVersion])).toEqual([['MODIFIED', out.metadata?.resourceVersion]]);
  });

  it('adding or removing a container is 422 `spec.containers: Forbidden: pod updates may not add or remove containers`', () => {
    const { cluster, pod } = withPod();
    const body = copy(pod);
    body.spec!.containers.push({ name: 'extra', image: 'busybox' });
    const st = statusOf(() => cluster.pods().update(body));
    expect(st.message).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('tolerations may be added', () => {
    const { cluster, pod } = withPod();
    const added: Toleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
    const out = cluster.pods().update({ ...pod, spec: { ...pod.spec!, tolerations: [...pod.spec!.tolerations!, added] } });
    expect(out.spec?.tolerations).toContainEqual(added);
  });

  it('an existing toleration may change only its tolerationSeconds', () => {
    const { cluster, pod } = withPod();
    const seconds = cluster.pods().update({ ...pod, spec: { ...pod.spec!, tolerations: pod.spec!.tolerations!.map((t) => ({ ...t, tolerationSeconds: 60 })) } });
    expect(seconds.spec?.tolerations?.map((t) => t.tolerationSeconds)).toEqual([60, 60]);
    const gpu: Toleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
    const withGpu = cluster.pods().update({ ...copy(seconds), spec: { ...seconds.spec!, tolerations: [...seconds.spec!.tolerations!, gpu] } });
    const changed = withGpu.spec!.tolerations!.map((t) => (t.key === 'dedicated' ? { ...t, value: 'cpu' } : t));
    const st = statusOf(() => cluster.pods().update({ ...copy(withGpu), spec: { ...withGpu.spec!, tolerations: changed } }));
    expect(st.message.startsWith('Pod "web" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds')).toBe(true);
  });

  it('activeDeadlineSeconds may be set and lowered', () => {
    const { cluster, pod } = withPod();
    const set = cluster.pods().update({ ...pod, spec: { ...pod.spec!, activeDeadlineSeconds: 60 } });
    const lowered = cluster.pods().update({ ...copy(set), spec: { ...set.spec!, activeDeadlineSeconds: 30 } });
    expect(lowered.spec?.activeDeadlineSeconds).toBe(30);
  });

  it('raising activeDeadlineSeconds is 422 `must be less than or equal to previous value`', () => {
    const { cluster, pod } = withPod({ spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], activeDeadlineSeconds: 30 } });
    const st = statusOf(() => cluster.pods().update({ ...pod, spec: { ...pod.spec!, activeDeadlineSeconds: 60 } }));
    expect(st.message).toBe('Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value');
  });

  it('removing activeDeadlineSeconds is 422 `must not update from a positive integer to nil value`', () => {
    const { cluster, pod } = withPod({ spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], activeDeadlineSeconds: 30 } });
    const body = copy(pod);
    delete body.spec!.activeDeadlineSeconds;
    const st = statusOf(() => cluster.pods().update(body));
    expect(st.message).toBe('Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value');
  });

  it('adding ephemeral containers through the pod itself is the `spec: Forbidden` error', () => {
    const { cluster, pod } = withPod();
    const body = copy(pod);
    body.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }];
    expect(statusOf(() => cluster.pods().update(body)).message.startsWith(`Pod "web" is invalid: spec: Forbidden: ${UPDATABLE}`)).toBe(true);
  });
});

describe('PUT pods: admission on update', () => {
  it('DefaultTolerationSeconds re-adds the default tolerations a body leaves out, so the update is valid', () => {
    const { cluster, pod } = withPod();
    const body = copy(pod);
    delete body.spec!.tolerations;
    body.metadata!.labels = { a: 'b' };
    const out = cluster.pods().update(body);
    expect(out.spec?.tolerations).toEqual(pod.spec?.tolerations);
  });

  it('Priority restores a priority the body leaves out', () => {
    const { cluster, pod } = withPod();
    const body = copy(pod);
    delete body.spec!.priority;
    body.metadata!.labels = { a: 'b' };
    expect(cluster.pods().update(body).spec?.priority).toBe(0);
  });
});

describe('PUT pods: writes that change nothing', () => {
  it('a no-op update keeps the resourceVersion and emits no event', () => {
    const { cluster, pod } = withPod();
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    const rv = cluster.store.resourceVersion;
    const out = cluster.pods().update(copy(pod));
    expect(out.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
    expect(cluster.store.resourceVersion).toBe(rv);
    expect(events).toEqual([]);
  });

  it('an update that only changes status (ignored) is a no-op too', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().update({ ...copy(pod), status: { phase: 'Failed' } });
    expect(out.metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
  });

  it('dryRun=All validates and answers, but stores nothing', () => {
    const { cluster, pod } = withPod();
    const before = snapshot(cluster, 'default', 'web');
    const out = cluster.pods().update({ ...copy(pod), metadata: { ...pod.metadata, labels: { dry: 'run' } } }, { dryRun: true });
    expect(out.metadata?.labels).toEqual({ dry: 'run' });
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
  });
});
