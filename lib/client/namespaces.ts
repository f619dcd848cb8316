import type { Namespace } from '../api/types.js';
import { ResourceClient, type WriteOptions } from './resource-client.js';

/** The namespaces client: the verbs, `namespaces/status` (inherited) and `namespaces/finalize`. */
export class NamespaceClient extends ResourceClient<Namespace> {
  /** PUT namespaces/NAME/finalize (sets spec.finalizers). */
  finalize(ns: Namespace, opts: WriteOptions = {}): Namespace {
    return this.updateSub('finalize', ns, opts) as Namespace;
  }
}
