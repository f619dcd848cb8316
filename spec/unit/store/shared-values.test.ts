import fc from 'fast-check';
import { SharedValues } from '../../../lib/store/shared-values.js';
import { VersionedStore } from '../../../lib/store/store.js';
import type { KubernetesObject } from '../../../lib/api/types.js';

const pod = (name: string, image = 'nginx:1.27'): KubernetesObject & { spec: { containers: { name: string; image: string; env: { name: string; value: string }[] }[]; tolerations: unknown[] } } => ({
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: {
    containers: [{ name: 'web', image, env: [{ name: 'A', value: '1' }] }],
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
});

const isDeepFrozen = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || (Object.isFrozen(v) && Object.values(v).every(isDeepFrozen));

describe('SharedValues: equal subtrees of stored objects are stored once', () => {
  it('gives two stored objects the same frozen value for an equal subtree', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'default/a', pod('a'));
    const b = s.create('pods', 'default/b', pod('b'));
    expect(b.spec.tolerations).toBe(a.spec.tolerations);
    expect(b.metadata!.labels).toBe(a.metadata!.labels);
    expect(isDeepFrozen(a)).toBe(true);
    expect(isDeepFrozen(b)).toBe(true);
  });

  it('never shares the object itself or its metadata, which carry name, uid and resourceVersion', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'default/a', pod('a'));
    const b = s.create('pods', 'default/b', pod('b'));
    expect(b).not.toBe(a);
    expect(b.metadata).not.toBe(a.metadata);
    expect(b.metadata!.name).toBe('b');
  });

  it('shares only what is equal: a different image keeps its own container', () => {
    const s = new VersionedStore();
    const a = s.create('pods', 'default/a', pod('a'));
    const b = s.create('pods', 'default/b', pod('b', 'nginx:1.28'));
    const c = s.create('pods', 'default/c', pod('c'));
    expect(b.spec.containers[0]!.image).toBe('nginx:1.28');
    expect(b.spec.containers[0]).not.toBe(a.spec.containers[0]);
    expect(b.spec.containers[0]!.env).toBe(a.spec.containers[0]!.env);
    expect(c.spec.containers[0]).toBe(a.spec.containers[0]);
  });

  it('keeps key order: objects with the same entries in another order stay distinct', () => {
    const sv = new SharedValues();
    const x = sv.share({ metadata: {}, spec: { o: { a: 1, b: 2 } } });
    const y = sv.share({ metadata: {}, spec: { o: { b: 2, a: 1 } } });
    expect(Object.keys(y.spec.o)).toEqual(['b', 'a']);
    expect(y.spec.o).not.toBe(x.spec.o);
  });

  it('copies a frozen subtree that needs a canonical child instead of changing it', () => {
    const sv = new SharedValues();
    const first = sv.share({ metadata: {}, spec: { inner: { k: 'v' }, other: 1 } });
    const frozenInput = Object.freeze({ inner: Object.freeze({ k: 'v' }), other: 2 });
    const second = sv.share({ metadata: {}, spec: frozenInput });
    expect(second.spec.inner).toBe(first.spec.inner);
    expect(frozenInput.inner).not.toBe(first.spec.inner);
    expect(second.spec).toEqual({ inner: { k: 'v' }, other: 2 });
  });

  it('leaves values that are not plain JSON objects alone', () => {
    const sv = new SharedValues();
    const when = new Date(0);
    const out = sv.share({ metadata: {}, spec: { when, list: [{}] } });
    expect(out.spec.when).toBe(when);
    expect(Object.isFrozen(when)).toBe(false);
    expect(Object.isFrozen(out.spec.list)).toBe(true);
  });

  it('does not grow without bound when a value holding something opaque is stored again and again', () => {
    const sv = new SharedValues();
    const when = new Date(0);
    const spec = Object.freeze({ when, list: Object.freeze([1]) });
    for (let i = 0; i < 100; i++) sv.share({ metadata: {}, spec });
    for (let i = 0; i < 100; i++) sv.share({ metadata: {}, spec: { when, list: [1] } });
    expect(sv.size.nodes).toBeLessThanOrEqual(10);
  });

  it('holds at most two generations of canonical values, however many distinct values pass', () => {
    const sv = new SharedValues({ generationSize: 100 });
    for (let i = 0; i < 2000; i++) sv.share({ metadata: {}, spec: { leaf: { n: i }, s: `value-${i}` } });
    expect(sv.size.nodes).toBeLessThanOrEqual(200);
    expect(sv.size.strings).toBeLessThanOrEqual(200);
  });

  it('changes no value: a shared object serialises exactly as its input did', () => {
    const json = fc.jsonValue({ maxDepth: 5 });
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 5 }), (specs) => {
        const sv = new SharedValues({ generationSize: 8 });
        for (const spec of [...specs, ...specs]) {
          const input = { metadata: { name: 'x' }, spec: structuredClone(spec) };
          const expected = JSON.stringify(input);
          const out = sv.share(input);
          expect(JSON.stringify(out)).toBe(expected);
          expect(isDeepFrozen(out)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
