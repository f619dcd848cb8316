import { writable, type Node } from '../../api/types.js';
import { fieldPath } from '../../field/path.js';
import { notSupported, required, type FieldError } from '../../field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.js';
import { nameIsDNSSubdomain, validateQualifiedName } from '../../validation/names.js';
import type { Strategy } from '../strategy.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
function defaultNode(node: Node): void {
  if (node.status?.capacity && !node.status.allocatable) writable(node).status = { ...node.status, allocatable: { ...node.status.capacity } };
}

/** ValidateNode's checks of the fields kubesim serves: metadata and taints. */
function validateNodeSpec(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  (node.spec?.taints ?? []).forEach((t, i) => {
    const p = fieldPath('spec', 'taints').index(i);
    errs.push(...validateQualifiedName(t.key ?? '', p.child('key')));
    if (!t.effect) errs.push(required(p.child('effect')));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** The node strategy (`pkg/registry/core/node/strategy.go`): cluster-scoped; the main resource cannot change status. */
export const nodeStrategy: Strategy<Node> = {
  namespaced: false,
  allowUnconditionalUpdate: true,
  defaults: defaultNode,
  prepareForCreate(): void {
    // The kubelet registers its node with a status; create keeps it.
  },
  validate(node: Node): FieldError[] {
    return [...validateObjectMeta(node.metadata ?? {}, false, nameIsDNSSubdomain, fieldPath('metadata')), ...validateNodeSpec(node)];
  },
  prepareForUpdate(node: Node, old: Node): void {
    if (old.status) writable(node).status = old.status;
    else delete writable(node).status;
  },
  validateUpdate(node: Node, old: Node): FieldError[] {
    return [...validateObjectMetaUpdate(node.metadata ?? {}, old.metadata ?? {}, fieldPath('metadata')), ...validateNodeSpec(node)];
  },
};

/** nodes/status: only status changes (nodeStatusStrategy). */
export const nodeStatusStrategy: Strategy<Node> = {
  ...nodeStrategy,
  prepareForUpdate(node: Node, old: Node): void {
    if (old.spec) node.spec = old.spec;
    else delete node.spec;
  },
};
