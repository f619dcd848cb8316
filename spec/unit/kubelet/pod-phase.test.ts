import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Container, ContainerStatus, Pod } from '../../../lib/api/types.js';
import { getPhase, isStaticPod } from '../../../lib/kubelet/pod-phase.js';

interface PhaseCase {
  name: string;
  source: string;
  restartPolicy: string;
  containers: Container[];
  initContainers?: Container[];
  statuses: { init: ContainerStatus[]; containers: ContainerStatus[] };
  podIsTerminal: boolean;
  expectedPhase: string;
}

const file = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/kubelet/phase-cases.json'), 'utf8'),
) as { cases: PhaseCase[] };

const podOf = (c: PhaseCase, annotations?: Record<string, string>): Pod => ({
  metadata: { name: 'p', namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec: { restartPolicy: c.restartPolicy, containers: c.containers, ...(c.initContainers ? { initContainers: c.initContainers } : {}) },
});

// generateAPIPodStatus passes regular statuses first, then init statuses.
const statusesOf = (c: PhaseCase): ContainerStatus[] => [...c.statuses.containers, ...c.statuses.init];

describe('getPhase (kubelet_pods.go, reference kubelet/phase-cases.json)', () => {
  it('replays all 68 reference cases', () => {
    expect(file.cases).toHaveLength(68);
  });

  it.each(file.cases.map((c) => [`${c.source}: ${c.name}`, c] as const))('%s', (_name, c) => {
    expect(getPhase(podOf(c), statusesOf(c), c.podIsTerminal)).toBe(c.expectedPhase);
  });

  it('a static pod never takes the terminal shortcut: all exited 0 under Always stays Running', () => {
    const c = file.cases.find((x) => x.name === 'all succeeded with restart always, but the pod is terminal')!;
    const pod = podOf(c, { 'kubernetes.io/config.source': 'file' });
    expect(isStaticPod(pod)).toBe(true);
    expect(getPhase(pod, statusesOf(c), true)).toBe('Running');
  });

  it('ephemeral container statuses never count toward the phase', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'app' }], ephemeralContainers: [{ name: 'debug' }] },
    };
    const statuses: ContainerStatus[] = [
      { name: 'app', state: { terminated: { exitCode: 0 } }, ready: false, restartCount: 0, image: '', imageID: '' },
      { name: 'debug', state: { running: {} }, ready: false, restartCount: 0, image: '', imageID: '' },
    ];
    expect(getPhase(pod, statuses, false)).toBe('Succeeded');
  });
});
