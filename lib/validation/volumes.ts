/**
 * Pod volumes: `ValidateVolumes` and `validateVolumeSource` of core validation, with the common sources
 * (emptyDir, hostPath, secret, configMap, persistentVolumeClaim, downwardAPI, projected). The other
 * sources live in `volume-sources.ts`. Go's path quirks are kept (`downwarAPI` in the one-source error,
 * `persistentDisk`/`cephfs` children, downward API items reported without their index).
 */
import type {
  ConfigMapVolumeSource, DownwardAPIVolumeFile, DownwardAPIVolumeSource, HostPathVolumeSource, KeyToPath, PodSpec, ProjectedVolumeSource, SecretVolumeSource, Volume, VolumeProjection,
} from 'kubernetes-types/core/v1.js';
import { tryParseQuantity } from '../api/quantity.js';
import type { ObjectMeta } from '../api/types.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { validateDNS1123Label } from './names.js';
import { validateContainerResourceFieldSelector, validateObjectFieldSelector, VOLUME_FIELD_PATHS } from './env.js';
import { OTHER_VOLUME_SOURCES, validateOtherVolumeSource } from './volume-sources.js';
import type { PodValidationOptions } from './options.js';
import { FILE_MODE, validateLocalNonReservedPath, validatePathNoBacksteps } from './common.js';

/** A volume source as JSON: whichever source keys are present. */
export type VolumeSource = Omit<Volume, 'name'> & { image?: { reference?: string; pullPolicy?: string } };

/** The volumes a pod declares that passed validation, by name (what mounts and devices may refer to). */
export type VolumeMap = ReadonlyMap<string, VolumeSource>;

const validMode = (mode: number | undefined): boolean => mode === undefined || mode === null || (mode >= 0 && mode <= 0o777);

function modeError(mode: number | undefined, path: FieldPath): FieldError[] {
  return validMode(mode) ? [] : [invalid(path, mode, FILE_MODE)];
}

/** `validateKeyToPath` */
function validateKeyToPath(kp: KeyToPath, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(path.child('key')));
  if (!kp.path) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', path.child('path')));
  errs.push(...modeError(kp.mode, path.child('mode')));
  return errs;
}

function validateHostPath(hp: HostPathVolumeSource, path: FieldPath): FieldError[] {
  if (!hp.path) return [required(path.child('path'))];
  const errs = validatePathNoBacksteps(hp.path, path.child('path'));
  const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
  if (hp.type !== undefined && hp.type !== null && !types.includes(hp.type)) errs.push(notSupported(path.child('type'), hp.type, types));
  return errs;
}

function validateSecretSource(s: SecretVolumeSource, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.secretName) errs.push(required(path.child('secretName')));
  errs.push(...modeError(s.defaultMode, path.child('defaultMode')));
  (s.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, path.child('items').index(i))));
  return errs;
}

function validateConfigMapSource(s: ConfigMapVolumeSource, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(path.child('name')));
  errs.push(...modeError(s.defaultMode, path.child('defaultMode')));
  (s.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, path.child('items').index(i))));
  return errs;
}

/** `validateDownwardAPIVolumeFile`: note Go reports these at the source's path, not the item's. */
function validateDownwardAPIVolumeFile(file: DownwardAPIVolumeFile, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', path.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateContainerResourceFieldSelector(file.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...modeError(file.mode, path.child('mode')));
  return errs;
}

function validateDownwardAPISource(s: DownwardAPIVolumeSource, path: FieldPath): FieldError[] {
  const errs = modeError(s.defaultMode, path.child('defaultMode'));
  for (const file of s.items ?? []) errs.push(...validateDownwardAPIVolumeFile(file, path));
  return errs;
}

type ProjectionV132 = VolumeProjection & { clusterTrustBundle?: { path?: string } };

