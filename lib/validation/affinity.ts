/**
 * Scheduling constraints of a pod spec: `validateAffinity` (node, pod and anti-affinity)
 * and `validateTopologySpreadConstraints`, ported from core validation (label selectors are checked by
 * `./label-selector.ts`). Go's path quirks are kept (`namespace` for affinity-term namespaces, a
 * bare index for a matchLabelKeys/labelSelector clash).
 */
import type {
  Affinity, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { FieldPath } from '../field/path.js';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { nameIsDNSSubdomain, validateLabelName, validateNamespaceName } from './names.js';
import { validateLabelSelector, validateLabelSelectorRequirement, validateRequirementKeyAndValues } from './label-selector.js';
import { IS_NOT_POSITIVE } from './common.js';
import type { PodValidationOptions } from './options.js';

/**
 * `ValidateNodeSelectorRequirement`: Go's rule is the meta/v1 requirement rule plus the numeric `Gt`/`Lt`
 * operators, which take exactly one value; the rest is delegated to `validateLabelSelectorRequirement`.
 */
function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  if (rq.operator !== 'Gt' && rq.operator !== 'Lt') {
    return validateLabelSelectorRequirement(rq, { allowInvalidLabelValueInSelector: allowInvalidValues }, path);
  }
  const values = rq.values ?? [];
  const errs = values.length !== 1 ? [required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'")] : [];
  return [...errs, ...validateRequirementKeyAndValues(rq.key, values, allowInvalidValues, path)];
}

/** `ValidateNodeFieldSelectorRequirement`: only `metadata.name`, with In/NotIn and one value. */
function validateNodeFieldSelectorRequirement(req: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  if (req.operator === 'In' || req.operator === 'NotIn') {
    if (values.length !== 1) errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else errs.push(invalid(path.child('operator'), req.operator, 'not a valid selector operator'));
  if (req.key !== 'metadata.name') errs.push(invalid(path.child('key'), req.key, 'not a valid field selector key'));
  else values.forEach((v, i) => errs.push(...nameIsDNSSubdomain(v, false).map((m) => invalid(path.child('values').index(i), v, m))));
  return errs;
}

/** `ValidateNodeSelectorTerm` */
function validateNodeSelectorTerm(term: NodeSelectorTerm, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  return [
    ...(term.matchExpressions ?? []).flatMap((r, j) => validateNodeSelectorRequirement(r, allowInvalidValues, path.child('matchExpressions').index(j))),
    ...(term.matchFields ?? []).flatMap((r, j) => validateNodeFieldSelectorRequirement(r, path.child('matchFields').index(j))),
  ];
}

/** `ValidateNodeSelector`: at least one term. */
function validateNodeSelector(ns: NodeSelector, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const termsPath = path.child('nodeSelectorTerms');
  const terms = ns.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidValues, termsPath.index(i)));
}

function validateNodeAffinity(na: NodeAffinity, opts: PodValidationOptions, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (na.requiredDuringSchedulingIgnoredDuringExecution) {
    errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, opts.allowInvalidLabelValueInRequiredNodeAffinity, path.child('requiredDuringSchedulingIgnoredDuringExecution')));
  }
  (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    if (term.weight <= 0 || term.weight > 100) errs.push(invalid(p.child('weight'), term.weight, 'must be in the range 1-100'));
    // Preferred terms may hold invalid label values: they can still match when the cluster has one node.
    errs.push(...validateNodeSelectorTerm(term.preference ?? {}, true, p.child('preference')));
  });
  return errs;
}

type PodAffinityTermV132 = PodAffinityTerm & { matchLabelKeys?: string[]; mismatchLabelKeys?: string[] };

/** `validateLabelKeys`: label names, and only beside a labelSelector. */
function validateLabelKeys(keys: readonly string[] | undefined, selector: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (!keys || keys.length === 0) return [];
  if (!selector) return [forbidden(path, 'must not be specified when labelSelector is not set')];
  return keys.flatMap((k, i) => validateLabelName(k, path.index(i)));
}

