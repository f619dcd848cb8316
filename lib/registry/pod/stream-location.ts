/**
 * What the apiserver decides before it hands a pod's stream to the kubelet (`pkg/registry/core/pod/strategy.go`
 * `streamLocation`, `LogLocation`, `validateContainer`; `rest/log.go`; `ValidatePodLogOptions`), and the
 * shape of the connection to the node that serves it (the apiserver's `client.ConnectionInfoGetter` plus
 * the kubelet's streaming server, reduced to what exec, attach and logs need). The HTTP door and the
 * library door both go through here, so they refuse the same requests with the same Status.
 */
import type { Pod } from '../../api/types.js';
import { newBadRequest, newInvalid } from '../../errors/constructors.js';
import { forbidden, invalid, type FieldError } from '../../field/errors.js';
import { fieldPath } from '../../field/path.js';
import { IS_NEGATIVE } from '../../validation/common.js';

/**
 * The container a request names, or the pod's only container when it names none (`validateContainer`):
 * 400 `a container name must be specified for pod X, choose one of: [a b]` (names of init, regular and
 * ephemeral containers, in that order) or `container C is not valid for pod X`.
 */
export function validateContainer(container: string, pod: Pod): string {
  const name = pod.metadata?.name ?? '';
  const spec = pod.spec;
  if (container === '') {
    const containers = spec?.containers ?? [];
    if (containers.length === 1) return containers[0]!.name;
    if (containers.length === 0) throw newBadRequest(`a container name must be specified for pod ${name}`);
    throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${allContainerNames(pod).join(' ')}]`);
  }
  if (!allContainerNames(pod).includes(container)) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** podutil.VisitContainers with every container type: init containers, containers, ephemeral containers. */
export function allContainerNames(pod: Pod): string[] {
  const s = pod.spec;
  return [...(s?.initContainers ?? []), ...(s?.containers ?? []), ...(s?.ephemeralContainers ?? [])].map((c) => c.name);
}

/**
 * The node that serves exec and attach for `pod` (`streamLocation`): the container is validated first,
 * then a pod not yet bound gets 400 `pod X does not have a host assigned`.
 */
export function streamLocation(pod: Pod, container: string): { container: string; nodeName: string } {
  const resolved = validateContainer(container, pod);
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName === '') throw newBadRequest(`pod ${pod.metadata?.name ?? ''} does not have a host assigned`);
  return { container: resolved, nodeName };
}

/**
 * Where `pods/NAME/log` reads from (`LogLocation`): the validated container, and the node, or '' for a
 * pod not yet bound — then the apiserver answers an empty log rather than an error.
 */
export function logLocation(pod: Pod, container: string): { container: string; nodeName: string } {
  return { container: validateContainer(container, pod), nodeName: pod.spec?.nodeName ?? '' };
}

/** `v1.PodLogOptions` as the log endpoint reads it from the query. */
export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** RFC 3339, as sent. */
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
}

/** `ValidatePodLogOptions`; throws 422 `PodLogOptions "NAME" is invalid: …`. */
export function validatePodLogOptions(podName: string, o: PodLogOptions): void {
  const errs: FieldError[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) errs.push(invalid('tailLines', o.tailLines, IS_NEGATIVE));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errs.push(invalid('limitBytes', o.limitBytes, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) {
    errs.push(forbidden(fieldPath(''), 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) {
    errs.push(invalid('sinceSeconds', o.sinceSeconds, 'must be greater than 0'));
  }
  if (errs.length > 0) throw newInvalid({ kind: 'PodLogOptions' }, podName, errs);
}

/** The exit of the process an exec or attach session is connected to. */
export interface StreamExit {
  readonly code: number;
  readonly signal?: string;
}

/**
 * The client's end of an exec or attach session, as the node's streaming server gives it: channel 0 is
 * `write`, output arrives on channels 1 and 2 (everything on 1 with a TTY), `resize` is channel 4, the v5
 * close signal for stdin is `closeStdin`, and `onExit` ends the session.
 */
export interface ContainerStreamSession {
  readonly tty: boolean;
  write(data: string): void;
  closeStdin(): void;
  /** Output so far is delivered to the first listener at once. */
  onOutput(fn: (data: string, stream: 'stdout' | 'stderr') => void): () => void;
  resize(size: { width: number; height: number }): void;
  /** Calls `fn` when the process the session is connected to exits (at once if it has). */
  onExit(fn: (status: StreamExit) => void): () => void;
  /** The client went away. */
  close(): void;
}

/**
 * Why the node could not open a session: `unavailable` is the kubelet refusing the stream (no such
 * running container: the apiserver reports it as `Internal error occurred: unable to upgrade
 * connection: …`), `start-failed` is the runtime failing to start the command (its message is written
 * to the stream and the session ends with that exit code, 126, as containerd does).
 */
export interface ContainerStreamFailure {
  readonly failure: 'unavailable' | 'start-failed';
  readonly message: string;
  readonly exitCode?: number;
}

/** An opened session or why there is none. */
export type ContainerStreamOpen = ContainerStreamSession | ContainerStreamFailure;

/** What `kubectl logs` may ask of the kubelet. */
export interface KubeletLogOptions {
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

/**
 * The connection from the apiserver to the node a pod runs on: its kubelet's exec, attach and container
 * log endpoints. Log calls throw the kubelet's Status errors (400 `container "c" in pod "p" is waiting to
 * start: ContainerCreating`, …).
 */
export interface ContainerStreams {
  exec(pod: Pod, container: string, command: readonly string[], opts: { stdin: boolean; tty: boolean }): ContainerStreamOpen;
  attach(pod: Pod, container: string, opts: { stdin: boolean; tty: boolean }): ContainerStreamOpen;
  logs(pod: Pod, container: string, opts: KubeletLogOptions): string;
  /** Writes what is there, then each new chunk until the container stops; returns a function that stops following. */
  followLogs(pod: Pod, container: string, opts: KubeletLogOptions, onData: (chunk: string) => void, onEnd: () => void): () => void;
}

/** Whether an open result is a failure. */
export function isStreamFailure(r: ContainerStreamOpen): r is ContainerStreamFailure {
  return 'failure' in r;
}
