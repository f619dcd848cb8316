import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { Pod } from '../../api/types.js';
import type { PodAdmissionDeps } from '../../admission/chain.js';
import type { ServiceAccountLister } from '../../admission/service-account.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../admission/priority.js';
import type { Ids } from '../ids.js';
import type { VersionedStore } from '../../store/store.js';

/**
 * The service accounts admission sees: the stored ones (`serviceaccounts`), and in every existing
 * namespace a `default` account when none is stored, as the service-account controller creates it in a
 * real cluster. Any other name does not exist, so naming it is refused as on a cluster that lacks it.
 */
export function defaultServiceAccounts(store: VersionedStore): ServiceAccountLister {
  return {
    get(namespace: string, name: string): ServiceAccount | undefined {
      const stored = store.get<ServiceAccount>('serviceaccounts', `${namespace}/${name}`);
      if (stored) return stored;
      if (name !== 'default' || !store.get('namespaces', namespace)) return undefined;
      return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } };
    },
  };
}

/**
 * What the pod admission plugins read in kubesim: the service accounts above, and the system priority
 * classes (which every apiserver creates at start-up) plus the stored `priorityclasses`.
 */
export function podAdmissionDeps(store: VersionedStore, ids: Ids): PodAdmissionDeps {
  const classes = (): PriorityClass[] => [...SYSTEM_PRIORITY_CLASSES, ...store.list<PriorityClass>('priorityclasses').items];
  return {
    serviceAccounts: defaultServiceAccounts(store),
    priorityClasses: {
      get: (name) => classes().find((pc) => pc.metadata?.name === name),
      list: () => classes(),
    },
    rng: ids.rng,
  };
}

export type { Pod };
