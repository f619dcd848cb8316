import type { KubernetesObject, Namespace } from '../api/types.js';
import { newForbidden, newNotFound } from '../errors/constructors.js';
import { StatusError } from '../errors/status-error.js';
import type { VersionedStore } from '../store/store.js';
import type { RequestContext, ResourceIdentity } from './strategy.js';

/**
 * NamespaceLifecycle admission on create (`pkg/admission/plugin/namespace/lifecycle` `Admit`): no new
 * object in a namespace that does not exist (404 `namespaces "x" not found`, what the plugin's live
 * lookup answers) or is being terminated (403 with a `NamespaceTerminating` cause). Events are no
 * exception: recorders drop what a terminating namespace refuses.
 */
export function admitNamespaceLifecycle(store: VersionedStore, ctx: RequestContext, id: ResourceIdentity, body: KubernetesObject | undefined): void {
  const ns = store.get<Namespace>('namespaces', ctx.namespace);
  if (!ns) throw newNotFound({ resource: 'namespaces' }, ctx.namespace);
  if (ns.status?.phase !== 'Terminating') return;
  // admission.NewForbidden names the object, else its generateName (names are not generated yet), else Unknown.
  const name = body?.metadata?.name || body?.metadata?.generateName || 'Unknown';
  const e = newForbidden({ group: id.group, resource: id.resource }, name, `unable to create new content in namespace ${ctx.namespace} because it is being terminated`);
  const details = e.status.details ?? {};
  const cause = { reason: 'NamespaceTerminating', message: `namespace ${ctx.namespace} is being terminated`, field: 'metadata.namespace' };
  throw new StatusError({ ...e.status, details: { ...details, causes: [...(details.causes ?? []), cause] } });
}
