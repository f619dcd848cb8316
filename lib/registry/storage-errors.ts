import {
  newAlreadyExists, newConflict, newNotFound, newResourceExpired, OptimisticLockErrorMsg, type GroupResource,
} from '../errors/constructors.js';
import { StorageError } from '../store/store.js';

/**
 * The store's errors as API errors (apiserver `pkg/storage/errors` Interpret*Error): a key that exists is
 * 409 AlreadyExists, a missing one 404, a lost compare-and-swap or failed precondition 409 Conflict, a
 * compacted resourceVersion 410. Anything else passes through.
 */
export function interpretStorageError(e: unknown, gr: GroupResource, name: string): unknown {
  if (!(e instanceof StorageError)) return e;
  switch (e.code) {
    case 'KeyExists':
      return newAlreadyExists(gr, name);
    case 'KeyNotFound':
      return newNotFound(gr, name);
    case 'ResourceVersionConflict':
      return newConflict(gr, name, OptimisticLockErrorMsg);
    case 'PreconditionFailed':
      return newConflict(gr, name, e.message);
    case 'TooOldResourceVersion':
      return newResourceExpired(e.message);
  }
}
