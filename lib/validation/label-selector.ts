/**
 * `ValidateLabelSelector` / `ValidateLabelSelectorRequirement` of `pkg/apis/meta/v1/validation/validation.go`
 * (release-1.32): checks a `metav1.LabelSelector` object as it appears in specs (pod affinity terms,
 * topology spread constraints, …). Operators are case-sensitive. It lives in validation/ (not selectors/)
 * because core pod validation needs it and validation/ sits below selectors/ in the layering.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, required } from '../field/errors.js';
import type { FieldError } from '../field/errors.js';
import { isValidLabelValue, validateLabelName, validateLabels } from './names.js';

/** `LabelSelectorValidationOptions` */
export interface LabelSelectorValidationOptions {
  /** Skip the label-value check of matchExpressions values (set when an old object already held bad values). */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

/**
 * The tail both `ValidateLabelSelectorRequirement` and core `ValidateNodeSelectorRequirement` end with:
 * the key as a label name, then (unless allowed to be invalid) each value as a label value.
 */
export function validateRequirementKeyAndValues(
  key: string,
  values: readonly string[],
  allowInvalidValues: boolean,
  path: FieldPath,
): FieldError[] {
  const errs = validateLabelName(key, path.child('key'));
  if (!allowInvalidValues) {
    values.forEach((value, i) => {
      for (const msg of isValidLabelValue(value)) errs.push(invalid(path.child('values').index(i), value, msg));
    });
  }
  return errs;
}

/** `ValidateLabelSelectorRequirement`: operator/values agreement, then key, then each value. */
export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement,
  opts: LabelSelectorValidationOptions,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), sr.operator, 'not a valid selector operator'));
  }
  errs.push(...validateRequirementKeyAndValues(sr.key, values, opts.allowInvalidLabelValueInSelector ?? false, path));
  return errs;
}

/** `ValidateLabelSelector`: matchLabels as labels, then each matchExpression; a missing selector is valid. */
export function validateLabelSelector(
  ps: LabelSelector | undefined | null,
  opts: LabelSelectorValidationOptions,
  path: FieldPath,
): FieldError[] {
  if (!ps) return [];
  const errs = validateLabels(ps.matchLabels, path.child('matchLabels'));
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, opts, path.child('matchExpressions').index(i)));
  });
  return errs;
}
