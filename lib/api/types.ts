/**
 * Wire types (core/v1 and meta/v1), re-exported from `kubernetes-types` so the rest of kubesim
 * names them in one place.
 */
export type {
  Pod, PodSpec, PodStatus, Container, EphemeralContainer, ContainerStatus, ContainerState, PodCondition,
  Namespace, Node, NodeStatus, Event, Binding, Volume, VolumeMount, EnvVar, ContainerPort, Toleration,
  ObjectReference, PodList, NamespaceList, NodeList, EventList, Probe, SecurityContext, PodSecurityContext,
} from 'kubernetes-types/core/v1.js';
export type {
  ObjectMeta, Status, StatusDetails, StatusCause, ListMeta, DeleteOptions, Preconditions, OwnerReference,
  ManagedFieldsEntry, Time,
} from 'kubernetes-types/meta/v1.js';

import type { ObjectMeta, ListMeta } from 'kubernetes-types/meta/v1.js';

/** Any object kubesim stores: a kind, an apiVersion and ObjectMeta. */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A list as the API returns it. */
export interface KubernetesList<T> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** The event types of a watch stream. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One watch event: the type and the object as stored (a Status for ERROR). */
export interface WatchEvent<T = KubernetesObject> {
  type: WatchEventType;
  object: T;
}

/** ObjectMeta with the server-set fields writable (kubernetes-types marks them readonly). */
export type MutableObjectMeta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] };

/** The writable metadata of an object the registry is preparing. */
export function mutableMeta(obj: KubernetesObject): MutableObjectMeta {
  return (obj.metadata ??= {}) as MutableObjectMeta;
}

/** `T` with its readonly (server-owned) top-level fields writable, for the registry's own preparation. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The object as writable (same reference): for strategies that reset server-owned fields such as `status`. */
export function writable<T>(obj: T): Writable<T> {
  return obj as Writable<T>;
}
