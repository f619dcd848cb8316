/**
 * Reading and decoding request bodies as the apiserver's handlers do: the body limit
 * (`limitedReadBody`, 3 MiB by default), and decoding an object body with the JSON/YAML serializer and
 * the versioning decoder — the `apiVersion`/`kind` sniff (`SimpleMetaFactory.Interpret`), defaulting of
 * a missing kind and version (`gvkWithDefaults`), and the error texts of `transformDecodeError`.
 */
import type { IncomingMessage } from 'node:http';
import { parseDocument } from 'yaml';
import type { DeleteOptions, KubernetesObject } from '../api/types.js';
import { newBadRequest, newRequestEntityTooLarge } from '../errors/constructors.js';
import { makeStatus, StatusError, StatusReason, type FailureStatus } from '../errors/status-error.js';
import { goQuote } from '../field/go-quote.js';
import { decodeGoJson, goJsonKind, goJsonSyntaxError } from '../patch/go-json.js';
import type { JsonValue } from '../patch/go-value.js';
import { decodeEnvelope, decodeMessage } from './protobuf/decode.js';
import { kinds as protobufKinds } from './protobuf/schema.js';
import { ProtobufError } from './protobuf/wire.js';
import { cannotBeHandled, goPackageOfSchema, pruneUnknownFields, registeredSchemaName, structFieldsOf, type GVK } from './field-validation.js';

/** The apiserver's default `MaxRequestBodyBytes` (3 MiB). */
export const defaultMaxRequestBodyBytes = 3 * 1024 * 1024;

/** The Kubernetes protobuf media type. */
export const protobufMediaType = 'application/vnd.kubernetes.protobuf';
/** The text media types kubesim decodes every kind from. */
const textMediaTypes = ['application/json', 'application/yaml'];

/** The scheme kube-apiserver's built-in types are registered in, as its errors name it. */
const legacySchemeName = 'pkg/api/legacyscheme/scheme.go:30';
/** The internal package every core kind converts to. */
const internalCorePackage = 'k8s.io/kubernetes/pkg/apis/core';

/**
 * Reads the whole body; more than `limit` bytes is 413 `Request entity too large: limit is N`
 * (limitedReadBody). The rest of an oversized body is read and dropped so the client sees the answer.
 */
