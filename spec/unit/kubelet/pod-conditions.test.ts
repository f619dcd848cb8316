import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContainerStatus, Pod, PodCondition, PodSpec, PodStatus } from '../../../lib/api/types.js';
import {
  generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition,
  generatePodReadyToStartContainersCondition, isPodConditionByKubelet, updateLastTransitionTimes,
} from '../../../lib/kubelet/pod-conditions.js';
import { completeAPIPodStatus } from '../../../lib/kubelet/pod-status.js';
import type { RuntimeSandbox, SandboxState } from '../../../lib/kubelet/runtime-state.js';

interface GenerateInputs {
  spec: PodSpec | null;
  containerStatuses: ContainerStatus[] | null;
  podPhase: string;
  existingConditions?: PodCondition[];
}
interface SandboxInputs {
  hostNetwork: boolean;
  sandboxes: { state: SandboxState; attempt: number; ip?: string }[];
}
interface WholeStatusInputs {
  restartPolicy: string;
  containers: string[];
  deletionTimestampSet: boolean;
  podIsTerminal: boolean;
  apiPodPhase: string | null;
  statusManagerPhase: string | null;
  finalContainerStatuses: ContainerStatus[];
}
interface ConditionCase {
  name: string;
  source: string;
  function: string;
  inputs: GenerateInputs | SandboxInputs | WholeStatusInputs;
  expected: PodCondition & { phase?: string; conditions?: PodCondition[]; reason?: string; message?: string };
}

const file = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/kubelet/condition-cases.json'), 'utf8'),
) as { cases: ConditionCase[] };

const sandboxesOf = (list: SandboxInputs['sandboxes']): RuntimeSandbox[] =>
  list.map((s, i) => ({ id: `sandbox-${i}`, createdAt: 1000 - i, state: s.state, attempt: s.attempt, ...(s.ip !== undefined ? { ip: s.ip } : {}) }));

const generateCases = file.cases.filter((c) => c.function.startsWith('Generate'));
const wholeStatusCases = file.cases.filter((c) => c.function.startsWith('generateAPIPodStatus'));

describe('pod conditions (status/generate.go, reference kubelet/condition-cases.json)', () => {
  it('replays all 48 reference cases', () => {
    expect(generateCases.length + wholeStatusCases.length).toBe(48);
  });

  it.each(generateCases.map((c) => [`${c.function}: ${c.name}`, c] as const))('%s', (_name, c) => {
    let actual: PodCondition;
    if (c.function === 'GeneratePodReadyToStartContainersCondition') {
      const inputs = c.inputs as SandboxInputs;
      const pod: Pod = { spec: { containers: [], hostNetwork: inputs.hostNetwork } };
      actual = generatePodReadyToStartContainersCondition(pod, { sandboxes: sandboxesOf(inputs.sandboxes) });
    } else {
      const { spec, containerStatuses, podPhase, existingConditions } = c.inputs as GenerateInputs;
      if (c.function === 'GenerateContainersReadyCondition') actual = generateContainersReadyCondition(spec, containerStatuses, podPhase);
      else if (c.function === 'GeneratePodReadyCondition') actual = generatePodReadyCondition(spec, existingConditions ?? [], containerStatuses, podPhase);
      else actual = generatePodInitializedCondition(spec, containerStatuses, podPhase);
    }
    expect(actual).toEqual(c.expected);
  });

  // The Go test hands generateAPIPodStatus an empty runtime PodStatus (no sandbox) in these cases and the
  // ready sandbox (10.0.0.10) in all others; the vector file does not record it.
  const noSandbox = new Set([
    'terminal phase cannot be changed (apiserver previous is succeeded)',
    'terminal phase from previous status must remain terminal, restartAlways',
    'terminal phase from previous status must remain terminal, restartNever',
  ]);

  it.each(wholeStatusCases.map((c) => [c.name, c] as const))('generateAPIPodStatus: %s', (_name, c) => {
    const inputs = c.inputs as WholeStatusInputs;
    // Conditions the kubelet does not own (DisruptionTarget here) were on the pod and in the cached status.
    const foreign = (c.expected.conditions ?? []).filter((x) => !isPodConditionByKubelet(x.type));
    const apiStatus: PodStatus = { ...(inputs.apiPodPhase ? { phase: inputs.apiPodPhase } : {}), ...(foreign.length ? { conditions: foreign } : {}) };
    const pod: Pod = {
      metadata: { name: 'my-pod', ...(inputs.deletionTimestampSet ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
      spec: { restartPolicy: inputs.restartPolicy, containers: inputs.containers.map((name) => ({ name })) },
      status: apiStatus,
    };
    // Every Go case that seeds the status manager with a phase also gives it reason "Test", message "test".
    const oldPodStatus: PodStatus = inputs.statusManagerPhase
      ? { phase: inputs.statusManagerPhase, reason: 'Test', message: 'test', ...(foreign.length ? { conditions: foreign } : {}) }
      : { ...(foreign.length ? { conditions: foreign } : {}) };
    const sandboxes = noSandbox.has(c.name) ? [] : sandboxesOf([{ state: 'SANDBOX_READY', attempt: 0, ip: '10.0.0.10' }]);
    const s = completeAPIPodStatus(pod, { containerStatuses: inputs.finalContainerStatuses, initContainerStatuses: [] }, {
      oldPodStatus, podIsTerminal: inputs.podIsTerminal, runtime: { sandboxes }, now: Date.parse('2025-01-01T00:00:00Z'),
    });
    expect(s.phase).toBe(c.expected.phase);
    expect(s.conditions).toEqual(c.expected.conditions);
    expect(s.reason).toBe(c.expected.reason);
    expect(s.message).toBe(c.expected.message);
  });
});

describe('condition transition times (status_manager.go updateLastTransitionTime)', () => {
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  const t1 = Date.parse('2025-01-01T00:05:00Z');
  const old: PodCondition[] = [
    { type: 'Ready', status: 'False', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'ContainersNotReady' },
    { type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-12-31T23:59:59Z' },
  ];

  it('keeps the old lastTransitionTime while the status is unchanged, sets now when it flips, lastProbeTime null', () => {
    const next = updateLastTransitionTimes(
      [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }, { type: 'Initialized', status: 'True' }],
      old, t1,
    );
    expect(next).toEqual([
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:05:00Z' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-12-31T23:59:59Z' },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:05:00Z' },
    ]);
    expect(Object.keys(next[0]!)).toEqual(['type', 'status', 'lastProbeTime', 'lastTransitionTime']);
  });

  it('a reason change without a status change keeps the transition time', () => {
    const [ready] = updateLastTransitionTimes([{ type: 'Ready', status: 'False', reason: 'PodCompleted' }], old, t1);
    expect(ready).toEqual({ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'PodCompleted' });
    expect(t0).toBeLessThan(t1);
  });

  it('leaves conditions it does not own (readiness gates) untouched', () => {
    const gate: PodCondition = { type: 'example.com/gate', status: 'True', lastTransitionTime: '2020-01-01T00:00:00Z' };
    expect(updateLastTransitionTimes([gate], [], t1)).toEqual([gate]);
  });

  it('lists several names Go-style in spec order and joins unknown and unready parts with ", "', () => {
    const spec: PodSpec = { containers: [{ name: 'b' }, { name: 'a' }, { name: 'c' }] };
    const statuses = [{ name: 'c', ready: false, restartCount: 0, image: '', imageID: '' }];
    expect(generateContainersReadyCondition(spec, statuses, 'Running').message)
      .toBe('containers with unknown status: [b a], containers with unready status: [c]');
  });
});
