/**
 * Which container instance `kubectl logs` reads (`kubelet_pods.go validateContainerLogStatus`): the running
 * or terminated instance, or with `--previous` the last terminated one, and the errors (HTTP 400) for a
 * container that has no log yet.
 */
import type { ContainerStatus, Pod, PodStatus } from '../api/types.js';
import { newBadRequest } from '../errors/constructors.js';
import { ERR_IMAGE_PULL, ERR_IMAGE_PULL_BACKOFF } from './image-manager.js';

/** The container ID (`containerd://…`) whose log to read; throws a BadRequest StatusError with the kubelet's message. */
export function validateContainerLogStatus(podName: string, status: PodStatus, containerName: string, previous: boolean): string {
  const find = (list: ContainerStatus[] | undefined): ContainerStatus | undefined => list?.find((s) => s.name === containerName);
  const cs = find(status.containerStatuses) ?? find(status.initContainerStatuses) ?? find(status.ephemeralContainerStatuses);
  const fail = (why: string): never => {
    throw newBadRequest(`container ${JSON.stringify(containerName)} in pod ${JSON.stringify(podName)} ${why}`);
  };
  if (!cs) return fail('is not available');
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) {
      throw newBadRequest(`previous terminated container ${JSON.stringify(containerName)} in pod ${JSON.stringify(podName)} not found`);
    }
    return last.containerID;
  }
  if (running) return cs.containerID ?? '';
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    return fail('is terminated');
  }
  if (last) {
    if (!last.containerID) return fail('is terminated');
    return last.containerID;
  }
  if (waiting) {
    if (waiting.reason === ERR_IMAGE_PULL) return fail('is waiting to start: image can\'t be pulled');
    if (waiting.reason === ERR_IMAGE_PULL_BACKOFF) return fail('is waiting to start: trying and failing to pull image');
    return fail(`is waiting to start: ${waiting.reason ?? ''}`);
  }
  return fail('is waiting to start - no logs yet');
}

/** The names a pod's containers answer to in `kubectl logs -c` (regular, init and ephemeral). */
export function podContainerNames(pod: Pod): string[] {
  const s = pod.spec;
  return [...(s?.containers ?? []), ...(s?.initContainers ?? []), ...(s?.ephemeralContainers ?? [])].map((c) => c.name);
}
