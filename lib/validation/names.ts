/**
 * Name, label and annotation rules of apimachinery: the `Is*` checks of `pkg/util/validation/validation.go`
 * (which return bare message strings), the name functions of `pkg/api/validation/generic.go` and
 * `path/name.go`, and the field-error wrappers of `pkg/api/validation/objectmeta.go` and
 * `pkg/apis/meta/v1/validation`. Message texts are byte-for-byte those of release-1.32.
 */
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, required, tooLong } from '../field/errors.js';
import type { FieldError } from '../field/errors.js';

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
/** `TotalAnnotationSizeLimitB`: 256 KiB over all keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** `MaxLenError` */
export const maxLenError = (length: number): string => `must be no more than ${length} characters`;
/** `EmptyError` */
export const emptyError = (): string => 'must be non-empty';
/** `InclusiveRangeError` */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** `RegexError`: examples are written `'a',  or 'b', ` — the doubled space before "or" is Go's. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

/** The length of a string in UTF-8 bytes, which is what Go's `len` counts. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair is 2 UTF-16 units and 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);
const qualifiedNameCharFmt = '[-A-Za-z0-9_.]';
const qualifiedNameFmt = `([A-Za-z0-9]${qualifiedNameCharFmt}*)?[A-Za-z0-9]`;
const qualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
const cIdentifierFmt = '[A-Za-z_][A-Za-z0-9_]*';
const cIdentifierErrMsg = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
const cIdentifierRe = new RegExp(`^${cIdentifierFmt}$`);
const envVarNameFmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const envVarNameErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const envVarNameRe = new RegExp(`^${envVarNameFmt}$`);
const relaxedEnvVarNameErrMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='";
const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);
const httpHeaderNameFmt = '[-A-Za-z0-9]+';
const httpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";
const httpHeaderNameRe = new RegExp(`^${httpHeaderNameFmt}$`);
const portNameCharsetRe = /^[-a-z0-9]+$/;
const portNameOneLetterRe = /[a-z]/;

/** `IsDNS1123Label`: length first, then the pattern (or `must not contain dots` when it is a valid subdomain). */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRe.test(value)) {
    // A valid subdomain that is not a label can only be failing on its dots (the length was checked above).
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** `IsDNS1123Subdomain`: at most 253 characters of dot-separated label patterns (parts may exceed 63). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** `IsDNS1035Label`: like a DNS-1123 label but starting with a letter. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRe.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

/** `IsQualifiedName` (content.IsLabelKey): `[prefix/]name`, prefix a DNS subdomain, name ≤63 of the qualified pattern. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (utf8Length(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  // The pattern is checked even for an empty name, so "" gets two messages, as in Go.
  if (!qualifiedNameRe.test(name)) errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** `IsValidLabelValue` (content.IsLabelValue): empty, or ≤63 characters of the qualified-name pattern. */
export function isValidLabelValue(value: string): string[] {
  // Fast path for the common case: label selectors and list filters call this a lot.
  if (value.length <= LABEL_VALUE_MAX_LENGTH && labelValueRe.test(value)) return [];
  const errs: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRe.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** `IsCIdentifier`: the format of a C identifier (length not checked). */
export function isCIdentifier(value: string): string[] {
  return cIdentifierRe.test(value) ? [] : [regexError(cIdentifierErrMsg, cIdentifierFmt, 'my_name', 'MY_NAME', 'MyName')];
}

/** `hasChDirPrefix`: names that would walk out of a directory. */
function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** `IsEnvVarName`: the strict (pre-RelaxedEnvironmentVariableValidation) rule. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!envVarNameRe.test(value)) errs.push(regexError(envVarNameErrMsg, envVarNameFmt, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** `IsRelaxedEnvVarName`: non-empty printable ASCII other than '=' (gate RelaxedEnvironmentVariableValidation). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push(`environment variable name ${emptyError()}`);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x3d) {
      errs.push(relaxedEnvVarNameErrMsg);
      break;
    }
  }
  return errs;
}

/** `IsConfigMapKey`: key of a ConfigMap or Secret (also used for volume item keys). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!configMapKeyRe.test(value)) errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** `IsHTTPHeaderName`: the Go HTTP library's header name subset. */
export function isHTTPHeaderName(value: string): string[] {
  return httpHeaderNameRe.test(value) ? [] : [regexError(httpHeaderNameErrMsg, httpHeaderNameFmt, 'X-Header-Name')];
}

/** `IsValidPortName`: IANA_SVC_NAME — ≤15 of [-a-z0-9], a letter, no `--`, no leading/trailing `-`. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (utf8Length(port) > 15) errs.push(maxLenError(15));
  if (!portNameCharsetRe.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!portNameOneLetterRe.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** `IsInRange`: inclusive. */
