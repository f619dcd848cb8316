import type { Event } from '../../api/types.js';
import { fieldPath } from '../../field/path.js';
import { invalid, required, type FieldError } from '../../field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.js';
import { nameIsDNSSubdomain } from '../../validation/names.js';
import type { RequestContext, Strategy } from '../strategy.js';

// Kinds whose objects live in namespaces, for the involvedObject namespace rule.
const CLUSTER_SCOPED_KINDS = new Set(['Node', 'Namespace', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass']);

/** The legacy core/v1 event checks of `ValidateEventCreate` that matter for pods and nodes. */
function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const io = ev.involvedObject;
  if (!io) errs.push(required('involvedObject'));
  else if (io.kind && !CLUSTER_SCOPED_KINDS.has(io.kind) && (io.namespace ?? '') !== ns) {
    errs.push(invalid('involvedObject.namespace', io.namespace ?? '', 'does not match event.namespace'));
  }
  if (ev.type !== undefined && ev.type !== '' && ev.type !== 'Normal' && ev.type !== 'Warning') {
    errs.push(invalid('type', ev.type, 'has invalid value: ' + ev.type));
  }
  return errs;
}

/** The event strategy (`pkg/registry/core/event/strategy.go`). */
export const eventStrategy: Strategy<Event> = {
  namespaced: true,
  allowUnconditionalUpdate: true,
  prepareForCreate(): void {
    // Events carry no server-owned fields.
  },
  validate(ev: Event, _ctx: RequestContext): FieldError[] {
    return [...validateObjectMeta(ev.metadata ?? {}, true, nameIsDNSSubdomain, fieldPath('metadata')), ...validateEvent(ev)];
  },
  prepareForUpdate(): void {
    // Everything of an event may be updated (counts, lastTimestamp, series).
  },
  validateUpdate(ev: Event, old: Event): FieldError[] {
    return [...validateObjectMetaUpdate(ev.metadata ?? {}, old.metadata ?? {}, fieldPath('metadata')), ...validateEvent(ev)];
  },
};
