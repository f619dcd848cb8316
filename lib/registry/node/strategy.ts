import type { Taint } from 'kubernetes-types/core/v1.js';
import { writable, type Node } from '../../api/types.js';
import { tryParseQuantity } from '../../api/quantity.js';
import { fieldPath, type FieldPath } from '../../field/path.js';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../../field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.js';
import { isValidLabelValue, nameIsDNSSubdomain, validateQualifiedName } from '../../validation/names.js';
import { validateResourceQuantityValue } from '../../validation/resources.js';
import type { Strategy } from '../strategy.js';
import { goQuote } from '../../field/go-quote.js';
import { withRenderedValue } from '../../validation/common.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
function defaultNode(node: Node): void {
  if (node.status?.capacity && !node.status.allocatable) writable(node).status = { ...node.status, allocatable: { ...node.status.capacity } };
}

/**
 * `validateNodeTaints`. ValidateNode passes `metadata` as the parent path, so taint errors read
 * `metadata.taints[i].key` although the field is spec.taints — a quirk kept as the apiserver has it.
 */
function validateNodeTaints(taints: readonly Taint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = path.index(i);
    errs.push(...validateQualifiedName(t.key ?? '', p.child('key')));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length > 0) errs.push(invalid(p.child('value'), t.value ?? '', valueErrs.join(';')));
    if (!t.effect) errs.push(required(p.child('effect')));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
    const keys = seen.get(t.effect ?? '') ?? new Set<string>();
    if (keys.has(t.key ?? '')) {
      // The internal core.Taint has no String(): Go prints it with %#v.
      const shown = `core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:(*v1.Time)(nil)}`;
      errs.push(withRenderedValue({ ...duplicate(p, t), detail: 'taints must be unique by key and effect pair' }, shown));
      return;
    }
    keys.add(t.key ?? '');
    seen.set(t.effect ?? '', keys);
  });
  return errs;
}

/** `ValidateNodeResources`: capacity and allocatable quantities (map order made stable by key). */
function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    const list = node.status?.[field] ?? {};
    for (const name of Object.keys(list).sort()) {
      const q = tryParseQuantity(list[name]);
      if (q) errs.push(...validateResourceQuantityValue(name, q, fieldPath('status', field).key(name)));
    }
  }
  return errs;
}

/** `ValidateNode`: metadata (a DNS subdomain name, no namespace), taints, resources. */
function validateNode(node: Node): FieldError[] {
  const meta = fieldPath('metadata');
  const errs = validateObjectMeta(node.metadata ?? {}, false, nameIsDNSSubdomain, meta);
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, meta.child('taints')));
  errs.push(...validateNodeResources(node));
  return errs;
}

/** `ValidateNodeUpdate`: metadata, resources, podCIDRs and providerID only from empty, taints. */
function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const meta = fieldPath('metadata');
  const errs = validateObjectMetaUpdate(node.metadata ?? {}, old.metadata ?? {}, meta);
  errs.push(...validateNodeResources(node));
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const cidrMessage = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(fieldPath('spec', 'podCIDRs'), cidrMessage));
    else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(forbidden(fieldPath('spec', 'podCIDRs'), cidrMessage)));
  }
  const oldProvider = old.spec?.providerID ?? '';
  if (oldProvider !== '' && oldProvider !== (node.spec?.providerID ?? '')) {
    errs.push(forbidden(fieldPath('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, meta.child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(fieldPath('spec', 'externalID'), 'may not be updated'));
  return errs;
}

/**
 * The node strategy (`pkg/registry/core/node/strategy.go`): cluster-scoped; the kubelet registers its
 * node with a status, which create keeps; the main resource cannot change status, nodes/status cannot
 * change spec. Deletion is immediate (nodes have no graceful deletion).
 */
export const nodeStrategy: Strategy<Node> = {
  namespaced: false,
  allowUnconditionalUpdate: true,
  defaults: defaultNode,
  prepareForCreate(): void {
    // The kubelet registers its node with a status; create keeps it.
  },
  validate: (node: Node): FieldError[] => validateNode(node),
  prepareForUpdate(node: Node, old: Node): void {
    if (old.status) writable(node).status = old.status;
    else delete writable(node).status;
  },
  validateUpdate: (node: Node, old: Node): FieldError[] => validateNodeUpdate(node, old),
};

/** nodes/status: only status changes (nodeStatusStrategy). */
export const nodeStatusStrategy: Strategy<Node> = {
  ...nodeStrategy,
  prepareForUpdate(node: Node, old: Node): void {
    if (old.spec) node.spec = old.spec;
    else delete node.spec;
  },
};
