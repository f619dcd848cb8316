/**
 * The apiserver's field manager for pods (apimachinery v0.32 `pkg/util/managedfields/internal`, over
 * structured-merge-diff v4.4.2): which manager owns which fields, recorded in `metadata.managedFields`.
 *
 * An Update (POST, PUT, non-apply PATCH) takes ownership of every field it added or changed, relative to
 * the stored object (an empty Pod on create); other managers lose those fields and every removed one.
 * Entries of the same manager, operation, API version and subresource merge, and their time is renewed
 * only when they took something. An Apply owns exactly what its configuration names. Fields of the
 * object's identity (`apiVersion`, `kind`, `metadata.name`, `uid`, …) and the strategy's reset fields
 * (`status` for pods) are never owned. Entries are kept sorted as the apiserver encodes them.
 */
import type { ManagedFieldsEntry, Pod } from '../api/types.js';
import { goRoundTrip } from '../api/go-json.js';
import { FieldSet, pathString, type FieldPath } from './field-set.js';
import { compareTyped, toFieldSet, type Comparison } from './typed-value.js';

/** `metav1.ManagedFieldsOperationType` */
export type ManagedFieldsOperation = 'Apply' | 'Update';

/** Removes the fields a request may not own (`GetResetFields` / `GetResetFieldsFilter`). */
export type ResetFieldsFilter = (set: FieldSet) => FieldSet;

const setOf = (...paths: FieldPath[]): FieldSet => {
  const s = new FieldSet();
  for (const p of paths) s.insert(p);
  return s;
};
const excluding = (...paths: FieldPath[]): ResetFieldsFilter => {
  const reset = setOf(...paths);
  return (set) => set.recursiveDifference(reset);
};

/** The reset fields of the pod endpoints (`podStrategy`, `podStatusStrategy`; the ephemeralcontainers strategy inherits podStrategy's in 1.32). */
export const podResetFields: Readonly<Record<'main' | 'status' | 'ephemeralcontainers', ResetFieldsFilter>> = {
  main: excluding([{ field: 'status' }]),
  status: excluding([{ field: 'spec' }], [{ field: 'metadata' }, { field: 'deletionTimestamp' }], [{ field: 'metadata' }, { field: 'ownerReferences' }]),
  ephemeralcontainers: excluding([{ field: 'status' }]),
};

/** `stripMetaManager`: identity and bookkeeping fields nobody owns. */
const STRIPPED = setOf(
  [{ field: 'apiVersion' }], [{ field: 'kind' }], [{ field: 'metadata' }],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map(
    (f): FieldPath => [{ field: 'metadata' }, { field: f }],
  ),
);

/** `DefaultMaxUpdateManagers` */
const MAX_UPDATE_MANAGERS = 10;

/** One decoded entry: its identity, its fields, its time. */
interface Managed {
  readonly manager: string;
  readonly operation: ManagedFieldsOperation;
  readonly apiVersion: string;
  readonly subresource: string;
  set: FieldSet;
  time: string | undefined;
}

/** `BuildManagerIdentifier`: Apply entries are one manager whatever the API version. */
const identity = (m: Pick<Managed, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string =>
  JSON.stringify([m.manager, m.operation, m.operation === 'Apply' ? '' : m.apiVersion, m.subresource]);

/** `DecodeManagedFields`; undefined where Go returns an error. */
function decode(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, Managed> | undefined {
  const out = new Map<string, Managed>();
  for (const e of entries ?? []) {
    if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined;
    if (!e.apiVersion || e.fieldsType !== 'FieldsV1') return undefined;
    const m: Managed = {
      manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource ?? '',
      set: FieldSet.fromFieldsV1(e.fieldsV1), time: e.time,
    };
    out.set(identity(m), m);
  }
  return out;
}

const seconds = (t: string | undefined): number => (t ? Math.floor(Date.parse(t) / 1000) : 0);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `EncodeObjectManagedFields`: entries in the apiserver's order (operation, time, manager, version, subresource). */
function encode(managed: Map<string, Managed>): ManagedFieldsEntry[] {
  const list = [...managed.values()].filter((m) => !m.set.isEmpty());
  list.sort((p, q) => cmp(p.operation, q.operation) || seconds(p.time) - seconds(q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource));
  return list.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time ? { time: m.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: m.set.toFieldsV1(),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  }));
}

