/**
 * The pods the benchmarks write: what a Deployment's ReplicaSet sends the apiserver for a typical web
 * service (labels, an owner reference, one container with ports, env, resources, probes and a
 * ConfigMap volume), and the status a kubelet reports once it runs.
 */
import type { Pod, PodStatus } from '../lib/api/types.js';

/** Labels every benchmark pod has; `tier` splits them 1 in 10 `frontend`, the rest `backend`. */
export function podLabels(i: number): Record<string, string> {
  return { app: 'web', 'pod-template-hash': '5d8f7c9b6d', tier: i % 10 === 0 ? 'frontend' : 'backend' };
}

/** The body a ReplicaSet controller would POST for replica `i` (name `web-<i>`). */
export function inputPod(i: number, namespace = 'default'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `web-${i}`,
      namespace,
      labels: podLabels(i),
      ownerReferences: [{
        apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7c9b6d', uid: '3f1e6f2a-8a55-4a3e-9a57-0f4f8e0f1d2c', controller: true, blockOwnerDeletion: true,
      }],
    },
    spec: {
      containers: [{
        name: 'web',
        image: 'registry.example.com/shop/web:1.27.3',
        ports: [{ name: 'http', containerPort: 8080 }],
        env: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'CACHE_URL', value: 'redis://cache.default.svc:6379' },
        ],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: '/livez', port: 'http' }, initialDelaySeconds: 10 },
        volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
      }],
      volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
    },
  };
}

/** A minimal pod (one container, one image), for the kubelet run where the pod's content is not the point. */
export function smallPod(i: number): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `small-${i}` }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** The pod IP of replica `i` in 10.244.0.0/16. */
export const podIP = (i: number): string => `10.244.${(i >> 8) & 255}.${i & 255}`;

/** The status a kubelet writes for a running, ready replica `i` on `node`, started at `startedAt`. */
export function runningStatus(i: number, node: string, hostIP: string, startedAt: string): PodStatus {
  const ip = podIP(i);
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: startedAt });
  return {
    phase: 'Running',
    conditions: [cond('PodReadyToStartContainers'), cond('Initialized'), cond('Ready'), cond('ContainersReady'), cond('PodScheduled')],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: startedAt,
    containerStatuses: [{
      name: 'web',
      state: { running: { startedAt } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'registry.example.com/shop/web:1.27.3',
      imageID: 'registry.example.com/shop/web@sha256:4c1d6a8d1e0b2f7a9c3e5d7f9b1a3c5e7d9f1b3a5c7e9d1f3b5a7c9e1d3f5b7a',
      containerID: `containerd://${pad(i, 12)}${'0123456789abcdef'.repeat(3)}${pad(i % 997, 4)}`,
      started: true,
    }],
    qosClass: 'Burstable',
  } as PodStatus;
}
