import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonObject, JsonValue } from '../../../lib/patch/go-value.js';
import { goTypeFromTable, PatchMetaFromStruct, type TypeTable } from '../../../lib/patch/patch-meta.js';
import { strategicMergeMapPatch, strategicMergePatch } from '../../../lib/patch/strategic-merge-patch.js';

const dir = path.resolve(process.cwd(), '../shared/reference/strategic-merge-patch');
interface SmpCase {
  name: string;
  schema: string;
  kind: string;
  original: JsonObject | null;
  patch: JsonObject | null;
  result?: JsonObject;
  error?: string;
  raw?: { original: string; patch: string; result?: string };
  unstable?: boolean;
  alternativeResult?: JsonObject;
}
const cases = JSON.parse(readFileSync(path.join(dir, 'smp-cases.json'), 'utf8')) as SmpCase[];
const table = (JSON.parse(readFileSync(path.join(dir, 'smp-schema.json'), 'utf8')) as { types: TypeTable }).types;
const schemaFor = (root: string): PatchMetaFromStruct => new PatchMetaFromStruct(goTypeFromTable(table, root));

function apply(c: SmpCase): JsonObject {
  const schema = schemaFor(c.schema);
  if (c.raw) return strategicMergePatch(c.raw.original, c.raw.patch, schema);
  return strategicMergeMapPatch(c.original ?? {}, c.patch, schema);
}

// Sorting makes the comparison insensitive to list order, for the one order-unstable vector.
const asSet = (v: JsonValue): JsonValue =>
  Array.isArray(v) ? [...v].map(asSet).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asSet(x)])) : v;

describe('strategic merge patch replays the apimachinery v0.32 vectors (smp-cases.json)', () => {
  it('holds all 359 vectors', () => {
    expect(cases).toHaveLength(359);
  });

  const ok = cases.filter((c) => c.error === undefined && !c.unstable);
  const failing = cases.filter((c) => c.error !== undefined);

  it.each(ok)('$name', (c) => {
    const expected = c.raw?.result !== undefined ? (JSON.parse(c.raw.result) as JsonObject) : c.result;
    expect(apply(c)).toEqual(expected);
  });

  it.each(failing)('fails with the exact Go error: $name', (c) => {
    expect(() => apply(c)).toThrow(expect.objectContaining({ message: c.error }) as Error);
  });

  it.each(cases.filter((c) => c.unstable))('gives the same set as Go for the order-unstable $name', (c) => {
    const got = apply(c);
    expect(asSet(got)).toEqual(asSet(c.result as JsonObject));
    expect([c.result, c.alternativeResult]).toContainEqual(got);
  });
});
