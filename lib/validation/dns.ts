/**
 * Name resolution settings of a pod: `validateDNSPolicy`, `validatePodDNSConfig`, `ValidateHostAliases`
 * and apimachinery's `IsValidIP` (v1.32 text; addresses parsed like netutils.ParseIPSloppy).
 */
import { isIPv6 } from 'node:net';
import type { HostAlias, PodDNSConfig } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { isDNS1123Subdomain, regexError, utf8Length, validateDNS1123Subdomain } from './names.js';
import { goStringSlice, invalidRendered } from './common.js';
import type { PodValidationOptions } from './options.js';

const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;

/** `netutils.ParseIPSloppy` accepts: dotted IPv4 (leading zeros allowed) or IPv6 without a zone. */
export function isSloppyIP(value: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(value);
  if (v4) return v4.slice(1).every((p) => p.length <= 3 && Number(p) <= 255);
  return !value.includes('%') && isIPv6(value);
}

/** `validation.IsValidIP` */
export function validateIP(path: FieldPath, value: string): FieldError[] {
  return isSloppyIP(value) ? [] : [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** `validateDNSPolicy` */
export function validateDNSPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const valid = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (policy && valid.includes(policy)) return [];
  if (!policy) return [required(path)];
  return [notSupported(path, policy, valid)];
}

const underscoreSubdomainFmt = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*';
const underscoreSubdomainRe = new RegExp(`^${underscoreSubdomainFmt}$`);

/** `IsDNS1123SubdomainWithUnderscore` (RelaxedDNSSearchValidation). */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 253) errs.push('must be no more than 253 characters');
  if (!underscoreSubdomainRe.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character", underscoreSubdomainFmt, 'example.com'));
  }
  return errs;
}

/** `validatePodDNSConfig`: `None` needs nameservers; limits on nameservers and search paths; option names. */
export function validatePodDNSConfig(config: PodDNSConfig | undefined, policy: string | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (policy === 'None') {
    if (!config) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((config.nameservers ?? []).length === 0) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return errs;
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    errs.push(invalidRendered(path.child('nameservers'), nameservers, goStringSlice(nameservers), `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  }
  nameservers.forEach((ns, i) => errs.push(...validateIP(path.child('nameservers').index(i), ns)));
  const searches = config.searches ?? [];
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    errs.push(invalidRendered(path.child('searches'), searches, goStringSlice(searches), `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`));
  }
  if (searches.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) {
    errs.push(invalidRendered(path.child('searches'), searches, goStringSlice(searches), `must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`));
  }
  searches.forEach((search, i) => {
    const p = path.child('searches').index(i);
    if (opts.allowRelaxedDNSSearchValidation) {
      if (search !== '.') {
        const s = search.endsWith('.') ? search.slice(0, -1) : search;
        errs.push(...isDNS1123SubdomainWithUnderscore(s).map((m) => invalid(p, s, m)));
      }
    } else {
      const s = search.endsWith('.') ? search.slice(0, -1) : search;
      errs.push(...isDNS1123Subdomain(s).map((m) => invalid(p, s, m)));
    }
  });
  (config.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** `ValidateHostAliases`: an IP and DNS-subdomain host names per entry. */
export function validateHostAliases(aliases: readonly HostAlias[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (aliases ?? []).forEach((a, i) => {
    errs.push(...validateIP(path.index(i).child('ip'), a.ip ?? ''));
    (a.hostnames ?? []).forEach((h, j) => errs.push(...validateDNS1123Subdomain(h, path.index(i).child('hostnames').index(j))));
  });
  return errs;
}
