import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Container, ContainerStatus, Pod } from '../../../lib/api/types.js';
import { convertToAPIContainerStatuses } from '../../../lib/kubelet/container-status.js';
import type { PodRuntimeState, RuntimeContainer, RuntimeContainerState, StartFailure } from '../../../lib/kubelet/runtime-state.js';

interface StatusCase {
  name: string;
  source: string;
  inputs: {
    restartPolicy?: string;
    specList?: 'containers' | 'initContainers';
    podHasInitContainers?: boolean;
    deletionTimestampSet?: boolean;
    containers: Container[];
    runtimeRecordsNewestFirst?: { name: string; state: RuntimeContainerState; exitCode?: number; startedAt?: string }[];
    runtimeRecordOrder?: string[];
    startFailureReasons?: Record<string, StartFailure>;
    previousApiStatuses?: ContainerStatus[];
  };
  expected: Record<string, Pick<ContainerStatus, 'state' | 'lastState' | 'restartCount'> | string[]>;
}

const file = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/reference/kubelet/container-status-cases.json'), 'utf8'),
) as { cases: StatusCase[] };

// The Go tests build records with an empty runtime name and ID ("://") and zero times; zero times
// serialise as null, which the vectors leave out.
const stripNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, stripNulls(x)]));
  }
  return v;
};

const record = (r: { name: string; state: RuntimeContainerState; exitCode?: number; startedAt?: string }, createdAt: number): RuntimeContainer => ({
  id: '', name: r.name, state: r.state, createdAt, restartCount: 0, image: '', imageID: '', hash: '',
  ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
  ...(r.startedAt !== undefined ? { startedAt: Date.parse(r.startedAt) } : {}),
});

function convert(c: StatusCase): ContainerStatus[] {
  const i = c.inputs;
  const isInit = i.specList === 'initContainers';
  const pod: Pod = {
    metadata: { name: 'my-pod', namespace: 'default', uid: 'u', ...(i.deletionTimestampSet ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { restartPolicy: i.restartPolicy ?? 'Always', containers: isInit ? [] : i.containers, ...(isInit ? { initContainers: i.containers } : {}) },
  };
  const newestFirst = i.runtimeRecordsNewestFirst ?? (i.runtimeRecordOrder ?? []).map((name) => ({ name, state: 'running' as const }));
  const runtime: PodRuntimeState = {
    runtimeName: '', sandboxes: [],
    containers: newestFirst.map((r, n) => record(r, 1000 - n)),
    ...(i.startFailureReasons ? { startFailures: i.startFailureReasons } : {}),
  };
  return convertToAPIContainerStatuses(pod, runtime, i.previousApiStatuses, i.containers, {
    hasInitContainers: i.podHasInitContainers ?? false, isInitContainer: isInit,
  });
}

describe('convertToAPIContainerStatuses (kubelet_pods.go, reference kubelet/container-status-cases.json)', () => {
  it('replays all 17 reference cases', () => {
    expect(file.cases).toHaveLength(17);
  });

  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const statuses = convert(c);
    const order = c.expected['containerStatusOrder'];
    if (Array.isArray(order)) {
      expect(statuses.map((s) => s.name)).toEqual(order);
      return;
    }
    for (const [name, want] of Object.entries(c.expected)) {
      if (Array.isArray(want)) continue;
      const got = statuses.find((s) => s.name === name);
      expect(stripNulls({ state: got?.state, lastState: got?.lastState })).toEqual({ state: want.state, lastState: want.lastState });
      if (want.restartCount !== undefined) expect(got?.restartCount).toBe(want.restartCount);
    }
  });
});
