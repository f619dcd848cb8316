/**
 * POST of an object to a collection, or to a subresource (`pods/binding`): handlers/create.go
 * `createHandler`, in its order — output negotiation (406), the body's media type (415), the body
 * (413), CreateOptions (422), decoding (400, strict errors under `fieldValidation`), then the registry.
 */
import type { KubernetesObject } from '../../api/types.js';
import { applyFieldValidation, decodesStrictly, fieldValidationDirective } from '../field-validation.js';
import { managerOrUserAgent, writeOptionsFromQuery } from '../query-options.js';
import { decodeObjectBody } from '../request-body.js';
import type { RequestScope } from '../scope.js';
import { bodyMediaType } from './update.js';

/** Creates the object; 201 with what was stored (or the Status a subresource answers). */
export async function handleCreate(scope: RequestScope): Promise<void> {
  const { route } = scope;
  const output = scope.negotiateOutput();
  const mediaType = bodyMediaType(scope);
  const body = await scope.body();
  const options = writeOptionsFromQuery(scope.query, 'CreateOptions');
  const directive = fieldValidationDirective(options.fieldValidation);
  const decoded = decodeObjectBody(body, mediaType, scope.kind, decodesStrictly(directive));
  applyFieldValidation(directive, decoded.strictErrors, decoded.gvk, scope.kind.kind, (w) => scope.warnings.add(w));
  const ctx = scope.context({ dryRun: options.dryRun, fieldManager: managerOrUserAgent(options.fieldManager, scope.req.headers['user-agent']) });
  ctx.fieldValidation = directive;
  const result: KubernetesObject = route.subREST?.create
    ? route.subREST.create(ctx, route.name, decoded.object)
    : route.rest.create(ctx, decoded.object);
  // A Status answer without a code gets the handler's 201.
  const status = result as { kind?: string; code?: number };
  const out = status.kind === 'Status' && !status.code ? { ...result, code: 201 } : result;
  scope.respond(201, out, output);
}
