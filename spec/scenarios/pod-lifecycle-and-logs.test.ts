/**
 * doc-scenarios.md scenarios 17, 18 and 21 — debug-running-pod.md and pod-lifecycle.md: a pod that cannot
 * be scheduled, the phases and the STATUS column through a pod's life, and the page's first sections
 * (`kubectl logs`, `--previous`, `kubectl exec`).
 */
import { jest } from '@jest/globals';
import { scenario } from './support.js';

jest.setTimeout(60_000);

scenario('Scenario 17: a pending pod and its FailedScheduling event', (w) => {
  it('kubectl describe pod shows why the scheduler cannot place it', async () => {
    w.s.cluster.pods('default').create({ metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '100' } } }] } });
    w.s.cluster.advance(5_000);
    const get = await w.k.run(['get', 'pods', 'big', '--no-headers']);
    expect(get.stdout).toMatch(/^big\s+0\/1\s+Pending\s+0\s+\S+\n$/);
    const r = await w.kubectl(['describe', 'pod', 'big']);
    expect(r.stdout).toMatch(/^Node:\s+<none>$/m);
    expect(r.stdout).toMatch(/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/1 nodes are available: 1 Insufficient cpu\. preemption: 0\/1 nodes are available: 1 No preemption victims found for incoming pod\.\n/);
  });
});

scenario('Scenario 18: pod lifecycle as kubectl get pods shows it', (w) => {
  // Observations run with the cluster clock standing still, so the state seen is the state set up.
  const row = async (name: string): Promise<string[]> => (await w.k.run(['get', 'pods', name, '--no-headers'])).stdout.trim().split(/\s{2,}/);
  const pods = () => w.s.cluster.pods('default');

  it('18.1 Pending, then ContainerCreating while the image is pulled, then Running', async () => {
    pods().create({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    expect((await row('web')).slice(0, 3)).toEqual(['web', '0/1', 'Pending']);
    w.s.cluster.runUntil(() => pods().get('web').status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating', 60_000);
    expect((await row('web')).slice(0, 3)).toEqual(['web', '0/1', 'ContainerCreating']);
    w.s.cluster.runUntil(() => pods().get('web').status?.phase === 'Running', 60_000);
    expect((await row('web')).slice(0, 4)).toEqual(['web', '1/1', 'Running', '0']);
  });

  it('18.2 restartPolicy Never: exit 0 is Completed (Succeeded), non-zero is Error (Failed)', async () => {
    pods().create({ metadata: { name: 'ok' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.28', command: ['true'] }] } });
    pods().create({ metadata: { name: 'ko' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.28', command: ['false'] }] } });
    w.s.cluster.runUntil(() => pods().get('ok').status?.phase === 'Succeeded' && pods().get('ko').status?.phase === 'Failed', 60_000);
    expect((await row('ok')).slice(0, 3)).toEqual(['ok', '0/1', 'Completed']);
    expect((await row('ko')).slice(0, 3)).toEqual(['ko', '0/1', 'Error']);
  });

  it('18.5 a bad image: ErrImagePull, then ImagePullBackOff', async () => {
    const seen: string[] = [];
    const watch = pods().watch({ fieldSelector: 'metadata.name=bad' });
    watch.onEvent((e) => {
      const reason = e.object.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (reason && seen.at(-1) !== reason) seen.push(reason);
    });
    pods().create({ metadata: { name: 'bad' }, spec: { containers: [{ name: 'c', image: 'example.com/no-such-image:1' }] } });
    w.s.cluster.runUntil(() => pods().get('bad').status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff', 60_000);
    watch.stop();
    expect(seen.slice(0, 3)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect((await row('bad'))[2]).toBe('ImagePullBackOff');
  });

  it('18.8 an ephemeral container changes neither READY, STATUS nor RESTARTS', async () => {
    pods().debug('web', { image: 'busybox:1.28', command: ['sh', '-c', 'exit 7'] });
    w.s.cluster.runUntil(() => !!pods().get('web').status?.ephemeralContainerStatuses?.[0]?.state?.terminated, 60_000);
    expect((await row('web')).slice(0, 4)).toEqual(['web', '1/1', 'Running', '0']);
  });

  it('18.7 deleting: Terminating while the grace period runs, then gone', async () => {
    const r = await w.k.run(['delete', 'pod', 'web', '--wait=false']);
    expect(r.stdout).toBe('pod "web" deleted\n');
    expect((await row('web'))[2]).toBe('Terminating');
    w.s.cluster.runUntil(() => w.s.cluster.registry.pods.store.find('default', 'web') === undefined, 60_000);
  });
});

scenario('Scenario 21: logs, previous logs and exec (debug-running-pod.md, first sections)', (w) => {
  const pods = () => w.s.cluster.pods('default');

  it('kubectl logs ${POD_NAME} ${CONTAINER_NAME} and kubectl logs --previous after a crash', async () => {
    pods().create({
      metadata: { name: 'app' },
      spec: { containers: [
        { name: 'main', image: 'busybox:1.28', command: ['sh', '-c', 'echo serving; sleep 3600'] },
        { name: 'sidecar', image: 'busybox:1.28', command: ['sh', '-c', 'echo crashed once; exit 2'] },
      ] },
    });
    w.s.cluster.runUntil(() => (pods().get('app').status?.containerStatuses?.find((c) => c.name === 'sidecar')?.restartCount ?? 0) >= 1, 60_000);
    expect((await w.kubectl(['logs', 'app', 'main'])).stdout).toBe('serving\n');
    const prev = await w.kubectl(['logs', '--previous', 'app', 'sidecar']);
    expect([prev.code, prev.stdout]).toEqual([0, 'crashed once\n']);
    const none = await w.kubectl(['logs', '--previous', 'app', 'main']);
    expect(none.stderr).toBe('Error from server (BadRequest): previous terminated container "main" in pod "app" not found\n');
  });

  it('kubectl exec ${POD_NAME} -c ${CONTAINER_NAME} -- ${CMD} ${ARG1} ${ARG2}', async () => {
    const r = await w.kubectl(['exec', 'app', '-c', 'main', '--', 'echo', 'arg1', 'arg2']);
    expect([r.code, r.stdout]).toEqual([0, 'arg1 arg2\n']);
  });

  it('kubectl exec cassandra -- cat /var/log/cassandra/system.log, and kubectl exec -it cassandra -- sh', async () => {
    // A stand-in for the cassandra image: a busybox container that writes the same log file.
    pods().create({ metadata: { name: 'cassandra' }, spec: { containers: [{ name: 'cassandra', image: 'busybox:1.28', command: ['sh', '-c',
      'mkdir -p /var/log/cassandra; echo "INFO  [main] Starting Cassandra" > /var/log/cassandra/system.log; sleep 3600'] }] } });
    w.s.cluster.runUntil(() => pods().get('cassandra').status?.phase === 'Running', 60_000);
    const r = await w.kubectl(['exec', 'cassandra', '--', 'cat', '/var/log/cassandra/system.log']);
    expect(r.stdout).toBe('INFO  [main] Starting Cassandra\n');
    const t = w.terminal(['exec', '-it', 'cassandra', '--', 'sh']);
    await t.waitFor('/ # ', w.tick);
    t.type('tail -1 /var/log/cassandra/system.log\r');
    await t.waitFor('Starting Cassandra\r\n/ # ', w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
  });
});
