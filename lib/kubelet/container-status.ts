/**
 * Runtime records → v1 ContainerStatus: `pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses`,
 * then `started`/`ready` from the prober (`prober/prober_manager.go UpdatePodStatus`), release-1.32.
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from '../api/types.js';
import { rfc3339 } from '../clock/clock.js';
import { isRestartableInitContainer } from './pod-phase.js';
import {
  ZERO_TIME, containerIDString, containersNewestFirst, findContainerStatusByName, shouldContainerBeRestarted,
  type PodRuntimeState, type RuntimeContainer,
} from './runtime-state.js';

/** Default waiting reasons (`kubelet_pods.go`). */
export const CONTAINER_CREATING = 'ContainerCreating';
export const POD_INITIALIZING = 'PodInitializing';
/** The reason the kubelet gives a container it lost track of (`kubecontainer.ContainerReasonStatusUnknown`). */
export const CONTAINER_STATUS_UNKNOWN = 'ContainerStatusUnknown';

const time = (ms: number | undefined): string => (ms === undefined ? ZERO_TIME : rfc3339(ms));

/** Go's `a.Name < b.Name` order (`kubetypes.SortedContainerStatuses`). */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A status with the Go field order (`name, state, lastState, ready, restartCount, image, imageID, containerID, started, volumeMounts`). */
function makeStatus(fields: ContainerStatus): ContainerStatus {
  const s: ContainerStatus = {
    name: fields.name, state: fields.state ?? {}, lastState: fields.lastState ?? {}, ready: fields.ready,
    restartCount: fields.restartCount, image: fields.image, imageID: fields.imageID,
  };
  if (fields.containerID) s.containerID = fields.containerID;
  if (fields.started !== undefined) s.started = fields.started;
  if (fields.volumeMounts !== undefined) s.volumeMounts = fields.volumeMounts;
  return s;
}

/** One runtime record as an API status (`convertContainerStatus`). */
function convertContainerStatus(
  runtime: PodRuntimeState, cs: RuntimeContainer, old: ContainerStatus | undefined,
): ContainerStatus {
  const containerID = containerIDString(runtime, cs);
  let restartCount = cs.restartCount;
  let state: ContainerState;
  switch (cs.state) {
    case 'running':
      state = { running: { startedAt: time(cs.startedAt) } };
      break;
    case 'created':
      state = { waiting: {} }; // created but not running: waiting to run
      break;
    case 'exited':
      state = { terminated: terminated(cs, containerID) };
      break;
    default:
      if (old?.state?.running) {
        // It was running and the runtime lost it: it ran and stopped, which is not "never ran".
        state = { terminated: {
          exitCode: 137, reason: CONTAINER_STATUS_UNKNOWN,
          message: 'The container could not be located when the pod was terminated',
          startedAt: ZERO_TIME, finishedAt: ZERO_TIME,
        } };
        restartCount = old.restartCount + 1;
      } else {
        state = { waiting: {} };
      }
  }
  return makeStatus({
    name: cs.name, state, ready: false, restartCount, image: cs.image, imageID: cs.imageID, containerID,
    ...(old?.volumeMounts !== undefined ? { volumeMounts: old.volumeMounts } : {}),
  });
}

function terminated(cs: RuntimeContainer, containerID: string): NonNullable<ContainerState['terminated']> {
  const t: NonNullable<ContainerState['terminated']> = { exitCode: cs.exitCode ?? 0 };
  if (cs.reason) t.reason = cs.reason;
  if (cs.message) t.message = cs.message;
  t.startedAt = time(cs.startedAt);
  t.finishedAt = time(cs.finishedAt);
  t.containerID = containerID;
  return t;
}

