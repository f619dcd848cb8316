import { elapsed, eventsFor, kubeletErrors, newCluster, podWith, recordStatuses, statusOf } from './support.js';

describe('kubelet: CrashLoopBackOff', () => {
  const crashing = () => podWith('crash', ['sh', '-c', 'echo boom; exit 3']);

  it('restarts a crashing container at once, then after back-offs of 10s, 20s, 40s, 1m20s and 2m40s', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'crash');
    cluster.pods().create(crashing());
    cluster.advance(400_000);
    // When each new instance (restartCount n) first shows up.
    const firstSeen = new Map<number, number>();
    for (const s of seen) {
      const rc = s.pod.status?.containerStatuses?.[0]?.restartCount;
      if (rc !== undefined && s.pod.status?.containerStatuses?.[0]?.containerID && !firstSeen.has(rc)) firstSeen.set(rc, s.at);
    }
    const starts = [...firstSeen.entries()].sort((a, b) => a[0] - b[0]).map(([, at]) => at);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(gaps.slice(0, 6)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(kubeletErrors(cluster)).toEqual([]);
  });

  it('shows the waiting reason CrashLoopBackOff with the exact message, the last termination and the restart count', () => {
    const cluster = newCluster();
    const pod = cluster.pods().create(crashing());
    cluster.advance(15_000);
    const s = statusOf(cluster, 'crash');
    const app = s.containerStatuses![0]!;
    expect(s.phase).toBe('Running');
    expect(app.state).toEqual({
      waiting: { reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=app pod=crash_default(${pod.metadata!.uid!})` },
    });
    expect(app.restartCount).toBe(2);
    expect(app.ready).toBe(false);
    expect(app.started).toBe(false);
    expect(app.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error', startedAt: '2024-01-01T00:00:10Z', finishedAt: '2024-01-01T00:00:10Z' });
    expect(app.lastState?.terminated?.containerID).toBe(app.containerID);
    expect(s.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
  });

  it('caps the back-off at 5m0s', () => {
    const cluster = newCluster();
    cluster.pods().create(crashing());
    cluster.advance(20 * 60_000);
    expect(statusOf(cluster, 'crash').containerStatuses![0]!.state?.waiting?.message).toMatch(/^back-off 5m0s restarting failed container=app /);
  });

  it('records Warning BackOff "Back-off restarting failed container app in pod crash_default(uid)", counted on one event', () => {
    const cluster = newCluster();
    const pod = cluster.pods().create(crashing());
    cluster.advance(60_000);
    const backOff = eventsFor(cluster, 'crash').filter((e) => e.reason === 'BackOff');
    expect(backOff).toHaveLength(1);
    expect(backOff[0]).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container app in pod crash_default(${pod.metadata!.uid!})`, fieldPath: 'spec.containers{app}' });
    expect(backOff[0]!.count).toBeGreaterThan(1);
    expect(eventsFor(cluster, 'crash').find((e) => e.reason === 'Started')!.count).toBe(4);
  });

  it('keeps the crashed instance\'s output for kubectl logs --previous', () => {
    const cluster = newCluster();
    cluster.pods().create(crashing());
    cluster.advance(15_000);
    expect(cluster.kubelet('node-1').logs('default', 'crash', 'app', { previous: true })).toBe('boom\n');
  });
});

