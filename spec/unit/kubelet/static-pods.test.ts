import type { Pod } from '../../../lib/api/types.js';
import { isMirrorPodOf, mirrorPodFor, rfc3339Nano, staticPodFromManifest } from '../../../lib/kubelet/static-pods.js';

describe('static pods', () => {
  it('names the pod NAME-NODENAME, hashes the manifest into its UID and config.hash, and tolerates every NoExecute taint', () => {
    const manifest: Pod = { metadata: { name: 'etcd' }, spec: { containers: [{ name: 'etcd', image: 'etcd' }] } };
    const p = staticPodFromManifest(manifest, 'Node-A', Date.UTC(2024, 0, 1, 0, 0, 1, 500));
    expect(p.metadata!.name).toBe('etcd-node-a');
    expect(p.metadata!.namespace).toBe('default');
    expect(p.metadata!.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(p.metadata!.annotations).toEqual({
      'kubernetes.io/config.hash': p.metadata!.uid, 'kubernetes.io/config.seen': '2024-01-01T00:00:01.5Z', 'kubernetes.io/config.source': 'file',
    });
    expect(p.spec!.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
    expect(staticPodFromManifest(manifest, 'Node-A', 0).metadata!.uid).toBe(p.metadata!.uid);
    expect(staticPodFromManifest(manifest, 'node-b', 0).metadata!.uid).not.toBe(p.metadata!.uid);
  });

  it('mirrors carry the config.mirror annotation and a controller reference to the Node; IsMirrorPodOf compares the hash', () => {
    const p = staticPodFromManifest({ metadata: { name: 'etcd' }, spec: { containers: [{ name: 'etcd', image: 'etcd' }] } }, 'n1', 0);
    const m = mirrorPodFor(p, { name: 'n1', uid: 'node-uid' });
    expect(m.metadata!.uid).toBeUndefined();
    expect(m.metadata!.annotations!['kubernetes.io/config.mirror']).toBe(p.metadata!.uid);
    expect(m.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'node-uid', controller: true }]);
    expect(isMirrorPodOf(m, p)).toBe(true);
    expect(isMirrorPodOf({ ...m, metadata: { ...m.metadata, annotations: { 'kubernetes.io/config.mirror': 'other' } } }, p)).toBe(false);
  });

  it('formats config.seen as RFC 3339 with trailing zeros of the fraction dropped', () => {
    expect(rfc3339Nano(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
    expect(rfc3339Nano(Date.UTC(2024, 0, 1, 0, 0, 0, 120))).toBe('2024-01-01T00:00:00.12Z');
  });
});
