/**
 * The meta.k8s.io Table wire types (apimachinery `pkg/apis/meta/v1/types.go`), with the JSON shape the
 * apiserver gives them: every column field present, `conditions` only when set, `object` present (null
 * for includeObject=None) and `columnDefinitions: null` when headers are suppressed.
 */
import type { ListMeta, ObjectMeta } from '../api/types.js';

/** metav1.TableColumnDefinition: all five fields always serialise. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** metav1.TableRowCondition (`Completed` for finished pods). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** A cell: pod cells are strings; an event's Count is a number (int64). */
export type TableCell = string | number | boolean | null;

/** The object a row carries, by includeObject. */
export type TableRowObject = PartialObjectMetadata | Record<string, unknown> | null;

/** metav1.TableRow. */
export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: TableRowObject;
}

/** The Table versions the apiserver converts to (handlers.asTable accepts no other). */
export type TableGroupVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';

/** metav1.Table as served. */
export interface Table {
  kind: 'Table';
  apiVersion: TableGroupVersion;
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** metav1.PartialObjectMetadata: an object's metadata under its own kind. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: TableGroupVersion;
  metadata: ObjectMeta;
}

/** metav1.PartialObjectMetadataList. */
export interface PartialObjectMetadataList {
  kind: 'PartialObjectMetadataList';
  apiVersion: TableGroupVersion;
  metadata: ListMeta;
  items: PartialObjectMetadata[];
}
