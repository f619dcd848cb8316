import type { Pod, PodStatus } from '../../../lib/api/types.js';
import { doBackOff } from '../../../lib/kubelet/backoff.js';
import {
  DEADLINE_EXCEEDED, checkContainerStateTransition, generatePodStatus, generatePodStatusUpdate, mergePodStatus, terminatePod,
} from '../../../lib/kubelet/pod-status.js';
import type { PodRuntimeState, RuntimeContainer, RuntimeSandbox } from '../../../lib/kubelet/runtime-state.js';
import { containerHash } from '../../../lib/kubelet/runtime-state.js';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const at = (s: number): number => T0 + s * 1000;
const iso = (s: number): string => new Date(at(s)).toISOString().replace('.000Z', 'Z');

const scheduled: PodStatus = {
  phase: 'Pending',
  conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: iso(0) }],
  qosClass: 'BestEffort',
};

function podWith(spec: Partial<NonNullable<Pod['spec']>>, status: PodStatus = scheduled): Pod {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'uid-1' },
    spec: { restartPolicy: 'Always', containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
    status,
  };
}

const sandbox: RuntimeSandbox = { id: 'sb1', state: 'SANDBOX_READY', attempt: 0, createdAt: at(1), ip: '10.244.0.7' };

function record(name: string, fields: Partial<RuntimeContainer> & Pick<RuntimeContainer, 'state'>, image = 'nginx:1.27'): RuntimeContainer {
  return {
    id: `${name}-${fields.restartCount ?? 0}`, name, createdAt: at(2), restartCount: 0,
    image: `docker.io/library/${image}`, imageID: `docker.io/library/${image.split(':')[0]}@sha256:abc`,
    hash: containerHash({ name, image }), ...fields,
  };
}

const runtime = (fields: Partial<PodRuntimeState>): PodRuntimeState => ({
  runtimeName: 'containerd', sandboxes: [sandbox], containers: [], hostIPs: ['172.18.0.2'], ...fields,
});