export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

/** `IsValidPortNum`: 1..65535. */
export const isValidPortNum = (port: number): string[] => isInRange(port, 1, 65535);
/** `IsValidGroupID`: 0..uint32 max. */
export const isValidGroupID = (gid: number): string[] => isInRange(gid, 0, 0xffffffff);
/** `IsValidUserID`: 0..uint32 max. */
export const isValidUserID = (uid: number): string[] => isInRange(uid, 0, 0xffffffff);

/**
 * `ValidateNameFunc`: checks a name, or with `prefix` a generateName base (a prefix may be followed by
 * random characters, so rules about the end of the name do not apply to it).
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/** `maskTrailingDash`: a generateName ending in `-` has its last two characters replaced by one `a`. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** `NameIsDNSSubdomain` (pods, configmaps, secrets, nodes). */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNSLabel` (namespaces; also `ValidateNamespaceName`). */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNS1035Label` (services). */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
/** `ValidateNamespaceName` */
export const validateNamespaceName: ValidateNameFunc = nameIsDNSLabel;

/** `path.ValidatePathSegmentName`: the generic rule `BeforeCreate` applies to every name (`.`/`..`, `/`, `%`). */
export const validatePathSegmentName: ValidateNameFunc = (name, prefix) => {
  if (!prefix) {
    if (name === '.' || name === '..') return [`may not be '${name}'`];
  }
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
};

/** Each message of an `Is*` check as `field.Invalid(path, value, msg)`. */
function invalidEach(path: FieldPath | string, value: string, msgs: readonly string[]): FieldError[] {
  return msgs.map((msg) => invalid(path, value, msg));
}

/** `ValidateQualifiedName` (core validation): Invalid at `path` per IsQualifiedName message. */
export const validateQualifiedName = (value: string, path: FieldPath | string): FieldError[] => invalidEach(path, value, isQualifiedName(value));
/** `ValidateDNS1123Label` (core validation). */
export const validateDNS1123Label = (value: string, path: FieldPath | string): FieldError[] => invalidEach(path, value, isDNS1123Label(value));
/** `ValidateDNS1123Subdomain` (core validation). */
export const validateDNS1123Subdomain = (value: string, path: FieldPath | string): FieldError[] =>
  invalidEach(path, value, isDNS1123Subdomain(value));
/** `ValidateLabelName` (meta/v1 validation): the key is a qualified name. */
export const validateLabelName = (name: string, path: FieldPath | string): FieldError[] => invalidEach(path, name, isQualifiedName(name));

/** `ValidateLabels` (meta/v1 validation): every error is reported at the map's own path, key then value. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined | null, path: FieldPath | string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...validateLabelName(k, path));
    errs.push(...invalidEach(path, v, isValidLabelValue(v)));
  }
  return errs;
}

/**
 * `ValidateAnnotations` (pkg/api/validation/objectmeta.go): keys are qualified names compared case-insensitively
 * (lowercased before the check, the original key shown), and the byte total of keys plus values is capped.
 */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined | null, path: FieldPath | string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    errs.push(...invalidEach(path, k, isQualifiedName(k.toLowerCase())));
    total += utf8Length(k) + utf8Length(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** The identity fields of ObjectMeta that {@link validateMetaNames} checks. */
export interface MetaNames {
  readonly name?: string | undefined;
  readonly generateName?: string | undefined;
  readonly namespace?: string | undefined;
}

/**
 * The first three steps of `ValidateObjectMetaAccessor`, in its order: generateName (as a prefix), name
 * (required unless generated), namespace (required + DNS label when namespaced, forbidden otherwise).
 * The object-meta validator continues with generation, labels, annotations, ownerReferences, finalizers.
 */
export function validateMetaNames(meta: MetaNames, requiresNamespace: boolean, nameFn: ValidateNameFunc, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  const name = meta.name ?? '';
  const namespace = meta.namespace ?? '';
  if (generateName.length > 0) errs.push(...invalidEach(path.child('generateName'), generateName, nameFn(generateName, true)));
  if (name.length === 0) errs.push(required(path.child('name'), 'name or generateName is required'));
  else errs.push(...invalidEach(path.child('name'), name, nameFn(name, false)));
  if (requiresNamespace) {
    if (namespace.length === 0) errs.push(required(path.child('namespace')));
    else errs.push(...invalidEach(path.child('namespace'), namespace, validateNamespaceName(namespace, false)));
  } else if (namespace.length > 0) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  return errs;
}
