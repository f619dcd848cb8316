/**
 * Matching pods' node selectors and node affinity against nodes, as
 * `k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go` does it (v1.32):
 * `GetRequiredNodeAffinity`, `LazyErrorNodeSelector`, `PreferredSchedulingTerms`.
 */
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import type { Node, Pod } from '../api/types.js';
import { LabelSelector, Operator, newRequirement, selectorFromSet, type Requirement } from '../selectors/label-selector.js';
import { andSelectors, oneTermEqualSelector, oneTermNotEqualSelector, type FieldSelector } from '../selectors/field-selector.js';

const NODE_SELECTOR_OPS: Readonly<Record<string, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
  Gt: Operator.GreaterThan,
  Lt: Operator.LessThan,
};

/**
 * `nodeSelectorRequirementsAsSelector`: matchExpressions as a label selector, or undefined when a
 * requirement does not parse (an unknown operator, a bad key or value, Gt/Lt without one integer).
 * The same rules as `lib/selectors/label-selector-conversion.ts`, whose error texts the scheduler never shows.
 */
function requirementsAsLabelSelector(reqs: readonly NodeSelectorRequirement[]): LabelSelector | undefined {
  const out: Requirement[] = [];
  for (const r of reqs) {
    const op = Object.hasOwn(NODE_SELECTOR_OPS, r.operator) ? NODE_SELECTOR_OPS[r.operator] : undefined;
    if (!op) return undefined;
    try {
      out.push(newRequirement(r.key, op, r.values ?? []));
    } catch {
      return undefined;
    }
  }
  return LabelSelector.of(out);
}

/** `nodeSelectorRequirementsAsFieldSelector`: matchFields (In/NotIn with exactly one value), or undefined. */
function requirementsAsFieldSelector(reqs: readonly NodeSelectorRequirement[]): FieldSelector | undefined {
  const selectors: FieldSelector[] = [];
  for (const r of reqs) {
    const values = r.values ?? [];
    if ((r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return undefined;
    selectors.push(r.operator === 'In' ? oneTermEqualSelector(r.key, values[0]!) : oneTermNotEqualSelector(r.key, values[0]!));
  }
  return andSelectors(...selectors);
}

/** One parsed term (`nodeSelectorTerm`): its selectors, or `invalid` when a requirement does not parse. */
interface ParsedTerm {
  readonly labels?: LabelSelector;
  readonly fields?: FieldSelector;
  readonly invalid: boolean;
}

function parseTerm(term: NodeSelectorTerm): ParsedTerm {
  const exprs = term.matchExpressions ?? [];
  const fieldReqs = term.matchFields ?? [];
  const labels = exprs.length > 0 ? requirementsAsLabelSelector(exprs) : undefined;
  const fields = fieldReqs.length > 0 ? requirementsAsFieldSelector(fieldReqs) : undefined;
  const invalid = (exprs.length > 0 && !labels) || (fieldReqs.length > 0 && !fields);
  return { ...(labels ? { labels } : {}), ...(fields ? { fields } : {}), invalid };
}

/** `isEmptyNodeSelectorTerm`: a term without requirements selects nothing and is dropped. */
const isEmptyTerm = (t: NodeSelectorTerm): boolean => (t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0;

/** `nodeSelectorTerm.match`: a term with a parse error never matches (its error is only reported). */
function termMatches(t: ParsedTerm, node: Node): boolean {
  if (t.invalid) return false;
  if (t.labels && !t.labels.matches(node.metadata?.labels)) return false;
  // extractNodeFields: only metadata.name, and only when the node has a name.
  const name = node.metadata?.name ?? '';
  if (t.fields && name.length > 0 && !t.fields.matches({ 'metadata.name': name })) return false;
  return true;
}

/** `LazyErrorNodeSelector`: terms ORed; empty terms and terms that do not parse match nothing. */
export class LazyErrorNodeSelector {
  private readonly terms: readonly ParsedTerm[];

  constructor(ns: NodeSelector) {
    this.terms = (ns.nodeSelectorTerms ?? []).filter((t) => !isEmptyTerm(t)).map(parseTerm);
  }

  /** `Match`: some term matches the node. */
  match(node: Node): boolean {
    return this.terms.some((t) => termMatches(t, node));
  }
}

/** `RequiredNodeAffinity`: `spec.nodeSelector` ANDed with the required node affinity. */
export class RequiredNodeAffinity {
  constructor(
    private readonly labelSelector: LabelSelector | undefined,
    private readonly nodeSelector: LazyErrorNodeSelector | undefined,
  ) {}

  /** `Match` (parse errors ignored, as the NodeAffinity filter does). */
  match(node: Node): boolean {
    if (this.labelSelector && !this.labelSelector.matches(node.metadata?.labels)) return false;
    return this.nodeSelector ? this.nodeSelector.match(node) : true;
  }
}

/** `GetRequiredNodeAffinity`: what a node must satisfy for the pod. */
export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const ns = pod.spec?.nodeSelector;
  const labelSelector = ns && Object.keys(ns).length > 0 ? selectorFromSet(ns) : undefined;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return new RequiredNodeAffinity(labelSelector, required ? new LazyErrorNodeSelector(required) : undefined);
}

/**
 * `PreferredSchedulingTerms.Score`: the sum of the weights of the preferred terms the node matches. Terms of
 * weight 0 are dropped; a term that does not parse counts as not matching (Go fails the PreScore instead).
 */
export function preferredSchedulingScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let score = 0;
  for (const t of terms) {
    if (t.weight === 0 || isEmptyTerm(t.preference)) continue;
    if (termMatches(parseTerm(t.preference), node)) score += t.weight;
  }
  return score;
}
