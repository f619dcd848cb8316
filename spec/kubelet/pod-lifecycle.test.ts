import type { Pod } from '../../lib/api/types.js';
import { elapsed, eventsFor, kubeletErrors, newCluster, podWith, recordStatuses, statusOf } from './support.js';

const condition = (status: { conditions?: { type: string; status: string; reason?: string; message?: string }[] }, type: string) =>
  status.conditions?.find((c) => c.type === type);

describe('kubelet: a pod from Pending to Running', () => {
  it('first reports Pending with ContainerCreating and the kubelet conditions, then Running once the container started', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'web');
    cluster.pods().create(podWith('web', ['sleep', '3600']));
    cluster.advance(5_000);

    const kubeletWrites = seen.filter((s) => s.pod.status?.containerStatuses);
    const pending = kubeletWrites[0]!.pod.status!;
    expect(pending.phase).toBe('Pending');
    expect(pending.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(pending.containerStatuses![0]!.image).toBe('busybox:1.36');
    expect(pending.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True',
    ]);
    expect(condition(pending, 'Ready')).toMatchObject({ reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(pending.hostIP).toBe('172.18.0.2');
    expect(pending.startTime).toBe('2024-01-01T00:00:00Z');

    const running = statusOf(cluster, 'web');
    expect(running.phase).toBe('Running');
    expect(running.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(running.podIPs).toEqual([{ ip: running.podIP }]);
    expect(running.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    const app = running.containerStatuses![0]!;
    expect(app).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'docker.io/library/busybox:1.36', lastState: {} });
    expect(app.state?.running?.startedAt).toBe('2024-01-01T00:00:00Z');
    expect(app.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(app.imageID).toMatch(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    expect(kubeletErrors(cluster)).toEqual([]);
  });

  it('records Pulling, Pulled, Created and Started from kubelet on the node, against the container field path', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('web', ['sleep', '3600']));
    cluster.advance(5_000);
    const kubelet = eventsFor(cluster, 'web').filter((e) => e.source === 'kubelet/node-1');
    expect(kubelet.map((e) => `${e.type} ${e.reason}`)).toEqual(['Normal Pulling', 'Normal Pulled', 'Normal Created', 'Normal Started']);
    expect(kubelet.every((e) => e.fieldPath === 'spec.containers{app}')).toBe(true);
    expect(kubelet[0]!.message).toBe('Pulling image "busybox:1.36"');
    expect(kubelet[1]!.message).toMatch(/^Successfully pulled image "busybox:1\.36" in \d+ms \(\d+ms including waiting\)\. Image size: \d+ bytes\.$/);
    expect(kubelet[2]!.message).toBe('Created container: app');
    expect(kubelet[3]!.message).toBe('Started container app');
  });

  it('does not pull an IfNotPresent image the node already has: "already present on machine"', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('a', ['sleep', '3600']));
    cluster.advance(5_000);
    cluster.pods().create(podWith('b', ['sleep', '3600']));
    cluster.advance(5_000);
    expect(eventsFor(cluster, 'b').find((e) => e.reason === 'Pulled')?.message).toBe('Container image "busybox:1.36" already present on machine');
    expect(eventsFor(cluster, 'b').some((e) => e.reason === 'Pulling')).toBe(false);
  });

  it('pulls one image at a time (serializeImagePulls): a second pull waits, then finds the image and only resolves it', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('a', ['sleep', '3600'], {}, { imagePullPolicy: 'Always' }));
    cluster.pods().create(podWith('b', ['sleep', '3600'], {}, { imagePullPolicy: 'Always' }));
    cluster.advance(5_000);
    const first = eventsFor(cluster, 'a').find((e) => e.reason === 'Pulled')!.message;
    const second = eventsFor(cluster, 'b').find((e) => e.reason === 'Pulled')!.message;
    expect(first).toMatch(/^Successfully pulled image "busybox:1\.36" in (\d+)ms \(\1ms including waiting\)/);
    expect(second).toMatch(/^Successfully pulled image "busybox:1\.36" in 400ms \(1\.\d+s including waiting\)/);
  });

  it('keeps a pod with a readiness probe unready until the probe first succeeds after initialDelaySeconds', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('probed', ['sleep', '3600'], {}, { readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 10 } }));
    cluster.advance(5_000);
    expect(statusOf(cluster, 'probed').phase).toBe('Running');
    expect(statusOf(cluster, 'probed').containerStatuses![0]).toMatchObject({ started: true, ready: false });
    expect(condition(statusOf(cluster, 'probed'), 'Ready')?.status).toBe('False');
    cluster.advance(10_000);
    expect(statusOf(cluster, 'probed').containerStatuses![0]!.ready).toBe(true);
    expect(condition(statusOf(cluster, 'probed'), 'Ready')?.status).toBe('True');
  });

  it('fails a pod past activeDeadlineSeconds with reason DeadlineExceeded and stops its containers', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('deadline', ['sleep', '3600'], { activeDeadlineSeconds: 20, terminationGracePeriodSeconds: 2 }));
    cluster.advance(60_000);
    const s = statusOf(cluster, 'deadline');
    expect(s).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(s.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(eventsFor(cluster, 'deadline').map((e) => e.reason)).toEqual(expect.arrayContaining(['DeadlineExceeded', 'Killing']));
  });
});

