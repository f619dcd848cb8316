/**
 * The Priority admission plugin for pods (`plugin/pkg/admission/priority/admission.go` `admitPod`):
 * on create, the priority (and preemption policy) of the named PriorityClass, or of the global default
 * class (whose name is then written into the pod), or 0 with `PreemptLowerPriority` when there is none;
 * a client-set priority or policy that disagrees is refused. On update a dropped priority is restored
 * from the stored pod. Subresources are ignored.
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { Pod } from '../api/types.js';
import { forbidden, type AdmissionAttributes } from './attributes.js';

/** `scheduling.DefaultPriorityWhenNoDefaultClassExists` */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;
/** `v1.PreemptLowerPriority` */
export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

/** The two classes every apiserver creates at start-up (`scheduling.SystemPriorityClasses`). */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
    preemptionPolicy: PREEMPT_LOWER_PRIORITY,
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: 2000000000,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    preemptionPolicy: PREEMPT_LOWER_PRIORITY,
  },
];

/** Where the plugin finds PriorityClasses (its informer lister). */
export interface PriorityClassLister {
  get(name: string): PriorityClass | undefined;
  list(): readonly PriorityClass[];
}

/** `getDefaultPriorityClass`: the globalDefault class; with several (a race), the lowest value wins. */
export function defaultPriorityClass(classes: readonly PriorityClass[]): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const pc of classes) {
    if (pc.globalDefault && (!best || best.value > pc.value)) best = pc;
  }
  return best;
}

/** `Admit` for pods (mutates `pod`; throws {@link AdmissionDenied}). */
export function admitPriority(pod: Pod, attrs: AdmissionAttributes, deps: { readonly priorityClasses: PriorityClassLister }): void {
  if (attrs.resource !== 'pods' || attrs.subresource !== '') return;
  const spec = (pod.spec ??= { containers: [] });
  if (attrs.operation === 'UPDATE') {
    // Validation forbids changing priority; restoring a dropped one keeps such updates valid.
    const old = attrs.oldObject?.spec?.priority;
    if ((spec.priority === undefined || spec.priority === null) && old !== undefined && old !== null) spec.priority = old;
    return;
  }
  if (attrs.operation !== 'CREATE') return;
  let priority: number;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const dpc = defaultPriorityClass(deps.priorityClasses.list());
    if (dpc) {
      spec.priorityClassName = dpc.metadata?.name ?? '';
      priority = dpc.value;
      policy = dpc.preemptionPolicy ?? PREEMPT_LOWER_PRIORITY;
    } else {
      priority = DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS;
      policy = PREEMPT_LOWER_PRIORITY;
    }
    if (!spec.priorityClassName) delete spec.priorityClassName;
  } else {
    const pc = deps.priorityClasses.get(spec.priorityClassName);
    if (!pc) throw forbidden(attrs, pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    // PriorityClass defaulting gives every stored class a policy.
    policy = pc.preemptionPolicy ?? PREEMPT_LOWER_PRIORITY;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw forbidden(attrs, pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy && spec.preemptionPolicy !== policy) {
      throw forbidden(attrs, pod, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
}
