import type { Namespace } from '../../api/types.js';
import { mutableMeta } from '../../api/types.js';
import { FINALIZER_KUBERNETES, LABEL_METADATA_NAME } from '../../api/well-known.js';
import { fieldPath } from '../../field/path.js';
import { forbidden, type FieldError } from '../../field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.js';
import { validateNamespaceName, validateQualifiedName } from '../../validation/names.js';
import type { RequestContext, Strategy } from '../strategy.js';

/** SetDefaults_Namespace: the `kubernetes.io/metadata.name` label always equals the name. */
function defaultNamespace(ns: Namespace): void {
  const meta = mutableMeta(ns);
  if (meta.name) meta.labels = { ...(meta.labels ?? {}), [LABEL_METADATA_NAME]: meta.name };
}

function validateFinalizers(ns: Namespace): FieldError[] {
  const errs: FieldError[] = [];
  const p = fieldPath('spec', 'finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    // Standard finalizer names are qualified names (ValidateFinalizerName).
    errs.push(...validateQualifiedName(f, p));
  }
  return errs;
}

/** The namespace strategy (`pkg/registry/core/namespace/strategy.go`). */
export const namespaceStrategy: Strategy<Namespace> = {
  namespaced: false,
  allowUnconditionalUpdate: true,
  defaults: defaultNamespace,
  prepareForCreate(ns: Namespace): void {
    // Status is server-owned; the namespace controller's finalizer is always present.
    ns.status = { phase: 'Active' };
    const finalizers = new Set(ns.spec?.finalizers ?? []);
    finalizers.add(FINALIZER_KUBERNETES);
    ns.spec = { ...(ns.spec ?? {}), finalizers: [...finalizers].sort() };
  },
  validate(ns: Namespace): FieldError[] {
    return [...validateObjectMeta(ns.metadata ?? {}, false, validateNamespaceName, fieldPath('metadata')), ...validateFinalizers(ns)];
  },
  prepareForUpdate(ns: Namespace, old: Namespace): void {
    // A main-resource update cannot change spec.finalizers or status.
    ns.spec = old.spec ? { ...old.spec } : {};
    ns.status = old.status ? { ...old.status } : {};
  },
  validateUpdate(ns: Namespace, old: Namespace): FieldError[] {
    return validateObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, fieldPath('metadata'));
  },
  checkGracefulDelete: () => undefined,
  isFinalized: (ns: Namespace) => (ns.spec?.finalizers?.length ?? 0) === 0 && (ns.metadata?.finalizers?.length ?? 0) === 0,
};

/** namespaces/status: only status changes. */
export const namespaceStatusStrategy: Strategy<Namespace> = {
  ...namespaceStrategy,
  prepareForUpdate(ns: Namespace, old: Namespace): void {
    ns.spec = old.spec ? { ...old.spec } : {};
    mutableMeta(ns).labels = old.metadata?.labels;
    mutableMeta(ns).annotations = old.metadata?.annotations;
  },
  validateUpdate(ns: Namespace, old: Namespace): FieldError[] {
    const errs = validateObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, fieldPath('metadata'));
    const phase = ns.status?.phase;
    if (phase !== undefined && phase !== 'Active' && phase !== 'Terminating') {
      errs.push({ type: 'FieldValueNotSupported', field: 'status.phase', badValue: phase, detail: 'supported values: "Active", "Terminating"' });
    }
    return errs;
  },
};

/** namespaces/finalize: only spec.finalizers changes. */
export const namespaceFinalizeStrategy: Strategy<Namespace> = {
  ...namespaceStrategy,
  prepareForUpdate(ns: Namespace, old: Namespace): void {
    const finalizers = ns.spec?.finalizers;
    ns.spec = { ...(old.spec ?? {}), ...(finalizers ? { finalizers } : {}) };
    if (!finalizers) delete ns.spec.finalizers;
    ns.status = old.status ? { ...old.status } : {};
  },
  validateUpdate(ns: Namespace, old: Namespace, _ctx: RequestContext): FieldError[] {
    const errs = validateObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, fieldPath('metadata'));
    for (const f of ns.spec?.finalizers ?? []) {
      if (f.length === 0) errs.push(forbidden('spec.finalizers', 'finalizer name must not be empty'));
    }
    return [...errs, ...validateFinalizers(ns)];
  },
};