/** The object as the field manager compares it: Go shape, without managedFields. */
function typedPod(pod: Pod | undefined): unknown {
  const v = goRoundTrip(pod ?? {}, 'Pod').value as { metadata?: Record<string, unknown> };
  delete v.metadata?.managedFields;
  return v;
}

const filtered = (c: Comparison, f: ResetFieldsFilter): Comparison => ({ added: f(c.added), removed: f(c.removed), modified: f(c.modified) });

/** A request of the field manager. */
export interface FieldManagerRequest {
  /** `?fieldManager=` or the User-Agent prefix (see {@link managerFromUserAgent}); empty means `unknown`. */
  readonly manager: string;
  /** `''` for the resource itself. */
  readonly subresource?: string;
  /** Request time, RFC 3339 at second precision. */
  readonly time: string;
  /** Defaults to the pod reset fields of the subresource. */
  readonly resetFields?: ResetFieldsFilter;
}

const resetFor = (req: FieldManagerRequest): ResetFieldsFilter =>
  req.resetFields ?? (req.subresource === 'status' ? podResetFields.status : podResetFields.main);

/** `Updater.update` for the other managers: they lose what this write changed or removed. */
function disown(managed: Map<string, Managed>, self: string, c: Comparison): Map<string, FieldSet> {
  const conflicts = new Map<string, FieldSet>();
  const changed = c.modified.union(c.added);
  for (const [id, m] of managed) {
    if (id === self) continue;
    const conflict = m.set.intersection(changed);
    if (!conflict.isEmpty()) conflicts.set(id, conflict);
    m.set = m.set.difference(conflict).difference(c.removed);
    if (m.set.isEmpty()) managed.delete(id);
  }
  return conflicts;
}

/** `capManagersManager`: beyond ten Update managers, the oldest merge into `ancient-changes`. */
function capUpdateManagers(managed: Map<string, Managed>): void {
  const updaters = [...managed.entries()].filter(([, m]) => m.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || cmp(ia, ib));
  const first = new Map<string, string>();
  let length = updaters.length;
  for (const [id, m] of updaters) {
    if (length <= MAX_UPDATE_MANAGERS) break;
    const bucketId = identity({ manager: 'ancient-changes', operation: 'Update', apiVersion: m.apiVersion, subresource: '' });
    const firstId = first.get(m.apiVersion);
    if (firstId === undefined) {
      first.set(m.apiVersion, id);
      continue;
    }
    if (!managed.has(bucketId)) {
      const f = managed.get(firstId)!;
      managed.delete(firstId);
      managed.set(bucketId, { ...f, manager: 'ancient-changes', operation: 'Update', subresource: '' });
    }
    const bucket = managed.get(bucketId)!;
    bucket.set = m.set.union(bucket.set);
    bucket.time = m.time;
    managed.delete(id);
    length--;
  }
}

/** `decodeLiveOrNew`: the request's own managedFields win on the main resource unless empty or broken; `[]` or `[{}]` resets. */
function decodeLiveOrNew(live: Pod | undefined, updated: Pod, subresource: string): Map<string, Managed> {
  const fromLive = (): Map<string, Managed> => decode(live?.metadata?.managedFields) ?? new Map();
  if (subresource) return fromLive();
  const sent = updated.metadata?.managedFields;
  if (sent && (sent.length === 0 || (sent.length === 1 && Object.keys(sent[0] ?? {}).length === 0))) return new Map();
  const decoded = decode(sent);
  return decoded && decoded.size > 0 ? decoded : fromLive();
}

/**
 * `FieldManager.UpdateNoErrors` for a create (`live` undefined) or an update of a pod: the managedFields
 * to store with `updated`.
 */
