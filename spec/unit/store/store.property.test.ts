import fc from 'fast-check';
import { VersionedStore } from '../../../lib/store/store.js';
import type { KubernetesObject } from '../../../lib/api/types.js';

type Op = { t: 'create' | 'update' | 'delete'; name: string; label: string; rvOffset: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  t: fc.constantFrom('create', 'update', 'delete'),
  name: fc.constantFrom('a', 'b', 'c', 'd'),
  label: fc.constantFrom('x', 'y'),
  rvOffset: fc.constantFrom(0, 0, 0, -1),
});

function apply(s: VersionedStore, op: Op): void {
  const key = `ns/${op.name}`;
  const cur = s.get<KubernetesObject>('pods', key);
  const rv = cur ? String(Number(cur.metadata!.resourceVersion) + op.rvOffset) : '';
  if (op.t === 'create') s.create('pods', key, { metadata: { name: op.name, namespace: 'ns', labels: { l: op.label } } });
  else if (op.t === 'update') s.update('pods', key, { resourceVersion: rv }, (c) => ({ ...c, metadata: { ...c.metadata, labels: { l: op.label } } }));
  else s.delete('pods', key, { resourceVersion: rv });
}

describe('store properties over random operation sequences', () => {
  it('resourceVersions strictly increase, failed operations change nothing, and replaying a watch from any retained version reproduces the state', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const s = new VersionedStore();
        const snapshots: { rv: number; state: Map<string, string> }[] = [{ rv: s.resourceVersion, state: new Map() }];
        let lastRv = s.resourceVersion;
        for (const op of ops) {
          const before = JSON.stringify(s.list('pods').items);
          const rvBefore = s.resourceVersion;
          try {
            apply(s, op);
          } catch {
            expect(JSON.stringify(s.list('pods').items)).toBe(before);
            expect(s.resourceVersion).toBe(rvBefore);
          }
          expect(s.resourceVersion).toBeGreaterThanOrEqual(lastRv);
          lastRv = s.resourceVersion;
          const state = new Map(s.list('pods').items.map((o) => [o.metadata!.name!, o.metadata!.labels!['l']!]));
          snapshots.push({ rv: s.resourceVersion, state });
        }
        const final = snapshots[snapshots.length - 1]!.state;
        for (const snap of snapshots) {
          const state = new Map(snap.state);
          const w = s.watch('pods', { resourceVersion: snap.rv });
          let prevRv = snap.rv;
          for (const e of w.drain()) {
            const rv = Number(e.object.metadata!.resourceVersion);
            expect(rv).toBeGreaterThan(prevRv);
            prevRv = rv;
            if (e.type === 'DELETED') state.delete(e.object.metadata!.name!);
            else state.set(e.object.metadata!.name!, e.object.metadata!.labels!['l']!);
          }
          w.stop();
          expect(state).toEqual(final);
        }
      }),
      { numRuns: 200 },
    );
  });
});
