/**
 * The pieces the HTTP-door fuzzer builds bad requests from: junk path segments, query keys and values,
 * JSON values of every type, valid objects broken at any depth, bodies that are truncated, nested around
 * Go's 10,000-level limit, huge or over 3 MiB, and Content-Type, Accept and other header values.
 */
import fc from 'fast-check';
import type { Pod } from '../../../lib/api/types.js';

/** The seeded world the requests aim at: a namespace and at least two pods, the last of them guarded (dry runs only). */
export interface FuzzTarget {
  namespace: string;
  pods: readonly string[];
}

/** A body and the Content-Type it goes with. */
export interface BodyCase {
  label: string;
  body?: Buffer;
  contentType?: string;
}

/** A pod as seeded (and as valid create bodies carry it). */
export function podBody(name: string, namespace: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'fuzz', tier: name }, annotations: { note: 'seeded' } },
    spec: {
      containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], ports: [{ containerPort: 8080 }], env: [{ name: 'A', value: '1' }] }],
      restartPolicy: 'Always',
    },
  };
}

/** `v` as a JSON body. */
export const json = (label: string, v: unknown, contentType = 'application/json'): BodyCase => ({ label, body: Buffer.from(JSON.stringify(v) ?? 'null'), contentType });

// ---------- pieces ----------

/** A path segment a router trips on: dots, escapes good and bad, odd bytes, or a very long one. */
export const junkSegment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', '.', '..', '%2e%2e', '%2E', '%2F', '%2f..', '%00', '%', '%zz', '%E2%82%AC', '%C3%A9', '\u00e9', '\u00ff', '~', '!', '*', ':', '@', '$', ';', 'a;b=c', 'x'.repeat(300)) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~%!$&\'()*+,;=:@'.split('')), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'a'.repeat(n)) },
);

const queryKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    'resourceVersion', 'limit', 'continue', 'labelSelector', 'fieldSelector', 'watch', 'timeoutSeconds', 'dryRun', 'fieldValidation', 'gracePeriodSeconds',
    'resourceVersionMatch', 'fieldManager', 'force', 'propagationPolicy', 'orphanDependents', 'pretty', 'allowWatchBookmarks', 'sendInitialEvents', 'includeObject',
    'export', 'follow', 'container', 'command', 'stdin', 'stdout', 'stderr', 'tty', 'previous', 'tailLines', 'limitBytes', 'sinceSeconds', 'sinceTime', 'timestamps', 'hash',
  ) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const queryValue = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(
    '', 'true', 'false', 'True', '1', '0', '-1', '2', '10', 'abc', '9223372036854775808', '-9223372036854775809', '99999999999999999999', '1e3', '0x10', '1.5',
    'All', 'all', 'None', 'Ignore', 'Warn', 'Strict', 'strict', 'NotOlderThan', 'Exact', 'Foreground', 'Background', 'Orphan',
    'metadata.name=alpha', 'metadata.name==alpha', 'metadata.name!=alpha', 'metadata.name=..', 'status.phase!=Running', 'spec.nodeName=node-1', 'spec.nodeName=', 'foo=bar',
    'a in (b', 'a in (b,c)', 'app=fuzz', 'app=fuzz,tier!=beta', '!app', 'app notin (x)', '=', '==', '!', ',', '\\', 'a\\b', 'x=y=z',
    'main', 'nope', 'sh', 'ls', '2024-01-01T00:00:00Z', 'not-a-time', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJhIn0', 'bm90LWpzb24=', '%', '%zz', '%00',
  ) },
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 10_000 }).map((n) => 'x'.repeat(n)) },
);
/** One to four query parameters, real names with junk values or junk names. */
export const junkPairs = fc.array(fc.tuple(queryKey, queryValue, fc.boolean()), { minLength: 1, maxLength: 4 });