describe('kubelet: restart policies decide the phase', () => {
  it('Never: a container that exits non-zero makes the pod Failed and is not restarted', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('once', ['sh', '-c', 'exit 2'], { restartPolicy: 'Never' }));
    cluster.advance(60_000);
    const s = statusOf(cluster, 'once');
    expect(s.phase).toBe('Failed');
    expect(s.containerStatuses![0]).toMatchObject({ restartCount: 0, ready: false, state: { terminated: { exitCode: 2, reason: 'Error' } } });
    expect(condition(s, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(condition(s, 'PodReadyToStartContainers')?.status).toBe('False');
  });

  it('OnFailure: a container that exits 0 completes the pod (Succeeded, PodCompleted)', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('job', ['sh', '-c', 'echo done'], { restartPolicy: 'OnFailure' }));
    cluster.advance(30_000);
    const s = statusOf(cluster, 'job');
    expect(s.phase).toBe('Succeeded');
    expect(s.containerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(condition(s, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('OnFailure: a container that exits non-zero is restarted and the pod stays Running', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('retry', ['sh', '-c', 'exit 1'], { restartPolicy: 'OnFailure' }));
    cluster.advance(30_000);
    const s = statusOf(cluster, 'retry');
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses![0]!.restartCount).toBeGreaterThanOrEqual(2);
    expect(s.containerStatuses![0]!.lastState?.terminated?.exitCode).toBe(1);
  });

  it('Always: even a container that exits 0 is restarted (with back-off), reason Completed in lastState', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('loop', ['true']));
    cluster.advance(30_000);
    const s = statusOf(cluster, 'loop');
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses![0]!.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.containerStatuses![0]!.restartCount).toBeGreaterThanOrEqual(2);
  });
});

describe('kubelet: init containers', () => {
  it('runs init containers one at a time in spec order while regular containers wait with PodInitializing', () => {
    const cluster = newCluster();
    const seen = recordStatuses(cluster, 'init');
    cluster.pods().create({
      metadata: { name: 'init' },
      spec: {
        initContainers: [
          { name: 'first', image: 'busybox:1.36', command: ['sleep', '5'] },
          { name: 'second', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] },
        ],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    cluster.advance(3_000);
    let s = statusOf(cluster, 'init');
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses!.map((c) => c.name)).toEqual(['first', 'second']);
    expect(s.initContainerStatuses![0]!.state?.running).toBeDefined();
    expect(s.initContainerStatuses![1]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(condition(s, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [first second]' });

    cluster.advance(4_000);
    s = statusOf(cluster, 'init');
    expect(s.initContainerStatuses![0]).toMatchObject({ ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(s.initContainerStatuses![1]!.state?.running).toBeDefined();

    cluster.advance(10_000);
    s = statusOf(cluster, 'init');
    expect(s.phase).toBe('Running');
    expect(condition(s, 'Initialized')?.status).toBe('True');
    expect(s.containerStatuses![0]!.state?.running).toBeDefined();
    // The second init container only started after the first had finished.
    const firstDone = seen.find((x) => x.pod.status?.initContainerStatuses?.[0]?.state?.terminated)!.at;
    const secondStarted = seen.find((x) => x.pod.status?.initContainerStatuses?.[1]?.state?.running)!.at;
    expect(elapsed(cluster, secondStarted)).toBeGreaterThanOrEqual(elapsed(cluster, firstDone));
  });

  it('fails the pod when an init container fails under restartPolicy Never; the app never starts', () => {
    const cluster = newCluster();
    cluster.pods().create({
      metadata: { name: 'badinit' },
      spec: {
        restartPolicy: 'Never',
        initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    cluster.advance(30_000);
    const s = statusOf(cluster, 'badinit');
    expect(s.phase).toBe('Failed');
    expect(s.initContainerStatuses![0]!.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });
});

describe('kubelet: spec changes and sidecars', () => {
  it('restarts a container whose image changed: Killing "Container app definition changed, will be restarted"', () => {
    const cluster = newCluster();
    cluster.pods().create(podWith('web', ['sleep', '3600'], { terminationGracePeriodSeconds: 2 }));
    cluster.advance(3_000);
    const pod = JSON.parse(JSON.stringify(cluster.pods().get('web'))) as Pod;
    pod.spec!.containers[0]!.image = 'busybox:1.37';
    cluster.pods().update(pod);
    cluster.advance(10_000);
    const app = statusOf(cluster, 'web').containerStatuses![0]!;
    expect(app).toMatchObject({ restartCount: 1, image: 'docker.io/library/busybox:1.37', ready: true });
    expect(app.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(eventsFor(cluster, 'web').find((e) => e.reason === 'Killing')?.message).toBe('Container app definition changed, will be restarted');
  });

  it('keeps a sidecar (restartable init container) running beside the app and stops it after the app completes', () => {
    const cluster = newCluster();
    cluster.pods().create({
      metadata: { name: 'sc' },
      spec: {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 3,
        initContainers: [{ name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'], restartPolicy: 'Always' }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '5'] }],
      },
    });
    cluster.advance(3_000);
    let s = statusOf(cluster, 'sc');
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses![0]).toMatchObject({ name: 'side', started: true, ready: true });
    expect(s.initContainerStatuses![0]!.state?.running).toBeDefined();
    expect(s.containerStatuses![0]!.state?.running).toBeDefined();
    cluster.advance(30_000);
    s = statusOf(cluster, 'sc');
    expect(s.phase).toBe('Succeeded');
    expect(s.initContainerStatuses![0]!.state?.terminated?.exitCode).toBe(137);
    expect(eventsFor(cluster, 'sc').find((e) => e.reason === 'Killing')).toMatchObject({ message: 'Stopping container side', fieldPath: 'spec.initContainers{side}' });
  });
});
