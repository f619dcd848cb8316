import type { Pod } from '../../lib/api/types.js';
import { isInvalid } from '../../lib/errors/constructors.js';
import type { StatusError } from '../../lib/errors/status-error.js';
import { kubeletErrors, newCluster, statusOf } from './support.js';

const manifest = (): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'static-web', labels: { role: 'myrole' } },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }] }] },
});

describe('kubelet: static pods and their mirror pods', () => {
  it('runs a static pod and creates its mirror pod NAME-NODENAME with the config annotations and a Node controller reference', () => {
    const cluster = newCluster();
    const kubelet = cluster.kubelet('node-1');
    const running = kubelet.addStaticPod(manifest());
    cluster.advance(10_000);
    const mirror = cluster.pods().get('static-web-node-1');
    const hash = running.metadata!.uid!;
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror.metadata!.uid).not.toBe(hash);
    expect(mirror.metadata!.labels).toEqual({ role: 'myrole' });
    expect(mirror.metadata!.annotations).toEqual({
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': '2024-01-01T00:00:00Z',
      'kubernetes.io/config.source': 'file',
    });
    expect(mirror.metadata!.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: cluster.nodes.get('node-1').metadata!.uid, controller: true },
    ]);
    expect(mirror.spec!.nodeName).toBe('node-1');
    expect(mirror.spec!.tolerations).toContainEqual({ operator: 'Exists', effect: 'NoExecute' });
    // The kubelet writes the static pod's status to its mirror.
    expect(statusOf(cluster, 'static-web-node-1').phase).toBe('Running');
    expect(statusOf(cluster, 'static-web-node-1').containerStatuses![0]!.ready).toBe(true);
    expect(kubeletErrors(cluster)).toEqual([]);
  });

  it('refuses ephemeral containers on the mirror pod: []: Forbidden: static pods do not support ephemeral containers', () => {
    const cluster = newCluster();
    cluster.kubelet('node-1').addStaticPod(manifest());
    cluster.advance(10_000);
    let err: StatusError | undefined;
    try {
      cluster.pods().debug('static-web-node-1', { image: 'busybox:1.28', target: 'web' });
    } catch (e) {
      err = e as StatusError;
    }
    expect(isInvalid(err)).toBe(true);
    expect(err!.status.message).toBe('Pod "static-web-node-1" is invalid: []: Forbidden: static pods do not support ephemeral containers');
  });

  it('recreates a mirror pod deleted through the API (new UID) while the container keeps running', () => {
    const cluster = newCluster();
    const kubelet = cluster.kubelet('node-1');
    const running = kubelet.addStaticPod(manifest());
    cluster.advance(10_000);
    const before = cluster.pods().get('static-web-node-1');
    const instance = kubelet.runtime.containersOf(running.metadata!.uid!)[0]!;
    cluster.pods().delete('static-web-node-1');
    cluster.advance(1_000);
    const after = cluster.pods().get('static-web-node-1');
    expect(after.metadata!.uid).not.toBe(before.metadata!.uid);
    expect(after.metadata!.deletionTimestamp).toBeUndefined();
    expect(after.status!.phase).toBe('Running');
    expect(instance.state).toBe('running');
    expect(kubelet.runtime.containersOf(running.metadata!.uid!)).toHaveLength(1);
  });

  it('stops the pod and deletes its mirror when the manifest is removed, and brings both back when it returns', () => {
    const cluster = newCluster();
    const kubelet = cluster.kubelet('node-1');
    const first = kubelet.addStaticPod(manifest());
    cluster.advance(10_000);
    const instance = kubelet.runtime.containersOf(first.metadata!.uid!)[0]!;
    expect(kubelet.removeStaticPod('static-web')).toBe(true);
    cluster.advance(1_000);
    expect(() => cluster.pods().get('static-web-node-1')).toThrow('not found');
    cluster.advance(60_000);
    expect(instance.state).toBe('exited');
    kubelet.addStaticPod(manifest());
    cluster.advance(10_000);
    expect(statusOf(cluster, 'static-web-node-1').phase).toBe('Running');
  });

  it('a manifest put back while its previous pod still terminates starts again once that termination is over', () => {
    const cluster = newCluster();
    const kubelet = cluster.kubelet('node-1');
    kubelet.addStaticPod({ ...manifest(), spec: { terminationGracePeriodSeconds: 5, containers: [{ name: 'web', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
    cluster.advance(5_000);
    kubelet.removeStaticPod('static-web');
    cluster.advance(1_000);
    kubelet.addStaticPod({ ...manifest(), spec: { terminationGracePeriodSeconds: 5, containers: [{ name: 'web', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
    cluster.advance(2_000);
    expect(() => cluster.pods().get('static-web-node-1')).toThrow('not found');
    cluster.advance(10_000);
    expect(statusOf(cluster, 'static-web-node-1').phase).toBe('Running');
    expect(kubeletErrors(cluster)).toEqual([]);
  });

  it('deletes a mirror pod on its node that no manifest backs', () => {
    const cluster = newCluster();
    cluster.pods().create({
      metadata: { name: 'orphan-node-1', annotations: { 'kubernetes.io/config.mirror': 'abc' } },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36' }] },
    });
    cluster.advance(1_000);
    expect(() => cluster.pods().get('orphan-node-1')).toThrow('not found');
  });
});