describe('generatePodStatus (generateAPIPodStatus + status manager)', () => {
  it('a new pod with no sandbox yet: Pending, ContainerCreating, ReadyToStart False, timed conditions, startTime now', () => {
    const s = generatePodStatus(podWith({}), runtime({ sandboxes: [] }), at(1));
    expect(s).toEqual({
      phase: 'Pending',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'False', lastProbeTime: null, lastTransitionTime: iso(1) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: iso(1) },
        { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: iso(1), reason: 'ContainersNotReady', message: 'containers with unready status: [app]' },
        { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: iso(1), reason: 'ContainersNotReady', message: 'containers with unready status: [app]' },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: iso(0) },
      ],
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      startTime: iso(1),
      containerStatuses: [{
        name: 'app', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false,
        restartCount: 0, image: 'nginx:1.27', imageID: '', started: false,
      }],
      qosClass: 'BestEffort',
    });
  });

  it('a running container: Running, containerd:// ID, runtime image and imageID, started and ready, pod IP', () => {
    const pod = podWith({});
    const s = generatePodStatus(pod, runtime({ containers: [record('app', { state: 'running', startedAt: at(3) })] }), at(4));
    expect(s.phase).toBe('Running');
    expect(s.podIP).toBe('10.244.0.7');
    expect(s.podIPs).toEqual([{ ip: '10.244.0.7' }]);
    expect(s.containerStatuses).toEqual([{
      name: 'app', state: { running: { startedAt: iso(3) } }, lastState: {}, ready: true, restartCount: 0,
      image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:abc', containerID: 'containerd://app-0', started: true,
    }]);
    expect(s.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
  });

  it('serialises fields in Go declaration order (PodStatus, ContainerStatus)', () => {
    const s = generatePodStatus(podWith({}), runtime({ containers: [record('app', { state: 'running', startedAt: at(3) })] }), at(4));
    expect(Object.keys(s)).toEqual(['phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'containerStatuses', 'qosClass']);
    expect(Object.keys(s.containerStatuses![0]!)).toEqual(
      ['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started']);
  });

  it('a sidecar counts as initialized once started, and is counted by ContainersReady', () => {
    const pod = podWith({ initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', startupProbe: {} }] });
    const proxy = record('proxy', { state: 'running', startedAt: at(2) }, 'envoy:1');
    const waiting = generatePodStatus(pod, runtime({ containers: [proxy] }), at(3));
    expect(waiting.phase).toBe('Pending');
    expect(waiting.initContainerStatuses![0]).toMatchObject({ started: false, ready: false });
    expect(waiting.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False', message: 'containers with incomplete status: [proxy]',
    });
    const started = generatePodStatus(pod, runtime({ containers: [
      { ...proxy, startup: 'Success' }, record('app', { state: 'running', startedAt: at(4) }),
    ] }), at(5));
    expect(started.phase).toBe('Running');
    expect(started.initContainerStatuses![0]).toMatchObject({ started: true, ready: true });
    expect(started.conditions!.find((c) => c.type === 'ContainersReady')!.status).toBe('True');
  });

  it('a readiness probe without a result keeps a started container unready; a startup probe keeps it unstarted', () => {
    const pod = podWith({ containers: [{ name: 'app', image: 'nginx:1.27', readinessProbe: {}, startupProbe: {} }] });
    const run = record('app', { state: 'running', startedAt: at(3) });
    const notStarted = generatePodStatus(pod, runtime({ containers: [run] }), at(4)).containerStatuses![0]!;
    expect([notStarted.started, notStarted.ready]).toEqual([false, false]);
    const started = generatePodStatus(pod, runtime({ containers: [{ ...run, startup: 'Success' }] }), at(4)).containerStatuses![0]!;
    expect([started.started, started.ready]).toEqual([true, false]);
    const ready = generatePodStatus(pod, runtime({ containers: [{ ...run, startup: 'Success', readiness: 'Success' }] }), at(4)).containerStatuses![0]!;
    expect([ready.started, ready.ready]).toEqual([true, true]);
  });

  it('CrashLoopBackOff: waiting with the back-off message, lastState the last termination, restartCount from the runtime', () => {
    const pod = podWith({});
    const crashed = runtime({ containers: [
      record('app', { state: 'exited', exitCode: 1, reason: 'Error', startedAt: at(10), finishedAt: at(11), restartCount: 1, createdAt: at(10) }),
      record('app', { state: 'exited', exitCode: 1, reason: 'Error', startedAt: at(5), finishedAt: at(6), restartCount: 0, createdAt: at(5) }),
    ] });
    const table = new Map([['web_default_uid-1_app_' + containerHash({ name: 'app', image: 'nginx:1.27' }), { backoffMs: 10_000, lastUpdateMs: at(6) }]]);
    const verdict = doBackOff(pod, pod.spec!.containers[0]!, crashed, table, at(12));
    expect(verdict.inBackOff).toBe(true);
    const s = generatePodStatus(pod, { ...crashed, startFailures: { app: { reason: verdict.reason!, message: verdict.message! } } }, at(12));
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses![0]).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=web_default(uid-1)' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(10), finishedAt: iso(11), containerID: 'containerd://app-1' } },
      restartCount: 1, ready: false, started: false,
    });
  });

  it('an image pull failure before any container exists shows ErrImagePull with the runtime message', () => {
    const s = generatePodStatus(podWith({}), runtime({ startFailures: { app: { reason: 'ErrImagePull', message: 'rpc error: not found' } } }), at(5));
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ErrImagePull', message: 'rpc error: not found' } });
    expect(s.phase).toBe('Pending');
  });

  it('init containers: spec order, ready once exited 0, regular containers wait with PodInitializing', () => {
    const pod = podWith({ initContainers: [{ name: 'z-init', image: 'busybox:1.28' }, { name: 'a-init', image: 'busybox:1.28' }] });
    const s = generatePodStatus(pod, runtime({ containers: [
      record('z-init', { state: 'exited', exitCode: 0, reason: 'Completed', startedAt: at(2), finishedAt: at(3) }, 'busybox:1.28'),
      record('a-init', { state: 'running', startedAt: at(4), createdAt: at(4) }, 'busybox:1.28'),
    ] }), at(5));
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses!.map((c) => [c.name, c.ready, c.started])).toEqual([['z-init', true, false], ['a-init', false, true]]);
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(s.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [a-init]',
    });
  });

  it('ephemeral containers: sorted by name, PodInitializing default with init containers, no started, never ready, no effect on the phase', () => {
    const pod = podWith({
      initContainers: [{ name: 'init', image: 'busybox:1.28' }],
      ephemeralContainers: [{ name: 'zz-debug', image: 'busybox:1.28' }, { name: 'debugger-7x2kq', image: 'busybox:1.28' }],
    });
    const s = generatePodStatus(pod, runtime({ containers: [
      record('init', { state: 'exited', exitCode: 0, startedAt: at(2), finishedAt: at(3) }, 'busybox:1.28'),
      record('app', { state: 'running', startedAt: at(4) }),
      record('zz-debug', { state: 'exited', exitCode: 0, reason: 'Completed', startedAt: at(5), finishedAt: at(6) }, 'busybox:1.28'),
    ] }), at(7));
    expect(s.phase).toBe('Running');
    expect(s.ephemeralContainerStatuses).toEqual([
      { name: 'debugger-7x2kq', state: { waiting: { reason: 'PodInitializing' } }, lastState: {}, ready: false, restartCount: 0, image: 'busybox:1.28', imageID: '' },
      {
        name: 'zz-debug',
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: iso(5), finishedAt: iso(6), containerID: 'containerd://zz-debug-0' } },
        lastState: {}, ready: false, restartCount: 0, image: 'docker.io/library/busybox:1.28',
        imageID: 'docker.io/library/busybox@sha256:abc', containerID: 'containerd://zz-debug-0',
      },
    ]);
    expect(s.conditions!.find((c) => c.type === 'ContainersReady')!.status).toBe('True');
  });

  it('read-only mounts get a volume mount status with recursiveReadOnly Disabled', () => {
    const pod = podWith({ containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [
      { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      { name: 'data', mountPath: '/data' },
    ] }] });
    expect(generatePodStatus(pod, runtime({}), at(1)).containerStatuses![0]!.volumeMounts).toEqual([
      { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' },
      { name: 'data', mountPath: '/data' },
    ]);
  });

  it('transition times survive later syncs while a condition keeps its status, and startTime never moves', () => {
    const pod = podWith({});
    const first = generatePodStatusUpdate(pod, runtime({ sandboxes: [] }), at(1));
    const again = generatePodStatusUpdate({ ...pod, status: first.status }, runtime({ cachedStatus: first.cachedStatus }), at(9));
    const time = (s: PodStatus, type: string): string | undefined => s.conditions!.find((c) => c.type === type)!.lastTransitionTime;
    expect(time(again.status, 'Initialized')).toBe(iso(1));
    expect(time(again.status, 'PodReadyToStartContainers')).toBe(iso(9));
    expect(again.status.startTime).toBe(iso(1));
  });

  it('activeDeadlineSeconds: Failed/DeadlineExceeded is held back from the API while a container may still run', () => {
    const pod = podWith({ activeDeadlineSeconds: 30 }, { ...scheduled, phase: 'Running', startTime: iso(0) });
    const running = runtime({ containers: [record('app', { state: 'running', startedAt: at(3) })] });
    const update = generatePodStatusUpdate(pod, running, at(30));
    expect(update.cachedStatus).toMatchObject({ phase: 'Failed', reason: DEADLINE_EXCEEDED, message: 'Pod was active on the node longer than the specified deadline' });
    expect(update.status.phase).toBe('Running');
    expect(update.status.reason).toBeUndefined();
    const stopped = runtime({ containers: [record('app', { state: 'exited', exitCode: 137, startedAt: at(3), finishedAt: at(31) })] });
    const done = generatePodStatus(pod, stopped, at(32));
    expect(done).toMatchObject({ phase: 'Failed', reason: DEADLINE_EXCEEDED });
    expect(done.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('the status manager refuses to move a terminated container back under restartPolicy Never', () => {
    const pod = podWith({ restartPolicy: 'Never' });
    const old: PodStatus = { containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0 } }, ready: false, restartCount: 0, image: '', imageID: '' }] };
    const next: PodStatus = { containerStatuses: [{ name: 'app', state: { waiting: {} }, ready: false, restartCount: 0, image: '', imageID: '' }] };
    expect(checkContainerStateTransition(old, next, pod)).toBe('terminated container app attempted illegal transition to non-terminated state');
    expect(checkContainerStateTransition(old, next, podWith({ restartPolicy: 'Always' }))).toBeUndefined();
  });
});

