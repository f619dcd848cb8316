/**
 * PATCH of an object or an object subresource: the route's Content-Type filter (go-restful `Consumes`
 * with the four patch types), then handlers/patch.go `PatchResource` — output negotiation (406), the
 * body (413), PatchOptions (422) — and the registry, which applies the patch (`fieldValidation` decides
 * what unknown fields do) and takes the update path.
 */
import type { KubernetesObject } from '../../api/types.js';
import { makeStatus, StatusError, StatusReason } from '../../errors/status-error.js';
import { newUnsupportedPatchType, patchTypeFromContentType, PatchType, supportedPatchTypes } from '../../patch/patch-type.js';
import type { PatchRequest } from '../../registry/rest.js';
import { fieldValidationDirective } from '../field-validation.js';
import { managerOrUserAgent, patchOptionsFromQuery } from '../query-options.js';
import type { RequestScope } from '../scope.js';

/** The registry's name of each patch type. */
const patchKinds: Readonly<Record<PatchType, PatchRequest['type']>> = {
  [PatchType.JSON]: 'json',
  [PatchType.Merge]: 'merge',
  [PatchType.StrategicMerge]: 'strategic',
  [PatchType.Apply]: 'apply',
};

/**
 * go-restful's `Route.matchesContentType`: some comma-separated value of Content-Type, without its
 * parameters, is one of the route's types; no Content-Type counts as `application/octet-stream`.
 */
function routeConsumes(contentType: string | undefined): boolean {
  const header = contentType === undefined || contentType === '' ? 'application/octet-stream' : contentType;
  return header.split(',').some((part) => (supportedPatchTypes as readonly string[]).includes(part.split(';')[0]!.trim()));
}

/** go-restful's 415 as the apiserver's ServiceErrorHandler words it (NewGenericServerResponse: empty details). */
const routerUnsupportedMediaType = (): StatusError => new StatusError(makeStatus(415, StatusReason.UnsupportedMediaType, '415: Unsupported Media Type', {}));

/** Patches the object; 200 with the result (201 when a server-side apply created it). */
export async function handlePatch(scope: RequestScope): Promise<void> {
  const { route } = scope;
  const contentType = scope.req.headers['content-type'];
  if (!routeConsumes(contentType)) throw routerUnsupportedMediaType();
  const patchType = patchTypeFromContentType(contentType ?? '');
  if (patchType === undefined) throw newUnsupportedPatchType();
  const output = scope.negotiateOutput();
  const body = await scope.body();
  const options = patchOptionsFromQuery(scope.query, patchType === PatchType.Apply);
  const ctx = scope.context({ dryRun: options.dryRun, fieldManager: managerOrUserAgent(options.fieldManager, scope.req.headers['user-agent']) });
  ctx.fieldValidation = fieldValidationDirective(options.fieldValidation);
  const request: PatchRequest = { type: patchKinds[patchType], body: body.toString('utf8') };
  let created = false;
  if (patchType === PatchType.Apply && !route.subREST) {
    try {
      route.rest.get(scope.context(), route.name);
    } catch {
      created = true;
    }
  }
  const result: KubernetesObject = route.subREST?.patch ? route.subREST.patch(ctx, route.name, request) : route.rest.patch(ctx, route.name, request);
  scope.respond(created ? 201 : 200, result, output);
}