describe('kubelet: containers that cannot start', () => {
  it('a command missing from the image: StartError exit 128 with runc\'s message, RunContainerError, then CrashLoopBackOff', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'nocmd');
    cluster.pods().create(podWith('nocmd', ['nosuchcmd']));
    cluster.advance(5_000);
    const runc = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: '
      + 'unable to start container process: error during container init: exec: "nosuchcmd": executable file not found in $PATH: unknown';
    const first = seen.map((x) => x.pod.status?.containerStatuses?.[0]).find((c) => c?.state?.waiting?.reason === 'RunContainerError')!;
    expect(first.state!.waiting!.message).toBe(runc);
    expect(first.lastState!.terminated).toMatchObject({ exitCode: 128, reason: 'StartError', message: runc, startedAt: '1970-01-01T00:00:00Z' });
    expect(statusOf(cluster, 'nocmd').containerStatuses![0]!.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(eventsFor(cluster, 'nocmd').find((e) => e.reason === 'Failed')).toMatchObject({ type: 'Warning', message: `Error: ${runc}` });
  });

  it('an unknown command run by sh exits 127 with "sh: nosuchcmd: not found" in the log', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('shcmd', ['sh', '-c', 'nosuchcmd'], { restartPolicy: 'Never' }));
    cluster.advance(5_000);
    expect(statusOf(cluster, 'shcmd').containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 127, reason: 'Error' });
    expect(cluster.kubelet('node-1').logs('default', 'shcmd', 'app')).toBe('sh: nosuchcmd: not found\n');
  });

  it('an image no registry has: ErrImagePull with containerd\'s error, then ImagePullBackOff, and a retry when the back-off ends', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'noimg');
    cluster.pods().create(podWith('noimg', [], {}, { image: 'nonexistent-image:1.0', command: undefined }));
    cluster.advance(5_000);
    const pullError = 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nonexistent-image:1.0": '
      + 'failed to resolve reference "docker.io/library/nonexistent-image:1.0": pull access denied, repository does not exist or may require authorization: '
      + 'server message: insufficient_scope: authorization failed';
    const reasons = seen.map((x) => x.pod.status?.containerStatuses?.[0]?.state?.waiting).filter((w) => w).map((w) => w!.reason);
    expect(reasons).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect(seen.map((x) => x.pod.status?.containerStatuses?.[0]?.state?.waiting).find((w) => w?.reason === 'ErrImagePull')!.message).toBe(pullError);
    expect(statusOf(cluster, 'noimg').containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nonexistent-image:1.0"' } });
    expect(statusOf(cluster, 'noimg').phase).toBe('Pending');
    const events = eventsFor(cluster, 'noimg').filter((e) => e.source === 'kubelet/node-1');
    expect(events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal Pulling: Pulling image "nonexistent-image:1.0"',
      `Warning Failed: Failed to pull image "nonexistent-image:1.0": ${pullError}`,
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nonexistent-image:1.0"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
    cluster.advance(10_000);
    expect(eventsFor(cluster, 'noimg').find((e) => e.reason === 'Pulling')!.count).toBe(2);
    expect(() => cluster.kubelet('node-1').logs('default', 'noimg', 'app')).toThrow(
      'container "app" in pod "noimg" is waiting to start: trying and failing to pull image');
  });

  it('an env var from a ConfigMap that cannot be found: CreateContainerConfigError, retried', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('cfg', ['sleep', '3600'], {}, { env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }] }));
    cluster.advance(5_000);
    expect(statusOf(cluster, 'cfg').containerStatuses![0]!.state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' } });
    expect(eventsFor(cluster, 'cfg').find((e) => e.reason === 'Failed')).toMatchObject({ type: 'Warning', message: 'Error: configmap "settings" not found' });
    cluster.advance(30_000);
    expect(eventsFor(cluster, 'cfg').find((e) => e.reason === 'Failed')!.count).toBeGreaterThan(1);
  });

  it('imagePullPolicy Never with an image the node does not have: ErrImageNeverPull', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('never', ['sleep', '1'], {}, { image: 'alpine:3.20', imagePullPolicy: 'Never' }));
    cluster.advance(5_000);
    expect(statusOf(cluster, 'never').containerStatuses![0]!.state).toEqual({
      waiting: { reason: 'ErrImageNeverPull', message: 'Container image "alpine:3.20" is not present with pull policy of Never' },
    });
    expect(eventsFor(cluster, 'never').find((e) => e.reason === 'ErrImageNeverPull')?.type).toBe('Warning');
  });
});

describe('kubelet: the restart count', () => {
  it('grows by one per new container instance', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'crash');
    cluster.pods().create(podWith('crash', ['false']));
    cluster.advance(100_000);
    const counts = [...new Set(seen.map((s) => s.pod.status?.containerStatuses?.[0]?.restartCount).filter((n) => n !== undefined))];
    expect(counts).toEqual([0, 1, 2, 3, 4]);
    expect(elapsed(cluster)).toBe(100_000);
  });
});
