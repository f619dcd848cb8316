import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pod } from '../../../lib/api/types.js';
import { asPartialObjectMetadata, columnDefinitionsFor, tableListMetaOf, toTable } from '../../../lib/printers/table.js';

interface ColumnRef {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}
const reference = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/table-printing/column-definitions.json'), 'utf8'),
) as Record<'pods' | 'nodes' | 'namespaces' | 'events', ColumnRef[]>;

const now = Date.parse('2025-01-01T00:00:00Z');
const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '1003',
    creationTimestamp: '2024-12-31T23:59:53Z',
    labels: { run: 'web' },
    managedFields: [{ manager: 'kubectl-run', operation: 'Update', apiVersion: 'v1' }],
  },
  spec: { containers: [{ name: 'web', image: 'nginx' }], nodeName: 'node-1' },
  status: {
    phase: 'Running',
    podIP: '10.244.0.12',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'web', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }],
  },
};

describe('column definitions (AddHandlers)', () => {
  it.each(['pods', 'nodes', 'namespaces', 'events'] as const)('%s columns match the reference word for word', (resource) => {
    const expected = reference[resource].map(({ name, type, format, description, priority }) => ({ name, type, format, description, priority }));
    expect(columnDefinitionsFor(resource)).toEqual(expected);
  });
});

describe('toTable', () => {
  it('serves all nine pod columns and cells by default, as the TableConvertor always prints wide', () => {
    const t = toTable('pods', [pod], { now });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.columnDefinitions).toHaveLength(9);
    expect(t.rows[0]!.cells).toEqual(['web', '1/1', 'Running', '0', '7s', '10.244.0.12', 'node-1', '<none>', '<none>']);
  });

  it('carries PartialObjectMetadata (managedFields included) when includeObject is unset', () => {
    const t = toTable('pods', [pod], { now });
    expect(t.rows[0]!.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
  });

  it('uses the Table group version for the PartialObjectMetadata of a v1beta1 Table', () => {
    const t = toTable('pods', [pod], { now, groupVersion: 'meta.k8s.io/v1beta1' });
    expect(t.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(t.rows[0]!.object).toMatchObject({ apiVersion: 'meta.k8s.io/v1beta1', kind: 'PartialObjectMetadata' });
  });

  it('carries the whole object for includeObject=Object and null for None', () => {
    expect(toTable('pods', [pod], { now, includeObject: 'Object' }).rows[0]!.object).toBe(pod);
    const none = toTable('pods', [pod], { now, includeObject: 'None' });
    expect(JSON.stringify(none.rows[0])).toContain('"object":null');
  });

  it('drops priority-1 columns and cells when not wide', () => {
    const t = toTable('pods', [pod], { now, wide: false });
    expect(t.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(t.rows[0]!.cells).toHaveLength(5);
  });

  it('serialises columnDefinitions as null when headers are suppressed (watch events after the first)', () => {
    const t = toTable('pods', [pod], { now, noHeaders: true });
    expect(JSON.stringify(t)).toContain('"columnDefinitions":null');
  });

  it('copies the list metadata and keeps rows in list order with an empty rows array for no items', () => {
    const t = toTable('pods', [pod, { ...pod, metadata: { ...pod.metadata, name: 'a' } }], {
      now,
      listMeta: tableListMetaOf({ metadata: { resourceVersion: '9', continue: 'tok', remainingItemCount: 3 } }, true),
    });
    expect(t.metadata).toEqual({ resourceVersion: '9', continue: 'tok', remainingItemCount: 3 });
    expect(t.rows.map((r) => r.cells[0])).toEqual(['web', 'a']);
    expect(toTable('pods', [], { now }).rows).toEqual([]);
  });

  it('puts the Completed row condition before the object, as the TableRow field order has it', () => {
    const done: Pod = { ...pod, status: { phase: 'Succeeded' } };
    expect(Object.keys(toTable('pods', [done], { now }).rows[0]!)).toEqual(['cells', 'conditions', 'object']);
  });

  it('refuses a resource without a printer', () => {
    expect(() => toTable('bindings', [], { now })).toThrow('no table handler');
  });
});

describe('tableListMetaOf', () => {
  it('copies only the resourceVersion of a single object', () => {
    expect(tableListMetaOf(pod, false)).toEqual({ resourceVersion: '1003' });
  });
});

describe('asPartialObjectMetadata', () => {
  it('writes ObjectMeta fields in Go order with a null creationTimestamp when unset', () => {
    const p = asPartialObjectMetadata({ metadata: { labels: { a: 'b' }, name: 'x', deletionGracePeriodSeconds: 0, generation: 0 } });
    expect(JSON.stringify(p.metadata)).toBe('{"name":"x","creationTimestamp":null,"deletionGracePeriodSeconds":0,"labels":{"a":"b"}}');
  });
});
