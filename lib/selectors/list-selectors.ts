/**
 * The selector handling of apiserver `handlers/get.go` ListResource (also used for watch, and by
 * `delete.go` DeleteCollection): decode `labelSelector` then `fieldSelector` (ParameterCodec, so a parse error
 * comes first and unwrapped), convert the field labels for the kind, and for a named watch check that the
 * field selector pins the same `metadata.name`. Every failure is a {@link SelectorError} whose message is the
 * exact `message` of the 400 BadRequest Status.
 */
import { LabelSelector, parseLabelSelector } from './label-selector.js';
import { FieldSelector, oneTermEqualSelector, parseFieldSelector } from './field-selector.js';
import { convertFieldSelector } from './field-labels.js';
import { SelectorError } from './selector-error.js';

export { SelectorError, isSelectorError } from './selector-error.js';

/** The selectors of a list/watch/deletecollection request, parsed and converted. */
export interface ListSelectors {
  readonly label: LabelSelector;
  readonly field: FieldSelector;
}

/** The selector query parameters (only the first value of a repeated parameter counts; pass that one). */
export interface SelectorQuery {
  readonly labelSelector?: string | null | undefined;
  readonly fieldSelector?: string | null | undefined;
}

/** Options for {@link parseListSelectors}. */
export interface ListSelectorOptions {
  /** Whether the resource is namespaced (decides the default field set for kinds without a conversion func). */
  readonly namespaced?: boolean;
  /** The object name of a request on one object (`watch` of `/pods/NAME` or `?fieldSelector=metadata.name=…`). */
  readonly name?: string | undefined;
}

/** The 400 message of a named request whose field selector does not pin the same name. */
export const FIELD_SELECTOR_NAME_MISMATCH = "fieldSelector metadata.name doesn't match requested name";

/**
 * Parses and converts the selectors of a list/watch/deletecollection on `resource` (plural, e.g. `pods`), or
 * throws a {@link SelectorError} with the apiserver's 400 message. With a `name`, the field selector must be
 * empty (it then becomes `metadata.name=NAME`) or require exactly that name.
 */
export function parseListSelectors(query: SelectorQuery, resource: string, opts: ListSelectorOptions = {}): ListSelectors {
  const label = query.labelSelector ? parseLabelSelector(query.labelSelector) : LabelSelector.everything();
  let field = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : FieldSelector.everything();
  field = convertFieldSelector(resource, field, opts.namespaced ?? true);
  if (opts.name !== undefined && opts.name.length > 0) {
    if (!field.empty()) {
      if (field.requiresExactMatch('metadata.name') !== opts.name) throw new SelectorError(FIELD_SELECTOR_NAME_MISMATCH);
    } else {
      field = oneTermEqualSelector('metadata.name', opts.name);
    }
  }
  return { label, field };
}

/**
 * The `message` of the 400 BadRequest the apiserver answers for these selectors, or `undefined` when they
 * are accepted. A convenience over {@link parseListSelectors} for handlers that only need the verdict.
 */
export function selectorBadRequestMessage(query: SelectorQuery, resource: string, opts: ListSelectorOptions = {}): string | undefined {
  try {
    parseListSelectors(query, resource, opts);
    return undefined;
  } catch (e) {
    if (e instanceof SelectorError) return e.message;
    throw e;
  }
}
