/**
 * Tolerations: `ValidateTolerations`, `validateTaintEffect` and `validateOnlyAddedTolerations` (the update
 * rule: existing tolerations may only change their tolerationSeconds) of core validation.
 */
import type { Toleration } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { isValidLabelValue, validateLabelName } from './names.js';

/** `validateTaintEffect`: NoSchedule, PreferNoSchedule or NoExecute (empty allowed when `allowEmpty`). */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  const valid = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
  return valid.includes(effect) ? [] : [notSupported(path, effect, valid)];
}

/** `ValidateTolerations` */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    const key = t.key ?? '';
    const operator = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, p.child('key')));
    // An empty key with Exists matches every taint; with any other operator it means nothing.
    if (key.length === 0 && operator !== 'Exists') {
      errs.push(invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalid(p.child('operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(invalid(p.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(p.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, p.child('effect')));
  });
  return errs;
}

/** Toleration equality ignoring tolerationSeconds (reflect.DeepEqual of the struct, seconds copied over). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** `validateOnlyAddedTolerations`: every old toleration must still be there (seconds may change), then the new list is validated. */
export function validateOnlyAddedTolerations(newTolerations: readonly Toleration[] | undefined, oldTolerations: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  for (const old of oldTolerations ?? []) {
    if (!(newTolerations ?? []).some((n) => sameToleration(old, n))) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newTolerations, path);
}
