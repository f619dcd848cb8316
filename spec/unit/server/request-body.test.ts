import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { StatusError } from '../../../lib/errors/status-error.js';
import { decodeDeleteOptionsBody, decodeObjectBody, readBody, summarizeData } from '../../../lib/server/request-body.js';

const ns = { group: '', version: 'v1', kind: 'Namespace' };
const b = (s: string): Buffer => Buffer.from(s);

/** The Status a call throws. */
function statusOf(fn: () => unknown): StatusError['status'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('did not throw');
}

describe('request bodies: the size limit (limitedReadBody)', () => {
  it('reads a body up to the limit and answers 413 beyond it', async () => {
    const body = (n: number): IncomingMessage => Readable.from([Buffer.alloc(n, 0x61)]) as unknown as IncomingMessage;
    expect((await readBody(body(10), 10)).length).toBe(10);
    await expect(readBody(body(11), 10)).rejects.toMatchObject({ status: { code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 10' } });
  });
});

describe('decoding an object body (json serializer + transformDecodeError)', () => {
  it('summarizes unparsable JSON objects by their first 30 bytes, anything else in hex', () => {
    expect(summarizeData(b(''))).toBe('<empty>');
    expect(summarizeData(b('{"metadata":{"name":"a-long-enough-name"}}'))).toBe('{"metadata":{"name":"a-long-en ...');
    expect(summarizeData(b('[1]'))).toBe('5b315d');
  });

  it('answers malformed JSON with the scanner error and the summary', () => {
    expect(statusOf(() => decodeObjectBody(b('{"metadata":'), 'application/json', ns, false))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400,
      message: 'the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"metadata":)',
    });
    expect(statusOf(() => decodeObjectBody(b(''), 'application/json', ns, false)).message).toBe(
      "the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)",
    );
    expect(statusOf(() => decodeObjectBody(b('{x}'), 'application/json', ns, false)).message).toBe(
      "the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: invalid character 'x' looking for beginning of object key string ({x})",
    );
  });

  it('answers a body that is not an object, or a non-string apiVersion, as Interpret does', () => {
    expect(statusOf(() => decodeObjectBody(b('[]'), 'application/json', ns, false)).message).toBe(
      'the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b5d)',
    );
    expect(statusOf(() => decodeObjectBody(b('{"apiVersion":1}'), 'application/json', ns, false)).message).toBe(
      "the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string ({\"apiVersion\":1})",
    );
    expect(statusOf(() => decodeObjectBody(b('{"apiVersion":"a/b/c"}'), 'application/json', ns, false)).message).toBe(
      'the object provided is unrecognized (must be of type Namespace): unexpected GroupVersion string: a/b/c ({"apiVersion":"a/b/c"})',
    );
  });

  it('defaults a missing kind and apiVersion from the endpoint', () => {
    const d = decodeObjectBody(b('{"metadata":{"name":"a"}}'), 'application/json', ns, false);
    expect(d.gvk).toEqual(ns);
    expect(d.object).toEqual({ metadata: { name: 'a' } });
    expect(decodeObjectBody(b('null'), 'application/json', ns, false).object).toEqual({});
  });

  it('refuses kinds the scheme does not know and kinds that do not convert to the endpoint type', () => {
    expect(statusOf(() => decodeObjectBody(b('{"kind":"Foo","apiVersion":"v1"}'), 'application/json', ns, false)).message).toBe(
      'Foo in version "v1" cannot be handled as a Namespace: no kind "Foo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
    expect(statusOf(() => decodeObjectBody(b('{"kind":"Namespace","apiVersion":"v2"}'), 'application/json', ns, false)).message).toBe(
      'Namespace in version "v2" cannot be handled as a Namespace: no kind "Namespace" is registered for version "v2" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
    expect(statusOf(() => decodeObjectBody(b('{"kind":"Pod","apiVersion":"v1"}'), 'application/json', ns, false)).message).toBe(
      'Pod in version "v1" cannot be handled as a Namespace: converting (k8s.io/api/core/v1) Pod to (k8s.io/kubernetes/pkg/apis/core) Namespace: unknown conversion',
    );
  });

  it('collects unknown and duplicate fields with their paths when decoding strictly', () => {
    const pod = { group: '', version: 'v1', kind: 'Pod' };
    const body = b('{"metadata":{"name":"p","nmae":"q","labels":{"any":"x"}},"spec":{"containers":[{"name":"c","image":"i","imagee":"j"}],"bogus":1},"spec":{}}');
    expect(decodeObjectBody(body, 'application/json', pod, true).strictErrors).toEqual([
      'unknown field "metadata.nmae"', 'unknown field "spec.containers[0].imagee"', 'unknown field "spec.bogus"', 'duplicate field "spec"',
    ]);
    expect(decodeObjectBody(body, 'application/json', pod, false).strictErrors).toEqual([]);
  });

  it('drops fields the Go struct does not have, at every depth, whatever the fieldValidation', () => {
    const pod = { group: '', version: 'v1', kind: 'Pod' };
    const d = decodeObjectBody(b('{"metadata":{"name":"p","Labels":{},"labels":{"k":"v"}},"spec":{"containers":[{"name":"c","x":1}]},"extra":true}'), 'application/json', pod, false);
    expect(d.object).toEqual({ metadata: { name: 'p', labels: { k: 'v' } }, spec: { containers: [{ name: 'c' }] } });
  });

  it('takes YAML bodies', () => {
    const d = decodeObjectBody(b('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: y\n  bogus: 1\n'), 'application/yaml', ns, true);
    expect(d.object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'y' } });
    expect(d.strictErrors).toEqual(['unknown field "metadata.bogus"']);
  });
});

describe('decoding a DeleteOptions body (meta codecs: decode errors are 500 without a reason)', () => {
  it('reads kubectl\'s body', () => {
    expect(decodeDeleteOptionsBody(b('{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}'), 'application/json')).toEqual({ propagationPolicy: 'Background' });
    expect(decodeDeleteOptionsBody(b('{"gracePeriodSeconds":0,"preconditions":{"uid":"u"}}'), 'application/json')).toEqual({ gracePeriodSeconds: 0, preconditions: { uid: 'u' } });
  });

  it('answers syntax and type errors with a reasonless 500', () => {
    expect(statusOf(() => decodeDeleteOptionsBody(b('{'), 'application/json'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: "couldn't get version/kind; json parse error: unexpected end of JSON input", code: 500,
    });
    expect(statusOf(() => decodeDeleteOptionsBody(b('{"gracePeriodSeconds":"now"}'), 'application/json')).message).toBe(
      'json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64',
    );
  });
});