/** `validateMatchLabelKeysAndMismatchLabelKeys` */
function validateMatchLabelKeys(term: PodAffinityTermV132, path: FieldPath): FieldError[] {
  const match = term.matchLabelKeys ?? [];
  const mismatch = term.mismatchLabelKeys ?? [];
  const errs = [...validateLabelKeys(match, term.labelSelector, path.child('matchLabelKeys')), ...validateLabelKeys(mismatch, term.labelSelector, path.child('mismatchLabelKeys'))];
  if (term.labelSelector) {
    const indexOf = new Map(match.map((k, i) => [k, i] as const));
    const selectorKeys = new Set(Object.keys(term.labelSelector.matchLabels ?? {}));
    for (const expr of term.labelSelector.matchExpressions ?? []) {
      const i = indexOf.get(expr.key);
      if (i !== undefined && selectorKeys.has(expr.key)) errs.push(invalid(path.index(i), expr.key, 'exists in both matchLabelKeys and labelSelector'));
      selectorKeys.add(expr.key);
    }
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) errs.push(invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errs;
}

/** `validatePodAffinityTerm` */
function validatePodAffinityTerm(term: PodAffinityTermV132, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const selectorOpts = { allowInvalidLabelValueInSelector: allowInvalidValues };
  const errs = [
    ...validateLabelSelector(term.labelSelector, selectorOpts, path.child('labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, selectorOpts, path.child('namespaceSelector')),
  ];
  for (const ns of term.namespaces ?? []) errs.push(...validateNamespaceName(ns, false).map((m) => invalid(path.child('namespace'), ns, m)));
  errs.push(...validateMatchLabelKeys(term, path));
  if (!term.topologyKey) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', path.child('topologyKey')));
  return errs;
}

function validatePodAffinityTerms(
  required_: readonly PodAffinityTerm[] | undefined,
  preferred: readonly WeightedPodAffinityTerm[] | undefined,
  allowInvalidValues: boolean,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  (required_ ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, allowInvalidValues, path.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))));
  (preferred ?? []).forEach((w, j) => {
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(j);
    if (w.weight <= 0 || w.weight > 100) errs.push(invalid(p.child('weight'), w.weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(w.podAffinityTerm ?? ({} as PodAffinityTerm), allowInvalidValues, p.child('podAffinityTerm')));
  });
  return errs;
}

/** `validateAffinity`: node affinity, pod affinity, pod anti-affinity. */
export function validateAffinity(affinity: Affinity | undefined, opts: PodValidationOptions, path: FieldPath): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  if (affinity.nodeAffinity) errs.push(...validateNodeAffinity(affinity.nodeAffinity, opts, path.child('nodeAffinity')));
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = affinity[key];
    if (a) errs.push(...validatePodAffinityTerms(a.requiredDuringSchedulingIgnoredDuringExecution, a.preferredDuringSchedulingIgnoredDuringExecution, opts.allowInvalidLabelValueInSelector, path.child(key)));
  }
  return errs;
}

/** `validateMatchLabelKeysInTopologySpread` */
function validateSpreadMatchLabelKeys(keys: readonly string[] | undefined, selector: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (!keys || keys.length === 0) return [];
  const errs: FieldError[] = [];
  const selectorKeys = new Set<string>();
  if (selector) {
    for (const k of Object.keys(selector.matchLabels ?? {})) selectorKeys.add(k);
    for (const e of selector.matchExpressions ?? []) selectorKeys.add(e.key);
  } else errs.push(forbidden(path, 'must not be specified when labelSelector is not set'));
  keys.forEach((k, i) => {
    errs.push(...validateLabelName(k, path.index(i)));
    if (selectorKeys.has(k)) errs.push(invalid(path.index(i), k, 'exists in both matchLabelKeys and labelSelector'));
  });
  return errs;
}

/** `validateTopologySpreadConstraints` */
export function validateTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[] | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = path.index(i);
    if ((c.maxSkew ?? 0) <= 0) errs.push(invalid(p.child('maxSkew'), c.maxSkew ?? 0, IS_NOT_POSITIVE));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    const action = c.whenUnsatisfiable ?? '';
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') errs.push(notSupported(p.child('whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
    // The {topologyKey, whenUnsatisfiable} pair identifies a constraint; a later repeat makes this one a duplicate.
    if (list.slice(i + 1).some((r) => r.topologyKey === c.topologyKey && r.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, IS_NOT_POSITIVE));
      if (action !== 'DoNotSchedule') errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[key];
      if (v !== undefined && v !== null && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(p.child(key), v, ['Honor', 'Ignore']));
    }
    errs.push(...validateSpreadMatchLabelKeys(c.matchLabelKeys, c.labelSelector, p.child('matchLabelKeys')));
    if (!opts.allowInvalidTopologySpreadConstraintLabelSelector) errs.push(...validateLabelSelector(c.labelSelector, {}, p.child('labelSelector')));
  });
  return errs;
}
