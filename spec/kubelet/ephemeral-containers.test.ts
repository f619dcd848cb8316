import { eventsFor, kubeletErrors, newCluster, podWith, recordStatuses, statusOf } from './support.js';

describe('kubelet: ephemeral containers', () => {
  it('starts a container added with kubectl debug, lets it run and exit, and never restarts it', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('web', ['sleep', '3600']));
    cluster.advance(5_000);
    const { containerName } = cluster.pods().debug('web', { image: 'busybox', target: 'app', command: ['sh', '-c', 'echo debugging; sleep 2'] });
    expect(containerName).toMatch(/^debugger-[a-z0-9]{5}$/);
    cluster.advance(1_500);
    const running = statusOf(cluster, 'web').ephemeralContainerStatuses![0]!;
    expect(running.name).toBe(containerName);
    expect(running.state?.running).toBeDefined();
    expect(running.ready).toBe(false);
    expect(running).not.toHaveProperty('started');
    expect(running.containerID).toMatch(/^containerd:\/\//);

    cluster.advance(600_000);
    const done = statusOf(cluster, 'web').ephemeralContainerStatuses![0]!;
    expect(done.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(done.restartCount).toBe(0);
    expect(done.lastState).toEqual({});
    expect(eventsFor(cluster, 'web').filter((e) => e.fieldPath === `spec.ephemeralContainers{${containerName}}` && e.reason === 'Started')).toHaveLength(1);
    expect(cluster.kubelet('node-1').logs('default', 'web', containerName)).toBe('debugging\n');
    // The pod is not affected: still Running and Ready.
    expect(statusOf(cluster, 'web').phase).toBe('Running');
    expect(statusOf(cluster, 'web').conditions!.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(kubeletErrors(cluster)).toEqual([]);
  });

  it('does not restart an ephemeral container that fails, whatever the restart policy', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('web', ['sleep', '3600']));
    cluster.advance(5_000);
    cluster.pods().debug('web', { image: 'busybox:1.36', name: 'dbg', command: ['sh', '-c', 'exit 7'] });
    cluster.advance(300_000);
    const dbg = statusOf(cluster, 'web').ephemeralContainerStatuses![0]!;
    expect(dbg).toMatchObject({ name: 'dbg', restartCount: 0, state: { terminated: { exitCode: 7, reason: 'Error' } } });
    expect(eventsFor(cluster, 'web').some((e) => e.reason === 'BackOff')).toBe(false);
  });

  it('lists ephemeralContainerStatuses sorted by name', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('web', ['sleep', '3600']));
    cluster.advance(5_000);
    cluster.pods().debug('web', { image: 'busybox:1.36', name: 'zeta', command: ['sleep', '100'] });
    cluster.pods().debug('web', { image: 'busybox:1.36', name: 'alpha', command: ['sleep', '100'] });
    cluster.advance(5_000);
    expect(cluster.pods().get('web').spec!.ephemeralContainers!.map((c) => c.name)).toEqual(['zeta', 'alpha']);
    expect(statusOf(cluster, 'web').ephemeralContainerStatuses!.map((c) => c.name)).toEqual(['alpha', 'zeta']);
  });

  it('starts an ephemeral container while init containers still run; its default waiting reason is PodInitializing', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'slow');
    cluster.pods().create({
      metadata: { name: 'slow' },
      spec: {
        initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sleep', '60'] }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    cluster.advance(5_000);
    cluster.pods().debug('slow', { image: 'busybox:1.36', name: 'dbg', command: ['sleep', '30'] });
    cluster.advance(5_000);
    const firstEphemeral = seen.map((s) => s.pod.status?.ephemeralContainerStatuses?.[0]).find((e) => e)!;
    expect(firstEphemeral.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    const s = statusOf(cluster, 'slow');
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses![0]!.state?.running).toBeDefined();
    expect(s.ephemeralContainerStatuses![0]!.state?.running).toBeDefined();
  });

  it('runs a debug container in its target\'s process namespace (ps shows the target\'s processes)', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('web', ['sleep', '3600']));
    cluster.advance(5_000);
    cluster.pods().debug('web', { image: 'busybox:1.36', name: 'dbg', target: 'app', command: ['ps'] });
    cluster.advance(5_000);
    const out = cluster.kubelet('node-1').logs('default', 'web', 'dbg');
    expect(out).toMatch(/sleep 3600/);
  });
});