/** `validateProjectionSources`: one kind per source, valid items, no path projected twice. */
function validateProjectedSource(p: ProjectedVolumeSource, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs = modeError(p.defaultMode, path.child('defaultMode'));
  const allPaths = new Set<string>();
  const claimPath = (curPath: string, value: string): void => {
    if (allPaths.has(curPath)) errs.push(invalid(path, value, 'conflicting duplicate paths'));
    else allPaths.add(curPath);
  };
  ((p.sources ?? []) as ProjectionV132[]).forEach((source, i) => {
    let numSources = 0;
    const srcPath = path.child('sources').index(i);
    for (const kind of ['secret', 'configMap'] as const) {
      const s = source[kind];
      if (!s) continue;
      numSources++;
      const projPath = srcPath.child(kind);
      if (!s.name) errs.push(required(projPath.child('name')));
      (s.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, projPath.child('items').index(j)));
        if (kp.path) claimPath(kp.path, s.name ?? '');
      });
    }
    if (source.downwardAPI) {
      numSources++;
      for (const file of source.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIVolumeFile(file, srcPath.child('downwardAPI')));
        if (file.path) claimPath(file.path, file.path);
      }
    }
    const token = source.serviceAccountToken;
    if (token) {
      numSources++;
      const projPath = srcPath.child('serviceAccountToken');
      const expiration = token.expirationSeconds ?? 0;
      if (expiration < 600) errs.push(invalid(projPath.child('expirationSeconds'), expiration, 'may not specify a duration less than 10 minutes'));
      if (expiration > 2 ** 32) errs.push(invalid(projPath.child('expirationSeconds'), expiration, 'may not specify a duration larger than 2^32 seconds'));
      if (!token.path) errs.push(required(path.child('path')));
      else if (!opts.allowNonLocalProjectedTokenPath) errs.push(...validateLocalNonReservedPath(token.path, path.child('path')));
    }
    if (source.clusterTrustBundle) {
      // ClusterTrustBundleProjection is alpha and off in v1.32 (the strategy drops it); only its path is checked.
      numSources++;
      const projPath = srcPath.child('clusterTrustBundle');
      const ctbPath = source.clusterTrustBundle.path ?? '';
      if (ctbPath === '') errs.push(required(projPath.child('path')));
      errs.push(...validateLocalNonReservedPath(ctbPath, projPath.child('path')));
      claimPath(ctbPath, ctbPath);
    }
    if (numSources > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** Source keys in `validateVolumeSource` order, each with the path child Go reports its own errors under. */
const SOURCE_ORDER: ReadonlyArray<readonly [string, string]> = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'persistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephfs'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwardAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];
/** The path child of the "more than 1 volume type" error where it differs from the JSON key (Go's spelling). */
const SECOND_SOURCE_CHILD: Readonly<Record<string, string>> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };

/** `validateVolumeSource`: exactly one source, then that source's own checks. */
export function validateVolumeSource(source: VolumeSource, path: FieldPath, volName: string, podMeta: ObjectMeta | undefined, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  let numVolumes = 0;
  const src = source as Record<string, unknown>;
  for (const [key, child] of SOURCE_ORDER) {
    const value = src[key];
    if (value === undefined || value === null) continue;
    if (numVolumes > 0) {
      errs.push(forbidden(path.child(SECOND_SOURCE_CHILD[key] ?? key), 'may not specify more than 1 volume type'));
      if (key === 'iscsi') errs.push(...validateOtherVolumeSource(key, value, path, volName, podMeta, opts, true));
      continue;
    }
    numVolumes++;
    const p = path.child(child);
    switch (key) {
      case 'emptyDir': {
        const limit = tryParseQuantity((value as { sizeLimit?: string }).sizeLimit);
        if (limit && limit.sign() < 0) errs.push(forbidden(path.child('emptyDir').child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'hostPath': errs.push(...validateHostPath(value as HostPathVolumeSource, p)); break;
      case 'secret': errs.push(...validateSecretSource(value as SecretVolumeSource, p)); break;
      case 'configMap': errs.push(...validateConfigMapSource(value as ConfigMapVolumeSource, p)); break;
      case 'persistentVolumeClaim':
        if (!(value as { claimName?: string }).claimName) errs.push(required(p.child('claimName')));
        break;
      case 'downwardAPI': errs.push(...validateDownwardAPISource(value as DownwardAPIVolumeSource, p)); break;
      case 'projected': errs.push(...validateProjectedSource(value as ProjectedVolumeSource, p, opts)); break;
      default:
        if (OTHER_VOLUME_SOURCES.has(key)) errs.push(...validateOtherVolumeSource(key, value, path, volName, podMeta, opts, false));
    }
  }
  if (numVolumes === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/**
 * `ValidateVolumes`: each volume's source, name (required, DNS label, unique). Only volumes without errors
 * are returned for mounts to refer to; a PVC source may not name a claim an ephemeral volume creates.
 */
export function validateVolumes(volumes: PodSpec['volumes'], podMeta: ObjectMeta | undefined, path: FieldPath, opts: PodValidationOptions): { volumes: VolumeMap; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const vols = new Map<string, VolumeSource>();
  const allNames = new Set<string>();
  const createdPVCs = new Set<string>();
  const podName = podMeta?.name ?? '';
  if (podName !== '') for (const v of volumes ?? []) if (v.ephemeral) createdPVCs.add(`${podName}-${v.name}`);
  (volumes ?? []).forEach((vol, i) => {
    const idxPath = path.index(i);
    const namePath = idxPath.child('name');
    const { name, ...source } = vol;
    const el = validateVolumeSource(source, idxPath, name ?? '', podMeta, opts);
    if (!name) el.push(required(namePath));
    else el.push(...validateDNS1123Label(name, namePath));
    if (allNames.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) {
      allNames.add(name);
      vols.set(name, source);
    } else errors.push(...el);
    const claim = vol.persistentVolumeClaim?.claimName;
    if (claim !== undefined && createdPVCs.has(claim)) {
      errors.push(invalid(idxPath.child('persistentVolumeClaim').child('claimName'), claim, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: vols, errors };
}
