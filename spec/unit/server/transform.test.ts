import type { KubernetesList, Pod } from '../../../lib/api/types.js';
import { StatusError } from '../../../lib/errors/status-error.js';
import type { MediaTypeOptions } from '../../../lib/server/negotiation.js';
import { transformResponseObject } from '../../../lib/server/transform.js';

const now = Date.parse('2025-01-01T00:00:00Z');
const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', resourceVersion: '7', creationTimestamp: '2024-12-31T23:00:00Z' },
  spec: { containers: [{ name: 'web' }] },
  status: { phase: 'Pending' },
};
const list: KubernetesList<Pod> = { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '9' }, items: [pod] };
const as = (kind: string, version = 'v1'): MediaTypeOptions => ({ mediaType: 'application/json', pretty: false, convert: { group: 'meta.k8s.io', version, kind } });
const ctx = (query = '') => ({ resource: 'pods', now, query: new URLSearchParams(query) });
const code = (fn: () => unknown): number => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.code;
  }
  return 0;
};

describe('transformResponseObject (handlers/response.go doTransformObject)', () => {
  it('passes objects through without a conversion and writes an empty list with items: []', () => {
    expect(transformResponseObject(pod, { mediaType: 'application/json', pretty: false }, ctx())).toBe(pod);
    const empty = { apiVersion: 'v1', kind: 'PodList', metadata: {}, items: [] };
    expect(transformResponseObject(empty, { mediaType: 'application/json', pretty: false }, ctx())).toEqual(empty);
  });

  it('converts a list to a Table carrying the list resourceVersion', () => {
    const t = transformResponseObject(list, as('Table'), ctx()) as { kind: string; metadata: object; rows: { cells: unknown[] }[] };
    expect(t.kind).toBe('Table');
    expect(t.metadata).toEqual({ resourceVersion: '9' });
    expect(t.rows[0]!.cells.slice(0, 5)).toEqual(['web', '0/1', 'Pending', '0', '60m']);
  });

  it('converts a single object to a one-row Table with its own resourceVersion', () => {
    const t = transformResponseObject(pod, as('Table', 'v1beta1'), ctx('includeObject=None')) as { apiVersion: string; metadata: object; rows: { object: unknown }[] };
    expect(t.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(t.metadata).toEqual({ resourceVersion: '7' });
    expect(t.rows[0]!.object).toBeNull();
  });

  it('checks includeObject before converting (400)', () => {
    expect(code(() => transformResponseObject(list, as('Table'), ctx('includeObject=All')))).toBe(400);
  });

  it('answers PartialObjectMetadata for an object and 406 for a list', () => {
    expect(transformResponseObject(pod, as('PartialObjectMetadata'), ctx())).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'web' } });
    expect(code(() => transformResponseObject(list, as('PartialObjectMetadata'), ctx()))).toBe(406);
  });

  it('answers PartialObjectMetadataList for a list and 406 for an object', () => {
    expect(transformResponseObject(list, as('PartialObjectMetadataList'), ctx())).toMatchObject({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '9' },
      items: [{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'web' } }],
    });
    expect(code(() => transformResponseObject(pod, as('PartialObjectMetadataList'), ctx()))).toBe(406);
  });

  it('passes a Status through untouched', () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410 };
    expect(transformResponseObject(status, as('Table'), ctx())).toBe(status);
  });
});
