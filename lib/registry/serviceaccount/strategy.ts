import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import { fieldPath } from '../../field/path.js';
import type { FieldError } from '../../field/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.js';
import { nameIsDNSSubdomain } from '../../validation/names.js';
import type { Strategy } from '../strategy.js';

/** `ValidateServiceAccount`: object meta with a DNS-subdomain name (`ValidateServiceAccountName`). */
function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain, fieldPath('metadata'));
}

/**
 * The service account strategy (`pkg/registry/core/serviceaccount/strategy.go`): namespaced, no status,
 * everything updatable. kubesim serves it so ServiceAccount admission finds the accounts pods name;
 * the `default` account of every namespace is built in (as the service-account controller would create it).
 */
export const serviceAccountStrategy: Strategy<ServiceAccount> = {
  namespaced: true,
  allowUnconditionalUpdate: true,
  prepareForCreate(): void {
    // Nothing is server-owned.
  },
  validate: (sa) => validateServiceAccount(sa),
  prepareForUpdate(): void {
    // Nothing is server-owned.
  },
  validateUpdate: (sa, old) => [...validateObjectMetaUpdate(sa.metadata, old.metadata, fieldPath('metadata')), ...validateServiceAccount(sa)],
};