export function updateManagedFields(live: Pod | undefined, updated: Pod, req: FieldManagerRequest): ManagedFieldsEntry[] {
  const subresource = req.subresource ?? '';
  const managed = decodeLiveOrNew(live, updated, subresource);
  // skipNonAppliedManager: an existing object nobody manages stays unmanaged.
  if (managed.size === 0 && live?.metadata?.uid) return [];
  const reset = resetFor(req);
  const comparison = compareTyped(typedPod(live), typedPod(updated), 'Pod');
  const self = { manager: req.manager || 'unknown', operation: 'Update' as const, apiVersion: 'v1', subresource };
  const selfId = identity(self);
  disown(managed, selfId, filtered(comparison, reset));
  const taken = reset(comparison.modified.union(comparison.added)).difference(STRIPPED);
  if (!taken.isEmpty()) {
    const previous = managed.get(selfId);
    managed.set(selfId, { ...self, set: previous ? taken.union(previous.set) : taken, time: req.time });
  }
  capUpdateManagers(managed);
  return encode(managed);
}

/** One manager's fields that an Apply without force would take (a 409 conflict). */
export interface ApplyConflict {
  readonly manager: string;
  readonly operation: ManagedFieldsOperation;
  readonly subresource: string;
  /** SMD path strings (`.spec.containers[name="web"].image`). */
  readonly paths: readonly string[];
}

/**
 * `FieldManager.Apply` bookkeeping: `config` is the applied configuration and `merged` the object it
 * produced from `live` (undefined on create). Returns the new managedFields, or the conflicts when
 * `force` is false and another manager owns a field the apply changes.
 */
export function applyManagedFields(
  live: Pod | undefined,
  merged: Pod,
  config: unknown,
  req: FieldManagerRequest & { readonly force?: boolean },
): { readonly managedFields: ManagedFieldsEntry[] } | { readonly conflicts: readonly ApplyConflict[] } {
  const subresource = req.subresource ?? '';
  const reset = resetFor(req);
  let managed = decode(live?.metadata?.managedFields) ?? new Map<string, Managed>();
  if (managed.size === 0 && live) {
    // skipNonAppliedManager.Apply: what exists before the first apply belongs to `before-first-apply`.
    const entries = updateManagedFields(undefined, live, { manager: 'before-first-apply', time: req.time, resetFields: reset });
    managed = decode(entries) ?? new Map();
  }
  const self = { manager: req.manager || 'unknown', operation: 'Apply' as const, apiVersion: 'v1', subresource };
  const selfId = identity(self);
  const previous = managed.get(selfId);
  // The configuration is typed as sent (an unstructured patch), not filled in like a decoded Go struct.
  managed.set(selfId, { ...self, set: reset(toFieldSet(config, 'Pod')), time: previous?.time });
  const comparison = filtered(compareTyped(typedPod(live), typedPod(merged), 'Pod'), reset);
  const others = new Map([...managed].map(([id, m]) => [id, { ...m }]));
  const conflicts = disown(others, selfId, comparison);
  if (!req.force && conflicts.size > 0) {
    return {
      conflicts: [...conflicts].map(([id, set]) => {
        const m = managed.get(id)!;
        return { manager: m.manager, operation: m.operation, subresource: m.subresource, paths: set.paths().map(pathString) };
      }),
    };
  }
  const mine = others.get(selfId)!;
  mine.set = mine.set.difference(STRIPPED);
  if (!live || comparison.added.union(comparison.modified).union(comparison.removed).paths().length > 0) mine.time = req.time;
  if (mine.set.isEmpty()) others.delete(selfId);
  capUpdateManagers(others);
  return { managedFields: encode(others) };
}

/** `prefixFromUserAgent`: the User-Agent up to its first `/`, printable characters only, at most 128 bytes. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const head = (userAgent ?? '').split('/')[0] ?? '';
  const utf8 = new TextEncoder();
  let out = '';
  for (const ch of head) {
    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    if (!/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) continue;
    if (utf8.encode(out + ch).length > 128) break;
    out += ch;
  }
  return out;
}
