/**
 * Server-side Table conversion, as kube-apiserver answers `kubectl get`: the resource's printer
 * (pkg/printers/internalversion), the generic TableConvertor (pkg/printers/storage, which always prints
 * wide), `TableGenerator.GenerateTable` (headers, list metadata) and the handler's `asTable` (the row
 * object by `includeObject`).
 */
import type { Event, KubernetesObject, ListMeta, Namespace, Node, ObjectMeta, Pod } from '../api/types.js';
import { eventColumnDefinitions, namespaceColumnDefinitions, nodeColumnDefinitions, podColumnDefinitions } from './column-definitions.js';
import { printEvent } from './event.js';
import { printNamespace } from './namespace.js';
import { printNode } from './node.js';
import { printPod, type PrintOptions } from './pod.js';
import type { PartialObjectMetadata, Table, TableColumnDefinition, TableGroupVersion, TableRow } from './table-types.js';

/** metav1.IncludeObjectPolicy; absent means Metadata. */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

/** Options of {@link toTable}. */
export interface ToTableOptions {
  /** Clock time in ms for AGE and friends. */
  now: number;
  /** What each row's `object` holds: PartialObjectMetadata (default), the whole object, or null. */
  includeObject?: IncludeObjectPolicy;
  /**
   * Priority-1 columns and cells too. Defaults to true: the apiserver's TableConvertor always prints
   * wide and kubectl hides priority-1 columns itself unless `-o wide`.
   */
  wide?: boolean;
  /** Omit the column definitions (`null`), as every watch event after the first does. */
  noHeaders?: boolean;
  /** The Table version asked for in Accept (`v=v1` or `v=v1beta1`); default v1. */
  groupVersion?: TableGroupVersion;
  /**
   * The metadata the Table copies: for a list its resourceVersion, continue and remainingItemCount;
   * for a single object its resourceVersion (see {@link tableListMetaOf}).
   */
  listMeta?: ListMeta;
}

interface TableHandler {
  columns: readonly TableColumnDefinition[];
  print(obj: KubernetesObject, options: PrintOptions): TableRow;
}

const handlers: Readonly<Record<string, TableHandler>> = {
  pods: { columns: podColumnDefinitions, print: (o, opts) => printPod(o as Pod, opts) },
  nodes: { columns: nodeColumnDefinitions, print: (o, opts) => printNode(o as Node, opts) },
  namespaces: { columns: namespaceColumnDefinitions, print: (o, opts) => printNamespace(o as Namespace, opts) },
  events: { columns: eventColumnDefinitions, print: (o, opts) => printEvent(o as Event, opts) },
};

/** Whether `resource` (plural, core/v1) has a Table printer. */
export function hasTablePrinter(resource: string): boolean {
  return Object.hasOwn(handlers, resource);
}

/** The column definitions of `resource`'s Table, all priorities. */
export function columnDefinitionsFor(resource: string): readonly TableColumnDefinition[] {
  const h = handlers[resource];
  if (!h) throw new Error(`no table handler registered for resource ${resource}`);
  return h.columns;
}

// ObjectMeta's Go field order: the JSON of PartialObjectMetadata follows it.
const objectMetaKeys = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
] as const;

/** Go's `omitempty` on ObjectMeta: empty strings, maps and slices and a zero generation; pointers only when nil. */
function isEmptyForOmitempty(key: string, v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (key === 'generation') return v === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/**
 * The object's metadata as PartialObjectMetadata (meta.AsPartialObjectMetadata): every ObjectMeta field,
 * managedFields included, in Go field order; `creationTimestamp` is `null` when unset as Go encodes a zero Time.
 */
export function asPartialObjectMetadata(obj: KubernetesObject, groupVersion: TableGroupVersion = 'meta.k8s.io/v1'): PartialObjectMetadata {
  const src = (obj.metadata ?? {}) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  for (const k of objectMetaKeys) {
    const v = src[k];
    if (k === 'creationTimestamp') metadata[k] = v ?? null;
    else if (!isEmptyForOmitempty(k, v)) metadata[k] = v;
  }
  return { kind: 'PartialObjectMetadata', apiVersion: groupVersion, metadata: metadata as ObjectMeta };
}

/**
 * The ListMeta a Table copies from what was printed (GenerateTable): a list's resourceVersion, continue
 * and remainingItemCount, or a single object's resourceVersion.
 */
export function tableListMetaOf(source: { metadata?: ListMeta | ObjectMeta } | undefined, isList: boolean): ListMeta {
  const m = (source?.metadata ?? {}) as ListMeta & ObjectMeta;
  const out: { -readonly [K in keyof ListMeta]: ListMeta[K] } = {};
  if (m.resourceVersion) out.resourceVersion = m.resourceVersion;
  if (isList) {
    if (m.continue) out.continue = m.continue;
    if (m.remainingItemCount !== undefined && m.remainingItemCount !== null) out.remainingItemCount = m.remainingItemCount;
  }
  return out;
}

/**
 * The Table kube-apiserver serves for `objects` of `resource` (pods, nodes, namespaces, events): rows in
 * the given order, each with its cells, row conditions and `object` by `includeObject`.
 */
export function toTable(resource: string, objects: readonly KubernetesObject[], options: ToTableOptions): Table {
  const h = handlers[resource];
  if (!h) throw new Error(`no table handler registered for resource ${resource}`);
  const wide = options.wide ?? true;
  const groupVersion = options.groupVersion ?? 'meta.k8s.io/v1';
  const include = options.includeObject ?? 'Metadata';
  const rows = objects.map((obj) => {
    const row = h.print(obj, { now: options.now, wide });
    if (include === 'Object') row.object = obj as Record<string, unknown>;
    else if (include === 'None') row.object = null;
    else row.object = asPartialObjectMetadata(obj, groupVersion);
    return row;
  });
  const columns = options.noHeaders ? null : h.columns.filter((c) => wide || c.priority === 0).map((c) => ({ ...c }));
  return { kind: 'Table', apiVersion: groupVersion, metadata: { ...(options.listMeta ?? {}) }, columnDefinitions: columns, rows };
}
