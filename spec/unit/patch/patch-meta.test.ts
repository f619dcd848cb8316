import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  goTypeForKind, goTypeFromTable, PatchMetaFromStruct, patchMetaForKind, type GoType, type TypeTable,
} from '../../../lib/patch/patch-meta.js';
import { loadOpenApiSchemas, packageRoot } from '../../../lib/patch/openapi-document.js';

const dir = path.resolve(process.cwd(), '../shared/reference/strategic-merge-patch');
const reference = JSON.parse(readFileSync(path.join(dir, 'smp-schema.json'), 'utf8')) as {
  types: TypeTable;
  corev1Pod: { tagged: Array<{ path: string; patchStrategy: string; patchMergeKey?: string }>; untaggedLists: string[] };
};

/** Every field path under a type (`spec.containers[].env`) with its tags; recursion stops at a type already on the path. */
function walk(t: GoType, prefix: string, onPath: Set<GoType>, out: Map<string, { strategy: string; key: string; list: boolean }>): void {
  if (t.kind !== 'struct' || onPath.has(t)) return;
  onPath.add(t);
  for (const f of t.fields ?? []) {
    const p = prefix ? `${prefix}.${f.jsonName}` : f.jsonName;
    out.set(p, { strategy: f.patchStrategy, key: f.patchMergeKey, list: f.type.kind === 'slice' });
    const next = f.type.kind === 'slice' || f.type.kind === 'ptr' ? f.type.elem : f.type;
    if (next) walk(next, f.type.kind === 'slice' ? `${p}[]` : p, onPath, out);
  }
  onPath.delete(t);
}

describe('patch metadata derived from the core/v1 OpenAPI v3 document', () => {
  const pod = new Map<string, { strategy: string; key: string; list: boolean }>();
  walk(goTypeForKind({ group: '', version: 'v1', kind: 'Pod' }), '', new Set(), pod);

  it('finds the package root and reads the document once', () => {
    expect(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).toContain('"name": "kubesim"');
    expect(loadOpenApiSchemas()).toBe(loadOpenApiSchemas());
  });

  it('gives every Pod field the SMP tags of k8s.io/api v0.32 core/v1 types.go, and no others', () => {
    const tagged = [...pod].filter(([, m]) => m.strategy !== '').map(([p, m]) => ({ path: p, patchStrategy: m.strategy, patchMergeKey: m.key || undefined }));
    const expected = reference.corev1Pod.tagged.map((t) => ({ path: t.path, patchStrategy: t.patchStrategy, patchMergeKey: t.patchMergeKey }));
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(tagged.sort(byPath)).toEqual(expected.sort(byPath));
  });

  it.each(reference.corev1Pod.untaggedLists)('replaces the untagged list %s wholesale (no patch strategy)', (p) => {
    expect(pod.get(p)).toEqual(expect.objectContaining({ strategy: '', list: true }));
  });

  it.each([
    [{ group: '', version: 'v1', kind: 'Node' }, 'status', 'conditions', 'type'],
    [{ group: '', version: 'v1', kind: 'Node' }, 'status', 'addresses', 'type'],
    [{ group: '', version: 'v1', kind: 'Namespace' }, 'status', 'conditions', 'type'],
    [{ group: '', version: 'v1', kind: 'Pod' }, 'spec', 'ephemeralContainers', 'name'],
  ])('merges %o .%s.%s by %s', (gvk, parent, list, key) => {
    const [status] = patchMetaForKind(gvk).lookupPatchMetadataForStruct(parent);
    const [, meta] = status.lookupPatchMetadataForSlice(list);
    expect(meta).toEqual({ patchStrategies: ['merge'], patchMergeKey: key });
  });

  it('merges Node spec.podCIDRs as a scalar set and Event fields have no strategy', () => {
    const [spec] = patchMetaForKind({ group: '', version: 'v1', kind: 'Node' }).lookupPatchMetadataForStruct('spec');
    expect(spec.lookupPatchMetadataForSlice('podCIDRs')[1]).toEqual({ patchStrategies: ['merge'], patchMergeKey: '' });
    const [, series] = patchMetaForKind({ group: '', version: 'v1', kind: 'Event' }).lookupPatchMetadataForStruct('series');
    expect(series).toEqual({ patchStrategies: [''], patchMergeKey: '' });
  });

  it('splits merge,retainKeys as the Go tag reader does', () => {
    const [spec] = patchMetaForKind({ group: '', version: 'v1', kind: 'Pod' }).lookupPatchMetadataForStruct('spec');
    expect(spec.lookupPatchMetadataForSlice('volumes')[1]).toEqual({ patchStrategies: ['merge', 'retainKeys'], patchMergeKey: 'name' });
  });

  it('names the Go struct in unknown-field errors: unable to find api field in struct PodSpec', () => {
    const [spec] = patchMetaForKind({ group: '', version: 'v1', kind: 'Pod' }).lookupPatchMetadataForStruct('spec');
    expect(() => spec.lookupPatchMetadataForStruct('bogus')).toThrow('unable to find api field in struct PodSpec for the json field "bogus"');
  });

  it('falls back to a case-insensitive field match, as Go encoding/json does', () => {
    const [spec] = patchMetaForKind({ group: '', version: 'v1', kind: 'Pod' }).lookupPatchMetadataForStruct('Spec');
    expect(spec.lookupPatchMetadataForSlice('CONTAINERS')[1].patchMergeKey).toBe('name');
  });

  it('refuses to look into a map type: merging an object in json but data type is not struct, instead is: map', () => {
    const [meta] = patchMetaForKind({ group: '', version: 'v1', kind: 'Pod' }).lookupPatchMetadataForStruct('metadata');
    const [labels] = meta.lookupPatchMetadataForStruct('labels');
    expect(() => labels.lookupPatchMetadataForStruct('app')).toThrow('merging an object in json but data type is not struct, instead is: map');
  });

  it('reports the element kind of a list as Name(): struct for containers, string for finalizers', () => {
    const root = patchMetaForKind({ group: '', version: 'v1', kind: 'Pod' });
    expect(root.lookupPatchMetadataForStruct('spec')[0].lookupPatchMetadataForSlice('containers')[0].name()).toBe('struct');
    expect(root.lookupPatchMetadataForStruct('metadata')[0].lookupPatchMetadataForSlice('finalizers')[0].name()).toBe('string');
  });

  it('rejects a list lookup on a non-list field: expected slice or array type, but got: struct', () => {
    const [spec] = patchMetaForKind({ group: '', version: 'v1', kind: 'Pod' }).lookupPatchMetadataForStruct('spec');
    expect(() => spec.lookupPatchMetadataForSlice('nodeName')).toThrow('expected slice or array type, but got: struct');
  });

  it('builds the reference test structs (MergeItem) through the same lookup', () => {
    const item = new PatchMetaFromStruct(goTypeFromTable(reference.types, 'mergeItem'));
    expect(item.lookupPatchMetadataForSlice('mergingList')[1]).toEqual({ patchStrategies: ['merge'], patchMergeKey: 'name' });
    expect(item.lookupPatchMetadataForSlice('mergingIntList')[0].name()).toBe('int');
    // A pointer to a struct serves as a list of that struct (LookupPatchMetadataForSlice's Pointer case).
    expect(item.lookupPatchMetadataForSlice('mergeItemPtr')[0].name()).toBe('struct');
    expect(item.lookupPatchMetadataForStruct('replacingItem')[1].patchStrategies).toEqual(['replace']);
  });
});
