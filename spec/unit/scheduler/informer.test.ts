import type { KubernetesList, Node } from '../../../lib/api/types.js';
import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { Informer, objectKey } from '../../../lib/scheduler/informer.js';
import { Watcher } from '../../../lib/store/watcher.js';
import { makeNode } from './fixtures.js';

/** A list-watch whose objects and watch the test controls. */
function fakeListWatch(items: Node[]) {
  const state = { items, rv: '10', watchers: [] as Watcher<Node>[], queries: [] as unknown[] };
  return {
    state,
    lw: {
      list: (): KubernetesList<Node> => ({ apiVersion: 'v1', kind: 'NodeList', metadata: { resourceVersion: state.rv }, items: state.items }),
      watch: (q?: unknown): Watcher<Node> => {
        state.queries.push(q);
        const w = new Watcher<Node>(100, () => undefined);
        state.watchers.push(w);
        return w;
      },
    },
  };
}

describe('Informer (reflector list + watch)', () => {
  it('lists, then watches from the list resourceVersion, delivering adds, updates and deletes', () => {
    const seen: string[] = [];
    const { state, lw } = fakeListWatch([makeNode('a')]);
    const inf = new Informer(lw, {
      onAdd: (n) => seen.push(`add ${n.metadata!.name}`),
      onUpdate: (_o, n) => seen.push(`update ${n.metadata!.name}`),
      onDelete: (n) => seen.push(`delete ${n.metadata!.name}`),
    }, new VirtualClock());
    inf.start();
    expect(state.queries).toEqual([{ resourceVersion: '10' }]);
    const w = state.watchers[0]!;
    w.push({ type: 'ADDED', object: makeNode('b') });
    w.push({ type: 'MODIFIED', object: { ...makeNode('b'), metadata: { name: 'b', resourceVersion: '12' } } });
    // The same resourceVersion again is no update.
    w.push({ type: 'MODIFIED', object: { ...makeNode('b'), metadata: { name: 'b', resourceVersion: '12' } } });
    w.push({ type: 'DELETED', object: makeNode('a') });
    expect(seen).toEqual(['add a', 'add b', 'update b', 'delete a']);
    expect([...inf.store.keys()]).toEqual(['b']);
  });

  it('relists on the next tick when the watch is closed under it, and reconciles what was missed', () => {
    const seen: string[] = [];
    const clock = new VirtualClock();
    const { state, lw } = fakeListWatch([makeNode('a'), makeNode('b')]);
    const inf = new Informer(lw, { onAdd: (n) => seen.push(`add ${objectKey(n)}`), onUpdate: () => undefined, onDelete: (n) => seen.push(`delete ${objectKey(n)}`) }, clock);
    inf.start();
    state.items = [makeNode('b'), makeNode('c')];
    state.watchers[0]!.end('expired');
    expect(seen).toEqual(['add a', 'add b']);
    clock.flush();
    expect(seen).toEqual(['add a', 'add b', 'add c', 'delete a']);
    expect(state.watchers).toHaveLength(2);
  });

  it('does not relist after stop()', () => {
    const clock = new VirtualClock();
    const { state, lw } = fakeListWatch([]);
    const inf = new Informer(lw, { onAdd: () => undefined, onUpdate: () => undefined, onDelete: () => undefined }, clock);
    inf.start();
    inf.stop();
    clock.flush();
    expect(state.watchers).toHaveLength(1);
  });
});
