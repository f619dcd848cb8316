/**
 * The DefaultTolerationSeconds admission plugin (`plugin/pkg/admission/defaulttolerationseconds`):
 * on pod create and update, a pod that does not already tolerate the `node.kubernetes.io/not-ready` and
 * `node.kubernetes.io/unreachable` NoExecute taints gets a 300-second toleration for each, appended
 * after its own (not-ready first). A toleration counts when its key is the taint's or empty and its
 * effect is NoExecute or empty; operator and value are not looked at.
 */
import type { Pod, Toleration } from '../api/types.js';
import type { AdmissionAttributes } from './attributes.js';

/** `v1.TaintNodeNotReady` */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** `v1.TaintNodeUnreachable` */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** The default of `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/** The apiserver flags the plugin reads. */
export interface DefaultTolerationSecondsOptions {
  readonly notReadyTolerationSeconds?: number;
  readonly unreachableTolerationSeconds?: number;
}

const tolerates = (t: Toleration, key: string): boolean => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect);

/** `Admit` (mutates `pod`). */
export function admitDefaultTolerationSeconds(pod: Pod, attrs: AdmissionAttributes, options: DefaultTolerationSecondsOptions = {}): void {
  if (attrs.resource !== 'pods' || attrs.subresource !== '') return;
  if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE') return;
  const spec = (pod.spec ??= { containers: [] });
  const tolerations = spec.tolerations ?? [];
  const added: Toleration[] = [];
  if (!tolerations.some((t) => tolerates(t, TAINT_NODE_NOT_READY))) {
    added.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: options.notReadyTolerationSeconds ?? DEFAULT_TOLERATION_SECONDS });
  }
  if (!tolerations.some((t) => tolerates(t, TAINT_NODE_UNREACHABLE))) {
    added.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: options.unreachableTolerationSeconds ?? DEFAULT_TOLERATION_SECONDS });
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
}
