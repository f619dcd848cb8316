/**
 * Environment of a container and the downward-API selectors it shares with volumes: `ValidateEnv`,
 * `validateEnvVarValueFrom`, `ValidateEnvFrom`, `validateObjectFieldSelector`,
 * `validateContainerResourceFieldSelector` and the key selectors of core validation.
 */
import type {
  ConfigMapKeySelector, EnvFromSource, EnvVar, ObjectFieldSelector, ResourceFieldSelector, SecretKeySelector,
} from 'kubernetes-types/core/v1.js';
import { tryParseQuantity } from '../api/quantity.js';
import type { FieldPath } from '../field/path.js';
import { invalid, notSupported, required, type FieldError } from '../field/errors.js';
import {
  isConfigMapKey, isEnvVarName, isRelaxedEnvVarName, nameIsDNSSubdomain, validateQualifiedName,
} from './names.js';
import type { PodValidationOptions } from './options.js';

/** `validEnvDownwardAPIFieldPathExpressions` */
export const ENV_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
/** `validVolumeDownwardAPIFieldPathExpressions` */
export const VOLUME_FIELD_PATHS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid']);
/** `validContainerResourceFieldPathExpressions` */
const RESOURCE_FIELD_PATHS: ReadonlySet<string> = new Set([
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
]);
/** `validContainerResourceFieldPathPrefixesWithDownwardAPIHugePages` */
const RESOURCE_FIELD_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
/** Every field label the pod conversion accepts (`ConvertDownwardAPIFieldLabel`). */
const CONVERTIBLE_FIELD_LABELS: ReadonlySet<string> = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);

const sorted = (s: ReadonlySet<string>): string[] => [...s].sort();

/** `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['key']` → path and subscript. */
function splitSubscript(fieldPathText: string): { path: string; subscript: string } | undefined {
  if (!fieldPathText.endsWith("']")) return undefined;
  const s = fieldPathText.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), subscript: s.slice(at + 2) };
}

/** `podshelper.ConvertDownwardAPIFieldLabel`: the internal field path, or the conversion error text. */
function convertFieldLabel(apiVersion: string, label: string): { path: string } | { error: string } {
  if (apiVersion !== 'v1') return { error: `unsupported pod version: ${apiVersion}` };
  const sub = splitSubscript(label);
  if (sub) {
    return sub.path === 'metadata.annotations' || sub.path === 'metadata.labels' ? { path: label } : { error: `field label does not support subscript: ${label}` };
  }
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return CONVERTIBLE_FIELD_LABELS.has(label) ? { path: label } : { error: `field label not supported: ${label}` };
}

/** `validateObjectFieldSelector`: apiVersion and fieldPath required, convertible, and among `expressions`. */
export function validateObjectFieldSelector(fs: ObjectFieldSelector, expressions: ReadonlySet<string>, path: FieldPath): FieldError[] {
  if (!fs.apiVersion) return [required(path.child('apiVersion'))];
  if (!fs.fieldPath) return [required(path.child('fieldPath'))];
  const converted = convertFieldLabel(fs.apiVersion, fs.fieldPath);
  if ('error' in converted) return [invalid(path.child('fieldPath'), fs.fieldPath, `error converting fieldPath: ${converted.error}`)];
  const sub = splitSubscript(converted.path);
  if (sub) {
    if (sub.path === 'metadata.annotations') return validateQualifiedName(sub.subscript.toLowerCase(), path);
    if (sub.path === 'metadata.labels') return validateQualifiedName(sub.subscript, path);
    return [invalid(path, sub.path, 'does not support subscript')];
  }
  if (!expressions.has(converted.path)) return [notSupported(path.child('fieldPath'), converted.path, sorted(expressions))];
  return [];
}

