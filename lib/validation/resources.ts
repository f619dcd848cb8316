/**
 * Compute resources: resource names (`pkg/apis/core/helper` IsStandard…, IsNativeResource, IsExtendedResourceName) and
 * `validateResourceRequirements` / `ValidateResourceQuantityValue` of core validation. Quantities are
 * parsed with `lib/api/quantity.ts`; a quantity that does not parse never reaches validation in Go (the
 * decoder rejects it), so such entries are skipped here.
 */
import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { Quantity, tryParseQuantity } from '../api/quantity.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, forbidden, invalid, notFound, required, type FieldError } from '../field/errors.js';
import { isQualifiedName, validateDNS1123Label } from './names.js';
import { IS_NEGATIVE, IS_NOT_INTEGER, invalidRendered } from './common.js';
import type { PodValidationOptions } from './options.js';

const HUGEPAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGEPAGES_PREFIX = 'requests.hugepages-';
const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';

const STANDARD_CONTAINER_RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES: ReadonlySet<string> = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER_RESOURCES: ReadonlySet<string> = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

/** `IsHugePageResourceName` */
export const isHugePageResourceName = (name: string): boolean => name.startsWith(HUGEPAGES_PREFIX);
/** `IsQuotaHugePageResourceName` */
const isQuotaHugePageResourceName = (name: string): boolean => name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(REQUESTS_HUGEPAGES_PREFIX);
/** `IsNativeResource`: unprefixed, or in the kubernetes.io/ namespace. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes(DEFAULT_NAMESPACE_PREFIX);
/** `IsExtendedResourceName`: prefixed outside kubernetes.io/, not `requests.`, and a qualified name once prefixed with `requests.`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(REQUESTS_PREFIX + name).length === 0;
}
/** `IsOvercommitAllowed`: native and not hugepages. */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);
/** `IsStandardContainerResourceName` */
export const isStandardContainerResourceName = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);
/** `IsStandardResourceName` */
export const isStandardResourceName = (name: string): boolean => STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
/** `IsIntegerResourceName` */
export const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** `validateResourceName`: a qualified name; unprefixed names must be standard. */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errs;
}

/** `validateContainerResourceName`: a resource name a container may request. */
export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** `ValidateNonnegativeQuantity` */
export function validateNonnegativeQuantity(q: Quantity, path: FieldPath): FieldError[] {
  return q.sign() < 0 ? [invalid(path, q.toString(), IS_NEGATIVE)] : [];
}

/**
 * `ValidateResourceQuantityValue`: non-negative, and whole for integer resources. Go passes the Quantity
 * struct itself as the bad value there (printed with %#v); kubesim prints its canonical string.
 */
export function validateResourceQuantityValue(resource: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs = validateNonnegativeQuantity(q, path);
  if (isIntegerResourceName(resource) && q.scaledValue(-3) % 1000n !== 0n) errs.push(invalidRendered(path, q.toString(), q.toString(), IS_NOT_INTEGER));
  return errs;
}

/** `helper.IsHugePageResourceValueDivisible` */
function isHugePageValueDivisible(name: string, q: Quantity): boolean {
  const pageSize = tryParseQuantity(name.slice(HUGEPAGES_PREFIX.length));
  if (!pageSize || pageSize.sign() <= 0 || pageSize.scaledValue(-3) % 1000n !== 0n) return false;
  return q.scaledValue(0) % pageSize.scaledValue(0) === 0n;
}

function hugePageValueError(name: string, q: Quantity, opts: PodValidationOptions, path: FieldPath): FieldError[] {
  if (!isHugePageResourceName(name) || opts.allowIndivisibleHugePagesValues || isHugePageValueDivisible(name, q)) return [];
  return [invalid(path, q.toString(), `${q.toString()} is not positive integer multiple of ${name}`)];
}

/** Entries of a resource list in stored (sorted) key order, with parsed quantities; Go iterates the map at random. */
function entries(list: Readonly<Record<string, string | number>> | undefined): Array<[string, Quantity]> {
  const out: Array<[string, Quantity]> = [];
  for (const k of Object.keys(list ?? {}).sort()) {
    const q = tryParseQuantity(list?.[k]);
    if (q) out.push([k, q]);
  }
  return out;
}

/** `validateResourceClaimNames`: container claims must name an entry of `spec.resourceClaims`. */
export function validateResourceClaimNames(
  claims: ReadonlyArray<{ name?: string; request?: string }> | undefined,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (claims ?? []).forEach((claim, i) => {
    const name = claim.name ?? '';
    const p = path.index(i);
    if (name === '') {
      errs.push(required(p));
      return;
    }
    if (names.has(name)) errs.push(duplicate(p, name));
    else {
      let key = name;
      const request = claim.request ?? '';
      if (request !== '') {
        errs.push(...validateDNS1123Label(request, p.child('request')));
        key += `/${request}`;
      }
      if (names.has(key)) errs.push(duplicate(p, key));
      else if (request === '') {
        for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.push(duplicate(p, name));
      }
      names.add(key);
    }
    if (!podClaimNames.has(name)) {
      const e = notFound(p, name);
      const listed = [...podClaimNames].sort().join(', ');
      errs.push({ ...e, detail: `must be one of the names in pod.spec.resourceClaims${podClaimNames.size === 0 ? ' which is empty' : `: ${listed}`}` });
    }
  });
  return errs;
}

/**
 * `ValidateContainerResourceRequirements` (validateResourceRequirements with the container name rule):
 * names and values of limits, then of requests with request ≤ limit (= for non-overcommitable resources),
 * hugepages needing cpu or memory, then claims.
 */
export function validateContainerResourceRequirements(
  requirements: ResourceRequirements | undefined,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
  opts: PodValidationOptions,
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = new Map(entries(requirements?.limits));
  let limCpuMem = false;
  let reqCpuMem = false;
  let limHuge = false;
  let reqHuge = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) {
      limHuge = true;
      errs.push(...hugePageValueError(name, q, opts, p));
    }
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, q] of entries(requirements?.requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqHuge = true;
      errs.push(...hugePageValueError(name, q, opts, p));
    }
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && (reqHuge || limHuge)) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames((requirements as { claims?: Array<{ name?: string; request?: string }> } | undefined)?.claims, podClaimNames, path.child('claims')));
  return errs;
}

/** `validateOverhead`: the overhead list checked as container limits. */
export function validateOverhead(overhead: Readonly<Record<string, string>> | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  return validateContainerResourceRequirements({ limits: overhead }, new Set(), path, opts);
}
