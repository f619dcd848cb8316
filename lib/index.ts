/**
 * kubesim: an in-memory simulator of the Kubernetes API (v1.32), for controller tests, teaching and tools.
 *
 * What is simulated: the apiserver's registry for namespaces, pods (with `pods/status`,
 * `pods/ephemeralcontainers`, `pods/binding`), nodes and events — defaulting, admission, validation with
 * the apiserver's exact `Status` errors, optimistic concurrency, patches, graceful deletion and watches —
 * and a scheduler plus kubelets on a clock tests control. See `docs/fidelity.md` for what is the same as
 * kube-apiserver 1.32, what is simplified and what is not simulated.
 *
 * @packageDocumentation
 */

// The cluster
export { createCluster, Cluster, type ClusterOptions } from './cluster.js';

// Clients (the library door)
export { ResourceClient, type WriteOptions, type DeleteCallOptions, type PatchKind } from './client/resource-client.js';
export { NamespaceClient } from './client/namespaces.js';
export { PodClient, type DebugOptions } from './client/pods.js';
export { PodStreams, ScriptedSession, type StreamRequest } from './client/streams.js';
export type { ResourceREST, SubresourceREST, PatchRequest } from './registry/rest.js';
export type { RequestContext } from './registry/strategy.js';

// Nodes, kubelets and images
export { Kubelet, type KubeletOptions, type PodLogOptions } from './kubelet/kubelet.js';
export type { ImageBehaviour, ImageFactory } from './runtime/images/types.js';
export type { ListQuery } from './registry/rest.js';
export { Watcher, type WatchEndReason } from './store/watcher.js';

// Time
export type { Clock, Timer } from './clock/clock.js';
export { VirtualClock, DEFAULT_VIRTUAL_START } from './clock/virtual-clock.js';
export { SystemClock } from './clock/system-clock.js';

// Errors
export { StatusError, StatusReason, type FailureStatus } from './errors/status-error.js';
export {
  isNotFound, isAlreadyExists, isConflict, isInvalid, isBadRequest, isForbidden, isMethodNotSupported, isResourceExpired, isGone,
  isInternalError, isUnsupportedMediaType, isNotAcceptable, isRequestEntityTooLarge,
} from './errors/constructors.js';
export { FieldErrorType, errorTypeText, type FieldError, type BadValue } from './field/errors.js';

// Wire types
export type {
  Pod, PodSpec, PodStatus, Container, EphemeralContainer, ContainerStatus, Namespace, Node, Event, ObjectMeta, Status,
  KubernetesObject, KubernetesList, WatchEvent, WatchEventType,
} from './api/types.js';
