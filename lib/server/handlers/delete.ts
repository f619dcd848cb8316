/**
 * DELETE of an object and of a collection: handlers/delete.go `DeleteResource` and `DeleteCollection`.
 * DeleteOptions come from the body when there is one (kubectl sends
 * `{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}`), else from the query
 * (`?gracePeriodSeconds=0`); both are validated (422) before the registry deletes.
 */
import type { DeleteOptions } from '../../api/types.js';
import { deleteOptionsFromQuery, listOptionsFromQuery, toListQuery, validateDeleteOptions, validateListOptions } from '../query-options.js';
import { decodeDeleteOptionsBody } from '../request-body.js';
import { orderedList, type RequestScope } from '../scope.js';
import { bodyMediaType } from './update.js';

/** The request's DeleteOptions: a non-empty body wins over the query. */
async function deleteOptions(scope: RequestScope): Promise<DeleteOptions> {
  const body = await scope.body();
  let opts: DeleteOptions;
  if (body.length > 0) {
    opts = decodeDeleteOptionsBody(body, bodyMediaType(scope));
  } else {
    opts = deleteOptionsFromQuery(scope.query);
  }
  validateDeleteOptions(opts);
  return opts;
}

/** Deletes one object; 200 with what the registry returns (the object, marked for deletion or gone). */
export async function handleDelete(scope: RequestScope): Promise<void> {
  const { route } = scope;
  const output = scope.negotiateOutput();
  const opts = await deleteOptions(scope);
  const result = route.rest.delete(scope.context({ dryRun: opts.dryRun ?? [] }), route.name, opts);
  scope.respond(200, result, output);
}

/** Deletes what the list options select; 200 with the list of deleted objects. */
export async function handleDeleteCollection(scope: RequestScope): Promise<void> {
  const { route } = scope;
  const output = scope.negotiateOutput();
  const listOpts = listOptionsFromQuery(scope.query);
  validateListOptions(listOpts, false);
  const opts = await deleteOptions(scope);
  const result = route.rest.deleteCollection(scope.context({ dryRun: opts.dryRun ?? [] }), toListQuery(listOpts), opts);
  scope.respond(200, orderedList(result), output);
}
