/**
 * The prober, simplified to time: a probed container's startup and readiness probes succeed once it has
 * run for their `initialDelaySeconds` (the first probe the real prober's worker runs after the delay), and
 * liveness never fails. Results belong to one container instance, as the prober's result caches key them
 * by container ID (`prober/worker.go`: readiness starts as Failure, startup as Unknown, liveness as Success).
 */
import type { Container, Probe } from '../api/types.js';
import type { ProbeResult } from './runtime-state.js';

/** The probe results of one running instance at `now` (absent: no result yet). */
export interface ProbeResults {
  readiness?: ProbeResult;
  startup?: ProbeResult;
  liveness?: ProbeResult;
}

/** When a probe first succeeds for an instance started at `startedAt` (ms). */
function firstSuccess(probe: Probe, startedAt: number): number {
  return startedAt + (probe.initialDelaySeconds ?? 0) * 1000;
}

/** The results of a running instance's probes; a container without a probe has none. */
export function probeResults(spec: Pick<Container, 'readinessProbe' | 'startupProbe' | 'livenessProbe'> | undefined,
  startedAt: number | undefined, running: boolean, now: number): ProbeResults {
  const out: ProbeResults = {};
  if (!spec || !running || startedAt === undefined) return out;
  const startup = spec.startupProbe;
  const startupDone = !startup || now >= firstSuccess(startup, startedAt);
  if (startup) out.startup = startupDone ? 'Success' : 'Unknown';
  // Readiness and liveness probing starts once the startup probe has succeeded.
  const base = startup ? firstSuccess(startup, startedAt) : startedAt;
  if (spec.readinessProbe) out.readiness = startupDone && now >= firstSuccess(spec.readinessProbe, base) ? 'Success' : 'Failure';
  if (spec.livenessProbe) out.liveness = 'Success';
  return out;
}

/** The next time a result of this instance changes, for the pod worker to wake up; undefined when none will. */
export function nextProbeChange(spec: Pick<Container, 'readinessProbe' | 'startupProbe'> | undefined,
  startedAt: number | undefined, now: number): number | undefined {
  if (!spec || startedAt === undefined) return undefined;
  const times: number[] = [];
  const startupAt = spec.startupProbe ? firstSuccess(spec.startupProbe, startedAt) : startedAt;
  if (spec.startupProbe) times.push(startupAt);
  if (spec.readinessProbe) times.push(firstSuccess(spec.readinessProbe, startupAt));
  const future = times.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}
