import { StatusError } from '../../../lib/errors/status-error.js';
import { decodeEnvelope, decodeMessage } from '../../../lib/server/protobuf/decode.js';
import { decodeDeleteOptionsBody, decodeObjectBody } from '../../../lib/server/request-body.js';

// `kubectl create namespace demo` (kubectl 1.32.4), as captured on the wire.
const createNamespaceDemo = Buffer.from('6b3873000a0f0a02763112094e616d657370616365121c0a140a0464656d6f12001a0022002a0032003800420012001a020a001a002200', 'hex');
const ns = { group: '', version: 'v1', kind: 'Namespace' };

/** Encodes a length-delimited field. */
const ld = (num: number, bytes: Buffer): Buffer => Buffer.concat([Buffer.from([(num << 3) | 2, bytes.length]), bytes]);
const str = (num: number, s: string): Buffer => ld(num, Buffer.from(s));
const varint = (num: number, v: number): Buffer => Buffer.from([(num << 3) | 0, v]);
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), ld(1, Buffer.concat([str(1, apiVersion), str(2, kind)])), ld(2, raw)]);

describe('protobuf request bodies (runtime.Unknown + generated.proto messages)', () => {
  it("decodes kubectl create namespace's body as the JSON its Go struct would marshal to", () => {
    const env = decodeEnvelope(createNamespaceDemo);
    expect([env.apiVersion, env.kind]).toEqual(['v1', 'Namespace']);
    expect(decodeMessage(env.raw, 'Namespace')).toEqual({ metadata: { name: 'demo' }, spec: {}, status: {} });
    expect(decodeObjectBody(createNamespaceDemo, 'application/vnd.kubernetes.protobuf', ns, true)).toEqual({
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' }, spec: {}, status: {} }, gvk: ns, strictErrors: [],
    });
  });

  it('keeps pointer fields that are on the wire even when zero, and reads maps, lists and times', () => {
    const meta = Buffer.concat([
      str(1, 'x'),
      ld(8, Buffer.concat([varint(1, 100)])),
      varint(10, 0),
      ld(11, Buffer.concat([str(1, 'app'), str(2, 'web')])),
      str(14, 'f1'),
      str(14, 'f2'),
    ]);
    expect(decodeMessage(meta, 'ObjectMeta')).toEqual({
      name: 'x', creationTimestamp: '1970-01-01T00:01:40Z', deletionGracePeriodSeconds: 0, labels: { app: 'web' }, finalizers: ['f1', 'f2'],
    });
  });

  it('refuses a body without the k8s prefix as the protobuf serializer does', () => {
    try {
      decodeObjectBody(Buffer.from('not protobuf'), 'application/vnd.kubernetes.protobuf', ns, false);
      throw new Error('did not throw');
    } catch (e) {
      expect((e as StatusError).status.message).toBe(
        'the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6e6f742070726f746f627566)',
      );
    }
  });

  it('answers 415 for a kind whose messages kubesim does not have', () => {
    const body = envelope('v1', 'Node', Buffer.alloc(0));
    expect(() => decodeObjectBody(body, 'application/vnd.kubernetes.protobuf', { group: '', version: 'v1', kind: 'Node' }, false)).toThrow(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    );
  });

  it('decodes DeleteOptions sent as protobuf', () => {
    const body = envelope('v1', 'DeleteOptions', Buffer.concat([varint(1, 0), str(4, 'Background')]));
    expect(decodeDeleteOptionsBody(body, 'application/vnd.kubernetes.protobuf')).toEqual({ gracePeriodSeconds: 0, propagationPolicy: 'Background' });
  });
});
