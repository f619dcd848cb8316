/**
 * Every Secret a pod references, in the order `podutil.VisitPodSecretNames` (`pkg/api/pod/util.go`)
 * visits them: image pull secrets, then the containers' envFrom and env references (init, regular and
 * ephemeral containers), then the volumes' secret references.
 */
import type { Container, EphemeralContainer, Pod } from '../api/types.js';

type Ref = { name?: string } | undefined;

function containerSecretNames(c: Container | EphemeralContainer): string[] {
  const out: string[] = [];
  for (const from of c.envFrom ?? []) if (from.secretRef) out.push(from.secretRef.name ?? '');
  for (const env of c.env ?? []) if (env.valueFrom?.secretKeyRef) out.push(env.valueFrom.secretKeyRef.name ?? '');
  return out;
}

/** The names of all Secrets `pod` refers to (duplicates kept, empty names included). */
export function podSecretNames(pod: Pod): string[] {
  const spec = pod.spec;
  if (!spec) return [];
  const out: string[] = (spec.imagePullSecrets ?? []).map((r) => r.name ?? '');
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    out.push(...containerSecretNames(c));
  }
  const ref = (r: Ref): void => {
    if (r) out.push(r.name ?? '');
  };
  for (const v of spec.volumes ?? []) {
    if (v.azureFile) out.push(v.azureFile.secretName);
    if (v.cephfs) ref(v.cephfs.secretRef);
    if (v.cinder) ref(v.cinder.secretRef);
    if (v.flexVolume) ref(v.flexVolume.secretRef);
    for (const s of v.projected?.sources ?? []) if (s.secret) out.push(s.secret.name ?? '');
    if (v.rbd) ref(v.rbd.secretRef);
    if (v.secret) out.push(v.secret.secretName ?? '');
    if (v.scaleIO) ref(v.scaleIO.secretRef);
    if (v.iscsi) ref(v.iscsi.secretRef);
    if (v.storageos) ref(v.storageos.secretRef);
    if (v.csi) ref(v.csi.nodePublishSecretRef);
  }
  return out;
}
