import type { Container, ContainerStatus, Pod, PodCondition } from '../api/types.js';
import { humanDuration, parseTime, translateTimestampSince } from './human-duration.js';
import type { TableRow, TableRowCondition } from './table-types.js';

/** Options of one printer call (printers.GenerateOptions, with the clock made explicit). */
export interface PrintOptions {
  /** Clock time in ms; AGE and `(… ago)` are relative to it. */
  now: number;
  /** All columns (the server always prints wide, see toTable) or only the priority-0 ones. */
  wide: boolean;
}

const podSucceededConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const podFailedConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** The reason the node controller gives a pod on an unreachable node (`node.NodeUnreachablePodReason`). */
const nodeUnreachablePodReason = 'NodeLost';

/** Init containers with `restartPolicy: Always` are sidecars (IsRestartableInitContainer). */
const isRestartableInitContainer = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** The first `Initialized` condition decides (isPodInitializedConditionTrue). */
function isPodInitializedConditionTrue(conditions: readonly PodCondition[]): boolean {
  const c = conditions.find((x) => x.type === 'Initialized');
  return c !== undefined && c.status === 'True';
}

const hasPodReadyCondition = (conditions: readonly PodCondition[]): boolean =>
  conditions.some((c) => c.type === 'Ready' && c.status === 'True');

/** `lastState.terminated.finishedAt` in ms, or undefined (Go's zero time). */
const lastFinishedAt = (s: ContainerStatus): number | undefined => parseTime(s.lastState?.terminated?.finishedAt);

/** Go's `a.Before(b)` with undefined as the zero time. */
const newer = (current: number | undefined, candidate: number | undefined): number | undefined =>
  candidate !== undefined && (current === undefined || current < candidate) ? candidate : current;

/**
 * The IP cell: the first internal PodIP. v1→internal conversion makes `status.podIP` authoritative when
 * it is set (Convert_v1_PodStatus_To_core_PodStatus), else `podIPs[0]`.
 */
function firstPodIP(pod: Pod): string {
  const podIP = pod.status?.podIP ?? '';
  if (podIP !== '') return podIP;
  return pod.status?.podIPs?.[0]?.ip ?? '';
}

/** One pod's row: NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED-NODE READINESS-GATES] (printPod). */
export function printPod(pod: Pod, options: PrintOptions): TableRow {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastRestartableInitContainerRestartDate: number | undefined;

  const podPhase = status.phase ?? '';
  let reason = status.reason ? status.reason : podPhase;
  // A scheduling-gated pod says so whatever its phase.
  for (const c of conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const row: TableRow = { cells: [] };
  if (podPhase === 'Succeeded') row.conditions = podSucceededConditions.map((c) => ({ ...c }));
  else if (podPhase === 'Failed') row.conditions = podFailedConditions.map((c) => ({ ...c }));

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i]!;
    const sidecar = isRestartableInitContainer(initContainers.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestartDate = newer(lastRestartDate, lastFinishedAt(container));
    if (sidecar) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      lastRestartableInitContainerRestartDate = newer(lastRestartableInitContainerRestartDate, lastFinishedAt(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // Initialization failed.
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      // `i` counts statuses, not spec init containers, exactly as the apiserver prints it.
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(conditions)) {
    // Once initialized, only sidecar restarts count from the init containers.
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Last to first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += container.restartCount ?? 0;
      lastRestartDate = newer(lastRestartDate, lastFinishedAt(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod with a container still running is not Completed.
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(conditions) ? 'Running' : 'NotReady';
  }

  const deleting = parseTime(pod.metadata?.deletionTimestamp) !== undefined;
  if (deleting && status.reason === nodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestartDate !== undefined) {
    restartsText = `${restarts} (${humanDuration(options.now - lastRestartDate)} ago)`;
  }

  row.cells.push(
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsText,
    translateTimestampSince(pod.metadata?.creationTimestamp, options.now),
  );
  if (options.wide) {
    const gates = spec?.readinessGates ?? [];
    let readinessGates = '<none>';
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const gate of gates) {
        // Only the first condition of the gate's type counts.
        const c = conditions.find((x) => x.type === gate.conditionType);
        if (c?.status === 'True') trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    row.cells.push(
      firstPodIP(pod) || '<none>',
      spec?.nodeName || '<none>',
      status.nominatedNodeName || '<none>',
      readinessGates,
    );
  }
  return row;
}
