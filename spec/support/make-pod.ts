/**
 * Test fixtures in the style of kubernetes `pkg/api/pod/testing/make.go`: `makePod(name, ...tweaks)` builds
 * a pod as it looks after API defaulting (so it passes validation as is), and each tweak is an immer
 * recipe that changes one thing. Namespace `default`, one container `ctr` with image `image`,
 * restartPolicy Always, dnsPolicy ClusterFirst, terminationGracePeriodSeconds 30.
 */
import { produce, type Draft } from 'immer';
import type { Container, EphemeralContainer, Pod, Toleration, Volume } from '../../lib/api/types.js';

/** An immer recipe on a pod. */
export type PodTweak = (pod: Draft<Pod>) => void;
/** An immer recipe on a container. */
export type ContainerTweak = (c: Draft<Container>) => void;

/** `MakeContainer`: a defaulted container named `name`. */
export function makeContainer(name: string, ...tweaks: ContainerTweak[]): Container {
  const base: Container = {
    name,
    image: 'image',
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  return produce(base, (d) => {
    for (const t of tweaks) t(d);
  });
}

/** A defaulted ephemeral container named `name` (image `busybox`, as kubectl debug would send after defaulting). */
export function makeEphemeralContainer(name: string, ...tweaks: Array<(c: Draft<EphemeralContainer>) => void>): EphemeralContainer {
  const base: EphemeralContainer = {
    name,
    image: 'busybox:1.36',
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  return produce(base, (d) => {
    for (const t of tweaks) t(d);
  });
}

/** `MakePod`: a defaulted, valid pod named `name`, then each tweak in order. */
export function makePod(name: string, ...tweaks: PodTweak[]): Pod {
  const base: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [makeContainer('ctr')],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
    },
  };
  return produce(base, (d) => {
    for (const t of tweaks) t(d);
  });
}

/** The tweaks of make.go, named as there. */
export const setNamespace = (ns: string): PodTweak => (p) => { p.metadata!.namespace = ns; };
export const setResourceVersion = (rv: string): PodTweak => (p) => { p.metadata!.resourceVersion = rv; };
export const setUID = (uid: string): PodTweak => (p) => { p.metadata!.uid = uid; };
export const setLabels = (labels: Record<string, string>): PodTweak => (p) => { p.metadata!.labels = labels; };
export const setAnnotations = (annotations: Record<string, string>): PodTweak => (p) => { p.metadata!.annotations = annotations; };
export const setContainers = (...cs: Container[]): PodTweak => (p) => { p.spec!.containers = cs as Draft<Container>[]; };
export const setInitContainers = (...cs: Container[]): PodTweak => (p) => { p.spec!.initContainers = cs as Draft<Container>[]; };
export const setEphemeralContainers = (...cs: EphemeralContainer[]): PodTweak => (p) => { p.spec!.ephemeralContainers = cs as Draft<EphemeralContainer>[]; };
export const setVolumes = (...vs: Volume[]): PodTweak => (p) => { p.spec!.volumes = vs as Draft<Volume>[]; };
export const setRestartPolicy = (policy: 'Always' | 'OnFailure' | 'Never'): PodTweak => (p) => { p.spec!.restartPolicy = policy; };
export const setNodeName = (node: string): PodTweak => (p) => { p.spec!.nodeName = node; };
export const setTolerations = (...ts: Toleration[]): PodTweak => (p) => { p.spec!.tolerations = ts as Draft<Toleration>[]; };
export const setOS = (name: 'linux' | 'windows'): PodTweak => (p) => { p.spec!.os = { name }; };
export const setHostNetwork = (on = true): PodTweak => (p) => { p.spec!.hostNetwork = on; };
export const setActiveDeadlineSeconds = (s: number): PodTweak => (p) => { p.spec!.activeDeadlineSeconds = s; };
export const setSchedulingGates = (...names: string[]): PodTweak => (p) => { p.spec!.schedulingGates = names.map((name) => ({ name })); };
/** The stored shape an update compares against: a resourceVersion and a uid. */
export const stored: PodTweak = (p) => {
  p.metadata!.resourceVersion ??= '1';
  p.metadata!.uid ??= 'uid-1';
};