export function readBody(req: IncomingMessage, limit: number = defaultMaxRequestBodyBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(newRequestEntityTooLarge(`limit is ${limit}`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** summarizeData: `<empty>`, the first 30 bytes of a JSON object, or the first 30 bytes in hex. */
export function summarizeData(data: Buffer, maxLength = 30): string {
  if (data.length === 0) return '<empty>';
  const head = data.subarray(0, maxLength);
  const more = data.length > maxLength ? ' ...' : '';
  return data[0] === 0x7b ? `${head.toString('utf8')}${more}` : `${head.toString('hex')}${more}`;
}

/** transformDecodeError without a kind: `the object provided is unrecognized (must be of type X): why (summary)`. */
function unrecognized(expectedKind: string, why: string, body: Buffer): StatusError {
  return newBadRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${why} (${summarizeData(body)})`);
}

const interpretStruct = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/**
 * SimpleMetaFactory.Interpret: `apiVersion` and `kind` as encoding/json reads them into a small struct
 * (keys matched case-insensitively, the last one wins), then ParseGroupVersion. Returns the error text.
 */
function interpret(value: JsonValue): { gvk: GVK } | { error: string } {
  if (value === null) return { gvk: { group: '', version: '', kind: '' } };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { error: `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKind(value)} into Go value of type ${interpretStruct}` };
  }
  let apiVersion = '';
  let kind = '';
  for (const [k, v] of Object.entries(value)) {
    const field = k === 'apiVersion' || k.toLowerCase() === 'apiversion' ? 'apiVersion' : k === 'kind' || k.toLowerCase() === 'kind' ? 'kind' : undefined;
    if (!field || v === null) continue;
    if (typeof v !== 'string') return { error: `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKind(v)} into Go struct field .${field} of type string` };
    if (field === 'apiVersion') apiVersion = v;
    else kind = v;
  }
  if (apiVersion === '' || apiVersion === '/') return { gvk: { group: '', version: '', kind } };
  const slashes = apiVersion.split('/').length - 1;
  if (slashes > 1) return { error: `unexpected GroupVersion string: ${apiVersion}` };
  if (slashes === 0) return { gvk: { group: '', version: apiVersion, kind } };
  const i = apiVersion.indexOf('/');
  return { gvk: { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1), kind } };
}

/** gvkWithDefaults: the request's kind and version where the body leaves them out. */
function withDefaults(actual: GVK, def: GVK): GVK {
  const out = { ...actual };
  if (out.kind === '') out.kind = def.kind;
  if (out.version === '' && out.group === '') {
    out.group = def.group;
    out.version = def.version;
  }
  if (out.version === '' && out.group === def.group) out.version = def.version;
  return out;
}

const groupVersion = (g: GVK): string => (g.group === '' ? g.version : `${g.group}/${g.version}`);

/** A decoded object body. */
export interface DecodedObject {
  object: KubernetesObject;
  /** The group/version/kind the body named (defaulted from the endpoint). */
  gvk: GVK;
  /** `unknown field "…"` / `duplicate field "…"`, when decoded strictly. */
  strictErrors: string[];
}

/** The body as a JSON value: JSON with Go's syntax errors, or YAML converted to JSON. */
function parseBody(body: Buffer, mediaType: string, expectedKind: string, strictFields: ((p: readonly (string | number)[]) => readonly string[] | undefined) | undefined): { value: JsonValue; strictErrors: string[] } {
  if (mediaType === 'application/yaml') {
    const doc = parseDocument(body.toString('utf8'), { uniqueKeys: false });
    if (doc.errors.length > 0) throw unrecognized(expectedKind, `error converting YAML to JSON: yaml: ${doc.errors[0]!.message.split('\n')[0]}`, body);
    const value = (doc.toJSON() ?? null) as JsonValue;
    if (!strictFields) return { value, strictErrors: [] };
    return { value, strictErrors: decodeGoJson(JSON.stringify(value), { structFields: strictFields }).strictErrors };
  }
  const syntax = goJsonSyntaxError(body);
  if (syntax !== undefined) throw unrecognized(expectedKind, `couldn't get version/kind; json parse error: ${syntax}`, body);
  const d = decodeGoJson(body.toString('utf8'), strictFields ? { structFields: strictFields } : {});
  return { value: d.value, strictErrors: strictFields ? d.strictErrors : [] };
}

/**
 * Decodes a create or update body for an endpoint serving `expected` (the JSON or YAML serializer behind
 * the versioning decoder). Throws 400 with transformDecodeError's texts: unparsable bodies, unregistered
 * kinds or versions, and kinds that do not convert to the endpoint's type. Unknown fields are dropped
 * from the object; `strict` also reports them (and duplicate fields) as strict errors.
 */
export function decodeObjectBody(body: Buffer, mediaType: string, expected: GVK, strict: boolean): DecodedObject {
  if (mediaType === protobufMediaType) return decodeProtobufObject(body, expected);
  const strictFields = strict ? structFieldsOf(expected) : undefined;
  const parsed = parseBody(body, mediaType, expected.kind, strictFields);
  const sniffed = interpret(parsed.value);
  if ('error' in sniffed) throw unrecognized(expected.kind, sniffed.error, body);
  const gvk = checkKind(withDefaults(sniffed.gvk, expected), expected);
  // Only a body of the endpoint's own kind gets here, so its strict errors were judged against that kind.
  // Decoding into the Go struct keeps only the fields it has.
  const object = pruneUnknownFields((parsed.value ?? {}) as KubernetesObject, gvk);
  return { object, gvk, strictErrors: parsed.strictErrors };
}

/**
 * The kind checks of the versioning decoder and the handler: the scheme must know the kind, it must
 * convert to the endpoint's type, and its version must be the endpoint's.
 */
function checkKind(gvk: GVK, expected: GVK): GVK {
  const schema = registeredSchemaName(gvk);
  if (!schema) {
    throw cannotBeHandled(gvk, expected.kind, `no kind ${goQuote(gvk.kind)} is registered for version ${goQuote(groupVersion(gvk))} in scheme ${goQuote(legacySchemeName)}`);
  }
  if (gvk.kind !== expected.kind || gvk.group !== expected.group) {
    // The versioning decoder converts the decoded type into the endpoint's internal type: no such conversion.
    throw cannotBeHandled(gvk, expected.kind, `converting (${goPackageOfSchema(schema)}) ${gvk.kind} to (${internalCorePackage}) ${expected.kind}: unknown conversion`);
  }
  if (gvk.version !== expected.version) {
    throw newBadRequest(`the API version in the data (${groupVersion(gvk)}) does not match the expected API version (${groupVersion(expected)})`);
  }
  return gvk;
}

/**
 * A protobuf body (typed clients): the envelope names the kind, the message is decoded with the schema
 * table. A kind the table lacks is refused with 415, naming the types kubesim does decode.
 */
function decodeProtobufObject(body: Buffer, expected: GVK): DecodedObject {
  let env;
  try {
    env = decodeEnvelope(body);
  } catch (e) {
    if (e instanceof ProtobufError) throw unrecognized(expected.kind, e.message, body);
    throw e;
  }
  const gv = interpret({ apiVersion: env.apiVersion, kind: env.kind });
  if ('error' in gv) throw unrecognized(expected.kind, gv.error, body);
  const gvk = checkKind(withDefaults(gv.gvk, expected), expected);
  const message = protobufKinds[gvk.kind];
  if (!message) {
    throw new StatusError(makeStatus(415, StatusReason.UnsupportedMediaType, `the body of the request was in an unknown format - accepted media types include: ${textMediaTypes.join(', ')}`, null));
  }
  let decoded: Record<string, unknown>;
  try {
    decoded = decodeMessage(env.raw, message);
  } catch (e) {
    if (e instanceof ProtobufError) throw cannotBeHandled(gvk, expected.kind, e.message);
    throw e;
  }
  const object = { apiVersion: groupVersion(gvk), kind: gvk.kind, ...decoded } as KubernetesObject;
  return { object, gvk, strictErrors: [] };
}

/** An error that is not an API status: ErrorToAPIStatus answers 500 with the message and no reason. */
export function unknownError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as unknown as FailureStatus);
}

