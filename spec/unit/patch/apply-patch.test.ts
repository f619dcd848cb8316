import { StatusError } from '../../../lib/errors/status-error.js';
import { applyPatch, applyPatchDetailed } from '../../../lib/patch/apply-patch.js';
import { GoPanicError, type JsonValue } from '../../../lib/patch/go-value.js';
import { newUnsupportedPatchType, PatchType, patchTypeFromContentType, supportedPatchTypes } from '../../../lib/patch/patch-type.js';

const podKind = { group: '', version: 'v1', kind: 'Pod' };
const pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, finalizers: ['a/b'] },
  spec: {
    containers: [{ name: 'app', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }],
    ephemeralContainers: [{ name: 'dbg', image: 'busybox' }],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
};
type PodLike = typeof pod;
const smp = (body: string | JsonValue, opts = {}) => applyPatch(pod, PatchType.StrategicMerge, body, podKind, opts) as PodLike;
const thrown = (f: () => unknown): StatusError => {
  try { f(); } catch (e) { if (e instanceof StatusError) return e; throw e; }
  throw new Error('no error');
};

describe('strategic merge patch on a Pod, with the core/v1 patch metadata', () => {
  it('puts a new ephemeral container before the existing ones when there is no $setElementOrder', () => {
    const out = smp({ spec: { ephemeralContainers: [{ name: 'dbg2', image: 'busybox' }] } });
    expect(out.spec.ephemeralContainers.map((c) => c.name)).toEqual(['dbg2', 'dbg']);
  });

  it('puts it last with kubectl debug\'s $setElementOrder/ephemeralContainers', () => {
    const out = smp({ spec: {
      '$setElementOrder/ephemeralContainers': [{ name: 'dbg' }, { name: 'dbg2' }],
      ephemeralContainers: [{ name: 'dbg2', image: 'busybox', stdin: true }],
    } });
    expect(out.spec.ephemeralContainers).toEqual([{ name: 'dbg', image: 'busybox' }, { name: 'dbg2', image: 'busybox', stdin: true }]);
  });

  it('merges containers by name and env by name, keeping the other entries', () => {
    const out = smp({ spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '3' }] }] } });
    expect(out.spec.containers).toEqual([{ name: 'app', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }] }]);
  });

  it('replaces untagged lists (tolerations) and merges finalizers as a scalar set', () => {
    const out = smp({ metadata: { finalizers: ['c/d', 'a/b'] }, spec: { tolerations: [{ key: 'x', operator: 'Exists' }] } });
    expect(out.metadata.finalizers).toEqual(['c/d', 'a/b']);
    expect(out.spec.tolerations).toEqual([{ key: 'x', operator: 'Exists' }]);
  });

  it('deletes list items with $patch: delete and map keys with null', () => {
    const out = smp({ metadata: { labels: { app: null } }, status: { conditions: [{ type: 'Ready', $patch: 'delete' }] } });
    expect(out.metadata.labels).toEqual({});
    expect(out.status.conditions).toEqual([]);
  });

  it('clears other volume source keys with $retainKeys', () => {
    const out = smp({ spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/x' } }] } });
    expect(out.spec.volumes).toEqual([{ name: 'data', hostPath: { path: '/x' } }]);
  });

  it('removes finalizers with $deleteFromPrimitiveList/finalizers', () => {
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a/b'] } }).metadata.finalizers).toEqual([]);
  });

  it('changes nothing for a null body (a nil patch map)', () => {
    expect(smp('null')).toEqual(pod);
  });

  it('reports duplicate fields of the body as strict errors', () => {
    expect(applyPatchDetailed(pod, PatchType.StrategicMerge, '{"spec":{"nodeName":"a","nodeName":"b"}}', podKind).strictErrors)
      .toEqual(['duplicate field "spec.nodeName"']);
  });
});

