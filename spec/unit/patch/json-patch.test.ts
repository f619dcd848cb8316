import { StatusError } from '../../../lib/errors/status-error.js';
import { applyPatch, applyPatchDetailed } from '../../../lib/patch/apply-patch.js';
import { GoPanicError, type JsonValue } from '../../../lib/patch/go-value.js';
import { applyJsonPatchOperations, JsonPatchError } from '../../../lib/patch/json-patch.js';
import { PatchType } from '../../../lib/patch/patch-type.js';

const podKind = { group: '', version: 'v1', kind: 'Pod' };
const pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] },
};
const patch = (body: string | JsonValue, fieldValidation?: 'Ignore' | 'Warn' | 'Strict') =>
  applyPatch(pod, PatchType.JSON, body, podKind, fieldValidation ? { fieldValidation } : {});
const thrown = (f: () => unknown): StatusError => {
  try { f(); } catch (e) { if (e instanceof StatusError) return e; throw e; }
  throw new Error('no error');
};

describe('JSON patch bodies are decoded as the apiserver jsonPatcher does', () => {
  it('rejects a non-array body under the default Warn validation: error decoding patch (400)', () => {
    const e = thrown(() => patch('{"op":"add"}'));
    expect(e.status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp', reason: 'BadRequest', code: 400,
    });
  });

  it('rejects a non-array body with fieldValidation=Ignore with DecodePatch\'s message', () => {
    expect(thrown(() => patch('{"op":"add"}', 'Ignore')).message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(thrown(() => patch('["x"]', 'Ignore')).message).toBe('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });

  it('reports bad syntax with the scanner message, prefixed under Warn/Strict', () => {
    expect(thrown(() => patch('[{"op":}]')).message).toBe("error decoding patch: invalid character '}' looking for beginning of value");
    expect(thrown(() => patch('[{"op":}]', 'Ignore')).message).toBe("invalid character '}' looking for beginning of value");
    expect(thrown(() => patch('')).code).toBe(400);
  });

  it('rejects a non-string op under strict decoding: Go struct field jsonPatchOp.op', () => {
    expect(thrown(() => patch('[{"op":1,"path":"/a"}]', 'Strict')).message)
      .toBe('error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string');
  });

  it('collects unknown and duplicate operation fields as "json patch …" strict errors', () => {
    const r = applyPatchDetailed(pod, PatchType.JSON, '[{"op":"add","path":"/metadata/labels/a","value":"1","extra":true,"op":"add"}]', podKind);
    expect(r.strictErrors).toEqual(['json patch unknown field "[0].extra"', 'json patch duplicate field "[0].op"']);
    expect(applyPatchDetailed(pod, PatchType.JSON, '[{"op":"add","path":"/a","value":1,"x":1}]', podKind, { fieldValidation: 'Ignore' }).strictErrors).toEqual([]);
  });

  it('refuses more than 10000 operations with 413 RequestEntityTooLarge and no details', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Pod' }));
    expect(thrown(() => patch(JSON.stringify(ops))).status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001', reason: 'RequestEntityTooLarge', code: 413,
    });
  });

  it('treats a null body as no operations', () => {
    expect(patch('null')).toEqual(pod);
  });
});

describe('a JSON patch that does not apply is one generic 422', () => {
  it.each([
    ['a failing test', [{ op: 'test', path: '/kind', value: 'Node' }]],
    ['removing a missing key', [{ op: 'remove', path: '/metadata/annotations' }]],
    ['adding under a missing parent', [{ op: 'add', path: '/status/phase/x', value: 1 }]],
    ['adding at the root path', [{ op: 'add', path: '', value: {} }]],
    ['an index past the end', [{ op: 'add', path: '/spec/containers/2', value: {} }]],
    ['an unknown op', [{ op: 'merge', path: '/a' }]],
    ['an operation without op', [{ path: '/a' }]],
    ['a null operation', [null]],
    ['replace of an array slot that does not exist', [{ op: 'replace', path: '/spec/containers/5', value: {} }]],
    ['a non-numeric array index', [{ op: 'remove', path: '/spec/containers/x' }]],
  ])('%s: reason Invalid, message dropped, empty details', (_, ops) => {
    expect(thrown(() => patch(ops as JsonValue)).status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
    });
  });
});

