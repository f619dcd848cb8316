/**
 * GET of one object (or an object subresource) and LIST of a collection: handlers/get.go
 * `GetResource` and `ListResource` (the non-watch half), over the registry's `get`/`list`.
 */
import type { KubernetesObject } from '../../api/types.js';
import { newBadRequest } from '../../errors/constructors.js';
import { listOptionsFromQuery, toListQuery, validateListOptions } from '../query-options.js';
import { orderedList, type RequestScope } from '../scope.js';

/** Convert_Slice_string_To_bool. */
const queryBool = (v: string): boolean => !(v === '0' || v.toLowerCase() === 'false');

/** GET …/{name}[/{subresource}]: 200 with the object, a one-row Table, or its metadata. */
export function handleGet(scope: RequestScope): void {
  const { route } = scope;
  const options = scope.negotiateOutput();
  // GetResource: `export=true` was removed in 1.18 and is refused.
  const exp = scope.query.getAll('export');
  if (exp.length > 0 && queryBool(exp[0]!)) throw newBadRequest('the export parameter, deprecated since v1.14, is no longer supported');
  const ctx = scope.context();
  const result: KubernetesObject = route.subREST?.get ? route.subREST.get(ctx, route.name) : route.rest.get(ctx, route.name);
  scope.respond(200, result, options);
}

/**
 * GET of a collection: list options from the query (400 for unparsable numbers, 422 for invalid
 * combinations), then the registry's list — selectors, paging with limit/continue.
 */
export function handleList(scope: RequestScope): void {
  const opts = listOptionsFromQuery(scope.query);
  validateListOptions(opts, false);
  const options = scope.negotiateOutput();
  const list = scope.route.rest.list(scope.context(), toListQuery(opts));
  scope.respond(200, orderedList(list), options);
}