/** A query string: mostly encoded, sometimes raw (node sends any byte in 0x21-0xff). */
export function queryString(pairs: readonly (readonly [string, string, boolean?])[]): string {
  if (pairs.length === 0) return '';
  const enc = (v: string, raw: boolean | undefined): string => (raw ? v.replace(/[^\x21-\xff]/g, encodeURIComponent).replace(/[#&]/g, encodeURIComponent) : encodeURIComponent(v));
  return `?${pairs.map(([k, v, raw]) => `${enc(k, raw)}=${enc(v, raw)}`).join('&')}`;
}

/** A value of any JSON type, or one of the shapes decoders trip on. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, '', 'x', '0', 'true', 'null', [], {}, [null], { '': null }, ['a', 1], { a: { b: [] } }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'é'.repeat(n)),
);

/** Every path of a JSON tree, objects and arrays included. */
function treePaths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => treePaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) treePaths(x, [...at, k], out);
  return out;
}

/** `v` with the value at `path` replaced (removed when `value` is undefined). */
function setAt(v: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (value === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  if (value === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, value);
  return copy;
}

/** `v` with one to three values, anywhere in it, replaced by junk of another type or removed. */
const mutated = (v: unknown): fc.Arbitrary<unknown> =>
  fc.array(fc.tuple(fc.nat(), fc.option(junkValue, { nil: undefined })), { minLength: 1, maxLength: 3 }).map((edits) => {
    let out = v;
    for (const [at, value] of edits) {
      const paths = treePaths(out);
      out = setAt(out, paths[at % paths.length]!, value);
    }
    return out;
  });

const nested = (n: number, open: string, close: string, leaf = ''): string => `${open.repeat(n)}${leaf}${close.repeat(n)}`;

/** A broken body: `valid` mutated or truncated, deep nesting, huge, over the limit, or noise. */
export const badBody = (valid: unknown, t: FuzzTarget): fc.Arbitrary<BodyCase> =>
  fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map((v) => json('mutated', v)) },
    { weight: 3, arbitrary: fc.nat().map((at) => { const s = JSON.stringify(valid) ?? 'null'; return { label: 'truncated', body: Buffer.from(s.slice(0, at % s.length)) }; }) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(9_999, 10_000, 10_001, 100, 20_000), fc.constantFrom('array', 'object', 'in-labels', 'in-spec', 'unbalanced')).map(([n, shape]): BodyCase => {
      const deep = shape === 'object' ? nested(n, '{"a":', '}', '1') : nested(n, '[', ']');
      if (shape === 'in-labels') return { label: `${n} deep in labels`, body: Buffer.from(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${t.pods[0]}","labels":${deep}}}`) };
      if (shape === 'in-spec') return { label: `${n} deep in args`, body: Buffer.from(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fz-deep"},"spec":{"containers":[{"name":"c","image":"i","args":${deep}}]}}`) };
      if (shape === 'unbalanced') return { label: `${n} unbalanced`, body: Buffer.from('['.repeat(n)) };
      return { label: `${n} deep ${shape}`, body: Buffer.from(deep) };
    }) },
    { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 2_000_000 }).map((size) => json(`huge string ${size}`, setAt(valid, ['metadata', 'annotations'], { huge: 'x'.repeat(size) }))) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }).map((extra) => {
      const base = (JSON.stringify(setAt(valid, ['metadata', 'annotations'], { huge: '' })) ?? '').length;
      return json(`over 3 MiB by ${extra}`, setAt(valid, ['metadata', 'annotations'], { huge: 'y'.repeat(3 * 1024 * 1024 - base + extra) }));
    }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ label: 'random bytes', body: Buffer.from(b) })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ label: 'protobuf junk', body: Buffer.concat([Buffer.from('k8s\0'), Buffer.from(b)]), contentType: 'application/vnd.kubernetes.protobuf' })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ label: 'random text', body: Buffer.from(s) })) },
    { weight: 1, arbitrary: fc.constant<BodyCase>({ label: 'yaml with a broken second document', body: Buffer.from(`# yaml\n${JSON.stringify(valid)}\n---\nextra: [`), contentType: 'application/yaml' }) },
  );

