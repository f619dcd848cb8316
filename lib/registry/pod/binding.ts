import { writable, type Binding, type KubernetesObject, type Pod, type PodCondition } from '../../api/types.js';
import { rfc3339 } from '../../clock/clock.js';
import { newBadRequest, newConflict, newInvalid, newNotFound } from '../../errors/constructors.js';
import { notFound, required, type FieldError } from '../../field/errors.js';
import type { VersionedStore } from '../../store/store.js';
import type { RequestContext } from '../strategy.js';

/** `ValidatePodBinding`: the target must name a node. */
function validateBinding(b: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(notFound('target.kind', kind));
  if (!b.target?.name) errs.push(required('target.name'));
  return errs;
}

/**
 * POST pods/NAME/binding (`pkg/registry/core/pod/storage/storage.go` BindingREST): sets spec.nodeName once,
 * copies the binding's annotations, and marks PodScheduled=True. Binding a bound or deleting pod is a 409.
 */
export function bindPod(store: VersionedStore, ctx: RequestContext, name: string, body: KubernetesObject): KubernetesObject {
  const b = body as Binding;
  if (b === null || typeof b !== 'object') throw newBadRequest('the body of the request was not a Binding');
  if ((b.metadata?.name ?? '') !== name) throw newBadRequest('name in URL does not match name in Binding object');
  if (b.metadata?.namespace && b.metadata.namespace !== ctx.namespace) {
    throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const errs = validateBinding(b);
  if (errs.length > 0) throw newInvalid({ kind: 'Binding' }, name, errs);
  const key = `${ctx.namespace}/${name}`;
  const cur = store.get<Pod>('pods', key);
  if (!cur) throw newNotFound({ resource: 'pods' }, name);
  const gr = { resource: 'pods/binding' };
  if (cur.metadata?.deletionTimestamp) throw newConflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (cur.spec?.nodeName) throw newConflict(gr, name, `pod ${name} is already assigned to node "${cur.spec.nodeName}"`);
  if (!ctx.dryRun) {
    store.update<Pod>('pods', key, {}, (pod) => {
      const next = JSON.parse(JSON.stringify(pod)) as Pod;
      next.spec = { ...(next.spec ?? { containers: [] }), nodeName: b.target.name };
      if (b.metadata?.annotations) next.metadata = { ...next.metadata, annotations: { ...(next.metadata?.annotations ?? {}), ...b.metadata.annotations } };
      const conds: PodCondition[] = [...(next.status?.conditions ?? [])];
      const i = conds.findIndex((c) => c.type === 'PodScheduled');
      const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(ctx.now) };
      if (i >= 0) {
        if (conds[i]!.status !== 'True') conds[i] = scheduled;
      } else conds.push(scheduled);
      writable(next).status = { ...(next.status ?? {}), conditions: conds };
      return next;
    });
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } as KubernetesObject;
}
