import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Event, Namespace, Node } from '../../../lib/api/types.js';
import { printEvent } from '../../../lib/printers/event.js';
import { printNamespace } from '../../../lib/printers/namespace.js';
import { findNodeRoles, printNode } from '../../../lib/printers/node.js';
import type { TableCell } from '../../../lib/printers/table-types.js';

interface OtherCase {
  kind: 'Node' | 'Event' | 'Namespace';
  name: string;
  object: Node | Event | Namespace;
  now: string | null;
  cells: TableCell[];
  wide: boolean;
}

const cases = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/table-printing/other-table-cases.json'), 'utf8'),
) as OtherCase[];
const nowOf = (c: OtherCase): number => Date.parse(c.now ?? '2025-01-01T00:00:00Z');
const byKind = (kind: OtherCase['kind']) => cases.filter((c) => c.kind === kind).map((c) => [c.name, c] as const);

describe('node, namespace and event printers (reference table-printing/other-table-cases.json)', () => {
  it('replays all 36 reference cases (26 nodes, 8 events, 2 namespaces)', () => {
    expect(cases).toHaveLength(36);
    expect(byKind('Node')).toHaveLength(26);
    expect(byKind('Event')).toHaveLength(8);
    expect(byKind('Namespace')).toHaveLength(2);
  });

  it.each(byKind('Node'))('printNode %s', (_n, c) => {
    expect(printNode(c.object as Node, { now: nowOf(c), wide: c.wide }).cells).toEqual(c.cells);
  });

  it.each(byKind('Event'))('printEvent %s', (_n, c) => {
    expect(printEvent(c.object as Event, { now: nowOf(c), wide: c.wide }).cells).toEqual(c.cells);
  });

  it.each(byKind('Namespace'))('printNamespace %s', (_n, c) => {
    expect(printNamespace(c.object as Namespace, { now: nowOf(c), wide: c.wide }).cells).toEqual(c.cells);
  });
});

describe('findNodeRoles', () => {
  it('ignores an empty role suffix and an empty kubernetes.io/role value', () => {
    const node: Node = { metadata: { name: 'n', labels: { 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '' } } };
    expect(findNodeRoles(node)).toEqual([]);
  });

  it('deduplicates a role named by both labels', () => {
    const node: Node = { metadata: { name: 'n', labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'worker' } } };
    expect(findNodeRoles(node)).toEqual(['worker']);
  });
});

describe('printEvent', () => {
  it('prints COUNT as a JSON number although its column says string', () => {
    const ev: Event = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'web' }, count: 4 };
    const cells = printEvent(ev, { now: 0, wide: true }).cells;
    expect(cells[8]).toBe(4);
  });

  it('prints the kind alone when the involved object has no name, and trims the message', () => {
    const ev: Event = { metadata: { name: 'e' }, involvedObject: { kind: 'Node' }, message: '  hi \n' };
    expect(printEvent(ev, { now: 0, wide: false }).cells).toEqual(['<unknown>', '', '', 'node', 'hi']);
  });
});
