/**
 * Server-side apply to an existing pod (`application/apply-patch+yaml` on pods/NAME): the configuration
 * is merged into the live pod by the patcher, and the field manager records it as an `Apply` entry,
 * refusing — unless forced — to take fields another manager owns (structured-merge-diff's conflicts,
 * as `fieldmanager/internal/conflict.go` words them).
 */
import type { Pod } from '../../api/types.js';
import { mutableMeta } from '../../api/types.js';
import { rfc3339 } from '../../clock/clock.js';
import { StatusError, StatusReason } from '../../errors/status-error.js';
import { makeStatus } from '../../errors/status-error.js';
import { applyManagedFields, type ApplyConflict } from '../managed-fields.js';
import type { RequestContext } from '../strategy.js';

/** `printManager`: the manager quoted, its subresource, and `using v1` for an Update manager. */
function printManager(c: ApplyConflict): string {
  let s = JSON.stringify(c.manager);
  if (c.subresource) s += ` with subresource ${JSON.stringify(c.subresource)}`;
  if (c.operation === 'Update') s += ' using v1';
  return s;
}

/** `NewConflictError`: 409 Conflict, one `FieldManagerConflict` cause per conflicting path. */
export function applyConflictError(conflicts: readonly ApplyConflict[]): StatusError {
  const sorted = [...conflicts].sort((a, b) => (a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0));
  const flat = sorted.flatMap((c) => c.paths.map((path) => ({ c, path })));
  const causes = flat.map(({ c, path }) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c)}`, field: path }));
  let message: string;
  if (flat.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(flat[0]!.c)}: ${flat[0]!.path}`;
  } else {
    const lines = sorted.flatMap((c) => [`conflicts with ${printManager(c)}:`, ...c.paths.map((p) => `- ${p}`)]);
    message = `Apply failed with ${flat.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(makeStatus(409, StatusReason.Conflict, message, { causes }));
}

/**
 * The managedFields hook of an apply to an existing pod: records `config` as the request manager's
 * Apply entry on `pod` (the merged, prepared object), or throws the 409 of the conflicts.
 */
export function applyFieldManager(config: unknown, force: boolean): (pod: Pod, old: Pod, ctx: RequestContext) => void {
  return (pod, old, ctx) => {
    const result = applyManagedFields(old, pod, config, { manager: ctx.fieldManager ?? 'unknown', time: rfc3339(ctx.now), force });
    if ('conflicts' in result) throw applyConflictError(result.conflicts);
    const meta = mutableMeta(pod);
    if (result.managedFields.length > 0) meta.managedFields = result.managedFields;
    else delete meta.managedFields;
  };
}