describe('JSON patch operations follow evanphx/json-patch v4', () => {
  const apply = (doc: JsonValue, ops: JsonValue[]) => applyJsonPatchOperations(doc, ops as never);

  it('appends an ephemeral container with add /spec/ephemeralContainers/-', () => {
    const out = patch([{ op: 'add', path: '/spec/ephemeralContainers/-', value: { name: 'dbg2', image: 'busybox' } }]) as typeof pod;
    expect(out.spec.ephemeralContainers.map((c) => c.name)).toEqual(['dbg', 'dbg2']);
  });

  it('inserts at an index and accepts index == length', () => {
    expect(apply({ a: [1, 2] }, [{ op: 'add', path: '/a/0', value: 0 }, { op: 'add', path: '/a/3', value: 3 }])).toEqual({ a: [0, 1, 2, 3] });
  });

  it('counts negative indexes from the end (SupportNegativeIndices)', () => {
    expect(apply({ a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }])).toEqual({ a: [1, 2] });
    expect(apply({ a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 9 }])).toEqual({ a: [1, 2, 9] });
  });

  it('reads indexes with strconv.Atoi: "01" and "+1" mean 1', () => {
    expect(apply({ a: [1, 2, 3] }, [{ op: 'remove', path: '/a/01' }, { op: 'replace', path: '/a/+1', value: 7 }])).toEqual({ a: [1, 7] });
  });

  it('replace of a missing object key adds it (no existence check on objects)', () => {
    expect(apply({ a: {} }, [{ op: 'replace', path: '/a/b', value: 1 }])).toEqual({ a: { b: 1 } });
  });

  it('replace of the root swaps the document, and needs an object or array', () => {
    expect(apply({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
    expect(() => apply({ a: 1 }, [{ op: 'replace', path: '', value: 3 }])).toThrow(JsonPatchError);
  });

  it('adds null when an add has no value', () => {
    expect(apply({}, [{ op: 'add', path: '/a' }])).toEqual({ a: null });
  });

  it('decodes ~1 and ~0 in path segments', () => {
    expect(apply({ m: {} }, [{ op: 'add', path: '/m/a~1b~0c', value: 1 }])).toEqual({ m: { 'a/b~c': 1 } });
  });

  it('test with value null matches a missing or null member; test compares deeply', () => {
    expect(apply({ a: null }, [{ op: 'test', path: '/a', value: null }, { op: 'test', path: '/b', value: null }])).toEqual({ a: null });
    expect(apply({ a: { x: [1, 'y'] } }, [{ op: 'test', path: '/a', value: { x: [1, 'y'] } }])).toEqual({ a: { x: [1, 'y'] } });
    expect(() => apply({ a: 1 }, [{ op: 'test', path: '/a', value: '1' }])).toThrow('testing value /a failed: test failed');
  });

  it('panics where Go dereferences nil: test of a missing member without a value', () => {
    expect(() => apply({}, [{ op: 'test', path: '/a' }])).toThrow(GoPanicError);
  });

  it('moves and copies; move from a missing object key fails', () => {
    expect(apply({ a: 1, b: [] }, [{ op: 'copy', from: '/a', path: '/b/-' }, { op: 'move', from: '/a', path: '/c' }])).toEqual({ b: [1], c: 1 });
    expect(() => apply({}, [{ op: 'move', from: '/x', path: '/y' }])).toThrow(JsonPatchError);
  });

  it('limits the bytes copy operations add to 3 MiB', () => {
    const big = 'x'.repeat(1024 * 1024);
    const ops = Array.from({ length: 4 }, (_, i) => ({ op: 'copy', from: '/s', path: `/c${i}` }));
    // Each copy of the string adds its JSON size, 1 MiB + 2 quotes; the third one crosses the limit.
    expect(() => apply({ s: big }, ops)).toThrow('Unable to complete the copy, the accumulated size increase of copy is 3145734, exceeding the limit 3145728');
  });

  it('does not modify the current object', () => {
    const before = JSON.stringify(pod);
    patch([{ op: 'replace', path: '/metadata/labels/app', value: 'x' }]);
    expect(JSON.stringify(pod)).toBe(before);
  });
});
