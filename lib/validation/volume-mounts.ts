/**
 * How a container uses pod volumes: `ValidateVolumeMounts` and `ValidateVolumeDevices` of core
 * validation, with mount propagation and recursive read-only rules. Go's quirk is kept: subPath and
 * subPathExpr content errors are reported at `volumeMounts.subPath` / `.subPathExpr`, with no index.
 */
import type { Container, VolumeDevice, VolumeMount } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, notFound, notSupported, required, type FieldError } from '../field/errors.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './common.js';
import type { VolumeMap } from './volumes.js';

type VolumeMountV132 = VolumeMount & { recursiveReadOnly?: string };

/** `validateMountPropagation`: a known mode; Bidirectional only for privileged containers. */
function validateMountPropagation(mode: string, container: Container | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const supported = ['Bidirectional', 'HostToContainer', 'None'];
  if (!supported.includes(mode)) errs.push(notSupported(path, mode, supported));
  if (!container) return errs;
  if (mode === 'Bidirectional' && container.securityContext?.privileged !== true) {
    errs.push(forbidden(path, 'Bidirectional mount propagation is available only to privileged containers'));
  }
  return errs;
}

/** `validateMountRecursiveReadOnly` */
function validateRecursiveReadOnly(mnt: VolumeMountV132, path: FieldPath): FieldError[] {
  const rro = mnt.recursiveReadOnly;
  if (rro === undefined || rro === null || rro === 'Disabled') return [];
  if (rro === 'Enabled' || rro === 'IfPossible') {
    const errs: FieldError[] = [];
    if (!mnt.readOnly) errs.push(forbidden(path, 'may only be specified when readOnly is true'));
    if (mnt.mountPropagation && mnt.mountPropagation !== 'None') errs.push(forbidden(path, 'may only be specified when mountPropagation is None or not specified'));
    return errs;
  }
  return [notSupported(path, rro, ['Disabled', 'Enabled', 'IfPossible'])];
}

/** `GetVolumeMountMap` / `GetVolumeDeviceMap`: name → path, last one wins. */
const byName = (items: ReadonlyArray<{ name: string }>, pathOf: (x: never) => string): Map<string, string> =>
  new Map(items.map((x) => [x.name, pathOf(x as never)]));

/** `ValidateVolumeMounts`: names a pod volume, unique mount paths, no clash with devices, subPath rules. */
export function validateVolumeMounts(container: Container, volumes: VolumeMap, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const devices = byName(container.volumeDevices ?? [], (d: VolumeDevice) => d.devicePath);
  const devicePaths = new Set(devices.values());
  const mountpoints = new Set<string>();
  ((container.volumeMounts ?? []) as VolumeMountV132[]).forEach((mnt, i) => {
    const idx = path.index(i);
    const name = mnt.name ?? '';
    const mountPath = mnt.mountPath ?? '';
    if (name === '') errs.push(required(idx.child('name')));
    if (!volumes.has(name)) errs.push(notFound(idx.child('name'), name));
    if (mountPath === '') errs.push(required(idx.child('mountPath')));
    if (mountpoints.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    mountpoints.add(mountPath);
    if (devices.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    if (volumes.get(name)?.image) {
      if (mnt.subPath) errs.push(invalid(idx.child('subPath'), mnt.subPath, 'not allowed in image volume sources'));
      if (mnt.subPathExpr) errs.push(invalid(idx.child('subPathExpr'), mnt.subPathExpr, 'not allowed in image volume sources'));
    }
    if (mnt.subPath) errs.push(...validateLocalDescendingPath(mnt.subPath, path.child('subPath')));
    if (mnt.subPathExpr) {
      if (mnt.subPath) errs.push(invalid(idx.child('subPathExpr'), mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(mnt.subPathExpr, path.child('subPathExpr')));
    }
    if (mnt.mountPropagation) errs.push(...validateMountPropagation(mnt.mountPropagation, container, path.child('mountPropagation')));
    errs.push(...validateRecursiveReadOnly(mnt, path.child('recursiveReadOnly')));
  });
  return errs;
}

/** `ValidateVolumeDevices`: a PVC-backed (or ephemeral) pod volume, unique names and paths, no clash with mounts. */
export function validateVolumeDevices(container: Container, volumes: VolumeMap, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = byName(container.volumeMounts ?? [], (m: VolumeMount) => m.mountPath);
  const mountPaths = new Set(mounts.values());
  const devicePaths = new Set<string>();
  const deviceNames = new Set<string>();
  (container.volumeDevices ?? []).forEach((dev, i) => {
    const idx = path.index(i);
    const name = dev.name ?? '';
    const devPath = dev.devicePath ?? '';
    const source = volumes.get(name);
    const isPVC = source !== undefined && Boolean(source.persistentVolumeClaim || source.ephemeral);
    if (name === '') errs.push(required(idx.child('name')));
    if (deviceNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must be unique'));
    if (source !== undefined && !isPVC) errs.push(invalid(idx.child('name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (source === undefined) errs.push(notFound(idx.child('name'), name));
    if (devPath === '') errs.push(required(idx.child('devicePath')));
    if (devicePaths.has(devPath)) errs.push(invalid(idx.child('devicePath'), devPath, 'must be unique'));
    if (devPath !== '' && validatePathNoBacksteps(devPath, path.child('devicePath')).length > 0) {
      errs.push(invalid(idx.child('devicePath'), devPath, "can not contain backsteps ('..')"));
    } else devicePaths.add(devPath);
    if (mounts.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devPath)) errs.push(invalid(idx.child('devicePath'), devPath, 'must not already exist as a path in volumeMounts'));
    if (name !== '') deviceNames.add(name);
  });
  return errs;
}
