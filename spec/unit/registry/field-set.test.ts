import { FieldSet, pathElementKey, pathString, type FieldPath } from '../../../lib/registry/field-set.js';

const set = (...paths: FieldPath[]): FieldSet => {
  const s = new FieldSet();
  for (const p of paths) s.insert(p);
  return s;
};
const spec = { field: 'spec' };
const containers = { field: 'containers' };
const web = { key: [['name', 'web']] as const };

describe('FieldSet (structured-merge-diff fieldpath.Set) and its FieldsV1 form', () => {
  it('serialises path elements as f:, k: (sorted key fields, Go JSON) , v: and i:', () => {
    expect(pathElementKey({ field: 'image' })).toBe('f:image');
    expect(pathElementKey({ key: [['containerPort', 80], ['protocol', 'TCP']] })).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(pathElementKey({ value: 'kubernetes' })).toBe('v:"kubernetes"');
    expect(pathElementKey({ index: 3 })).toBe('i:3');
    expect(pathElementKey({ key: [['name', 'a<b']] })).toBe('k:{"name":"a\\u003cb"}');
  });

  it('writes "." first for a member that has children, and {} for a leaf', () => {
    const s = set([spec, containers, web], [spec, containers, web, { field: 'image' }], [spec, { field: 'dnsPolicy' }]);
    expect(JSON.stringify(s.toFieldsV1())).toBe('{"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{}}},"f:dnsPolicy":{}}}');
  });

  it('orders fields by byte order, then keys field by field with numbers compared numerically', () => {
    const ports = { field: 'ports' };
    const s = set(
      [ports, { key: [['containerPort', 9090], ['protocol', 'TCP']] }],
      [ports, { key: [['containerPort', 53], ['protocol', 'UDP']] }],
      [ports, { key: [['containerPort', 80], ['protocol', 'TCP']] }],
      [{ field: 'b' }], [{ field: 'B' }], [{ field: 'a' }],
    );
    expect(Object.keys(s.toFieldsV1())).toEqual(['f:B', 'f:a', 'f:b', 'f:ports']);
    expect(Object.keys(s.toFieldsV1()['f:ports'] as object)).toEqual([
      'k:{"containerPort":53,"protocol":"UDP"}', 'k:{"containerPort":80,"protocol":"TCP"}', 'k:{"containerPort":9090,"protocol":"TCP"}',
    ]);
  });

  it('reads FieldsV1 back into the same set', () => {
    const s = set([spec, containers, web], [spec, containers, web, { field: 'image' }], [{ field: 'metadata' }, { field: 'labels' }, { field: 'run' }]);
    const back = FieldSet.fromFieldsV1(JSON.parse(JSON.stringify(s.toFieldsV1())));
    expect(back.toFieldsV1()).toEqual(s.toFieldsV1());
    expect(back.has([spec, containers, web])).toBe(true);
    expect(back.has([spec, containers])).toBe(false);
  });

  it('difference removes exact members only; recursiveDifference also drops what lies under them', () => {
    const s = set([spec, { field: 'a' }], [{ field: 'status' }, { field: 'phase' }], [{ field: 'status' }]);
    const status = set([{ field: 'status' }]);
    expect(s.difference(status).paths().map(pathString)).toEqual(['.spec.a', '.status.phase']);
    expect(s.recursiveDifference(status).paths().map(pathString)).toEqual(['.spec.a']);
  });

  it('union and intersection work member by member and drop empty nodes', () => {
    const a = set([spec, { field: 'a' }], [spec, { field: 'b' }]);
    const b = set([spec, { field: 'b' }], [spec, { field: 'c' }]);
    expect(a.union(b).paths().map(pathString)).toEqual(['.spec.a', '.spec.b', '.spec.c']);
    expect(a.intersection(b).paths().map(pathString)).toEqual(['.spec.b']);
    expect(a.intersection(set([{ field: 'x' }])).isEmpty()).toBe(true);
  });

  it('prints paths as SMD does', () => {
    expect(pathString([spec, containers, web, { field: 'image' }])).toBe('.spec.containers[name="web"].image');
  });
});
