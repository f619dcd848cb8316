/**
 * What the kubelet knows about one pod from its container runtime, in the shape its pure decision
 * functions read: the CRI sandbox list, the kubelet's `kubecontainer.Status` records, the reason cache
 * and the prober result caches (`pkg/kubelet/container/runtime.go` PodStatus, `kuberuntime` GetPodStatus).
 *
 * How the driver keeps it (what the real kubelet does, so the functions here stay faithful):
 * - A new container instance is a new record; older records of the same name stay until garbage collected
 *   (the converter reads the newest two per name). `restartCount` of a new record is the newest record's
 *   `restartCount + 1`, or 0 when the name has no record (`kuberuntime_container.go startContainer`).
 * - When a new sandbox is created, records of init containers are removed (`purgeInitContainers`).
 * - `startFailures` is the kubelet's reason cache (`reason_cache.go`): after each start attempt, a failure
 *   (CrashLoopBackOff from `doBackOff`, ErrImagePull, ImagePullBackOff, CreateContainerConfigError, …) is
 *   stored under the container name with its message, and a successful start removes the entry.
 * - Probe results belong to one container instance (the result caches are keyed by container ID), so they
 *   live on the record; an absent result means the probe has not produced one yet.
 */
import type { Container, Pod, PodStatus } from '../api/types.js';

/** `kubecontainer.State`: what the runtime reports for one container instance. */
export type RuntimeContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** `proberesults.Result` as the kubelet caches it. */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** One container instance known to the runtime (`kubecontainer.Status`). Times are ms since the epoch. */
export interface RuntimeContainer {
  /** Runtime ID without the runtime prefix; the API shows `<runtimeName>://<id>`. */
  readonly id: string;
  /** Name of the spec container (regular, init or ephemeral) it runs. */
  readonly name: string;
  readonly state: RuntimeContainerState;
  /** Orders the records of one name: the newest is the current instance. */
  readonly createdAt: number;
  /** Absent means Go's zero time (serialised as null); containerd reports a never-started container as 0. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** Exit code of an `exited` instance (0 when absent). */
  readonly exitCode?: number;
  /** Runtime termination reason: `Completed`, `Error`, `OOMKilled`, `StartError`, `ContainerCannotRun`. */
  readonly reason?: string;
  /** Termination message (from terminationMessagePath or the log tail). */
  readonly message?: string;
  /** Image as resolved by the runtime, e.g. `docker.io/library/busybox:1.28`. */
  readonly image: string;
  /** Image digest reference, e.g. `docker.io/library/busybox@sha256:…` (`kubecontainer.Status.ImageRef`). */
  readonly imageID: string;
  /** `containerHash(spec)` of the spec this instance was created from; a mismatch means the spec changed. */
  readonly hash: string;
  /** The attempt number the runtime keeps in the container's labels; the API shows it as restartCount. */
  readonly restartCount: number;
  /** Last startup, liveness and readiness probe results of this instance (absent: no result yet). */
  readonly startup?: ProbeResult;
  readonly liveness?: ProbeResult;
  readonly readiness?: ProbeResult;
}

/** CRI `PodSandboxState`. */
export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** One pod sandbox (CRI `PodSandboxStatus`). */
export interface RuntimeSandbox {
  readonly id: string;
  readonly state: SandboxState;
  /** Sandbox attempt number (`PodSandboxMetadata.Attempt`). */
  readonly attempt: number;
  readonly createdAt: number;
  /** Primary IP; absent or empty means the network has no IP. */
  readonly ip?: string;
  readonly additionalIPs?: readonly string[];
  /** Network namespace mode NODE (host network) rather than POD. */
  readonly hostNetwork?: boolean;
}

/** One reason-cache entry: why the last start of a container failed. */
export interface StartFailure {
  /** The error's text, used as the waiting reason: `CrashLoopBackOff`, `ErrImagePull`, `ImagePullBackOff`, … */
  readonly reason: string;
  readonly message: string;
}

/** Everything the pure kubelet functions need about one pod besides the pod itself. */
export interface PodRuntimeState {
  /** Runtime name used in container IDs, e.g. `containerd`. */
  readonly runtimeName: string;
  /** Sandboxes of the pod, any order (sorted newest first by `createdAt` where it matters). */
  readonly sandboxes: readonly RuntimeSandbox[];
  /** Container records of the pod, any order (sorted newest first by `createdAt` where it matters). */
  readonly containers: readonly RuntimeContainer[];
  /** The reason cache, by container name. */
  readonly startFailures?: Readonly<Record<string, StartFailure>>;
  /** The pod worker has finished terminating the pod (`podIsTerminal` of generateAPIPodStatus). */
  readonly podIsTerminal?: boolean;
  /** The status manager's cached status of the pod; the API status is used when absent. */
  readonly cachedStatus?: PodStatus;
  /** The node's IPs, which become hostIP/hostIPs (and podIPs of host-network pods). */
  readonly hostIPs?: readonly string[];
}

