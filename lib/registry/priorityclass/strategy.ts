import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import { writable } from '../../api/types.js';
import { SYSTEM_PRIORITY_CLASSES, PREEMPT_LOWER_PRIORITY } from '../../admission/priority.js';
import { fieldPath } from '../../field/path.js';
import { forbidden, invalid, notSupported, type FieldError } from '../../field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.js';
import { nameIsDNSSubdomain } from '../../validation/names.js';
import type { Strategy } from '../strategy.js';

/** `scheduling.HighestUserDefinablePriority` */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** `scheduling.SystemPriorityClassPrefix` */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];

/** `scheduling.IsKnownSystemPriorityClass`: undefined when it is one, else why not. */
function systemClassError(pc: PriorityClass): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.metadata?.name === pc.metadata?.name);
  if (!known) return `${pc.metadata?.name ?? ''} is not a known system priority class`;
  if (known.value !== pc.value) return `value of ${known.metadata?.name ?? ''} PriorityClass must be ${known.value}`;
  if ((known.globalDefault ?? false) !== (pc.globalDefault ?? false)) return `globalDefault of ${known.metadata?.name ?? ''} PriorityClass must be false`;
  return undefined;
}

/** `ValidatePriorityClass` (pkg/apis/scheduling/validation). */
function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain, fieldPath('metadata'));
  if ((pc.metadata?.name ?? '').startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const why = systemClassError(pc);
    if (why) errs.push(forbidden(fieldPath('metadata', 'name'), `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${why}`));
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(fieldPath('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(pc.preemptionPolicy)) {
    errs.push(notSupported(fieldPath('preemptionPolicy'), pc.preemptionPolicy, PREEMPTION_POLICIES));
  }
  return errs;
}

/**
 * The PriorityClass strategy (`pkg/registry/scheduling/priorityclass/strategy.go`): cluster-scoped,
 * `preemptionPolicy` defaults to PreemptLowerPriority, value and policy are immutable. The two system
 * classes are built into Priority admission rather than stored.
 */
export const priorityClassStrategy: Strategy<PriorityClass> = {
  namespaced: false,
  allowUnconditionalUpdate: true,
  defaults(pc: PriorityClass): void {
    // SetDefaults_PriorityClass
    if (pc.preemptionPolicy === undefined) writable(pc).preemptionPolicy = PREEMPT_LOWER_PRIORITY;
  },
  prepareForCreate(): void {
    // Nothing is server-owned.
  },
  validate: (pc) => validatePriorityClass(pc),
  prepareForUpdate(): void {
    // Nothing is server-owned.
  },
  validateUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
    // ValidatePriorityClassUpdate
    const errs = validateObjectMetaUpdate(pc.metadata, old.metadata, fieldPath('metadata'));
    if (pc.value !== old.value) errs.push(forbidden(fieldPath('value'), 'may not be changed in an update.'));
    if ((pc.preemptionPolicy ?? null) !== (old.preemptionPolicy ?? null)) {
      errs.push(invalid(fieldPath('preemptionPolicy'), pc.preemptionPolicy ?? null, 'field is immutable'));
    }
    return errs;
  },
};
