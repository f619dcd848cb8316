import { createHash } from 'node:crypto';
import { findResource, findSubresource, resourceForKind, resources } from '../../../lib/api/resources.js';

describe('resource table (lib/api/resources.ts)', () => {
  it.each(resources.filter((r) => r.storageVersionHash).map((r) => [r.resource, r] as const))(
    '%s carries discovery.StorageVersionHash(group, version, kind)',
    (_name, r) => {
      const hash = createHash('sha256').update(`${r.group}/${r.version}/${r.kind}`).digest().subarray(0, 8).toString('base64');
      expect(r.storageVersionHash).toBe(hash);
    },
  );

  it('lists resources sorted by name with sorted verbs', () => {
    const names = resources.map((r) => r.resource);
    expect(names).toEqual([...names].sort());
    for (const r of resources) {
      expect([...r.verbs]).toEqual([...r.verbs].sort());
      for (const s of r.subresources) expect([...s.verbs]).toEqual([...s.verbs].sort());
    }
  });

  it('finds pods and their ephemeralcontainers subresource, and resources by kind', () => {
    const pods = findResource('', 'v1', 'pods')!;
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
    expect(findSubresource(pods, 'ephemeralcontainers')).toEqual({ name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(findSubresource(pods, 'eviction')).toBeUndefined();
    expect(resourceForKind('', 'v1', 'Namespace')!.resource).toBe('namespaces');
    expect(findResource('apps', 'v1', 'deployments')).toBeUndefined();
  });

  it('gives namespaces no deletecollection, as the namespace registry has none', () => {
    expect(findResource('', 'v1', 'namespaces')!.verbs).not.toContain('deletecollection');
  });
});
