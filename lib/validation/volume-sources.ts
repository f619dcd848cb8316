/**
 * The less common volume sources of `validateVolumeSource` (core validation): network and cloud disks,
 * CSI, generic ephemeral volumes and image volumes. Each reports under the same child path Go uses.
 */
import type { ObjectMeta } from '../api/types.js';
import { goStruct } from '../api/core-v1-schema.js';
import { tryParseQuantity } from '../api/quantity.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, notSupported, required, tooLong, type FieldError } from '../field/errors.js';
import { inclusiveRangeError, isDNS1123Subdomain, nameIsDNSSubdomain, validateAnnotations, validateDNS1123Label, validateLabels } from './names.js';
import { isFieldSet } from './equality.js';
import { validateLocalDescendingPath } from './common.js';
import type { PodValidationOptions } from './options.js';

/** The JSON keys this module validates. */
export const OTHER_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'nfs', 'iscsi', 'glusterfs', 'flocker', 'rbd', 'cinder', 'cephfs',
  'quobyte', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos',
  'scaleIO', 'csi', 'ephemeral', 'image',
]);

type Src = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const req = (s: Src, key: string, path: FieldPath, detail = ''): FieldError[] => (str(s[key]) === '' ? [required(path.child(key), detail)] : []);
const secretRefName = (s: Src, path: FieldPath): FieldError[] => {
  const ref = s['secretRef'] as Src | undefined;
  return ref && str(ref['name']) === '' ? [required(path.child('secretRef', 'name'))] : [];
};

const iqnRe = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9-.]+)(:[^,;*&$|\s]+)$/;
const euiRe = /^eui.[A-Za-z0-9]{16}$/;
const naaRe = /^naa.[A-Za-z0-9]{32}$/;

function iscsiFormat(value: string, path: FieldPath, prefixMessage: string): FieldError[] {
  if (!value.startsWith('iqn') && !value.startsWith('eui') && !value.startsWith('naa')) return [invalid(path, value, prefixMessage)];
  if ((value.startsWith('iqn') && !iqnRe.test(value)) || (value.startsWith('eui') && !euiRe.test(value)) || (value.startsWith('naa') && !naaRe.test(value))) {
    return [invalid(path, value, 'must be valid format')];
  }
  return [];
}

