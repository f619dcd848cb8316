import { writable, type Binding, type KubernetesObject, type Pod, type PodCondition } from '../../api/types.js';
import { rfc3339 } from '../../clock/clock.js';
import { newBadRequest, newConflict, newNotFound } from '../../errors/constructors.js';
import { StatusError, type FailureStatus } from '../../errors/status-error.js';
import { aggregateText, notSupported, required, type FieldError } from '../../field/errors.js';
import type { VersionedStore } from '../../store/store.js';
import type { RequestContext } from '../strategy.js';
import { admitNamespaceLifecycle } from '../namespace-lifecycle.js';
import { roundTripPod } from '../../api/go-json.js';

/** `ValidatePodBinding`: the target is a Node (or says no kind) and has a name. */
function validateBinding(b: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(required('target.name'));
  return errs;
}

/** An error that is not an API status (BindingREST returns the aggregate as it is): 500, no reason. */
function unknownError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as unknown as FailureStatus);
}

/** `podutil.UpdatePodCondition` with PodScheduled=True: a changed status gets a new lastTransitionTime. */
function setScheduled(pod: Pod, now: number): void {
  const conds: PodCondition[] = [...(pod.status?.conditions ?? [])];
  const i = conds.findIndex((c) => c.type === 'PodScheduled');
  const old = i >= 0 ? conds[i] : undefined;
  const lastTransitionTime = old && old.status === 'True' ? old.lastTransitionTime : rfc3339(now);
  const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime } as PodCondition;
  if (i >= 0) conds[i] = scheduled;
  else conds.push(scheduled);
  writable(pod).status = { ...(pod.status ?? {}), conditions: conds };
}

/**
 * POST pods/NAME/binding (`pkg/registry/core/pod/storage/storage.go` BindingREST.Create): the body names
 * the URL's pod (400), validates (a 500 carrying the field errors, as the apiserver returns them
 * unwrapped), passes NamespaceLifecycle, and its uid/resourceVersion are storage preconditions (409).
 * The pod must exist (404), not be deleting, not be bound and have no scheduling gates (409 on
 * `pods/binding`). Sets spec.nodeName, merges the binding's annotations, marks PodScheduled=True.
 */
export function bindPod(store: VersionedStore, ctx: RequestContext, name: string, body: KubernetesObject): KubernetesObject {
  const b = body as Binding;
  if (b === null || typeof b !== 'object') throw newBadRequest('not a Binding object');
  const meta = b.metadata ?? {};
  if (meta.namespace && meta.namespace !== ctx.namespace) {
    throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  // Admission runs in the create handler, before BindingREST.Create checks the body.
  admitNamespaceLifecycle(store, ctx, { resource: 'pods', kind: 'Binding', apiVersion: 'v1', group: '' }, { metadata: { name } });
  if ((meta.name ?? '') !== name) throw newBadRequest('name in URL does not match name in Binding object');
  const errs = validateBinding(b);
  if (errs.length > 0) throw unknownError(aggregateText(errs));
  const key = `${ctx.namespace}/${name}`;
  const cur = store.get<Pod>('pods', key);
  if (!cur) throw newNotFound({ resource: 'pods' }, name);
  const storageKey = `/registry/pods/${key}`;
  if (meta.uid && meta.uid !== cur.metadata?.uid) {
    throw newConflict({ resource: 'pods' }, name, `StorageError: invalid object, Code: 4, Key: ${storageKey}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${cur.metadata?.uid ?? ''}`);
  }
  if (meta.resourceVersion && meta.resourceVersion !== cur.metadata?.resourceVersion) {
    throw newConflict({ resource: 'pods' }, name, `StorageError: invalid object, Code: 4, Key: ${storageKey}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ResourceVersion in precondition: ${meta.resourceVersion}, ResourceVersion in object meta: ${cur.metadata?.resourceVersion ?? ''}`);
  }
  const gr = { resource: 'pods/binding' };
  if (cur.metadata?.deletionTimestamp) throw newConflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (cur.spec?.nodeName) throw newConflict(gr, name, `pod ${name} is already assigned to node "${cur.spec.nodeName}"`);
  if ((cur.spec?.schedulingGates ?? []).length > 0) throw newConflict(gr, name, `pod ${name} has non-empty .spec.schedulingGates`);
  if (!ctx.dryRun) {
    store.update<Pod>('pods', key, {}, (pod) => {
      const next = JSON.parse(JSON.stringify(pod)) as Pod;
      next.spec = { ...(next.spec ?? { containers: [] }), nodeName: b.target.name };
      if (meta.annotations) next.metadata = { ...next.metadata, annotations: { ...(next.metadata?.annotations ?? {}), ...meta.annotations } };
      setScheduled(next, ctx.now);
      return roundTripPod(next).value;
    });
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } as KubernetesObject;
}
