/**
 * Content negotiation as the apiserver does it (k8s.io/apiserver pkg/endpoints/handlers/negotiation,
 * v1.32, and the endpoint restrictions of handlers/rest.go and the discovery handlers): Accept picks the
 * serializer and an optional conversion (`as=Table;g=meta.k8s.io;v=v1`), Content-Type picks the decoder.
 *
 * kubesim serialises JSON and YAML only. The apiserver would answer a protobuf-first Accept
 * (`application/vnd.kubernetes.protobuf,application/json`, typed clients) in protobuf; here that clause is
 * skipped and the next one answers, which every client accepts. A protobuf-only Accept gets 406.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { newBadRequest, newNotAcceptable } from '../errors/constructors.js';
import { makeStatus, StatusError, StatusReason } from '../errors/status-error.js';
import { errorText, invalid } from '../field/errors.js';
import type { IncludeObjectPolicy } from '../printers/table.js';

/** What a request looks like to negotiation: node's IncomingMessage fits. */
export interface RequestLike {
  headers: IncomingHttpHeaders;
  url?: string;
}

/** The media types kubesim writes. */
export type OutputMediaType = 'application/json' | 'application/yaml';

/** A group/version/kind, as a conversion target of an Accept clause. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** One clause of an Accept header (goautoneg.Accept). */
export interface AcceptClause {
  type: string;
  subType: string;
  q: number;
  params: Record<string, string>;
}

/** The outcome of output negotiation (negotiation.MediaTypeOptions). */
export interface MediaTypeOptions {
  mediaType: OutputMediaType;
  /** Indent the JSON (`pretty=1` in Accept, `?pretty=true`, or curl/wget/browser user agents). */
  pretty: boolean;
  /** The conversion asked for with `as`/`g`/`v`, e.g. Table or PartialObjectMetadata. */
  convert?: GroupVersionKind;
  /** `stream=watch`. */
  stream?: string;
}

/** What an endpoint can serve (negotiation.EndpointRestrictions). */
export interface EndpointRestrictions {
  allowsMediaTypeTransform(type: string, subType: string, gvk: GroupVersionKind | undefined): boolean;
  allowsStreamSchema(schema: string): boolean;
}

interface Serializer {
  mediaType: OutputMediaType;
  type: string;
  subType: string;
  /** JSON has a stream (watch) serializer; YAML has none. */
  streaming: boolean;
}

const serializers: readonly Serializer[] = [
  { mediaType: 'application/json', type: 'application', subType: 'json', streaming: true },
  { mediaType: 'application/yaml', type: 'application', subType: 'yaml', streaming: false },
];

/** The output media types, as a 406 lists them. */
export const outputMediaTypes: readonly string[] = serializers.map((s) => s.mediaType);
/** The watch media types, as a 406 on a watch lists them. */
export const streamMediaTypes: readonly string[] = serializers.filter((s) => s.streaming).map((s) => `${s.mediaType};stream=watch`);
/** The body media types the apiserver decodes for built-in resources. */
export const inputMediaTypes: readonly string[] = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
/** The PATCH content types of built-in resources (patchTypes in installer.go, CBOR off). */
export const patchContentTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;
/** One of {@link patchContentTypes}. */
export type PatchContentType = (typeof patchContentTypes)[number];

const isMetaV1 = (gvk: GroupVersionKind): boolean => gvk.group === 'meta.k8s.io' && (gvk.version === 'v1' || gvk.version === 'v1beta1');

/** emptyEndpointRestrictions: no conversion, watch streams only — discovery lists, Status bodies, /api/v1. */
export const defaultEndpointRestrictions: EndpointRestrictions = {
  allowsMediaTypeTransform: (_t, _s, gvk) => gvk === undefined,
  allowsStreamSchema: (s) => s === 'watch',
};

/**
 * RequestScope.AllowsMediaTypeTransform of a resource endpoint: Table (JSON or YAML) when the resource
 * has a table convertor, PartialObjectMetadata(List) always, nothing else.
 */
export function resourceEndpointRestrictions(hasTableConvertor: boolean): EndpointRestrictions {
  return {
    allowsMediaTypeTransform(type, subType, gvk) {
      if (gvk === undefined) return true;
      if (!isMetaV1(gvk)) return false;
      if (gvk.kind === 'Table') return hasTableConvertor && type === 'application' && (subType === 'json' || subType === 'yaml');
      return gvk.kind === 'PartialObjectMetadata' || gvk.kind === 'PartialObjectMetadataList';
    },
    allowsStreamSchema: (s) => s === 'watch',
  };
}

