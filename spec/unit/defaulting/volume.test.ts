import type { Volume } from '../../../lib/api/types.js';
import { setDefaultsVolume } from '../../../lib/defaulting/volume.js';

const defaulted = (v: Volume): Record<string, unknown> => {
  const copy = structuredClone(v);
  setDefaultsVolume(copy);
  return copy as unknown as Record<string, unknown>;
};

describe('setDefaultsVolume (SetDefaults_Volume and the per-source defaults)', () => {
  it('turns a volume without a source into emptyDir {}', () => {
    expect(defaulted({ name: 'scratch' })).toEqual({ name: 'scratch', emptyDir: {} });
  });

  it('gives hostPath type ""', () => {
    expect(defaulted({ name: 'h', hostPath: { path: '/var/log' } }).hostPath).toEqual({ path: '/var/log', type: '' });
  });

  it.each([
    ['secret', { secretName: 's' }],
    ['configMap', { name: 'c' }],
    ['downwardAPI', { items: [] }],
    ['projected', { sources: [] }],
  ])('gives %s defaultMode 420 (0644)', (source, value) => {
    expect((defaulted({ name: 'v', [source]: value } as Volume)[source] as { defaultMode: number }).defaultMode).toBe(420);
  });

  it('keeps an explicit defaultMode, including 0', () => {
    expect(defaulted({ name: 'v', secret: { secretName: 's', defaultMode: 0 } }).secret).toEqual({ secretName: 's', defaultMode: 0 });
  });

  it('defaults fieldRef apiVersion in downwardAPI items, plain and projected', () => {
    const v = defaulted({ name: 'v', downwardAPI: { items: [{ path: 'l', fieldRef: { fieldPath: 'metadata.labels' } }] } });
    expect(v.downwardAPI).toEqual({ items: [{ path: 'l', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }], defaultMode: 420 });
    const p = defaulted({ name: 'p', projected: { sources: [{ downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } });
    expect(p.projected).toEqual({ sources: [{ downwardAPI: { items: [{ path: 'n', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } }] } }], defaultMode: 420 });
  });

  it('gives a projected serviceAccountToken without expiration one hour', () => {
    const p = defaulted({ name: 'p', projected: { sources: [{ serviceAccountToken: { audience: 'vault', path: 'token' } }] } });
    expect(p.projected).toEqual({ sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } }], defaultMode: 420 });
  });

  it('applies the declarative defaults of the legacy iscsi, rbd, azureDisk and scaleIO sources', () => {
    expect(defaulted({ name: 'i', iscsi: { targetPortal: 't', iqn: 'q', lun: 0 } }).iscsi).toMatchObject({ iscsiInterface: 'default' });
    expect(defaulted({ name: 'r', rbd: { monitors: ['m'], image: 'i' } }).rbd).toMatchObject({ pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' });
    expect(defaulted({ name: 'a', azureDisk: { diskName: 'd', diskURI: 'u' } }).azureDisk).toMatchObject({ cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' });
    expect(defaulted({ name: 's', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } }).scaleIO).toMatchObject({ storageMode: 'ThinProvisioned', fsType: 'xfs' });
  });

  it('gives ephemeral volume claim templates volumeMode Filesystem and rounds their resources', () => {
    const v = defaulted({ name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1.5Gi' } } } } } });
    expect(v.ephemeral).toEqual({ volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1536Mi' } }, volumeMode: 'Filesystem' } } });
  });

  it('gives a persistentVolumeClaim no defaults', () => {
    expect(defaulted({ name: 'd', persistentVolumeClaim: { claimName: 'c' } })).toEqual({ name: 'd', persistentVolumeClaim: { claimName: 'c' } });
  });
});
