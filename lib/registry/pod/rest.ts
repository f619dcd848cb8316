import type { Pod } from '../../api/types.js';
import { newBadRequest } from '../../errors/constructors.js';
import { admitNamespaceLifecycle } from '../namespace-lifecycle.js';
import type { RequestContext } from '../strategy.js';
import { podAdmissionDeps } from './admission.js';
import { preparePodCreate } from './create-pipeline.js';
import type { RegistryDeps, UpdateOptions } from '../generic-store.js';
import type { PatchRequest, SubresourceREST } from '../rest.js';
import { StandardREST } from '../standard-rest.js';
import { patchObject } from '../patcher.js';
import { bindPod } from './binding.js';
import { applyFieldManager } from './apply.js';
import { podStrategies } from './strategy.js';

/**
 * Pods and their subresources (`pkg/registry/core/pod/storage/storage.go`): `status`,
 * `ephemeralcontainers` (GET/PUT/PATCH only), `binding` (POST only). Streaming subresources (log, exec,
 * attach) are served by the kubelet side and wired by the HTTP door.
 */
export class PodREST extends StandardREST<Pod> {
  constructor(deps: RegistryDeps) {
    const strategies = podStrategies(() => podAdmissionDeps(deps.store, deps.ids));
    super({ resource: 'pods', kind: 'Pod', apiVersion: 'v1', group: '' }, strategies.main, deps);
    this.addObjectSubresource('status', strategies.status);
    this.addObjectSubresource('ephemeralcontainers', strategies.ephemeralcontainers);
    const binding: SubresourceREST = { kind: 'Binding', create: (ctx, name, body) => bindPod(deps.store, ctx, name, body) };
    this.subresources['binding'] = binding;
  }

  /**
   * POST pods (handlers/create.go, then the pod store): the body is decoded (400 for what does not fit
   * a v1.Pod), its namespace checked against the request's (400), NamespaceLifecycle admits it (404,
   * 403), then the create pipeline (defaulting, field manager, admission, system metadata,
   * PrepareForCreate — see create-pipeline.ts), validation and the store.
   */
  override create(ctx: RequestContext, body: Pod): Pod {
    return this.createPod(ctx, body, 'Update', '');
  }

  /**
   * PATCH pods/NAME: a server-side apply of a pod that does not exist creates it (the patcher's
   * create-on-apply), one of a pod that exists records an Apply entry (409 on conflicts unless forced);
   * every other patch is applied to the stored object and takes the update path.
   */
  override patch(ctx: RequestContext, name: string, patch: PatchRequest, opts: UpdateOptions = {}): Pod {
    if (patch.type !== 'apply' || opts.strategy) return super.patch(ctx, name, patch, opts);
    if (this.store.find(ctx.namespace, name)) {
      // The configuration as applied: the patch body parsed onto an empty object.
      const config = patchObject({} as Pod, patch, this.id);
      return super.patch(ctx, name, patch, { ...opts, managedFields: applyFieldManager(config, patch.force ?? false) as UpdateOptions['managedFields'] });
    }
    // applyPatcher.createNewObject: the configuration applied to an empty Pod, then checkName.
    const applied = patchObject({} as Pod, patch, this.id, ctx);
    this.store.checkName(applied, name, ctx.namespace);
    return this.createPod(ctx, applied, 'Apply', name);
  }

  private createPod(ctx: RequestContext, body: Pod, operation: 'Update' | 'Apply', urlName: string): Pod {
    const decoded = this.store.decode(body, ctx);
    const ns = decoded.metadata?.namespace;
    // rest.EnsureObjectNamespaceMatchesRequestNamespace runs before admission.
    if (ns && ns !== ctx.namespace) throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    admitNamespaceLifecycle(this.deps.store, ctx, this.id, decoded);
    const res = preparePodCreate(body, {
      namespace: ctx.namespace,
      ...(urlName ? { name: urlName } : {}),
      now: ctx.now,
      rng: this.deps.ids.rng,
      manager: ctx.fieldManager ?? 'unknown',
      operation,
      admission: podAdmissionDeps(this.deps.store, this.deps.ids),
    });
    if (res.warnings.length > 0) (ctx.warnings ??= []).push(...res.warnings);
    return this.store.createPrepared(ctx, res.pod);
  }
}