/** The aggregated-discovery kinds (apidiscovery.k8s.io v2 and v2beta1 APIGroupDiscoveryList). */
export function isAggregatedDiscoveryGVK(gvk: GroupVersionKind | undefined): boolean {
  return gvk !== undefined && gvk.group === 'apidiscovery.k8s.io' && (gvk.version === 'v2' || gvk.version === 'v2beta1') && gvk.kind === 'APIGroupDiscoveryList';
}

/** DiscoveryEndpointRestrictions: only the aggregated document is a valid conversion. */
export const discoveryEndpointRestrictions: EndpointRestrictions = {
  allowsMediaTypeTransform: (_t, _s, gvk) => isAggregatedDiscoveryGVK(gvk),
  allowsStreamSchema: () => false,
};

/**
 * Parses an Accept header as goautoneg.ParseAccept: clauses sorted by q, then concrete types before
 * wildcards (stable, so equal clauses keep their order); `q` is taken out of the parameters.
 */
export function parseAccept(header: string): AcceptClause[] {
  const out: AcceptClause[] = [];
  for (const raw of header.split(',')) {
    const part = raw.trim();
    const [mediaRange = '', ...params] = part.split(';');
    const sp = mediaRange.split('/');
    const type = sp[0]!.trim();
    let subType: string;
    if (sp.length === 1 && type === '*') subType = '*';
    else if (sp.length === 2) subType = sp[1]!.trim();
    else continue;
    const clause: AcceptClause = { type, subType, q: 1, params: {} };
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const token = param.slice(0, eq).trim();
      if (token === 'q') {
        const q = Number.parseFloat(param.slice(eq + 1));
        clause.q = Number.isNaN(q) ? 0 : q;
      } else {
        clause.params[token] = param.slice(eq + 1).trim();
      }
    }
    out.push(clause);
  }
  const less = (a: AcceptClause, b: AcceptClause): boolean =>
    a.q > b.q || (a.type !== '*' && b.type === '*') || (a.subType !== '*' && b.subType === '*');
  return out.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/** acceptMediaTypeOptions: the options of one clause, or undefined when the endpoint cannot honour them. */
function acceptMediaTypeOptions(params: Record<string, string>, s: Serializer, endpoint: EndpointRestrictions): MediaTypeOptions | undefined {
  const options: MediaTypeOptions = { mediaType: s.mediaType, pretty: false };
  let convert: GroupVersionKind | undefined;
  for (const [k, v] of Object.entries(params)) {
    switch (k) {
      case 'as':
        convert = { group: convert?.group ?? '', version: convert?.version ?? '', kind: v };
        break;
      case 'g':
        convert = { group: v, version: convert?.version ?? '', kind: convert?.kind ?? '' };
        break;
      case 'v':
        convert = { group: convert?.group ?? '', version: v, kind: convert?.kind ?? '' };
        break;
      case 'stream':
        if (v.length > 0 && (!s.streaming || !endpoint.allowsStreamSchema(v))) return undefined;
        options.stream = v;
        break;
      case 'sv':
        // No endpoint here allows a server version.
        if (v.length > 0) return undefined;
        break;
      case 'pretty':
        options.pretty = v === '1';
        break;
      default:
        // `export` and unknown parameters are ignored.
        break;
    }
  }
  if (!endpoint.allowsMediaTypeTransform(s.type, s.subType, convert)) return undefined;
  if (convert) options.convert = convert;
  return options;
}

/** NegotiateMediaTypeOptions: the first clause an endpoint can serve; no Accept means JSON. */
function negotiateMediaTypeOptions(header: string, endpoint: EndpointRestrictions): { options: MediaTypeOptions; serializer: Serializer } | undefined {
  if (header === '') return { options: { mediaType: 'application/json', pretty: false }, serializer: serializers[0]! };
  for (const clause of parseAccept(header)) {
    for (const s of serializers) {
      const matches =
        (clause.type === s.type && clause.subType === s.subType) ||
        (clause.type === s.type && clause.subType === '*') ||
        (clause.type === '*' && clause.subType === '*');
      if (!matches) continue;
      const options = acceptMediaTypeOptions(clause.params, s, endpoint);
      if (options) return { options, serializer: s };
    }
  }
  return undefined;
}

