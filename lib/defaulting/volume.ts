/**
 * API defaults for pod volumes, in the order the generated defaulter applies them per volume:
 * `SetDefaults_Volume` (no source → emptyDir), `SetDefaults_HostPathVolumeSource`, the `defaultMode` 0644
 * of secret, downwardAPI, configMap and projected sources, `SetDefaults_ObjectFieldSelector` on
 * downward-API items, `SetDefaults_ServiceAccountTokenProjection` (1h), the declarative defaults of the
 * legacy iscsi, rbd, azureDisk and scaleIO sources, and `SetDefaults_PersistentVolumeClaimSpec` with
 * `SetDefaults_ResourceList` for ephemeral volume claim templates.
 * Ports `pkg/apis/core/v1/defaults.go` and `zz_generated.defaults.go` (v1.32).
 */
import type { Volume } from '../api/types.js';
import { setDefaultsResourceList, type ResourceList } from './container.js';

/** `v1.SecretVolumeSourceDefaultMode` and friends: 0644. */
export const VOLUME_DEFAULT_MODE = 0o644;

/** `SetDefaults_ServiceAccountTokenProjection`: one hour. */
export const SERVICE_ACCOUNT_TOKEN_DEFAULT_EXPIRATION_SECONDS = 3600;

/** The VolumeSource members of v1.32 (`ptr.AllPtrFieldsNil` looks at all of them). */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

type Loose = Record<string, unknown>;
const loose = (o: object): Loose => o as Loose;

const defaultString = (obj: Loose, key: string, value: string): void => {
  if (!obj[key]) obj[key] = value;
};
const defaultPointer = (obj: Loose, key: string, value: unknown): void => {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
};

/** `SetDefaults_ObjectFieldSelector` on each downward-API file that selects a field. */
function defaultDownwardAPIItems(items: readonly { fieldRef?: { apiVersion?: string } }[] | undefined): void {
  for (const item of items ?? []) {
    if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  }
}

/** All defaults of one volume (mutates it). */
export function setDefaultsVolume(volume: Volume): void {
  const v = volume as Volume & Loose;
  if (VOLUME_SOURCES.every((s) => v[s] === undefined || v[s] === null)) v.emptyDir = {};
  if (v.hostPath) defaultPointer(loose(v.hostPath), 'type', '');
  if (v.secret) defaultPointer(loose(v.secret), 'defaultMode', VOLUME_DEFAULT_MODE);
  if (v.iscsi) defaultString(loose(v.iscsi), 'iscsiInterface', 'default');
  if (v.rbd) {
    defaultString(loose(v.rbd), 'pool', 'rbd');
    defaultString(loose(v.rbd), 'user', 'admin');
    defaultString(loose(v.rbd), 'keyring', '/etc/ceph/keyring');
  }
  if (v.downwardAPI) {
    defaultPointer(loose(v.downwardAPI), 'defaultMode', VOLUME_DEFAULT_MODE);
    defaultDownwardAPIItems(v.downwardAPI.items);
  }
  if (v.configMap) defaultPointer(loose(v.configMap), 'defaultMode', VOLUME_DEFAULT_MODE);
  if (v.azureDisk) {
    const disk = loose(v.azureDisk);
    defaultPointer(disk, 'cachingMode', 'ReadWrite');
    defaultPointer(disk, 'fsType', 'ext4');
    defaultPointer(disk, 'readOnly', false);
    defaultPointer(disk, 'kind', 'Shared');
  }
  if (v.projected) {
    defaultPointer(loose(v.projected), 'defaultMode', VOLUME_DEFAULT_MODE);
    for (const source of v.projected.sources ?? []) {
      defaultDownwardAPIItems(source.downwardAPI?.items);
      if (source.serviceAccountToken) {
        defaultPointer(loose(source.serviceAccountToken), 'expirationSeconds', SERVICE_ACCOUNT_TOKEN_DEFAULT_EXPIRATION_SECONDS);
      }
    }
  }
  if (v.scaleIO) {
    defaultString(loose(v.scaleIO), 'storageMode', 'ThinProvisioned');
    defaultString(loose(v.scaleIO), 'fsType', 'xfs');
  }
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec) {
    defaultPointer(loose(claimSpec), 'volumeMode', 'Filesystem');
    setDefaultsResourceList(claimSpec.resources?.limits as ResourceList | undefined);
    setDefaultsResourceList(claimSpec.resources?.requests as ResourceList | undefined);
  }
}