/** Mount statuses of a container (RecursiveReadOnlyMounts, beta and on in 1.32; the runtime reports no RRO support). */
function volumeMountStatuses(container: Container): ContainerStatus['volumeMounts'] {
  if (!container.volumeMounts || container.volumeMounts.length === 0) return undefined;
  return container.volumeMounts.map((m) => ({
    name: m.name, mountPath: m.mountPath,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
}

/** Which list is converted: init statuses keep spec order, the others are sorted by name. */
export interface ConvertOptions {
  /** The pod has init containers: the default waiting reason is `PodInitializing` (for all three lists). */
  readonly hasInitContainers: boolean;
  readonly isInitContainer: boolean;
}

/**
 * The statuses of one container list (`convertToAPIContainerStatuses`): defaults, the old API statuses'
 * restart counts and last states, the newest two runtime records per name, and start failures.
 */
export function convertToAPIContainerStatuses(
  pod: Pod,
  runtime: PodRuntimeState,
  previous: readonly ContainerStatus[] | undefined,
  containers: readonly Container[],
  opts: ConvertOptions,
): ContainerStatus[] {
  const oldStatuses = new Map((previous ?? []).map((s) => [s.name, s] as const));
  const defaultReason = opts.hasInitContainers ? POD_INITIALIZING : CONTAINER_CREATING;
  const statuses = new Map<string, ContainerStatus>();

  for (const c of containers) {
    const old = oldStatuses.get(c.name);
    if (old?.state?.terminated) {
      statuses.set(c.name, old); // a terminated status is final for this instance
      continue;
    }
    const volumeMounts = volumeMountStatuses(c);
    statuses.set(c.name, makeStatus({
      name: c.name, state: { waiting: { reason: defaultReason } }, lastState: old?.lastState ?? {},
      ready: false, restartCount: old?.restartCount ?? 0, image: c.image ?? '', imageID: '',
      ...(volumeMounts ? { volumeMounts } : {}),
    }));
  }

  // A container that was running and vanished from the runtime ran and stopped: say so in lastState,
  // so the pod does not fall back to Pending.
  for (const c of containers) {
    if (runtime.containers.some((r) => r.name === c.name)) continue;
    const old = oldStatuses.get(c.name);
    if (!old || old.state?.terminated || !old.state?.running) continue;
    const status = statuses.get(c.name)!;
    if (status.state?.waiting?.reason !== defaultReason || status.lastState?.terminated) continue;
    statuses.set(c.name, {
      ...status,
      lastState: { terminated: {
        exitCode: 137, reason: CONTAINER_STATUS_UNKNOWN,
        message: 'The container could not be located when the pod was deleted.  The container used to be Running',
        startedAt: ZERO_TIME, finishedAt: ZERO_TIME,
      } },
      // Not deleted: the container has been restarted.
      restartCount: status.restartCount + (pod.metadata?.deletionTimestamp ? 0 : 1),
    });
  }

  // The newest record is the state, the one before it the last state.
  const seen = new Map<string, number>();
  for (const cs of containersNewestFirst(runtime)) {
    if (!statuses.has(cs.name)) continue;
    const count = seen.get(cs.name) ?? 0;
    if (count >= 2) continue;
    const status = convertContainerStatus(runtime, cs, oldStatuses.get(cs.name));
    if (count === 0) statuses.set(cs.name, status);
    else statuses.set(cs.name, { ...statuses.get(cs.name)!, lastState: status.state ?? {} });
    seen.set(cs.name, count + 1);
  }

  // A container the next sync would restart and whose last start failed waits with that failure.
  for (const c of containers) {
    if (opts.isInitContainer) {
      const s = findContainerStatusByName(runtime, c.name);
      if (s?.state === 'exited' && (s.exitCode ?? 0) === 0) continue; // never restarted
    }
    if (!shouldContainerBeRestarted(c, pod, runtime)) continue;
    const failure = runtime.startFailures?.[c.name];
    if (failure === undefined) continue;
    const status = statuses.get(c.name)!;
    const waiting: NonNullable<ContainerState['waiting']> = { reason: failure.reason };
    if (failure.message) waiting.message = failure.message;
    statuses.set(c.name, {
      ...status,
      state: { waiting },
      lastState: status.state?.terminated ? status.state : status.lastState ?? {},
    });
  }

  if (opts.isInitContainer) {
    return containers.flatMap((c) => (statuses.has(c.name) ? [statuses.get(c.name)!] : []));
  }
  return [...statuses.values()].sort(byName);
}

/** Whether a status counts as started (`isContainerStarted`): running and past its startup probe, if any. */
function isContainerStarted(container: Container | undefined, status: ContainerStatus, record: RuntimeContainer | undefined): boolean {
  if (!status.state?.running) return false;
  if (record?.startup !== undefined) return record.startup === 'Success';
  return !container?.startupProbe; // a startup probe with no result yet: not started
}

/** Ready: started, running and past its readiness probe, if any. */
function isContainerReady(container: Container | undefined, status: ContainerStatus, record: RuntimeContainer | undefined): boolean {
  if (!status.state?.running) return false;
  if (record?.readiness === 'Success') return true;
  return !container?.readinessProbe;
}

/**
 * `started` and `ready` of regular and init statuses from the probe results (`UpdatePodStatus`); a regular
 * init container is ready once it exited 0. Ephemeral statuses are left alone (no `started`, never ready).
 */
export function updatePodStatusFromProbes(
  pod: Pod, status: Pick<PodStatus, 'containerStatuses' | 'initContainerStatuses'>, runtime: PodRuntimeState,
): Pick<PodStatus, 'containerStatuses' | 'initContainerStatuses'> {
  const recordOf = (s: ContainerStatus): RuntimeContainer | undefined =>
    runtime.containers.find((r) => r.name === s.name && containerIDString(runtime, r) === s.containerID);
  const specOf = (list: readonly Container[] | undefined, name: string): Container | undefined =>
    list?.find((c) => c.name === name);
  const probe = (s: ContainerStatus, c: Container | undefined, alwaysProbed: boolean): ContainerStatus => {
    const record = recordOf(s);
    const started = isContainerStarted(c, s, record);
    const out = makeStatus({ ...s, started });
    if (!alwaysProbed && c !== undefined && !isRestartableInitContainer(c)) {
      if (s.state?.terminated?.exitCode === 0) out.ready = true;
      return out;
    }
    if (started) out.ready = isContainerReady(c, s, record);
    return out;
  };
  return {
    containerStatuses: status.containerStatuses?.map((s) => probe(s, specOf(pod.spec?.containers, s.name), true)),
    initContainerStatuses: status.initContainerStatuses?.map((s) => probe(s, specOf(pod.spec?.initContainers, s.name), false)),
  };
}
