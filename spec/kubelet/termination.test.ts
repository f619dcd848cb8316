import { elapsed, eventsFor, kubeletErrors, newCluster, podWith, recordStatuses, statusOf } from './support.js';

describe('kubelet: graceful deletion', () => {
  it('kills a PID 1 that ignores SIGTERM at the end of the grace period (137), writes the terminal status, then deletes the pod', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'sleeper');
    cluster.pods().create(podWith('sleeper', ['sleep', '3600'], { terminationGracePeriodSeconds: 5 }));
    cluster.advance(3_000);
    const deleted = cluster.pods().delete('sleeper');
    expect(deleted.metadata?.deletionTimestamp).toBe('2024-01-01T00:00:08Z');
    expect(deleted.metadata?.deletionGracePeriodSeconds).toBe(5);
    cluster.advance(4_000);
    // Still there, still running, while the grace period lasts.
    expect(statusOf(cluster, 'sleeper').containerStatuses![0]!.state?.running).toBeDefined();
    cluster.advance(2_000);
    expect(() => cluster.pods().get('sleeper')).toThrow('pods "sleeper" not found');

    const last = seen.filter((s) => s.type === 'MODIFIED').at(-1)!;
    expect(elapsed(cluster, last.at)).toBe(8_000);
    expect(last.pod.status!.phase).toBe('Failed');
    expect(last.pod.status!.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: '2024-01-01T00:00:08Z' });
    expect(seen.at(-1)!.type).toBe('DELETED');
    expect(elapsed(cluster, seen.at(-1)!.at)).toBe(8_000);
    expect(eventsFor(cluster, 'sleeper').find((e) => e.reason === 'Killing')).toMatchObject({ type: 'Normal', message: 'Stopping container app', fieldPath: 'spec.containers{app}' });
    expect(kubeletErrors(cluster)).toEqual([]);
  });

  it('a container that handles SIGTERM exits at once; exit 0 makes the deleted pod Succeeded before it goes', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'polite');
    cluster.pods().create(podWith('polite', ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]));
    cluster.advance(3_000);
    cluster.pods().delete('polite');
    cluster.advance(2_000);
    const last = seen.filter((s) => s.type === 'MODIFIED').at(-1)!;
    expect(last.pod.status!.phase).toBe('Succeeded');
    expect(last.pod.status!.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(elapsed(cluster, seen.at(-1)!.at)).toBeLessThan(5_000);
    expect(seen.at(-1)!.type).toBe('DELETED');
  });

  it('runs the preStop hook first; its time counts against the grace period', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'hooked');
    cluster.pods().create(podWith('hooked', ['sleep', '3600'], { terminationGracePeriodSeconds: 10 }, { lifecycle: { preStop: { sleep: { seconds: 3 } } } }));
    cluster.advance(2_000);
    cluster.pods().delete('hooked');
    cluster.advance(20_000);
    const final = seen.filter((s) => s.type === 'MODIFIED').at(-1)!;
    // SIGTERM after 3s of preStop, SIGKILL 7s later: 10s after the delete.
    expect(final.pod.status!.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 137, finishedAt: '2024-01-01T00:00:12Z' });
  });

  it('stops the containers of a force-deleted pod (gone from the API at once) within 2s', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('forced', ['sleep', '3600']));
    cluster.advance(2_000);
    const uid = cluster.pods().get('forced').metadata!.uid!;
    const runtime = cluster.kubelet('node-1').runtime;
    const instance = runtime.containersOf(uid)[0]!;
    cluster.pods().delete('forced', { gracePeriodSeconds: 0 });
    expect(() => cluster.pods().get('forced')).toThrow('not found');
    cluster.advance(1_000);
    expect(instance.state).toBe('running');
    cluster.advance(1_500);
    expect(instance.state).toBe('exited');
    expect(instance.exitCode).toBe(137);
    expect(runtime.containersOf(uid)).toEqual([]);
  });

  it('leaves a pod that finished (restartPolicy Never) in the API until it is deleted, and then it goes at once', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('done', ['echo', 'hi'], { restartPolicy: 'Never' }));
    cluster.advance(60_000);
    expect(statusOf(cluster, 'done').phase).toBe('Succeeded');
    expect(cluster.kubelet('node-1').logs('default', 'done', 'app')).toBe('hi\n');
    cluster.pods().delete('done');
    expect(() => cluster.pods().get('done')).toThrow('not found');
  });
});
