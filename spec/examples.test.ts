import { main as storeAtWork } from '../examples/store-at-work.js';

const run = (main: (log: (l: string) => void) => void | Promise<void>) => async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l));
  return lines;
};

describe('examples/ run and show what they promise', () => {
  it('store-at-work: watch events, a 409 conflict, a 422, and a namespace that terminates', async () => {
    const out = await run(storeAtWork)();
    expect(out).toContain('created namespace/team-a: phase Active, label kubernetes.io/metadata.name=team-a');
    expect(out.some((l) => l.startsWith('watch: ADDED namespace/team-a'))).toBe(true);
    expect(out).toContain(
      'conflict: 409 Operation cannot be fulfilled on namespaces "team-a": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(out.find((l) => l.startsWith('invalid: 422 Namespace "Team_B" is invalid: metadata.name: Invalid value: "Team_B"'))).toBeDefined();
    expect(out).toContain('deleted namespace/team-a: phase Terminating');
    expect(out).toContain('after 1s: default, kube-node-lease, kube-public, kube-system');
  });
});

import { main as debugRunningPod } from '../examples/debug-running-pod.js';
import { main as staticPodRejection } from '../examples/static-pod-rejection.js';

describe('ephemeral container examples', () => {
  it('debug-running-pod: the debug container runs in the pause pod, and cannot be removed, changed or added by a normal update', async () => {
    const out = await run(debugRunningPod)();
    expect(out).toEqual([
      'pod/ephemeral-demo: Running on node-1',
      expect.stringMatching(/^added ephemeral container debugger-[bcdfghjklmnpqrstvwxz2456789]{5} \(target ephemeral-demo\)$/),
      expect.stringMatching(/^debugger-\w{5}: running=true ready=false restartCount=0$/),
      expect.stringMatching(/^remove it: 422 Pod "ephemeral-demo" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger-\w{5}" may not be removed$/),
      expect.stringMatching(/^change its image: 422 Pod "ephemeral-demo" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger-\w{5}" may not be changed$/),
      expect.stringMatching(/^add one with a normal update: 422 Pod "ephemeral-demo" is invalid: spec: Forbidden: pod updates may not change fields other than/),
      'add one with ports: 422 Pod "ephemeral-demo" is invalid: spec.ephemeralContainers[1].ports: Forbidden: cannot be set for an Ephemeral Container',
    ]);
  });

  it('static-pod-rejection: every ephemeralcontainers write to a mirror pod is refused at the root path', async () => {
    const out = await run(staticPodRejection)();
    expect(out).toEqual([
      'mirror pod static-web-node-1: Running, kubernetes.io/config.mirror=set',
      'kubectl debug: 422 Pod "static-web-node-1" is invalid: []: Forbidden: static pods do not support ephemeral containers',
      'an unchanged list: 422 Pod "static-web-node-1" is invalid: []: Forbidden: static pods do not support ephemeral containers',
    ]);
  });
});

import { main as clientNodeDebugPod } from '../examples/client-node-debug-pod.js';
import { main as clientNodeInformer } from '../examples/client-node-informer.js';

describe('client-node examples (kubesim served over HTTP)', () => {
  it('client-node-debug-pod: a pod created over HTTP runs, gets a debug container by strategic merge patch, and errors are Status bodies', async () => {
    const out = await run(clientNodeDebugPod)();
    expect(out).toEqual([
      'pod/web: Running on node-1, ready=true',
      'ephemeral container debugger: image busybox:1.28, target web, running=true',
      'change it: 422 Invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be changed',
      'read a missing pod: 404 pods "nope" not found',
    ]);
  });

  it('client-node-informer: an informer follows a pod, then re-lists after a 410 and reconciles what it missed', async () => {
    const out = await run(clientNodeInformer)();
    expect(out).toEqual(['add a (Pending)', 'update a (Pending -> Running)', 'delete a', 'add b (Pending)', 'after the 410: the informer holds b']);
  });
});
