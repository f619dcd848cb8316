/**
 * Selectors built from API objects: `metav1.LabelSelectorAsSelector` (apimachinery `pkg/apis/meta/v1/helpers.go`)
 * and the requirement conversions of node affinity (`nodeSelectorRequirementsAsSelector`,
 * `nodeSelectorRequirementsAsFieldSelector` in component-helpers `scheduling/corev1/nodeaffinity`).
 */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1.js';
import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { errorText, notSupported } from '../field/errors.js';
import { goQuote } from '../field/go-quote.js';
import { LabelSelector } from './label-selector.js';
import { Operator, Requirement, goStringSlice, newRequirement, requirementErrors } from './label-requirement.js';
import { FieldSelector, andSelectors, oneTermEqualSelector, oneTermNotEqualSelector } from './field-selector.js';
import { SelectorError } from './selector-error.js';

const labelSelectorOps: Readonly<Record<string, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
};

/**
 * `LabelSelectorAsSelector`: nil selects nothing, an empty selector everything; matchLabels become `k=v` and
 * matchExpressions their operators. Throws a {@link SelectorError} on the first invalid entry.
 */
export function labelSelectorAsSelector(ps: MetaLabelSelector | undefined | null): LabelSelector {
  if (!ps) return LabelSelector.nothing();
  const matchLabels = Object.entries(ps.matchLabels ?? {});
  const exprs = ps.matchExpressions ?? [];
  if (matchLabels.length + exprs.length === 0) return LabelSelector.everything();
  const reqs: Requirement[] = matchLabels.map(([k, v]) => newRequirement(k, Operator.Equals, [v]));
  for (const expr of exprs) {
    const op = Object.hasOwn(labelSelectorOps, expr.operator) ? labelSelectorOps[expr.operator] : undefined;
    if (!op) throw new SelectorError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    // Go copies the values with append([]string(nil), ...), so an empty list is a nil slice.
    reqs.push(newRequirement(expr.key, op, expr.values && expr.values.length > 0 ? expr.values : undefined));
  }
  return LabelSelector.of(reqs);
}

const nodeSelectorOps: Readonly<Record<string, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
  Gt: Operator.GreaterThan,
  Lt: Operator.LessThan,
};

/** A converted selector, or the error texts (field errors with paths) that prevented it. */
export type Converted<S> = { readonly selector: S; readonly errors?: undefined } | { readonly selector?: undefined; readonly errors: readonly string[] };

/**
 * `nodeSelectorRequirementsAsSelector`: node affinity matchExpressions as a label selector (`Gt`/`Lt` allowed);
 * no requirements select nothing. Errors name `path[i].operator`, `path[i].key`, `path[i].values…`.
 */
export function nodeSelectorRequirementsAsSelector(nsm: readonly NodeSelectorRequirement[], path: FieldPath): Converted<LabelSelector> {
  if (nsm.length === 0) return { selector: LabelSelector.nothing() };
  const errors: string[] = [];
  const reqs: Requirement[] = [];
  nsm.forEach((expr, i) => {
    const p = path.index(i);
    const op = Object.hasOwn(nodeSelectorOps, expr.operator) ? nodeSelectorOps[expr.operator] : undefined;
    if (!op) {
      errors.push(errorText(notSupported(p.child('operator'), expr.operator, Object.keys(nodeSelectorOps))));
      return;
    }
    const errs = requirementErrors(expr.key, op, expr.values, p);
    if (errs.length > 0) errors.push(...errs);
    else reqs.push(new Requirement(expr.key, op, [...(expr.values ?? [])]));
  });
  return errors.length > 0 ? { errors } : { selector: LabelSelector.of(reqs) };
}

/**
 * `nodeSelectorRequirementsAsFieldSelector`: node affinity matchFields (only `In`/`NotIn` with exactly one value)
 * as a field selector; no requirements select nothing.
 */
export function nodeSelectorRequirementsAsFieldSelector(nsr: readonly NodeSelectorRequirement[], path: FieldPath): Converted<FieldSelector> {
  if (nsr.length === 0) return { selector: FieldSelector.nothing() };
  const errors: string[] = [];
  const selectors: FieldSelector[] = [];
  nsr.forEach((expr, i) => {
    const p = path.index(i);
    const values = expr.values ?? [];
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length !== 1) {
        errors.push(`${p.child('values').toString()}: Invalid value: ${goStringSlice(expr.values)}: must have one element`);
      } else {
        selectors.push(expr.operator === 'In' ? oneTermEqualSelector(expr.key, values[0]!) : oneTermNotEqualSelector(expr.key, values[0]!));
      }
    } else {
      errors.push(errorText(notSupported(p.child('operator'), expr.operator, ['In', 'NotIn'])));
    }
  });
  return errors.length > 0 ? { errors } : { selector: andSelectors(...selectors) };
}
