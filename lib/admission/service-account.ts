/**
 * The ServiceAccount admission plugin (`plugin/pkg/admission/serviceaccount/admission.go`, 1.27+ form,
 * as in v1.32). On pod create (mutating): a service account for every pod (`default` unless named),
 * which must exist; the bound-token projected volume `kube-api-access-xxxxx` mounted read-only at
 * `/var/run/secrets/kubernetes.io/serviceaccount` into every init container and container (never into
 * ephemeral containers); the account's imagePullSecrets when the pod has none. Mirror pods are never
 * mutated, only checked. Validating: the account exists, mountable-secret limits when the account asks
 * for them, and the secrets of ephemeral containers added through `pods/ephemeralcontainers`.
 */
import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Pod, Volume, VolumeMount } from '../api/types.js';
import { generateName } from '../ids/generate-name.js';
import type { SeededRandom } from '../ids/random.js';
import { forbidden, isPodRequest, type AdmissionAttributes } from './attributes.js';
import { podSecretNames } from './pod-secrets.js';

/** `DefaultServiceAccountName` */
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
/** `ServiceAccountVolumeName`: the prefix of the token volume's name. */
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
/** `DefaultAPITokenMountPath` */
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** `EnforceMountableSecretsAnnotation` */
export const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = 'kubernetes.io/enforce-mountable-secrets';
/** `serviceaccount.WarnOnlyBoundTokenExpirationSeconds`: one hour and seven seconds. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** Where the plugin finds ServiceAccounts (its informer lister; a live GET in Kubernetes when missing). */
export interface ServiceAccountLister {
  get(namespace: string, name: string): ServiceAccount | undefined;
}

/** What the plugin needs besides the request. */
export interface ServiceAccountAdmissionDeps {
  readonly serviceAccounts: ServiceAccountLister;
  /** Source of the token volume's 5-character suffix. */
  readonly rng: SeededRandom;
}

/** `TokenVolumeSource`: the projected source of the token volume, with defaultMode set explicitly. */
export function tokenVolumeSource(): NonNullable<Volume['projected']> {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: 0o644,
  };
}

const isMirrorPod = (pod: Pod): boolean => Object.hasOwn(pod.metadata?.annotations ?? {}, MIRROR_POD_ANNOTATION);

/** `shouldAutomount`: the pod's choice wins, then the account's, else true. */
export function shouldAutomount(sa: ServiceAccount, pod: Pod): boolean {
  const podChoice = pod.spec?.automountServiceAccountToken;
  if (podChoice !== undefined && podChoice !== null) return podChoice;
  const saChoice = sa.automountServiceAccountToken;
  if (saChoice !== undefined && saChoice !== null) return saChoice;
  return true;
}

/** `strconv.ParseBool` of the annotation; anything unparsable is false. */
function enforceMountableSecrets(sa: ServiceAccount): boolean {
  const v = sa.metadata?.annotations?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION];
  return v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}

function getServiceAccount(attrs: AdmissionAttributes, pod: Pod, deps: Pick<ServiceAccountAdmissionDeps, 'serviceAccounts'>): ServiceAccount {
  const name = pod.spec?.serviceAccountName ?? '';
  const sa = deps.serviceAccounts.get(attrs.namespace, name);
  if (!sa) {
    throw forbidden(attrs, pod, `error looking up service account ${attrs.namespace}/${name}: serviceaccount "${name}" not found`);
  }
  return sa;
}

/** `mountServiceAccountToken`: reuse a `kube-api-access-` volume or name a new one; mount it where missing. */
function mountServiceAccountToken(pod: Pod, rng: SeededRandom): void {
  const spec = pod.spec!;
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`));
  const volumeName = existing?.name ?? generateName(rng, `${SERVICE_ACCOUNT_VOLUME_NAME}-`);
  let needsTokenVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH };
    c.volumeMounts = [...(c.volumeMounts ?? []), mount];
    needsTokenVolume = true;
  }
  if (!existing && needsTokenVolume) {
    spec.volumes = [...(spec.volumes ?? []), { name: volumeName, projected: tokenVolumeSource() }];
  }
}

/** `limitSecretReferences`: with the enforce annotation, a pod may use only the account's secrets. */
function limitSecretReferences(sa: ServiceAccount, pod: Pod): string | undefined {
  const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
  const who = sa.metadata?.name ?? '';
  for (const v of pod.spec?.volumes ?? []) {
    const secretName = v.secret?.secretName;
    if (v.secret && !mountable.has(secretName ?? '')) {
      return `volume with secret.secretName="${secretName ?? ''}" is not allowed because service account ${who} does not reference that secret`;
    }
  }
  const groups = [['init container', pod.spec?.initContainers ?? []], ['container', pod.spec?.containers ?? []]] as const;
  for (const [kind, containers] of groups) {
    for (const c of containers) {
      for (const env of c.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (ref && !mountable.has(ref.name ?? '')) {
          return `${kind} ${c.name} with envVar ${env.name} referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${who} does not reference that secret`;
        }
      }
      for (const from of c.envFrom ?? []) {
        if (from.secretRef && !mountable.has(from.secretRef.name ?? '')) {
          return `${kind} ${c.name} with envFrom referencing secret.secretName="${from.secretRef.name ?? ''}" is not allowed because service account ${who} does not reference that secret`;
        }
      }
    }
  }
  const pullSecrets = new Set((sa.imagePullSecrets ?? []).map((s) => s.name));
  const refs = pod.spec?.imagePullSecrets ?? [];
  for (const [i, ref] of refs.entries()) {
    if (!pullSecrets.has(ref.name)) {
      return `imagePullSecrets[${i}].name="${ref.name ?? ''}" is not allowed because service account ${who} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}