/** Content-Type values: every type the apiserver decodes, and many it does not. */
export const contentTypeArb = fc.oneof(
  fc.constantFrom(
    'application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/json-patch+json', 'application/merge-patch+json',
    'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/apply-patch+cbor', 'application/cbor', 'text/plain', 'application/json; charset=utf-8',
    'application/json; charset=utf-16', 'application/json;;', ';', '*/*', 'application/*', 'application/json, application/yaml', 'application/json-patch+json, text/plain',
    'application/json;charset=', 'APPLICATION/JSON', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '',
  ),
  fc.string({ unit: fc.constantFrom(...'abc/;=,+*. -'.split('')), maxLength: 30 }),
);
/** Accept values: conversions (Table, PartialObjectMetadata), protobuf, and malformed lists. */
export const acceptArb = fc.oneof(
  fc.constantFrom(
    'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/vnd.kubernetes.protobuf, application/json', '*/*', 'text/html', 'text/plain',
    'application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io',
    'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', 'application/json;as=Table;v=v2;g=meta.k8s.io', 'application/json;as=Nope;v=v1;g=meta.k8s.io',
    'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'application/json;q=0', 'application/json;q=abc', 'application/json;stream=watch',
    'application/json;pretty=1', 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf', ',,,', 'application/', '/json', ';q=1', '',
  ),
  fc.string({ unit: fc.constantFrom(...'abjson/;=,+*.q0-'.split('')), maxLength: 40 }),
);
/** Headers that change how a request is handled: Upgrade, Expect, conditionals, huge user agents. */
export const extraHeadersArb = fc.record(
  {
    'User-Agent': fc.constantFrom('kubectl/v1.32.5 (linux/amd64) kubernetes/9894294', 'curl/8.0', '', 'é'.repeat(100), 'x'.repeat(8000)),
    Connection: fc.constantFrom('Upgrade', 'close', 'keep-alive'),
    Upgrade: fc.constantFrom('websocket', 'SPDY/3.1', 'h2c', 'junk'),
    'Sec-WebSocket-Key': fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', 'junk', ''),
    'Sec-WebSocket-Version': fc.constantFrom('13', '8', 'x'),
    'Sec-WebSocket-Protocol': fc.constantFrom('v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io', 'nope', ''),
    'X-Stream-Protocol-Version': fc.constantFrom('v4.channel.k8s.io', 'junk'),
    Expect: fc.constantFrom('100-continue', 'nonsense'),
    'Content-Encoding': fc.constantFrom('gzip', 'identity', 'br'),
    'If-None-Match': fc.constantFrom('"abc"', '*', ''),
    'If-Modified-Since': fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'garbage'),
    Range: fc.constantFrom('bytes=0-10', 'bytes=5-1', 'junk'),
  },
  { requiredKeys: [] },
);
/** Mostly the five API methods; sometimes one node or the router must refuse. */
export const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') },
  { weight: 1, arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'PURGE', 'get', 'FOO') },
);

/** Percent-encodes one character, doubles a slash, adds dot segments or a trailing slash, shouts, or grows a segment. */
export const mangledPath = (p: string): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom('encode', 'double-slash', 'dot', 'dotdot', 'trailing', 'upper', 'replace', 'append', 'long'), fc.nat(), junkSegment).map(([how, at, seg]) => {
    const i = p.length === 0 ? 0 : at % p.length;
    const segs = p.split('/');
    switch (how) {
      case 'encode': return `${p.slice(0, i)}%${(p.charCodeAt(i) || 47).toString(16).padStart(2, '0')}${p.slice(i + 1)}`;
      case 'double-slash': return `${p.slice(0, i)}/${p.slice(i)}`;
      case 'dot': return `${p.slice(0, i)}/./${p.slice(i)}`;
      case 'dotdot': return `${p.slice(0, i)}/../${p.slice(i)}`;
      case 'trailing': return `${p}/`;
      case 'upper': return p.toUpperCase();
      case 'replace': segs[1 + (at % (segs.length - 1))] = seg; return segs.join('/');
      case 'append': return `${p}/${seg}`;
      default: return `${p}${'z'.repeat(1000 + (at % 20_000))}`;
    }
  });
