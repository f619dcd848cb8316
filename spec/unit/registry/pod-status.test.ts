/**
 * pods/NAME/status through the library door (`getStatus`, `updateStatus`, `patchStatus`):
 * podStatusStrategy keeps the stored spec and owner references, backfills an empty qosClass, and
 * ValidatePodStatusUpdate refuses what a status may not do.
 */
import type { Pod } from '../../../lib/api/types.js';
import type { Cluster } from '../../../lib/cluster.js';
import { copy, newCluster, podBody, recordEvents, snapshot, statusOf } from './helpers.js';

function withPod(): { cluster: Cluster; pod: Pod } {
  const cluster = newCluster();
  cluster.pods().create(podBody('web'));
  cluster.pods().bind('web', 'node-1');
  return { cluster, pod: copy(cluster.pods().get('web')) };
}

describe('pods/status', () => {
  it('GET returns the whole pod', () => {
    const { cluster, pod } = withPod();
    expect(cluster.pods().getStatus('web')).toEqual(pod);
  });

  it('PUT takes the status and ignores spec changes', () => {
    const { cluster, pod } = withPod();
    const changed = copy(pod);
    changed.spec!.containers[0]!.image = 'other:1';
    const out = cluster.pods().updateStatus({ ...changed, status: { ...pod.status, phase: 'Running', podIP: '10.1.2.3', podIPs: [{ ip: '10.1.2.3' }] } });
    expect(out.status?.phase).toBe('Running');
    expect(out.status?.podIP).toBe('10.1.2.3');
    expect(out.spec).toEqual(pod.spec);
  });

  it('a podIP without podIPs is mirrored into podIPs (v1 ⇄ internal conversion)', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().updateStatus({ ...pod, status: { ...pod.status, podIP: '10.1.2.3' } });
    expect(out.status?.podIPs).toEqual([{ ip: '10.1.2.3' }]);
  });

  it('owner references cannot be changed through status', () => {
    const { cluster, pod } = withPod();
    const out = cluster.pods().updateStatus({
      ...pod, metadata: { ...pod.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'u' }] }, status: { ...pod.status, phase: 'Running' },
    });
    expect(out.metadata?.ownerReferences).toBeUndefined();
  });

  it('status.qosClass is immutable: 422 `status.qosClass: Invalid value: "Guaranteed": field is immutable`', () => {
    const { cluster, pod } = withPod();
    const before = snapshot(cluster, 'default', 'web');
    const st = statusOf(() => cluster.pods().updateStatus({ ...pod, status: { ...pod.status, qosClass: 'Guaranteed' } }));
    expect(st.message).toBe('Pod "web" is invalid: status.qosClass: Invalid value: "Guaranteed": field is immutable');
    expect(snapshot(cluster, 'default', 'web')).toEqual(before);
  });

  it('an empty qosClass is backfilled from the stored status', () => {
    const { cluster, pod } = withPod();
    const status = { ...pod.status, phase: 'Running' };
    delete (status as Record<string, unknown>)['qosClass'];
    expect(cluster.pods().updateStatus({ ...pod, status }).status?.qosClass).toBe('BestEffort');
  });

  it('an invalid pod IP is 422 on status.podIPs[0] (IsValidIP on the list item)', () => {
    const { cluster, pod } = withPod();
    const st = statusOf(() => cluster.pods().updateStatus({ ...pod, status: { ...pod.status, podIPs: [{ ip: 'not-an-ip' }] } }));
    expect([st.code, st.details?.causes?.map((c) => c.field)]).toEqual([422, ['status.podIPs[0]']]);
  });

  it('a terminated container status may not go back to running under restartPolicy Never', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('job', { spec: { containers: [{ name: 'app', image: 'busybox' }], restartPolicy: 'Never' } }));
    cluster.pods().bind('job', 'node-1');
    const pod = copy(cluster.pods().get('job'));
    const cs = (state: object) => [{ name: 'app', image: 'busybox', imageID: '', ready: false, restartCount: 0, state }];
    const done = cluster.pods().updateStatus({ ...pod, status: { ...pod.status, containerStatuses: cs({ terminated: { exitCode: 0, startedAt: null as unknown as string, finishedAt: null as unknown as string } }) } });
    const st = statusOf(() => cluster.pods().updateStatus({ ...copy(done), status: { ...done.status, containerStatuses: cs({ running: {} }) } }));
    expect(st.message).toBe('Pod "job" is invalid: status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state');
  });

  it('PATCH status merges into the status and records the manager with subresource status', () => {
    const { cluster } = withPod();
    const out = cluster.pods().patchStatus('web', 'strategic', { status: { phase: 'Running' } }, { fieldManager: 'kubelet' });
    expect(out.status?.phase).toBe('Running');
    expect(out.metadata?.managedFields?.find((m) => m.manager === 'kubelet')).toMatchObject({ operation: 'Update', subresource: 'status' });
  });

  it('a status write that changes nothing keeps the resourceVersion and emits no event', () => {
    const { cluster, pod } = withPod();
    const events = recordEvents(cluster.pods(), pod.metadata!.resourceVersion!);
    expect(cluster.pods().updateStatus(copy(pod)).metadata?.resourceVersion).toBe(pod.metadata?.resourceVersion);
    expect(events).toEqual([]);
  });
});