/** `limitEphemeralContainerSecretReferences` (validating, `pods/ephemeralcontainers` updates). */
function limitEphemeralContainerSecretReferences(attrs: AdmissionAttributes, pod: Pod, deps: Pick<ServiceAccountAdmissionDeps, 'serviceAccounts'>): void {
  if (!pod.spec?.serviceAccountName) {
    throw forbidden(attrs, pod, `no service account specified for pod ${attrs.namespace}/${pod.metadata?.name ?? ''}`);
  }
  const sa = getServiceAccount(attrs, pod, deps);
  if (!enforceMountableSecrets(sa)) return;
  const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
  const who = sa.metadata?.name ?? '';
  for (const c of pod.spec.ephemeralContainers ?? []) {
    for (const env of c.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref && !mountable.has(ref.name ?? '')) {
        throw forbidden(attrs, pod, `ephemeral container ${c.name} with envVar ${env.name} referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${who} does not reference that secret`);
      }
    }
    for (const from of c.envFrom ?? []) {
      if (from.secretRef && !mountable.has(from.secretRef.name ?? '')) {
        throw forbidden(attrs, pod, `ephemeral container ${c.name} with envFrom referencing secret.secretName="${from.secretRef.name ?? ''}" is not allowed because service account ${who} does not reference that secret`);
      }
    }
  }
}

/** `Plugin.Validate`; throws {@link AdmissionDenied}. Runs at the end of Admit and again as validating admission. */
export function validateServiceAccount(pod: Pod, attrs: AdmissionAttributes, deps: Pick<ServiceAccountAdmissionDeps, 'serviceAccounts'>): void {
  if (!isPodRequest(attrs, ['ephemeralcontainers'])) return;
  if (attrs.operation === 'UPDATE' && attrs.subresource === 'ephemeralcontainers') {
    limitEphemeralContainerSecretReferences(attrs, pod, deps);
    return;
  }
  if (attrs.operation !== 'CREATE') return;
  if (isMirrorPod(pod)) {
    if (pod.spec?.serviceAccountName) throw forbidden(attrs, pod, 'a mirror pod may not reference service accounts');
    if (podSecretNames(pod).length > 0) throw forbidden(attrs, pod, 'a mirror pod may not reference secrets');
    for (const v of pod.spec?.volumes ?? []) {
      if ((v.projected?.sources ?? []).some((s) => s.serviceAccountToken)) {
        throw forbidden(attrs, pod, 'a mirror pod may not use ServiceAccountToken volume projections');
      }
    }
    return;
  }
  if (!pod.spec?.serviceAccountName) {
    throw forbidden(attrs, pod, `no service account specified for pod ${attrs.namespace}/${pod.metadata?.name ?? ''}`);
  }
  const sa = getServiceAccount(attrs, pod, deps);
  if (enforceMountableSecrets(sa)) {
    const denial = limitSecretReferences(sa, pod);
    if (denial) throw forbidden(attrs, pod, denial);
  }
}

/** `Plugin.Admit` (mutates `pod` on create; throws {@link AdmissionDenied}). */
export function admitServiceAccount(pod: Pod, attrs: AdmissionAttributes, deps: ServiceAccountAdmissionDeps): void {
  if (!isPodRequest(attrs, ['ephemeralcontainers']) || attrs.operation !== 'CREATE') return;
  if (isMirrorPod(pod)) {
    validateServiceAccount(pod, attrs, deps);
    return;
  }
  const spec = (pod.spec ??= { containers: [] });
  if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
  const sa = getServiceAccount(attrs, pod, deps);
  if (shouldAutomount(sa, pod)) mountServiceAccountToken(pod, deps.rng);
  if ((spec.imagePullSecrets ?? []).length === 0 && (sa.imagePullSecrets ?? []).length > 0) {
    spec.imagePullSecrets = (sa.imagePullSecrets ?? []).map((s) => ({ name: s.name }));
  }
  validateServiceAccount(pod, attrs, deps);
}
