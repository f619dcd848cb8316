import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Container, Pod } from '../../../lib/api/types.js';
import { computePodActions } from '../../../lib/kubelet/pod-actions.js';
import {
  containerHash, shouldContainerBeRestarted, type PodRuntimeState, type ProbeResult, type RuntimeContainer, type RuntimeContainerState, type SandboxState,
} from '../../../lib/kubelet/runtime-state.js';

interface ActionsCase {
  name: string;
  source: string;
  pod: { restartPolicy: string; containers: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] };
  runtime: {
    sandboxes: { state: SandboxState; attempt: number; ip?: string }[];
    containers: {
      name: string; state: RuntimeContainerState; exitCode?: number; specChanged?: boolean;
      liveness?: ProbeResult | 'notRun'; startup?: ProbeResult | 'notRun';
    }[];
  };
  expected: {
    killPod: boolean; createSandbox: boolean; containersToStart: string[]; initContainersToStart: string[];
    containersToKill: string[]; ephemeralContainersToStart: string[]; sandboxAttempt?: number;
  };
}

const file = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/kubelet/pod-actions-cases.json'), 'utf8'),
) as { cases: ActionsCase[] };

// The base pod of the Go tests: foo/foo-ns, image busybox.
const podOf = (c: ActionsCase): Pod => {
  const withImage = (list: Container[] | undefined): Container[] => (list ?? []).map((x) => ({ image: 'busybox', ...x }));
  return {
    metadata: { name: 'foo', namespace: 'foo-ns', uid: '12345678' },
    spec: {
      restartPolicy: c.pod.restartPolicy,
      containers: withImage(c.pod.containers),
      ...(c.pod.initContainers ? { initContainers: withImage(c.pod.initContainers) } : {}),
      ...(c.pod.ephemeralContainers ? { ephemeralContainers: withImage(c.pod.ephemeralContainers) } : {}),
    },
  };
};

const runtimeOf = (c: ActionsCase, pod: Pod): PodRuntimeState => {
  const specs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  const containers = c.runtime.containers.map((r, i): RuntimeContainer => {
    const spec = specs.find((s) => s.name === r.name)!;
    const probe = (p: ProbeResult | 'notRun' | undefined): { value?: ProbeResult } =>
      (p === undefined || p === 'notRun' ? {} : { value: p });
    const liveness = probe(r.liveness).value;
    const startup = probe(r.startup).value;
    return {
      id: `${r.name}-id`, name: r.name, state: r.state, createdAt: 1000 + i, restartCount: 0,
      image: 'docker.io/library/busybox:latest', imageID: 'docker.io/library/busybox@sha256:0',
      hash: r.specChanged ? 'changed' : containerHash(spec),
      ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      ...(liveness ? { liveness } : {}), ...(startup ? { startup } : {}),
    };
  });
  const sandboxes = c.runtime.sandboxes.map((s, i) => ({
    id: i === 0 ? 'sandboxID' : `sandbox-${i}`, createdAt: 1000 - i, state: s.state, attempt: s.attempt,
    ...(s.ip !== undefined ? { ip: s.ip } : {}),
  }));
  return { runtimeName: 'containerd', sandboxes, containers };
};

describe('computePodActions (kuberuntime_manager.go, reference kubelet/pod-actions-cases.json)', () => {
  it('replays all 62 reference cases', () => {
    expect(file.cases).toHaveLength(62);
  });

  it.each(file.cases.map((c) => [`${c.source}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const pod = podOf(c);
    const actions = computePodActions(pod, runtimeOf(c, pod));
    expect({
      killPod: actions.killPod,
      createSandbox: actions.createSandbox,
      containersToStart: actions.containersToStart,
      initContainersToStart: actions.initContainersToStart,
      containersToKill: actions.containersToKill.map((k) => k.name),
      ephemeralContainersToStart: actions.ephemeralContainersToStart,
      ...(c.expected.sandboxAttempt !== undefined ? { sandboxAttempt: actions.attempt } : {}),
    }).toEqual(c.expected);
  });

  it('a container killed for a failed liveness probe carries the Killing event text and reason', () => {
    const c = file.cases.find((x) => x.name === 'Kill and recreate the container if the liveness check has failed')!;
    const pod = podOf(c);
    expect(computePodActions(pod, runtimeOf(c, pod)).containersToKill).toEqual([{
      name: 'foo2', containerID: 'containerd://foo2-id', reason: 'LivenessProbe',
      message: 'Container foo2 failed liveness probe, will be restarted',
    }]);
  });

  it('nothing is restarted once the pod has a deletionTimestamp', () => {
    const c = file.cases.find((x) => x.name === 'restart exited containers if RestartPolicy == Always')!;
    const pod = { ...podOf(c), metadata: { name: 'foo', namespace: 'foo-ns', deletionTimestamp: '2025-01-01T00:00:00Z' } };
    const runtime = runtimeOf(c, pod);
    expect(shouldContainerBeRestarted({ name: 'foo2' }, pod, runtime)).toBe(false);
    expect(computePodActions(pod, runtime)).toMatchObject({ containersToStart: [], killPod: false });
  });
});
