import type { Pod } from '../../../lib/api/types.js';
import {
  CONTAINER_BACKOFF_MAX_MS, doBackOff, formatGoDuration, gcBackOff, getStableKey, isInBackOffSinceUpdate, nextBackOff,
  type BackoffTable,
} from '../../../lib/kubelet/backoff.js';
import type { PodRuntimeState, RuntimeContainer } from '../../../lib/kubelet/runtime-state.js';

const pod: Pod = {
  metadata: { name: 'web', namespace: 'default', uid: '0d3f5a2e-1111-2222-3333-444455556666' },
  spec: { containers: [{ name: 'app', image: 'busybox:1.28' }] },
};
const app = pod.spec!.containers[0]!;

const exited = (n: number, startedAt: number, finishedAt: number): RuntimeContainer => ({
  id: `c${n}`, name: 'app', state: 'exited', createdAt: startedAt, startedAt, finishedAt, exitCode: 1, reason: 'Error',
  image: 'docker.io/library/busybox:1.28', imageID: 'docker.io/library/busybox@sha256:0', hash: '', restartCount: n,
});
const runtimeWith = (records: RuntimeContainer[]): PodRuntimeState => ({ runtimeName: 'containerd', sandboxes: [], containers: records });

/** Runs a container that crashes `runMs` after each start; returns the waiting messages seen and the start times. */
function crashLoop(crashes: number, runMs: number): { starts: number[]; messages: string[] } {
  let table: BackoffTable = new Map();
  const records: RuntimeContainer[] = [];
  const starts = [0];
  const messages: string[] = [];
  let now = 0;
  while (records.length < crashes) {
    const start = starts[starts.length - 1]!;
    records.push(exited(records.length, start, start + runMs));
    now = start + runMs;
    // The kubelet syncs every second until the start is allowed; the first refusal's message is kept.
    for (let refused = false; ; refused = true) {
      const d = doBackOff(pod, app, runtimeWith(records), table, now);
      table = d.table;
      if (!d.inBackOff) break;
      if (!refused) messages.push(d.message!);
      now += 1000;
    }
    starts.push(now);
  }
  return { starts, messages };
}

describe('CrashLoopBackOff (kuberuntime_manager.go doBackOff over flowcontrol.Backoff)', () => {
  it('restarts at once after the first crash, then waits 10s, 20s, 40s, 1m20s, 2m40s, 5m0s, 5m0s', () => {
    const { starts, messages } = crashLoop(8, 1000);
    const waits = starts.slice(1).map((s, i) => s - (starts[i]! + 1000));
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(messages.map((m) => m.split(' ')[1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s']);
  });

  it('says back-off <window> restarting failed container=C pod=NAME_NS(UID), and the event text', () => {
    const table = nextBackOff(new Map(), getStableKey(pod, app), 0, 0);
    const d = doBackOff(pod, app, runtimeWith([exited(1, 1000, 2000)]), table, 5000);
    expect(d).toMatchObject({
      inBackOff: true, reason: 'CrashLoopBackOff',
      message: 'back-off 10s restarting failed container=app pod=web_default(0d3f5a2e-1111-2222-3333-444455556666)',
      eventMessage: 'Back-off restarting failed container app in pod web_default(0d3f5a2e-1111-2222-3333-444455556666)',
    });
    expect(d.table).toBe(table);
  });

  it('starts over from 10s when the container ran more than 10 minutes since its last restart', () => {
    const key = getStableKey(pod, app);
    let table: BackoffTable = new Map([[key, { backoffMs: CONTAINER_BACKOFF_MAX_MS, lastUpdateMs: 0 }]]);
    const d = doBackOff(pod, app, runtimeWith([exited(7, 0, 600_001)]), table, 600_002);
    expect(d.inBackOff).toBe(false);
    table = d.table;
    expect(table.get(key)).toEqual({ backoffMs: 10_000, lastUpdateMs: 600_002 });
  });

  it('a container with no exited record is never in back-off', () => {
    expect(doBackOff(pod, app, runtimeWith([]), new Map(), 0).inBackOff).toBe(false);
  });

  it('keys include the spec hash: a new image starts a fresh back-off', () => {
    expect(getStableKey(pod, app)).not.toBe(getStableKey(pod, { ...app, image: 'busybox:1.36' }));
    expect(getStableKey(pod, app).startsWith('web_default_0d3f5a2e-1111-2222-3333-444455556666_app_')).toBe(true);
  });

  it('drops entries idle for more than twice the max window (Backoff.GC)', () => {
    const table: BackoffTable = new Map([['a', { backoffMs: 10_000, lastUpdateMs: 0 }], ['b', { backoffMs: 10_000, lastUpdateMs: 500_000 }]]);
    expect([...gcBackOff(table, 600_001).keys()]).toEqual(['b']);
  });

  it('IsInBackOffSinceUpdate measures from the last update (image pull back-off)', () => {
    const table = nextBackOff(new Map(), 'img', 0, 1000);
    expect(isInBackOffSinceUpdate(table, 'img', 10_999)).toBe(true);
    expect(isInBackOffSinceUpdate(table, 'img', 11_000)).toBe(false);
  });
});

describe('formatGoDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'], [500, '500ms'], [1500, '1.5s'], [10_000, '10s'], [80_000, '1m20s'], [160_000, '2m40s'],
    [300_000, '5m0s'], [3_600_000, '1h0m0s'], [3_723_000, '1h2m3s'], [-10_000, '-10s'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