/** The scheme DELETE bodies are decoded with (metainternalversionscheme), as its errors name it. */
const metaSchemeName = 'k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:27';
/** Every kind the meta scheme registers in some version (meta/internalversion and meta/v1 AddToGroupVersion). */
const metaSchemeKinds = new Set([
  'DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'ListOptions', 'GetOptions', 'ExportOptions', 'Table', 'TableOptions',
  'PartialObjectMetadata', 'PartialObjectMetadataList', 'WatchEvent', 'Status', 'APIVersions', 'APIGroupList', 'APIGroup', 'APIResourceList',
]);

/** Go type names of the DeleteOptions fields a body may set, for decoding type errors. */
const deleteOptionsFields: Record<string, string> = {
  gracePeriodSeconds: 'int64', orphanDependents: 'bool', propagationPolicy: 'v1.DeletionPropagation', dryRun: '[]string',
};

/** `json: cannot unmarshal <kind> into Go struct field <Struct>.<path> of type <type>`, or undefined when `v` fits. */
function typeError(v: JsonValue, type: string, struct: string, path: string): string | undefined {
  if (v === null) return undefined;
  const fits =
    type === 'int64' ? typeof v === 'number' && Number.isInteger(v)
    : type === 'bool' ? typeof v === 'boolean'
    : type === '[]string' ? Array.isArray(v)
    : typeof v === 'string';
  if (fits) {
    if (type === '[]string') {
      for (const item of v as JsonValue[]) {
        const e = typeError(item, 'string', struct, path);
        if (e) return e;
      }
    }
    return undefined;
  }
  const what = typeof v === 'number' ? `number ${String(v)}` : goJsonKind(v);
  return `json: cannot unmarshal ${typeof v === 'number' && type === 'int64' ? what : goJsonKind(v)} into Go struct field ${struct}.${path} of type ${type}`;
}

