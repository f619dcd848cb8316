import { StatusError } from '../../../lib/errors/status-error.js';
import { applyPatch, applyPatchDetailed } from '../../../lib/patch/apply-patch.js';
import type { JsonValue } from '../../../lib/patch/go-value.js';
import { applyMergePatch, MergePatchError } from '../../../lib/patch/merge-patch.js';
import { PatchType } from '../../../lib/patch/patch-type.js';

const podKind = { group: '', version: 'v1', kind: 'Pod' };
const pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] },
};
const patch = (body: string | JsonValue, fieldValidation?: 'Ignore' | 'Warn' | 'Strict') =>
  applyPatch(pod, PatchType.Merge, body, podKind, fieldValidation ? { fieldValidation } : {});
const thrown = (f: () => unknown): StatusError => {
  try { f(); } catch (e) { if (e instanceof StatusError) return e; throw e; }
  throw new Error('no error');
};

describe('JSON merge patch bodies are checked as the apiserver does', () => {
  it('under Warn/Strict a body must decode into a map: error decoding patch (400)', () => {
    expect(thrown(() => patch('[1]')).message).toBe('error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(thrown(() => patch('"x"', 'Strict')).message).toBe('error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}');
    expect(thrown(() => patch('{"a":', 'Strict')).message).toBe('error decoding patch: unexpected end of JSON input');
  });

  it('with fieldValidation=Ignore bad syntax and scalars are evanphx\'s "Invalid JSON Patch" (400)', () => {
    const e = thrown(() => patch('{"a":', 'Ignore'));
    expect(e.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Invalid JSON Patch', reason: 'BadRequest', code: 400 });
    expect(thrown(() => patch('3', 'Ignore')).message).toBe('Invalid JSON Patch');
  });

  it('a null body is "Invalid JSON Patch" in every mode', () => {
    expect(thrown(() => patch('null')).message).toBe('Invalid JSON Patch');
    expect(thrown(() => patch('null', 'Ignore')).message).toBe('Invalid JSON Patch');
  });

  it('with fieldValidation=Ignore an array body becomes the whole document (nulls pruned in its objects)', () => {
    expect(patch('[{"a":null,"b":1},null]', 'Ignore')).toEqual([{ b: 1 }, null]);
  });

  it('reports duplicate fields as strict errors', () => {
    expect(applyPatchDetailed(pod, PatchType.Merge, '{"metadata":{"labels":{"a":"1","a":"2"}}}', podKind).strictErrors)
      .toEqual(['duplicate field "metadata.labels.a"']);
  });
});

describe('JSON merge patch semantics (RFC 7386 as evanphx v4 applies it)', () => {
  it('merges objects key by key and deletes keys set to null', () => {
    const out = patch({ metadata: { labels: { tier: null, color: 'blue' } } }) as typeof pod;
    expect(out.metadata.labels).toEqual({ app: 'web', color: 'blue' });
  });

  it('replaces lists wholesale: sending one ephemeral container drops the others', () => {
    const out = patch({ spec: { ephemeralContainers: [{ name: 'dbg2', image: 'busybox' }] } }) as typeof pod;
    expect(out.spec.ephemeralContainers).toEqual([{ name: 'dbg2', image: 'busybox' }]);
  });

  it('prunes nulls from values placed where the document has nothing', () => {
    expect(applyMergePatch({}, { a: { b: null, c: { d: null, e: 1 } } })).toEqual({ a: { c: { e: 1 } } });
  });

  it('keeps nulls inside an array that replaces an object, and prunes them when it replaces a scalar', () => {
    expect(applyMergePatch({ a: { x: 1 } }, { a: [{ b: null }] })).toEqual({ a: [{ b: null }] });
    expect(applyMergePatch({ a: 1 }, { a: [{ b: null }] })).toEqual({ a: [{}] });
  });

  it('throws MergePatchError for a scalar patch', () => {
    expect(() => applyMergePatch({}, 1)).toThrow(MergePatchError);
  });

  it('does not modify the current object', () => {
    const before = JSON.stringify(pod);
    patch({ metadata: { labels: null } });
    expect(JSON.stringify(pod)).toBe(before);
  });
});
