import type { Namespace } from '../api/types.js';
import { newForbidden, newNotFound } from '../errors/constructors.js';
import { StatusError } from '../errors/status-error.js';
import type { VersionedStore } from '../store/store.js';
import type { RequestContext, ResourceIdentity } from './strategy.js';

/**
 * NamespaceLifecycle admission (`plugin/pkg/admission/namespace/lifecycle`): no new objects in a namespace
 * that does not exist (404) or is being terminated (403 with a NamespaceTerminating cause). Events are
 * still accepted in a terminating namespace, so the kubelet can report the pods it kills.
 */
export function admitNamespaceLifecycle(store: VersionedStore, ctx: RequestContext, id: ResourceIdentity, name: string): void {
  const ns = store.get<Namespace>('namespaces', ctx.namespace);
  if (!ns) throw newNotFound({ resource: 'namespaces' }, ctx.namespace);
  if (ns.status?.phase === 'Terminating' && id.resource !== 'events') {
    const why = `unable to create new content in namespace ${ctx.namespace} because it is being terminated`;
    const e = newForbidden({ group: id.group, resource: id.resource }, name, why);
    const details = e.status.details ?? {};
    throw new StatusError({ ...e.status, details: { ...details, causes: [{ reason: 'NamespaceTerminating', message: why, field: 'metadata.namespace' }] } });
  }
}
