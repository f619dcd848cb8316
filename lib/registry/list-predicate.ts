import type { KubernetesObject } from '../api/types.js';
import { newBadRequest } from '../errors/constructors.js';
import { compileFieldMatcher } from '../selectors/field-labels.js';
import { parseListSelectors, SelectorError } from '../selectors/list-selectors.js';
import type { ListQuery } from './rest.js';

/**
 * Parses a request's label and field selectors (400 BadRequest with the apiserver's message when they do
 * not parse or name an unsupported field) into one predicate, or undefined when they select everything.
 */
export function buildListPredicate(resource: string, q: ListQuery, namespaced = true): ((o: KubernetesObject) => boolean) | undefined {
  if (!q.labelSelector && !q.fieldSelector) return undefined;
  let sel;
  try {
    sel = parseListSelectors(q, resource, { namespaced });
  } catch (e) {
    if (e instanceof SelectorError) throw newBadRequest(e.message);
    throw e;
  }
  const { label, field } = sel;
  const fieldMatch = field.empty() ? undefined : compileFieldMatcher(resource, field, namespaced);
  if (label.empty() && !fieldMatch) return undefined;
  if (label.empty()) return fieldMatch;
  if (!fieldMatch) return (o) => label.matches(o.metadata?.labels);
  return (o) => label.matches(o.metadata?.labels) && fieldMatch(o);
}
