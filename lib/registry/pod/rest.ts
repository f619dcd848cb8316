import type { Pod } from '../../api/types.js';
import { newBadRequest } from '../../errors/constructors.js';
import { admitNamespaceLifecycle } from '../namespace-lifecycle.js';
import type { RequestContext } from '../strategy.js';
import { podAdmissionDeps } from './admission.js';
import { preparePodCreate } from './create-pipeline.js';
import type { RegistryDeps } from '../generic-store.js';
import type { SubresourceREST } from '../rest.js';
import { StandardREST } from '../standard-rest.js';
import { bindPod } from './binding.js';
import { podEphemeralContainersStrategy, podStatusStrategy, podStrategy } from './strategy.js';

/**
 * Pods and their subresources (`pkg/registry/core/pod/storage/storage.go`): `status`,
 * `ephemeralcontainers` (GET/PUT/PATCH only), `binding` (POST only). Streaming subresources (log, exec,
 * attach) are served by the kubelet side and wired by the HTTP door.
 */
export class PodREST extends StandardREST<Pod> {
  constructor(deps: RegistryDeps) {
    super({ resource: 'pods', kind: 'Pod', apiVersion: 'v1', group: '' }, podStrategy, deps);
    this.addObjectSubresource('status', podStatusStrategy);
    this.addObjectSubresource('ephemeralcontainers', podEphemeralContainersStrategy);
    const binding: SubresourceREST = { kind: 'Binding', create: (ctx, name, body) => bindPod(deps.store, ctx, name, body) };
    this.subresources['binding'] = binding;
  }

  /**
   * POST pods: the apiserver's create pipeline for pods (decode, defaulting, field manager, admission,
   * system metadata, PrepareForCreate — see create-pipeline.ts), then validation and the store.
   */
  override create(ctx: RequestContext, body: Pod): Pod {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw newBadRequest('Pod in version "v1" cannot be handled as a Pod: expected an object');
    }
    admitNamespaceLifecycle(this.deps.store, ctx, this.id, body.metadata?.name ?? '');
    const res = preparePodCreate(body, {
      namespace: ctx.namespace,
      now: ctx.now,
      rng: this.deps.ids.rng,
      manager: ctx.fieldManager ?? 'unknown',
      admission: podAdmissionDeps(this.deps.store, this.deps.ids),
    });
    if (res.unknownFields.length > 0) {
      const msgs = res.unknownFields.map((f) => `unknown field "${f}"`);
      if (ctx.fieldValidation === 'Strict') throw newBadRequest(`strict decoding error: ${msgs.join(', ')}`);
      if (ctx.fieldValidation !== 'Ignore') (ctx.warnings ??= []).push(...msgs);
    }
    if (res.warnings.length > 0) (ctx.warnings ??= []).push(...res.warnings);
    return this.store.createPrepared(ctx, res.pod);
  }
}
