import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pod } from '../../../lib/api/types.js';
import { printPod } from '../../../lib/printers/pod.js';
import type { TableCell, TableRowCondition } from '../../../lib/printers/table-types.js';

interface PodCase {
  name: string;
  pod: Pod;
  now: string | null;
  cells: TableCell[];
  wide: boolean;
  serverCells: TableCell[];
  rowConditions?: TableRowCondition[];
}

const cases = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/table-printing/pod-table-cases.json'), 'utf8'),
) as PodCase[];

// Cases without a time dependency get an arbitrary clock.
const nowOf = (c: PodCase): number => Date.parse(c.now ?? '2025-01-01T00:00:00Z');

describe('printPod (pkg/printers/internalversion printPod, reference table-printing/pod-table-cases.json)', () => {
  it('replays all 59 reference cases', () => {
    expect(cases).toHaveLength(59);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: cells as the Go test expects', (_name, c) => {
    const row = printPod(c.pod, { now: nowOf(c), wide: c.wide });
    expect(row.cells).toEqual(c.cells);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: the nine cells kube-apiserver serves (always wide)', (_name, c) => {
    const row = printPod(c.pod, { now: nowOf(c), wide: true });
    expect(row.cells).toEqual(c.serverCells);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: row conditions come from the phase only', (_name, c) => {
    const row = printPod(c.pod, { now: nowOf(c), wide: true });
    expect(row.conditions).toEqual(c.rowConditions);
  });
});