function validateISCSI(s: Src, path: FieldPath): FieldError[] {
  const errs = req(s, 'targetPortal', path);
  if (str(s['iqn']) === '') errs.push(required(path.child('iqn')));
  else errs.push(...iscsiFormat(str(s['iqn']), path.child('iqn'), 'must be valid format starting with iqn, eui, or naa'));
  const lun = num(s['lun']);
  if (lun < 0 || lun > 255) errs.push(invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  if ((s['chapAuthDiscovery'] || s['chapAuthSession']) && !s['secretRef']) errs.push(required(path.child('secretRef')));
  if (typeof s['initiatorName'] === 'string') {
    const initiator = s['initiatorName'];
    const p = path.child('initiatorname');
    // Go checks the prefix and the format independently here, so a bad prefix can give two errors.
    if (!initiator.startsWith('iqn') && !initiator.startsWith('eui') && !initiator.startsWith('naa')) errs.push(invalid(p, initiator, 'must be valid format starting with iqn, eui, or naa'));
    if ((initiator.startsWith('iqn') && !iqnRe.test(initiator)) || (initiator.startsWith('eui') && !euiRe.test(initiator)) || (initiator.startsWith('naa') && !naaRe.test(initiator))) {
      errs.push(invalid(p, initiator, 'must be valid format'));
    }
  }
  return errs;
}

function validateAzureDisk(s: Src, path: FieldPath): FieldError[] {
  const errs = [...req(s, 'diskName', path), ...req(s, 'diskURI', path)];
  const caching = s['cachingMode'];
  if (typeof caching === 'string' && !['None', 'ReadOnly', 'ReadWrite'].includes(caching)) errs.push(notSupported(path.child('cachingMode'), caching, ['None', 'ReadOnly', 'ReadWrite']));
  const kind = s['kind'];
  if (typeof kind === 'string' && !['Dedicated', 'Managed', 'Shared'].includes(kind)) errs.push(notSupported(path.child('kind'), kind, ['Dedicated', 'Managed', 'Shared']));
  const uri = str(s['diskURI']);
  if (typeof kind === 'string' && kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
    errs.push(notSupported(path.child('diskURI'), uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  }
  if (typeof kind === 'string' && kind !== 'Managed' && !uri.startsWith('https://')) {
    errs.push(notSupported(path.child('diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
  }
  return errs;
}

function validateQuobyte(s: Src, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const registry = str(s['registry']);
  const hostPortMsg = 'must be a host:port pair or multiple pairs separated by commas';
  if (registry === '') errs.push(required(path.child('registry'), hostPortMsg));
  else if (str(s['tenant']).length >= 65) errs.push(required(path.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  else for (const pair of registry.split(',')) if (!/^(\[[^\]]*\]|[^:]*):[^:]*$/.test(pair)) errs.push(invalid(path.child('registry'), registry, hostPortMsg));
  errs.push(...req(s, 'volume', path));
  return errs;
}

function validateFC(s: Src, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const wwns = list(s['targetWWNs']);
  const wwids = list(s['wwids']);
  if (wwns.length < 1 && wwids.length < 1) errs.push(required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length !== 0 && wwids.length !== 0) errs.push(invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  if (wwns.length !== 0) {
    if (s['lun'] === undefined || s['lun'] === null) errs.push(required(path.child('lun'), 'lun is required if targetWWNs is specified'));
    else if (num(s['lun']) < 0 || num(s['lun']) > 255) errs.push(invalid(path.child('lun'), num(s['lun']), inclusiveRangeError(0, 255)));
  }
  return errs;
}

function validateFlex(s: Src, path: FieldPath): FieldError[] {
  const errs = req(s, 'driver', path);
  for (const k of Object.keys((s['options'] as Src | undefined) ?? {})) {
    const ns = k.includes('/') ? k.slice(0, k.indexOf('/')) : k;
    const normalized = `.${ns.toLowerCase()}`;
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io')) errs.push(invalid(path.child('options').key(k), k, 'kubernetes.io and k8s.io namespaces are reserved'));
  }
  return errs;
}

function validateStorageOS(s: Src, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(s['volumeName']) === '') errs.push(required(path.child('volumeName')));
  else errs.push(...validateDNS1123Label(str(s['volumeName']), path.child('volumeName')));
  if (str(s['volumeNamespace']) !== '') errs.push(...validateDNS1123Label(str(s['volumeNamespace']), path.child('volumeNamespace')));
  errs.push(...secretRefName(s, path));
  return errs;
}

/** `ValidateCSIDriverName` */
export function validateCSIDriverName(driver: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (driver === '') errs.push(required(path));
  if (driver.length > 63) errs.push(tooLong(path, '', 63));
  errs.push(...isDNS1123Subdomain(driver.toLowerCase()).map((msg) => invalid(path, driver, msg)));
  return errs;
}

function validateCSI(s: Src, path: FieldPath): FieldError[] {
  const errs = validateCSIDriverName(str(s['driver']), path.child('driver'));
  const ref = s['nodePublishSecretRef'] as Src | undefined;
  if (ref) {
    const name = str(ref['name']);
    if (name === '') errs.push(required(path.child('nodePublishSecretRef', 'name')));
    // Go reports a bad secret name at `csi.name`, not under nodePublishSecretRef.
    else errs.push(...nameIsDNSSubdomain(name, false).map((msg) => invalid(path.child('name'), name, msg)));
  }
  return errs;
}

/** ObjectMeta fields in declaration order (`validateFieldAllowList` walks them so). */
const TEMPLATE_META_FIELDS: readonly string[] = goStruct('meta.ObjectMeta').fields.map((f) => f.name);

/** `ValidateTemplateObjectMeta`: annotations, labels, and nothing else set. */
function validateTemplateObjectMeta(meta: Src, path: FieldPath): FieldError[] {
  const errs = [...validateAnnotations(meta['annotations'] as Record<string, string>, path.child('annotations')), ...validateLabels(meta['labels'] as Record<string, string>, path.child('labels'))];
  for (const f of TEMPLATE_META_FIELDS) if (f !== 'labels' && f !== 'annotations' && isFieldSet('meta.ObjectMeta', f, meta[f])) errs.push(forbidden(path.child(f), 'cannot be set'));
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * The parts of `ValidatePersistentVolumeClaimSpec` a claim template most often trips: access modes, the
 * storage request, storage class and volume mode. (Selectors and data sources are not checked.)
 */
function validateClaimSpec(spec: Src, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const modes = list(spec['accessModes']) as string[];
  if (modes.length === 0) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  let rwop = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path.child('accessModes'), mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  }
  if (rwop && other) errs.push(forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = path.child('resources').key('storage');
  const storage = tryParseQuantity(((spec['resources'] as Src | undefined)?.['requests'] as Record<string, string> | undefined)?.['storage']);
  if (!storage) errs.push(required(storagePath));
  else if (storage.sign() <= 0) errs.push(invalid(storagePath, storage.toString(), 'must be greater than zero'));
  const className = spec['storageClassName'];
  if (typeof className === 'string' && className !== '') errs.push(...nameIsDNSSubdomain(className, false).map((msg) => invalid(path.child('storageClassName'), className, msg)));
  const mode = spec['volumeMode'];
  if (typeof mode === 'string' && mode !== 'Block' && mode !== 'Filesystem') errs.push(notSupported(path.child('volumeMode'), mode, ['Block', 'Filesystem']));
  return errs;
}

function validateEphemeral(s: Src, volPath: FieldPath, volName: string, podMeta: ObjectMeta | undefined): FieldError[] {
  const path = volPath.child('ephemeral');
  const template = s['volumeClaimTemplate'] as Src | undefined;
  if (!template) return [required(path.child('volumeClaimTemplate'))];
  const tp = path.child('volumeClaimTemplate');
  const errs = [...validateTemplateObjectMeta((template['metadata'] as Src | undefined) ?? {}, tp.child('metadata')), ...validateClaimSpec((template['spec'] as Src | undefined) ?? {}, tp.child('spec'))];
  const podName = podMeta?.name ?? '';
  if (podName !== '' && volName !== '') {
    const pvcName = `${podName}-${volName}`;
    for (const msg of nameIsDNSSubdomain(pvcName, false)) errs.push(invalid(volPath.child('name'), volName, `PVC name "${pvcName}": ${msg}`));
  }
  return errs;
}

function validateImage(s: Src, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs = opts.resourceIsPod ? req(s, 'reference', path) : [];
  const policy = str(s['pullPolicy']);
  if (policy === '') errs.push(required(path.child('pullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(policy)) errs.push(notSupported(path.child('pullPolicy'), policy, ['Always', 'IfNotPresent', 'Never']));
  return errs;
}

const partitionMsg = inclusiveRangeError(1, 255);
const partition = (s: Src, path: FieldPath): FieldError[] => (num(s['partition']) < 0 || num(s['partition']) > 255 ? [invalid(path.child('partition'), num(s['partition']), partitionMsg)] : []);

/**
 * The checks of one of {@link OTHER_VOLUME_SOURCES}. `secondSource` is set when the source was not the
 * first one found; only the iSCSI initiator-name length rule still runs then, as in Go.
 */
export function validateOtherVolumeSource(key: string, value: unknown, volPath: FieldPath, volName: string, podMeta: ObjectMeta | undefined, opts: PodValidationOptions, secondSource: boolean): FieldError[] {
  const s = (value ?? {}) as Src;
  if (key === 'iscsi') {
    const errs = secondSource ? [] : validateISCSI(s, volPath.child('iscsi'));
    if (typeof s['initiatorName'] === 'string' && `${volName}:${str(s['targetPortal'])}`.length > 64) {
      errs.push(invalid(volPath.child('name'), volName, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
    }
    return errs;
  }
  const p = (child: string): FieldPath => volPath.child(child);
  switch (key) {
    case 'gitRepo': return [...req(s, 'repository', p('gitRepo')), ...validateLocalDescendingPath(str(s['directory']), p('gitRepo').child('directory'))];
    case 'gcePersistentDisk': return [...req(s, 'pdName', p('persistentDisk')), ...partition(s, p('persistentDisk'))];
    case 'awsElasticBlockStore': return [...req(s, 'volumeID', p('awsElasticBlockStore')), ...partition(s, p('awsElasticBlockStore'))];
    case 'nfs': {
      const errs = [...req(s, 'server', p('nfs')), ...req(s, 'path', p('nfs'))];
      if (!str(s['path']).startsWith('/')) errs.push(invalid(p('nfs').child('path'), str(s['path']), 'must be an absolute path'));
      return errs;
    }
    case 'glusterfs': return [...req(s, 'endpoints', p('glusterfs')), ...req(s, 'path', p('glusterfs'))];
    case 'flocker': {
      const errs: FieldError[] = [];
      const name = str(s['datasetName']);
      const uuid = str(s['datasetUUID']);
      if (name === '' && uuid === '') errs.push(required(p('flocker'), 'one of datasetName and datasetUUID is required'));
      if (name !== '' && uuid !== '') errs.push(invalid(p('flocker'), 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
      if (name.includes('/')) errs.push(invalid(p('flocker').child('datasetName'), name, "must not contain '/'"));
      return errs;
    }
    case 'rbd': return [...(list(s['monitors']).length === 0 ? [required(p('rbd').child('monitors'))] : []), ...req(s, 'image', p('rbd'))];
    case 'cinder': return [...req(s, 'volumeID', p('cinder')), ...secretRefName(s, p('cinder'))];
    case 'cephfs': return list(s['monitors']).length === 0 ? [required(p('cephfs').child('monitors'))] : [];
    case 'quobyte': return validateQuobyte(s, p('quobyte'));
    case 'fc': return validateFC(s, p('fc'));
    case 'flexVolume': return validateFlex(s, p('flexVolume'));
    case 'azureFile': return [...req(s, 'secretName', p('azureFile')), ...req(s, 'shareName', p('azureFile'))];
    case 'vsphereVolume': return req(s, 'volumePath', p('vsphereVolume'));
    case 'photonPersistentDisk': return req(s, 'pdID', p('photonPersistentDisk'));
    case 'portworxVolume': return req(s, 'volumeID', p('portworxVolume'));
    case 'azureDisk': return validateAzureDisk(s, p('azureDisk'));
    case 'storageos': return validateStorageOS(s, p('storageos'));
    case 'scaleIO': return [...req(s, 'gateway', p('scaleIO')), ...req(s, 'system', p('scaleIO')), ...req(s, 'volumeName', p('scaleIO'))];
    case 'csi': return validateCSI(s, p('csi'));
    case 'ephemeral': return validateEphemeral(s, volPath, volName, podMeta);
    case 'image': return validateImage(s, p('image'), opts);
    default: return [];
  }
}

