import type { Volume } from '../../../lib/api/types.js';
import { errorText } from '../../../lib/field/errors.js';
import { validatePodCreate } from '../../../lib/validation/pod.js';
import { makeContainer, makePod, setContainers, setVolumes } from '../../support/make-pod.js';

const withVolumes = (...vs: Volume[]): string[] => validatePodCreate(makePod('pod', setVolumes(...vs))).map(errorText);
const v0 = 'spec.volumes[0]';

describe('ValidateVolumes', () => {
  it('accepts the common sources', () => {
    expect(withVolumes(
      { name: 'a', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'b', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'c', configMap: { name: 'cm', items: [{ key: 'k', path: 'p' }], defaultMode: 0o644 } },
      { name: 'd', secret: { secretName: 's' } },
      { name: 'e', persistentVolumeClaim: { claimName: 'pvc' } },
      { name: 'f', downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
      { name: 'g', projected: { sources: [{ configMap: { name: 'cm' } }, { secret: { name: 's' } }] } },
    )).toEqual([]);
  });

  it('requires a name that is a DNS label, once', () => {
    expect(withVolumes({ name: '', emptyDir: {} })).toEqual([`${v0}.name: Required value`]);
    expect(withVolumes({ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} })).toEqual(['spec.volumes[1].name: Duplicate value: "a"']);
  });

  it('requires exactly one source', () => {
    expect(withVolumes({ name: 'a' })).toEqual([`${v0}: Required value: must specify a volume type`]);
    expect(withVolumes({ name: 'a', emptyDir: {}, secret: { secretName: 's' } })).toEqual([`${v0}.secret: Forbidden: may not specify more than 1 volume type`]);
  });

  it('keeps Go\'s spelling for a second downwardAPI source', () => {
    expect(withVolumes({ name: 'a', emptyDir: {}, downwardAPI: {} })).toEqual([`${v0}.downwarAPI: Forbidden: may not specify more than 1 volume type`]);
  });

  it('requires the identifying field of each common source', () => {
    expect(withVolumes({ name: 'a', hostPath: { path: '' } })).toEqual([`${v0}.hostPath.path: Required value`]);
    expect(withVolumes({ name: 'a', secret: {} })).toEqual([`${v0}.secret.secretName: Required value`]);
    expect(withVolumes({ name: 'a', configMap: {} })).toEqual([`${v0}.configMap.name: Required value`]);
    expect(withVolumes({ name: 'a', persistentVolumeClaim: { claimName: '' } })).toEqual([`${v0}.persistentVolumeClaim.claimName: Required value`]);
  });

  it('rejects a hostPath with .. and an unknown type', () => {
    expect(withVolumes({ name: 'a', hostPath: { path: '/a/../b', type: 'Dir' } })).toEqual([
      `${v0}.hostPath.path: Invalid value: "/a/../b": must not contain '..'`,
      `${v0}.hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"`,
    ]);
  });

  it('checks item keys, relative paths and file modes', () => {
    expect(withVolumes({ name: 'a', configMap: { name: 'cm', defaultMode: 0o1000, items: [{ key: '', path: '/abs' }] } })).toEqual([
      `${v0}.configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive`,
      `${v0}.configMap.items[0].key: Required value`,
      `${v0}.configMap.items[0].path: Invalid value: "/abs": must be a relative path`,
    ]);
  });

  it('rejects a negative emptyDir size limit', () => {
    expect(withVolumes({ name: 'a', emptyDir: { sizeLimit: '-1' } })).toEqual([`${v0}.emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity`]);
  });

  it('reports downward API item errors at the source, without the item index (Go quirk)', () => {
    expect(withVolumes({ name: 'a', downwardAPI: { items: [{ path: 'x' }] } })).toEqual([`${v0}.downwardAPI: Required value: one of fieldRef and resourceFieldRef is required`]);
    expect(withVolumes({ name: 'a', downwardAPI: { items: [{ path: 'x', fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } }] } })).toEqual([
      `${v0}.downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"`,
    ]);
  });

  it('refuses two projections of the same path and two kinds in one source', () => {
    expect(withVolumes({ name: 'a', projected: { sources: [{ configMap: { name: 'cm', items: [{ key: 'k', path: 'p' }] } }, { secret: { name: 's', items: [{ key: 'k', path: 'p' }] } }] } })).toEqual([
      `${v0}.projected: Invalid value: "s": conflicting duplicate paths`,
    ]);
    expect(withVolumes({ name: 'a', projected: { sources: [{ configMap: { name: 'cm' }, secret: { name: 's' } }] } })).toEqual([
      `${v0}.projected.sources[0]: Forbidden: may not specify more than 1 volume type per source`,
    ]);
  });

  it('needs a service account for token projections and a long enough expiry', () => {
    expect(withVolumes({ name: 'a', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 60 } }] } })).toEqual([
      `${v0}.projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes`,
      `${v0}.projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set`,
    ]);
  });

  it('does not offer an invalid volume to mounts', () => {
    const pod = makePod('pod', setVolumes({ name: 'a', secret: {} }), setContainers(makeContainer('ctr', (c) => { c.volumeMounts = [{ name: 'a', mountPath: '/a' }]; })));
    expect(validatePodCreate(pod).map(errorText)).toEqual([`${v0}.secret.secretName: Required value`, 'spec.containers[0].volumeMounts[0].name: Not found: "a"']);
  });

  it('requires a claim template for generic ephemeral volumes and a valid PVC name', () => {
    expect(withVolumes({ name: 'a', ephemeral: {} })).toEqual([`${v0}.ephemeral.volumeClaimTemplate: Required value`]);
    expect(withVolumes({ name: 'a', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } })).toEqual([]);
  });

  it('checks a few network sources', () => {
    expect(withVolumes({ name: 'a', nfs: { server: 'srv', path: 'rel' } })).toEqual([`${v0}.nfs.path: Invalid value: "rel": must be an absolute path`]);
    expect(withVolumes({ name: 'a', gcePersistentDisk: { pdName: '' } })).toEqual([`${v0}.persistentDisk.pdName: Required value`]);
  });
});
