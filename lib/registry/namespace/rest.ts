import type { DeleteOptions, Namespace } from '../../api/types.js';
import { mutableMeta } from '../../api/types.js';
import { IMMORTAL_NAMESPACES } from '../../api/well-known.js';
import { rfc3339 } from '../../clock/clock.js';
import { newConflict, newForbidden } from '../../errors/constructors.js';
import type { RegistryDeps } from '../generic-store.js';
import { clone } from '../generic-store.js';
import { StandardREST } from '../standard-rest.js';
import type { RequestContext } from '../strategy.js';
import { namespaceFinalizeStrategy, namespaceStatusStrategy, namespaceStrategy } from './strategy.js';

/**
 * Namespaces (`pkg/registry/core/namespace/storage/storage.go`): deleting one marks it Terminating;
 * it goes away once the namespace controller has emptied it and removed its finalizer.
 */
export class NamespaceREST extends StandardREST<Namespace> {
  constructor(deps: RegistryDeps) {
    super({ resource: 'namespaces', kind: 'Namespace', apiVersion: 'v1', group: '' }, namespaceStrategy, deps);
    this.addObjectSubresource('status', namespaceStatusStrategy);
    this.addObjectSubresource('finalize', namespaceFinalizeStrategy);
  }

  override delete(ctx: RequestContext, name: string, opts: DeleteOptions = {}): Namespace {
    // NamespaceLifecycle admission: the system namespaces are immortal.
    if ((IMMORTAL_NAMESPACES as readonly string[]).includes(name)) {
      throw newForbidden({ resource: 'namespaces' }, name, 'this namespace may not be deleted');
    }
    const cur = this.store.get('', name);
    const pre = opts.preconditions ?? {};
    if (pre.uid && pre.uid !== cur.metadata?.uid) {
      throw newConflict(
        { resource: 'namespaces' },
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata?.uid ?? ''}`,
      );
    }
    if (pre.resourceVersion && pre.resourceVersion !== cur.metadata?.resourceVersion) {
      throw newConflict(
        { resource: 'namespaces' },
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata?.resourceVersion ?? ''}`,
      );
    }
    const finalizers = cur.spec?.finalizers ?? [];
    if (cur.metadata?.deletionTimestamp === undefined) {
      const next = clone(cur);
      mutableMeta(next).deletionTimestamp = rfc3339(ctx.now);
      mutableMeta(next).deletionGracePeriodSeconds = 0;
      next.status = { ...(next.status ?? {}), phase: 'Terminating' };
      if (ctx.dryRun) return next;
      const stored = this.deps.store.update<Namespace>('namespaces', name, {}, () => next);
      if (finalizers.length === 0 && (cur.metadata?.finalizers?.length ?? 0) === 0) return this.deps.store.delete('namespaces', name);
      return stored;
    }
    if (finalizers.length === 0 && (cur.metadata?.finalizers?.length ?? 0) === 0 && !ctx.dryRun) return this.deps.store.delete('namespaces', name);
    return cur;
  }

  /** Removes a namespace whose finalizers are all gone (what the finalize subresource leads to). */
  removeIfFinalized(name: string): boolean {
    const cur = this.store.find('', name);
    if (!cur || cur.metadata?.deletionTimestamp === undefined) return false;
    if ((cur.spec?.finalizers?.length ?? 0) > 0 || (cur.metadata?.finalizers?.length ?? 0) > 0) return false;
    this.deps.store.delete('namespaces', name);
    return true;
  }
}
