import type { KubernetesObject } from '../api/types.js';
import type { RegistryDeps } from './generic-store.js';
import { NamespaceREST } from './namespace/rest.js';
import { PodREST } from './pod/rest.js';
import { StandardREST } from './standard-rest.js';
import { nodeStatusStrategy, nodeStrategy } from './node/strategy.js';
import { eventStrategy } from './event/strategy.js';
import { serviceAccountStrategy } from './serviceaccount/strategy.js';
import { priorityClassStrategy } from './priorityclass/strategy.js';
import type { Event, Node } from '../api/types.js';
import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { ResourceREST } from './rest.js';

/**
 * Every resource the cluster serves, by plural name: the one table both doors route through.
 * Resources register themselves here as their issues land (pods, nodes, events …).
 */
export class Registry {
  private readonly resources = new Map<string, ResourceREST>();
  readonly namespaces: NamespaceREST;
  readonly pods: PodREST;
  readonly nodes: StandardREST<Node>;
  readonly events: StandardREST<Event>;
  /** Served for the library door only (the HTTP door's resource table does not route them). */
  readonly serviceAccounts: StandardREST<ServiceAccount>;
  readonly priorityClasses: StandardREST<PriorityClass>;

  constructor(readonly deps: RegistryDeps) {
    this.namespaces = new NamespaceREST(deps);
    this.pods = new PodREST(deps);
    this.nodes = new StandardREST<Node>({ resource: 'nodes', kind: 'Node', apiVersion: 'v1', group: '' }, nodeStrategy, deps);
    this.nodes.addObjectSubresource('status', nodeStatusStrategy);
    this.events = new StandardREST<Event>({ resource: 'events', kind: 'Event', apiVersion: 'v1', group: '' }, eventStrategy, deps);
    this.serviceAccounts = new StandardREST<ServiceAccount>({ resource: 'serviceaccounts', kind: 'ServiceAccount', apiVersion: 'v1', group: '' }, serviceAccountStrategy, deps);
    this.priorityClasses = new StandardREST<PriorityClass>(
      { resource: 'priorityclasses', kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', group: 'scheduling.k8s.io' }, priorityClassStrategy, deps,
    );
    for (const r of [this.namespaces, this.pods, this.nodes, this.events, this.serviceAccounts, this.priorityClasses]) this.add(r as unknown as ResourceREST);
  }

  /** Registers a resource's endpoints. */
  add(rest: ResourceREST): void {
    this.resources.set(rest.id.resource, rest);
  }

  /** The endpoints of a resource, or undefined when the cluster does not serve it. */
  resource<T extends KubernetesObject = KubernetesObject>(name: string): ResourceREST<T> | undefined {
    return this.resources.get(name) as ResourceREST<T> | undefined;
  }

  /** Every served resource. */
  all(): ResourceREST[] {
    return [...this.resources.values()];
  }
}
