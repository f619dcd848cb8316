import type { KubernetesObject, Namespace } from '../api/types.js';
import { FINALIZER_KUBERNETES } from '../api/well-known.js';
import type { Clock } from '../clock/clock.js';
import { isNotFound } from '../errors/constructors.js';
import type { NamespaceClient } from '../client/namespaces.js';
import type { ResourceClient } from '../client/resource-client.js';
import type { Watcher } from '../store/watcher.js';

/** What the namespace controller needs: the namespaces client and the namespaced clients of one namespace. */
export interface NamespaceControllerDeps {
  clock: Clock;
  namespaces: NamespaceClient;
  /** Clients for every namespaced resource in `ns`. */
  contentClients(ns: string): ResourceClient<KubernetesObject>[];
  /** Watches of namespaced content, to notice when a terminating namespace becomes empty. */
  watchContent(): Watcher<KubernetesObject>[];
}

/**
 * The namespace controller (`pkg/controller/namespace/deletion`): for a namespace being terminated it
 * deletes every object in it (pods gracefully, so their kubelets finish them), and once nothing is left
 * removes the `kubernetes` finalizer, after which the namespace disappears. A client of the API like any other.
 */
export class NamespaceController {
  private readonly watchers: Watcher<KubernetesObject>[] = [];
  private scheduled = false;
  private stopped = false;

  constructor(private readonly deps: NamespaceControllerDeps) {}

  /** Starts watching namespaces and content. */
  start(): void {
    const nsw = this.deps.namespaces.watch({});
    nsw.onEvent(() => this.schedule());
    this.watchers.push(nsw as unknown as Watcher<KubernetesObject>);
    for (const w of this.deps.watchContent()) {
      w.onEvent((e) => {
        if (e.type === 'DELETED') this.schedule();
      });
      this.watchers.push(w);
    }
  }

  /** Stops the controller's watches. */
  stop(): void {
    this.stopped = true;
    for (const w of this.watchers) w.stop();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.deps.clock.setTimer(0, () => {
      this.scheduled = false;
      this.sync();
    });
  }

  /** One pass over the terminating namespaces. */
  sync(): void {
    for (const ns of this.deps.namespaces.list().items) {
      if (ns.status?.phase === 'Terminating') this.syncNamespace(ns);
    }
  }

  private syncNamespace(ns: Namespace): void {
    const name = ns.metadata?.name ?? '';
    let remaining = 0;
    for (const client of this.deps.contentClients(name)) {
      for (const o of client.list().items) {
        remaining++;
        if (o.metadata?.deletionTimestamp) continue;
        try {
          client.delete(o.metadata?.name ?? '');
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    // Deletions that completed at once are already gone; count again.
    if (remaining > 0) remaining = this.deps.contentClients(name).reduce((n, c) => n + c.list().items.length, 0);
    if (remaining === 0 && (ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) {
      const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
      const cur = this.deps.namespaces.get(name);
      this.deps.namespaces.finalize({ ...cur, spec: { ...(cur.spec ?? {}), finalizers } });
    }
  }
}
