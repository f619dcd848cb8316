/**
 * Server-side field validation of request bodies (`?fieldValidation=Strict|Warn|Ignore`, KEP 2885): the
 * fields a kind knows, read from the genuine core/v1 OpenAPI document
 * (`data/openapi/api__v1_openapi.v1.32.json`, through the Go type graph `patch/patch-meta.ts` builds
 * from it), so a body can be decoded as sigs.k8s.io/json `UnmarshalStrict` decodes it into the Go
 * struct: `unknown field "spec.foo"` and `duplicate field "metadata.name"` strict errors.
 */
import { newBadRequest } from '../errors/constructors.js';
import { goQuote } from '../field/go-quote.js';
import type { StatusError } from '../errors/status-error.js';
import { loadOpenApiSchemas } from '../patch/openapi-document.js';
import { goTypeForKind, type GoType } from '../patch/patch-meta.js';

/** The `fieldValidation` directive; empty means Warn (handlers/rest.go `fieldValidation`). */
export type FieldValidationDirective = 'Ignore' | 'Warn' | 'Strict';

/** Group, version and kind. */
export interface GVK {
  group: string;
  version: string;
  kind: string;
}

/** The effective directive of a validated `fieldValidation` value ('' is Warn). */
export function fieldValidationDirective(value: string): FieldValidationDirective {
  return value === '' ? 'Warn' : (value as FieldValidationDirective);
}

/** Whether the directive decodes strictly (Warn and Strict do; Ignore does not). */
export const decodesStrictly = (d: FieldValidationDirective): boolean => d === 'Warn' || d === 'Strict';

const unwrap = (t: GoType): GoType => (t.kind === 'ptr' && t.elem ? unwrap(t.elem) : t);

/** Field names of a struct the decoder checks; undefined for maps, interfaces and custom-unmarshalled types. */
function knownFields(t: GoType): readonly string[] | undefined {
  const u = unwrap(t);
  if (u.kind !== 'struct') return undefined;
  const fields = u.fields ?? [];
  // Quantity, Time, IntOrString, RawExtension and FieldsV1 have no schema properties: free-form to this check.
  return fields.length === 0 ? undefined : fields.map((f) => f.jsonName);
}

/** The type at a decoded position, following struct fields (case-sensitively, as UnmarshalStrict does), map values and list items. */
function typeAt(root: GoType, path: readonly (string | number)[]): GoType | undefined {
  let t: GoType | undefined = root;
  for (const step of path) {
    if (!t) return undefined;
    const u = unwrap(t);
    if (typeof step === 'number') t = u.kind === 'slice' ? u.elem : undefined;
    else if (u.kind === 'map') t = u.elem;
    else if (u.kind === 'struct') t = u.fields?.find((f) => f.jsonName === step)?.type;
    else t = undefined;
  }
  return t;
}

const structFieldCache = new Map<string, (path: readonly (string | number)[]) => readonly string[] | undefined>();

/**
 * For `decodeGoJson`'s `structFields` option: the known field names at a position of a `gvk` body, or
 * undefined where any key is accepted. Undefined as a whole when the OpenAPI document has no such kind.
 */
export function structFieldsOf(gvk: GVK): ((path: readonly (string | number)[]) => readonly string[] | undefined) | undefined {
  const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
  const cached = structFieldCache.get(key);
  if (cached) return cached;
  let root: GoType;
  try {
    root = goTypeForKind(gvk);
  } catch {
    return undefined;
  }
  const fn = (path: readonly (string | number)[]): readonly string[] | undefined => {
    const t = typeAt(root, path);
    return t ? knownFields(t) : undefined;
  };
  structFieldCache.set(key, fn);
  return fn;
}

let registeredKinds: Map<string, string> | undefined;

/**
 * The OpenAPI schema name of `kind` in `group/version` when the apiserver's scheme registers it, as far as
 * the core/v1 OpenAPI document tells (its `x-kubernetes-group-version-kind` entries, meta/v1 kinds
 * included); undefined otherwise.
 */
export function registeredSchemaName(gvk: GVK): string | undefined {
  if (!registeredKinds) {
    registeredKinds = new Map();
    for (const [name, s] of Object.entries(loadOpenApiSchemas())) {
      for (const g of s['x-kubernetes-group-version-kind'] ?? []) registeredKinds.set(`${g.group}/${g.version}/${g.kind}`, name);
    }
  }
  return registeredKinds.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
}

/** The Go package path of an OpenAPI schema's type (`io.k8s.api.core.v1.Pod` → `k8s.io/api/core/v1`). */
export function goPackageOfSchema(schemaName: string): string {
  const pkg = schemaName.slice(0, schemaName.lastIndexOf('.'));
  if (pkg.startsWith('io.k8s.apimachinery.')) return `k8s.io/apimachinery/${pkg.slice('io.k8s.apimachinery.'.length).split('.').join('/')}`;
  if (pkg.startsWith('io.k8s.api.')) return `k8s.io/api/${pkg.slice('io.k8s.api.'.length).split('.').join('/')}`;
  return pkg;
}

/** `strict decoding error: a, b` (runtime.NewStrictDecodingError). */
export function strictDecodingErrorText(errors: readonly string[]): string {
  return `strict decoding error: ${errors.join(', ')}`;
}

/**
 * What a create or update does with the strict errors of its body (createHandler/UpdateResource): under
 * Strict a 400 `<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: …`, under
 * Warn one warning per error, under Ignore nothing (the body was not decoded strictly).
 */
export function applyFieldValidation(
  directive: FieldValidationDirective,
  strictErrors: readonly string[],
  decoded: GVK,
  expectedKind: string,
  warn: (text: string) => void,
): void {
  if (strictErrors.length === 0 || directive === 'Ignore') return;
  if (directive === 'Warn') {
    for (const e of strictErrors) warn(e);
    return;
  }
  throw cannotBeHandled(decoded, expectedKind, strictDecodingErrorText(strictErrors));
}

/** transformDecodeError with a kind: `<Kind> in version "<v>" cannot be handled as a <Expected>: <why>`. */
export function cannotBeHandled(decoded: GVK, expectedKind: string, why: string): StatusError {
  return newBadRequest(`${decoded.kind} in version ${goQuote(decoded.version)} cannot be handled as a ${expectedKind}: ${why}`);
}

/**
 * The body as decoding it into the kind's Go struct leaves it: fields the struct does not have are
 * dropped (matched case-sensitively, as UnmarshalCaseSensitivePreserveInts does), at every depth. Kinds
 * the OpenAPI document does not describe are returned as they are.
 */
export function pruneUnknownFields<T>(value: T, gvk: GVK): T {
  let root: GoType;
  try {
    root = goTypeForKind(gvk);
  } catch {
    return value;
  }
  return prune(value, root) as T;
}

function prune(v: unknown, t: GoType | undefined): unknown {
  if (t === undefined || v === null || typeof v !== 'object') return v;
  const u = unwrap(t);
  if (Array.isArray(v)) return u.kind === 'slice' ? v.map((x) => prune(x, u.elem)) : v;
  const entries = Object.entries(v as Record<string, unknown>);
  if (u.kind === 'map') return Object.fromEntries(entries.map(([k, x]) => [k, prune(x, u.elem)]));
  if (u.kind !== 'struct' || knownFields(u) === undefined) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of entries) {
    const f = u.fields?.find((field) => field.jsonName === k);
    if (f) out[k] = prune(x, f.type);
  }
  return out;
}