const acceptOf = (req: RequestLike): string => {
  const a = req.headers.accept;
  return Array.isArray(a) ? a.join(',') : (a ?? '');
};

/** Go's strconv.ParseBool, undefined on a syntax error. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** isPrettyPrint: `?pretty=` when given, else curl, Wget and browsers get indented JSON. */
export function isPrettyPrint(req: RequestLike): boolean {
  const pp = new URL(`http://localhost${req.url ?? '/'}`).searchParams.get('pretty');
  if (pp !== null && pp.length > 0) return parseGoBool(pp) ?? false;
  const ua = req.headers['user-agent'] ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

/**
 * NegotiateOutputMediaType: the serializer and conversion for a response. Throws 406 NotAcceptable when
 * no clause of Accept can be served.
 */
export function negotiateOutputMediaType(req: RequestLike, restrictions: EndpointRestrictions = defaultEndpointRestrictions): MediaTypeOptions {
  const r = negotiateMediaTypeOptions(acceptOf(req), restrictions);
  if (!r) throw newNotAcceptable(outputMediaTypes);
  return { ...r.options, pretty: r.options.pretty || isPrettyPrint(req) };
}

/**
 * Negotiation for a watch (NegotiateOutputMediaType, then NegotiateOutputMediaTypeStream): the chosen
 * serializer must stream, so a YAML-first Accept gets 406. A Table conversion is kept for the embedded
 * objects; watch streams are never indented.
 */
export function negotiateWatchMediaType(req: RequestLike, restrictions: EndpointRestrictions): MediaTypeOptions {
  const r = negotiateMediaTypeOptions(acceptOf(req), restrictions);
  if (!r) throw newNotAcceptable(outputMediaTypes);
  if (!r.serializer.streaming) throw newNotAcceptable(streamMediaTypes);
  return { ...r.options, pretty: false };
}

/** 415 as negotiation.NewUnsupportedMediaTypeError words it (its Status has no details of its own). */
function unsupportedMediaType(accepted: readonly string[]): StatusError {
  return new StatusError(
    makeStatus(415, StatusReason.UnsupportedMediaType, `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`, {}),
  );
}

/** mime.ParseMediaType, reduced to what negotiation needs: the lower-cased type, or undefined if malformed. */
export function parseMediaType(v: string): string | undefined {
  const [head = '', ...params] = v.split(';');
  const mediaType = head.trim().toLowerCase();
  if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(mediaType)) return undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!.trim();
    // Trailing semicolons are not an error.
    if (p === '' && params.slice(i).every((x) => x.trim() === '')) break;
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\s*=\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+|"(?:[^"\\]|\\.)*")$/.test(p)) return undefined;
  }
  return mediaType;
}

/**
 * NegotiateInputSerializerForMediaType: the body's media type among `supported` (no Content-Type means
 * the first). Throws 415 listing `supported`.
 */
export function negotiateInputMediaType(contentType: string | undefined, supported: readonly string[] = inputMediaTypes): string {
  if (contentType === undefined || contentType === '') return supported[0]!;
  const mediaType = parseMediaType(contentType);
  if (mediaType !== undefined && supported.includes(mediaType)) return mediaType;
  throw unsupportedMediaType(supported);
}

/**
 * The patch type of a PATCH (handlers/patch.go): Content-Type up to the first `;`, matched exactly against
 * `supported`. Throws 415 listing them.
 */
export function negotiatePatchType(contentType: string | undefined, supported: readonly PatchContentType[] = patchContentTypes): PatchContentType {
  let ct = contentType ?? '';
  const idx = ct.indexOf(';');
  if (idx > 0) ct = ct.slice(0, idx);
  const found = supported.find((p) => p === ct);
  if (found === undefined) throw unsupportedMediaType(supported);
  return found;
}

/**
 * The TableOptions of a Table request (optionsForTransform + ValidateTableOptions): `includeObject` from the
 * query. Throws 400 `Unable to convert to Table as requested: …` for an unknown value.
 */
export function tableOptionsFromQuery(query: URLSearchParams): { includeObject: IncludeObjectPolicy } {
  const v = query.getAll('includeObject')[0] ?? '';
  if (v === '' || v === 'Metadata') return { includeObject: 'Metadata' };
  if (v === 'Object' || v === 'None') return { includeObject: v };
  const err = invalid('includeObject', v, "must be 'Metadata', 'Object', 'None', or empty");
  throw newBadRequest(`Unable to convert to Table as requested: ${errorText(err)}`);
}
