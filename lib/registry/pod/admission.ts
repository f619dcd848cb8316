import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Pod } from '../../api/types.js';
import type { PodAdmissionDeps } from '../../admission/chain.js';
import type { ServiceAccountLister } from '../../admission/service-account.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../admission/priority.js';
import type { Ids } from '../ids.js';
import type { VersionedStore } from '../../store/store.js';

/**
 * The service accounts admission sees. kubesim does not serve the serviceaccounts resource yet; every
 * namespace has the `default` account, as the service-account controller creates it in a real cluster,
 * and any other name does not exist (so naming one is refused as on a cluster that lacks it).
 */
export function defaultServiceAccounts(store: VersionedStore): ServiceAccountLister {
  return {
    get(namespace: string, name: string): ServiceAccount | undefined {
      if (name !== 'default' || !store.get('namespaces', namespace)) return undefined;
      return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } };
    },
  };
}

/** What the pod admission plugins read in kubesim: the default service accounts and the system priority classes. */
export function podAdmissionDeps(store: VersionedStore, ids: Ids): PodAdmissionDeps {
  return {
    serviceAccounts: defaultServiceAccounts(store),
    priorityClasses: {
      get: (name) => SYSTEM_PRIORITY_CLASSES.find((pc) => pc.metadata?.name === name),
      list: () => SYSTEM_PRIORITY_CLASSES,
    },
    rng: ids.rng,
  };
}

export type { Pod };