/**
 * The DeleteOptions of a DELETE body (JSON or YAML, decoded through the meta codecs). Its decoding
 * errors are not API errors, so they answer 500 with the decoder's text.
 */
export function decodeDeleteOptionsBody(body: Buffer, mediaType: string): DeleteOptions {
  let value: JsonValue;
  if (mediaType === protobufMediaType) {
    try {
      const { dryRun, gracePeriodSeconds, orphanDependents, preconditions, propagationPolicy } = decodeMessage(decodeEnvelope(body).raw, 'DeleteOptions');
      value = { dryRun, gracePeriodSeconds, orphanDependents, preconditions, propagationPolicy } as JsonValue;
    } catch (e) {
      if (e instanceof ProtobufError) throw unknownError(e.message);
      throw e;
    }
    return Object.fromEntries(Object.entries(value as object).filter(([, v]) => v !== undefined)) as DeleteOptions;
  } else if (mediaType === 'application/yaml') {
    const doc = parseDocument(body.toString('utf8'));
    if (doc.errors.length > 0) throw unknownError(`error converting YAML to JSON: yaml: ${doc.errors[0]!.message.split('\n')[0]}`);
    value = (doc.toJSON() ?? null) as JsonValue;
  } else {
    const syntax = goJsonSyntaxError(body);
    if (syntax !== undefined) throw unknownError(`couldn't get version/kind; json parse error: ${syntax}`);
    value = decodeGoJson(body.toString('utf8')).value;
  }
  const sniffed = interpret(value);
  if ('error' in sniffed) throw unknownError(sniffed.error);
  // UseOrCreateObject: DeleteOptions decodes from any version, but a kind the meta scheme never registered
  // (a Pod sent as the body) cannot be created at all, so nothing is deleted.
  const gvk = withDefaults(sniffed.gvk, { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' });
  if (!metaSchemeKinds.has(gvk.kind)) {
    throw unknownError(`no kind ${goQuote(gvk.kind)} is registered for version ${goQuote(groupVersion(gvk))} in scheme ${goQuote(metaSchemeName)}`);
  }
  if (value === null) return {};
  const o = value as Record<string, JsonValue>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'preconditions') {
      if (v === null) continue;
      if (typeof v !== 'object' || Array.isArray(v)) throw unknownError(`json: cannot unmarshal ${goJsonKind(v)} into Go struct field DeleteOptions.preconditions of type v1.Preconditions`);
      const pre: Record<string, string> = {};
      for (const [pk, pv] of Object.entries(v)) {
        if (pk !== 'uid' && pk !== 'resourceVersion') continue;
        const e = typeError(pv, pk === 'uid' ? 'types.UID' : 'string', 'Preconditions', `preconditions.${pk}`);
        if (e) throw unknownError(e);
        if (pv !== null) pre[pk] = pv as string;
      }
      out.preconditions = pre;
      continue;
    }
    const type = deleteOptionsFields[k];
    if (!type) continue;
    const e = typeError(v, type, 'DeleteOptions', k);
    if (e) throw unknownError(e);
    if (v !== null) out[k] = v;
  }
  return out as DeleteOptions;
}
