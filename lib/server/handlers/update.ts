/**
 * PUT of an object or an object subresource (`pods/status`, `pods/ephemeralcontainers`,
 * `namespaces/finalize`): handlers/update.go `UpdateResource`, in its order — output negotiation (406),
 * the body (413), UpdateOptions (422), the body's media type (415), decoding (400, strict errors under
 * `fieldValidation`), then the registry, which checks names, namespaces, resourceVersion and validity.
 */
import type { KubernetesObject } from '../../api/types.js';
import { applyFieldValidation, decodesStrictly, fieldValidationDirective } from '../field-validation.js';
import { inputMediaTypes, negotiateInputMediaType } from '../negotiation.js';
import { managerOrUserAgent, writeOptionsFromQuery } from '../query-options.js';
import { decodeObjectBody } from '../request-body.js';
import type { RequestScope } from '../scope.js';

/** NegotiateInputSerializer: the body's media type (JSON, YAML or protobuf), 415 for any other. */
export function bodyMediaType(scope: RequestScope): string {
  return negotiateInputMediaType(scope.req.headers['content-type'], inputMediaTypes);
}

/** Replaces the object; 200 with what was stored. */
export async function handleUpdate(scope: RequestScope): Promise<void> {
  const { route } = scope;
  const output = scope.negotiateOutput();
  const body = await scope.body();
  const options = writeOptionsFromQuery(scope.query, 'UpdateOptions');
  const mediaType = bodyMediaType(scope);
  const directive = fieldValidationDirective(options.fieldValidation);
  const decoded = decodeObjectBody(body, mediaType, scope.kind, decodesStrictly(directive));
  applyFieldValidation(directive, decoded.strictErrors, decoded.gvk, scope.kind.kind, (w) => scope.warnings.add(w));
  const ctx = scope.context({ dryRun: options.dryRun, fieldManager: managerOrUserAgent(options.fieldManager, scope.req.headers['user-agent']) });
  ctx.fieldValidation = directive;
  const result: KubernetesObject = route.subREST?.update
    ? route.subREST.update(ctx, route.name, decoded.object)
    : route.rest.update(ctx, route.name, decoded.object);
  scope.respond(200, result, output);
}
