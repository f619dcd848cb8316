/**
 * The store at work: create namespaces, watch the events they cause, and lose an optimistic-concurrency
 * race the way a controller does against a real apiserver.
 *
 * Run: `npm run build && node dist/examples/store-at-work.js`
 */
import { createCluster, isConflict, type StatusError } from '../lib/index.js';

/** Runs the example, writing what happens through `log`. */
export function main(log: (line: string) => void = console.log): void {
  const cluster = createCluster({ seed: 7 });

  // A watch from "now" with a resourceVersion: only what happens next.
  const rv = cluster.namespaces.list().metadata.resourceVersion;
  const watch = cluster.namespaces.watch({ resourceVersion: rv });
  watch.onEvent((e) => log(`watch: ${e.type} namespace/${e.object.metadata?.name} (resourceVersion ${e.object.metadata?.resourceVersion})`));

  const team = cluster.namespaces.create({ metadata: { name: 'team-a' } });
  log(`created namespace/${team.metadata?.name}: phase ${team.status?.phase}, label kubernetes.io/metadata.name=${team.metadata?.labels?.['kubernetes.io/metadata.name']}`);

  // Two writers read the same version; the first update wins, the second gets 409 Conflict.
  const first = cluster.namespaces.get('team-a');
  const second = cluster.namespaces.get('team-a');
  cluster.namespaces.update({ ...first, metadata: { ...first.metadata, labels: { ...first.metadata?.labels, owner: 'alice' } } });
  try {
    cluster.namespaces.update({ ...second, metadata: { ...second.metadata, labels: { ...second.metadata?.labels, owner: 'bob' } } });
  } catch (e) {
    if (!isConflict(e)) throw e;
    log(`conflict: ${(e as StatusError).code} ${(e as StatusError).message}`);
  }

  // A bad name is rejected with the apiserver's 422, and nothing is stored.
  try {
    cluster.namespaces.create({ metadata: { name: 'Team_B' } });
  } catch (e) {
    log(`invalid: ${(e as StatusError).code} ${(e as StatusError).message}`);
  }

  // Deleting marks the namespace Terminating; the namespace controller finishes it on the clock.
  const terminating = cluster.namespaces.delete('team-a');
  log(`deleted namespace/team-a: phase ${terminating.status?.phase}`);
  cluster.advance(1000);
  log(`after 1s: ${cluster.namespaces.list().items.map((n) => n.metadata?.name).join(', ')}`);
  cluster.close();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
