import type { Event } from '../../api/types.js';
import { fieldPath } from '../../field/path.js';
import { invalid, required, type FieldError } from '../../field/errors.js';
import { isDNS1123Subdomain, validateQualifiedName } from '../../validation/names.js';
import type { Strategy } from '../strategy.js';

/** `ReportingInstanceLengthLimit` and `ActionLengthLimit`. */
const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;

/**
 * `legacyValidateEvent` for a core/v1 request (`ValidateEventCreate`/`ValidateEventUpdate` stop there
 * for v1): an event without eventTime must sit in its object's namespace (`default` or none for
 * cluster-scoped objects); one with eventTime must name its reporting component, instance and action.
 * Type, reason and object metadata are not checked here (the generic metadata checks still run).
 */
function legacyValidateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const ioNs = ev.involvedObject?.namespace ?? '';
  const mismatch = (): FieldError => invalid(fieldPath('involvedObject', 'namespace'), ioNs, 'does not match event.namespace');
  if (!ev.eventTime) {
    if (ioNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(mismatch());
    } else if (ns !== ioNs) errs.push(mismatch());
  } else {
    if (ioNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch());
    const controller = ev.reportingComponent ?? '';
    if (controller === '') errs.push(required(fieldPath('reportingComponent')));
    errs.push(...validateQualifiedName(controller, fieldPath('reportingComponent')));
    const instance = ev.reportingInstance ?? '';
    if (instance === '') errs.push(required(fieldPath('reportingInstance')));
    if (instance.length > REPORTING_INSTANCE_LIMIT) errs.push(invalid(fieldPath('reportingInstance'), '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    const action = ev.action ?? '';
    if (action === '') errs.push(required(fieldPath('action')));
    if (action.length > ACTION_LIMIT) errs.push(invalid(fieldPath('action'), '', `can have at most ${ACTION_LIMIT} characters`));
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(invalid(fieldPath('namespace'), ns, msg));
  return errs;
}

/**
 * The event strategy (`pkg/registry/core/event/strategy.go`): namespaced, everything updatable, no
 * server-owned fields, no graceful deletion. Events do not expire here (the apiserver's --event-ttl).
 */
export const eventStrategy: Strategy<Event> = {
  namespaced: true,
  allowUnconditionalUpdate: true,
  prepareForCreate(): void {
    // Events carry no server-owned fields.
  },
  validate: (ev: Event): FieldError[] => legacyValidateEvent(ev),
  prepareForUpdate(): void {
    // Everything of an event may be updated (counts, lastTimestamp, series).
  },
  validateUpdate: (ev: Event): FieldError[] => legacyValidateEvent(ev),
};
