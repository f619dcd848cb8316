/**
 * What a DELETE does to a stored object before anything is removed (`rest.BeforeDelete` of
 * k8s.io/apiserver pkg/registry/rest/delete.go, v0.32): DeleteOptions validation, the early precondition
 * checks, negative grace periods read as 1s, and the graceful-deletion decision — set the deletion
 * timestamp and grace period, shorten a pending one, or leave a pending one alone.
 */
import { mutableMeta, type DeleteOptions, type KubernetesObject } from '../api/types.js';
import { rfc3339 } from '../clock/clock.js';
import { newConflict, newInvalid } from '../errors/constructors.js';
import { invalid, notSupported, type FieldError } from '../field/errors.js';
import type { ResourceIdentity, Strategy } from './strategy.js';

/** The outcome of BeforeDelete. */
export interface DeleteDecision {
  /** The object gets (or keeps, shortened) a deletion timestamp and grace period: write it. */
  readonly graceful: boolean;
  /** A graceful deletion is already under way and this request does not shorten it: change nothing. */
  readonly pending: boolean;
  /** The grace period in effect after this request (seconds). */
  readonly gracePeriodSeconds: number;
}

/** `ValidateDeleteOptions` (apimachinery): propagation policy and dry run. Grace periods are not checked. */
export function validateDeleteOptions(opts: DeleteOptions): FieldError[] {
  const errs: FieldError[] = [];
  const policy = opts.propagationPolicy;
  if (opts.orphanDependents !== undefined && opts.orphanDependents !== null && policy !== undefined && policy !== null) {
    errs.push(invalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (policy !== undefined && policy !== null && !['Foreground', 'Background', 'Orphan'].includes(policy)) {
    errs.push(notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  for (const v of opts.dryRun ?? []) {
    if (v !== 'All') errs.push(notSupported('dryRun', opts.dryRun, ['All']));
  }
  return errs;
}

/**
 * `rest.BeforeDelete`: throws 422 for bad options and 409 for failed preconditions (with the resource
 * named by its Kind, as the apiserver does here), and mutates `obj`'s deletion metadata when the
 * deletion is graceful. `now` is the request time (ms).
 */
export function beforeDelete<T extends KubernetesObject>(
  id: ResourceIdentity, strategy: Strategy<T>, obj: T, opts: DeleteOptions, now: number,
): DeleteDecision {
  const errs = validateDeleteOptions(opts);
  if (errs.length > 0) throw newInvalid({ kind: 'DeleteOptions', group: 'meta.k8s.io' }, '', errs);
  const meta = mutableMeta(obj);
  const gr = { group: id.group, resource: id.kind };
  const name = meta.name ?? '';
  const pre = opts.preconditions;
  if (pre?.uid !== undefined && pre.uid !== null && pre.uid !== (meta.uid ?? '')) {
    throw newConflict(gr, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${meta.uid ?? ''}). The object might have been deleted and then recreated`);
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== null && pre.resourceVersion !== (meta.resourceVersion ?? '')) {
    throw newConflict(gr, name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${meta.resourceVersion ?? ''}). The object might have been modified`);
  }
  // Negative values are read as 1s on the delete path.
  let requested = opts.gracePeriodSeconds ?? undefined;
  if (requested !== undefined && requested < 0) requested = 1;
  if (meta.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds < 0) meta.deletionGracePeriodSeconds = 1;
  const nothing: DeleteDecision = { graceful: false, pending: false, gracePeriodSeconds: 0 };
  if (!strategy.checkGracefulDelete) return nothing;
  if (meta.deletionTimestamp) {
    const current = meta.deletionGracePeriodSeconds;
    // Already being deleted with no grace left: delete now.
    if (current === undefined || current === 0) return nothing;
    // Only a shorter grace period may be given; the timestamp moves by the difference.
    if (requested === undefined || requested >= current) return { graceful: false, pending: true, gracePeriodSeconds: current };
    meta.deletionTimestamp = rfc3339(Date.parse(meta.deletionTimestamp) - current * 1000 + requested * 1000);
    meta.deletionGracePeriodSeconds = requested;
    return { graceful: true, pending: false, gracePeriodSeconds: requested };
  }
  const grace = strategy.checkGracefulDelete(obj, requested);
  if (grace === undefined) return nothing;
  meta.deletionTimestamp = rfc3339(now + grace * 1000);
  meta.deletionGracePeriodSeconds = grace;
  if (meta.generation !== undefined && meta.generation > 0) meta.generation += 1;
  return { graceful: true, pending: false, gracePeriodSeconds: grace };
}

/** `markAsDeleting`: an object held by finalizers, deleted without grace, is marked and kept. */
export function markAsDeleting(obj: KubernetesObject, now: number): void {
  const meta = mutableMeta(obj);
  if (!meta.deletionTimestamp && meta.generation !== undefined && meta.generation > 0) meta.generation += 1;
  if (!meta.deletionTimestamp || Date.parse(meta.deletionTimestamp) > now) meta.deletionTimestamp = rfc3339(now);
  meta.deletionGracePeriodSeconds = 0;
}

/**
 * `ShouldDeleteDuringUpdate`: an update that leaves no finalizers on an object whose deletion has no
 * grace left deletes it.
 */
export function shouldDeleteDuringUpdate(obj: KubernetesObject, old: KubernetesObject, isFinalized: (o: KubernetesObject) => boolean): boolean {
  if (!isFinalized(obj)) return false;
  if (!old.metadata?.deletionTimestamp) return false;
  const grace = old.metadata.deletionGracePeriodSeconds;
  return grace === undefined || grace === 0;
}