/**
 * Go's zero `metav1.Time` serialises as JSON `null` (`lastProbeTime: null`, `startedAt: null` of a
 * ContainerStatusUnknown state). kubernetes-types types Time as a string, so this is the one place
 * that bends the type.
 */
export const ZERO_TIME = null as unknown as string;

const byNewest = <T extends { readonly createdAt: number }>(a: T, b: T): number => b.createdAt - a.createdAt;

/** Container records sorted newest first (`SortContainerStatusesByCreationTime`, reversed). */
export function containersNewestFirst(runtime: PodRuntimeState): RuntimeContainer[] {
  return [...runtime.containers].sort(byNewest);
}

/** Sandboxes sorted newest first, as `getSandboxIDByPodUID` lists them. */
export function sandboxesNewestFirst(runtime: Pick<PodRuntimeState, 'sandboxes'>): RuntimeSandbox[] {
  return [...runtime.sandboxes].sort(byNewest);
}

/** The newest record of a container name (`PodStatus.FindContainerStatusByName`). */
export function findContainerStatusByName(runtime: PodRuntimeState, name: string): RuntimeContainer | undefined {
  let newest: RuntimeContainer | undefined;
  for (const c of runtime.containers) {
    if (c.name === name && (newest === undefined || c.createdAt > newest.createdAt)) newest = c;
  }
  return newest;
}

/** Whether the kubelet would (re)start a container on its next sync (`ShouldContainerBeRestarted`). */
export function shouldContainerBeRestarted(container: Pick<Container, 'name'>, pod: Pod, runtime: PodRuntimeState): boolean {
  // Once a pod has been marked deleted, nothing is restarted.
  if (pod.metadata?.deletionTimestamp) return false;
  const status = findContainerStatusByName(runtime, container.name);
  if (status === undefined) return true;
  if (status.state === 'running') return false;
  if (status.state === 'unknown' || status.state === 'created') return true;
  const policy = pod.spec?.restartPolicy;
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && (status.exitCode ?? 0) === 0) return false;
  return true;
}

/** Whether a new sandbox is needed, with its attempt number and the current sandbox ID (`kuberuntime/util.PodSandboxChanged`). */
export function podSandboxChanged(
  pod: Pod,
  runtime: Pick<PodRuntimeState, 'sandboxes'>,
): { changed: boolean; attempt: number; sandboxID: string } {
  const sandboxes = sandboxesNewestFirst(runtime);
  const newest = sandboxes[0];
  if (newest === undefined) return { changed: true, attempt: 0, sandboxID: '' };
  const readyCount = sandboxes.filter((s) => s.state === 'SANDBOX_READY').length;
  const next = newest.attempt + 1;
  if (readyCount > 1 || newest.state !== 'SANDBOX_READY') return { changed: true, attempt: next, sandboxID: newest.id };
  const hostNetwork = pod.spec?.hostNetwork === true;
  if ((newest.hostNetwork === true) !== hostNetwork) return { changed: true, attempt: next, sandboxID: '' };
  if (!hostNetwork && !newest.ip) return { changed: true, attempt: next, sandboxID: newest.id };
  return { changed: false, attempt: newest.attempt, sandboxID: newest.id };
}

/** The API form of a record's ID, `<runtime>://<id>` (`kubecontainer.ContainerID.String`). */
export function containerIDString(runtime: PodRuntimeState, c: RuntimeContainer): string {
  return `${runtime.runtimeName}://${c.id}`;
}

/**
 * The pod IPs the kubelet reports: those of the newest sandbox when it is ready; when no sandbox is
 * ready, the last known ones (the PLEG cache keeps a finished pod's IP, `GenericPLEG.getPodIPs`).
 */
export function podIPsOf(runtime: Pick<PodRuntimeState, 'sandboxes'>): string[] {
  const sandboxes = sandboxesNewestFirst(runtime);
  const ipsOf = (s: RuntimeSandbox): string[] => (s.ip ? [s.ip, ...(s.additionalIPs ?? [])] : []);
  const newest = sandboxes[0];
  if (newest === undefined) return [];
  if (newest.state === 'SANDBOX_READY') return ipsOf(newest);
  if (sandboxes.some((s) => s.state === 'SANDBOX_READY')) return [];
  const known = sandboxes.find((s) => s.ip);
  return known ? ipsOf(known) : [];
}

/**
 * The hash a record carries of the spec it was created from. The kubelet hashes the fields whose change
 * means a restart, which since 1.31 are the name and image (`kubecontainer.HashContainer`); this is an
 * FNV-1a over the same fields, not byte-identical to Go's (the value is only compared, never shown).
 */
export function containerHash(container: { readonly name: string; readonly image?: string }): string {
  const text = JSON.stringify({ name: container.name, image: container.image ?? '' });
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