describe('strategic merge patch errors carry interpretStrategicMergePatchError\'s HTTP codes', () => {
  const status = (code: number, reason: string, message: string, details?: object) => ({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), ...(details && { details }), code,
  });

  it('a body that is not a JSON object: 400 with the decoder message', () => {
    expect(thrown(() => smp('[]')).status).toEqual(status(400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}'));
    expect(thrown(() => smp('{"spec":')).message).toBe('unexpected end of JSON input');
  });

  it('a malformed directive key: 400 invalid patch format of primitive list / setElementOrder list / retainKeys', () => {
    expect(thrown(() => smp({ metadata: { $deleteFromPrimitiveList: ['a/b'] } })).status)
      .toEqual(status(400, 'BadRequest', 'invalid patch format of primitive list'));
    expect(thrown(() => smp({ spec: { $setElementOrder: [] } })).message).toBe('invalid patch format of setElementOrder list');
    expect(thrown(() => smp({ spec: { volumes: [{ name: 'data', $retainKeys: 'name' }] } })).message).toBe('invalid patch format of retainKeys');
  });

  it('lists of lists: 422 Invalid with the generic message; mixed element types: the raw 500', () => {
    const bare = { ...pod, metadata: { ...pod.metadata, finalizers: [] } };
    expect(thrown(() => applyPatch(bare, PatchType.StrategicMerge, { metadata: { finalizers: [['x']] } }, podKind)).status)
      .toEqual(status(422, 'Invalid', 'the server rejected our request due to an error in our request', {}));
    expect(thrown(() => smp({ metadata: { finalizers: [['x']] } })).status)
      .toEqual(status(500, '', 'list element types are not identical: [[a/b] [[x]]]'));
  });

  it('a list item without its merge key: the raw Go error as a 500 with no reason and no details', () => {
    expect(thrown(() => smp({ spec: { containers: [{ image: 'x' }] } })).status)
      .toEqual(status(500, '', 'map: map[image:x] does not contain declared merge key: name'));
  });

  it('other raw errors: unknown $patch value, non-list $setElementOrder, mismatched order', () => {
    expect(thrown(() => smp({ spec: { $patch: 'merge' } })).message).toBe('unknown patch type: merge in map: map[$patch:merge]');
    expect(thrown(() => smp({ spec: { '$setElementOrder/containers': 'app' } })).message).toBe('expected a []interface {}, but received a string');
    expect(thrown(() => smp({ spec: {
      '$setElementOrder/ephemeralContainers': [{ name: 'b' }, { name: 'a' }],
      ephemeralContainers: [{ name: 'a' }, { name: 'b' }],
    } })).message).toBe("The order in patch list:\n[map[name:a] map[name:b]]\n doesn't match $setElementOrder list:\n[map[name:b] map[name:a]]\n");
  });

  it('a field unknown to the Go struct when both sides are maps: unable to find api field in struct ObjectMeta', () => {
    const withExtra = { ...pod, metadata: { ...pod.metadata, extra: { a: 1 } } };
    expect(thrown(() => applyPatch(withExtra, PatchType.StrategicMerge, { metadata: { extra: { b: 2 } } }, podKind)).status)
      .toEqual(status(500, '', 'unable to find api field in struct ObjectMeta for the json field "extra"'));
  });

  it('panics where apiserver would (a merge list whose first element is null)', () => {
    const bare = { ...pod, metadata: { ...pod.metadata, finalizers: [] } };
    expect(() => applyPatch(bare, PatchType.StrategicMerge, { metadata: { finalizers: [null] } }, podKind)).toThrow(GoPanicError);
  });
});

describe('patch types and Content-Type', () => {
  it('lists the four patch types in installer order', () => {
    expect(supportedPatchTypes).toEqual([
      'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml',
    ]);
  });

  it('reads the media type before ";" and nothing else (no trimming, case-sensitive)', () => {
    expect(patchTypeFromContentType('application/merge-patch+json; charset=utf-8')).toBe(PatchType.Merge);
    expect(patchTypeFromContentType('application/merge-patch+json ;charset=utf-8')).toBeUndefined();
    expect(patchTypeFromContentType('Application/Merge-Patch+json')).toBeUndefined();
    expect(patchTypeFromContentType('application/json')).toBeUndefined();
  });

  it('answers other types with 415 UnsupportedMediaType listing the accepted ones, without details', () => {
    expect(newUnsupportedPatchType().status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });
});

describe('server-side apply (application/apply-patch+yaml), without field ownership', () => {
  const apply = (body: string | JsonValue, fieldValidation?: 'Warn' | 'Strict') =>
    applyPatchDetailed(pod, PatchType.Apply, body, podKind, fieldValidation ? { fieldValidation } : {});

  it('merges the configuration: labels key by key, containers by name in structured-merge-diff order', () => {
    const out = apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    color: blue\nspec:\n  containers:\n  - name: side\n    image: envoy\n  - name: app\n    image: nginx:2\n').object as PodLike;
    expect(out.metadata.labels).toEqual({ app: 'web', color: 'blue' });
    expect(out.spec.containers.map((c) => [c.name, c.image])).toEqual([['side', 'envoy'], ['app', 'nginx:2']]);
    expect(out.spec.containers[1]?.env).toEqual(pod.spec.containers[0]?.env);
  });

  it('rejects another kind: 400 invalid object type: /v1, Kind=Node', () => {
    expect(thrown(() => apply('apiVersion: v1\nkind: Node\n')).message).toBe('invalid object type: /v1, Kind=Node');
    expect(thrown(() => apply('')).message).toBe('invalid object type: /, Kind=');
  });

  it('rejects managedFields in the configuration: metadata.managedFields must be nil', () => {
    expect(thrown(() => apply({ apiVersion: 'v1', kind: 'Pod', metadata: { managedFields: [] } })).message).toBe('metadata.managedFields must be nil');
  });

  it('rejects a body that is not a map: error decoding YAML (400)', () => {
    const e = thrown(() => apply('- a\n- b\n'));
    expect([e.code, e.message]).toEqual([400, 'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}']);
    expect(thrown(() => apply('a: [1,\n')).message).toMatch(/^error decoding YAML: error converting YAML to JSON: yaml: /);
  });

  it('rejects duplicate list-map keys in the configuration as a raw 500', () => {
    const e = thrown(() => apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n  - name: a\n  - name: a\n'));
    expect([e.code, e.reason, e.message]).toEqual([500, '', 'failed to create typed patch object (default/web; /v1, Kind=Pod): .spec.containers: duplicate entries for key [name="a"]']);
  });

  it('reports duplicate YAML keys: a warning under Warn, 400 under Strict', () => {
    const body = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  name: web\n';
    expect(apply(body).strictErrors).toEqual(['error converting YAML to JSON: yaml: unmarshal errors:\n  line 5: key "name" already set in map']);
    expect(thrown(() => apply(body, 'Strict')).message)
      .toBe('error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 5: key "name" already set in map');
  });
});