describe('mergePodStatus and TerminatePod (status_manager.go)', () => {
  it('keeps foreign API conditions first and forces Ready/ContainersReady False once the phase is terminal', () => {
    const api: PodStatus = { phase: 'Running', conditions: [{ type: 'example.com/gate', status: 'True' }, { type: 'Ready', status: 'True', lastTransitionTime: iso(0) }] };
    const cached: PodStatus = { phase: 'Succeeded', conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: iso(0) }, { type: 'ContainersReady', status: 'True', lastTransitionTime: iso(0) },
    ] };
    expect(mergePodStatus(api, cached, false, at(5)).conditions).toEqual([
      { type: 'example.com/gate', status: 'True' },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: iso(5), reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: iso(5), reason: 'PodCompleted' },
    ]);
  });

  it('TerminatePod marks containers the runtime lost as ContainerStatusUnknown/137 and the pod Failed', () => {
    const pod = podWith({}, { ...scheduled, phase: 'Running', containerStatuses: [
      { name: 'app', state: { running: { startedAt: iso(3) } }, lastState: {}, ready: true, restartCount: 0, image: 'nginx:1.27', imageID: '' },
    ] });
    const { status } = terminatePod(pod, {}, at(20));
    expect(status.phase).toBe('Failed');
    expect(status.containerStatuses![0]!.state).toEqual({ terminated: {
      exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated',
      startedAt: null, finishedAt: null,
    } });
  });
});