const CPU_DIVISORS: ReadonlySet<string> = new Set(['1m', '1']);
const BYTE_DIVISORS: ReadonlySet<string> = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** `validateContainerResourceDivisor` */
function validateDivisor(resource: string, divisor: string | number | undefined, path: FieldPath): FieldError[] {
  const q = tryParseQuantity(divisor);
  if (!q || q.isZero()) return [];
  const d = q.toString();
  const errs: FieldError[] = [];
  const p = path.child('divisor');
  switch (resource) {
    case 'limits.cpu':
    case 'requests.cpu':
      if (!CPU_DIVISORS.has(d)) errs.push(invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
      break;
    case 'limits.memory':
    case 'requests.memory':
      if (!BYTE_DIVISORS.has(d)) errs.push(invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the memory resource`));
      break;
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      if (!BYTE_DIVISORS.has(d)) errs.push(invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the local ephemeral storage resource`));
      break;
  }
  if (RESOURCE_FIELD_PREFIXES.some((pre) => resource.startsWith(pre)) && !BYTE_DIVISORS.has(d)) {
    errs.push(invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the hugepages resource`));
  }
  return errs;
}

/** `validateContainerResourceFieldSelector`; `volume` requires the container name (downward API volumes). */
export function validateContainerResourceFieldSelector(fs: ResourceFieldSelector, path: FieldPath, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = fs.resource ?? '';
  if (volume && !fs.containerName) errs.push(required(path.child('containerName')));
  else if (resource === '') errs.push(required(path.child('resource')));
  else if (!RESOURCE_FIELD_PATHS.has(resource) && !RESOURCE_FIELD_PREFIXES.some((pre) => resource.startsWith(pre))) {
    errs.push(notSupported(path.child('resource'), resource, sorted(RESOURCE_FIELD_PATHS)));
  }
  errs.push(...validateDivisor(resource, fs.divisor, path));
  return errs;
}

/** `validateConfigMapKeySelector` / `validateSecretKeySelector`: a valid object name and a config key. */
function validateKeySelector(s: ConfigMapKeySelector | SecretKeySelector, path: FieldPath): FieldError[] {
  const name = s.name ?? '';
  const errs = nameIsDNSSubdomain(name, false).map((msg) => invalid(path.child('name'), name, msg));
  if (!s.key) errs.push(required(path.child('key')));
  else errs.push(...isConfigMapKey(s.key).map((msg) => invalid(path.child('key'), s.key, msg)));
  return errs;
}

/** `validateEnvVarValueFrom`: exactly one source, each valid, and no `value` beside it. */
function validateEnvVarValueFrom(ev: EnvVar, path: FieldPath): FieldError[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let numSources = 0;
  if (from.fieldRef) {
    numSources++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  if (from.resourceFieldRef) {
    numSources++;
    errs.push(...validateContainerResourceFieldSelector(from.resourceFieldRef, path.child('resourceFieldRef'), false));
  }
  if (from.configMapKeyRef) {
    numSources++;
    errs.push(...validateKeySelector(from.configMapKeyRef, path.child('configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    numSources++;
    errs.push(...validateKeySelector(from.secretKeyRef, path.child('secretKeyRef')));
  }
  if (numSources === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if ((ev.value ?? '').length !== 0) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (numSources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

const envNameMessages = (name: string, opts: PodValidationOptions): string[] =>
  opts.allowRelaxedEnvironmentVariableValidation ? isRelaxedEnvVarName(name) : isEnvVarName(name);

/** `ValidateEnv`: each variable's name, then its valueFrom. */
export function validateEnv(vars: readonly EnvVar[] | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child('name')));
    else errs.push(...envNameMessages(ev.name, opts).map((msg) => invalid(p.child('name'), ev.name, msg)));
    errs.push(...validateEnvVarValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

/** `ValidateEnvFrom`: prefix, exactly one of configMapRef/secretRef (names checked as prefixes). */
export function validateEnvFrom(sources: readonly EnvFromSource[] | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (ev.prefix) errs.push(...envNameMessages(ev.prefix, opts).map((msg) => invalid(p.child('prefix'), ev.prefix, msg)));
    let numSources = 0;
    for (const [key, ref] of [['configMapRef', ev.configMapRef], ['secretRef', ev.secretRef]] as const) {
      if (!ref) continue;
      numSources++;
      const namePath = p.child(key).child('name');
      if (!ref.name) errs.push(required(namePath));
      else errs.push(...nameIsDNSSubdomain(ref.name, true).map((msg) => invalid(namePath, ref.name, msg)));
    }
    if (numSources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (numSources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
