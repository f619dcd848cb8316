/**
 * doc-scenarios.md scenarios 3, 4, 5, 6, 19 and 20 — the ephemeral-containers concept page's rules, run
 * with the commands a reader would type: no adding by editing the Pod or at create, no changing or
 * removing, the disallowed fields, the raw subresource, and a privileged debug container added from a
 * client program (client-node) and then used with `kubectl exec`.
 */
import { jest } from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scenario } from './support.js';

jest.setTimeout(60_000);

const DEMO = { run: ['run', 'ephemeral-demo', '--image=registry.k8s.io/pause:3.1', '--restart=Never'] };

scenario('Scenarios 3-6, 19, 20: what the API allows for ephemeral containers', (w) => {
  const file = (name: string, text: string): string => {
    const p = path.join(w.k.dir, name);
    writeFileSync(p, text);
    return p;
  };
  const pod = () => w.s.cluster.pods('default').get('ephemeral-demo');

  it('3.1 the pod of scenario 1 runs', async () => {
    expect((await w.kubectl(DEMO.run)).code).toBe(0);
    w.s.cluster.runUntil(() => pod().status?.phase === 'Running', 60_000);
  });

  it('3.2 kubectl patch of spec.ephemeralContainers (what kubectl edit sends) is refused', async () => {
    const r = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '-p', '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox:1.28"}]}}']);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('The Pod "ephemeral-demo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`')).toBe(true);
    expect(pod().spec?.ephemeralContainers).toBeUndefined();
  });

  it('3.3 kubectl replace -f with an ephemeral container is refused the same way', async () => {
    const current = await w.kubectl(['get', 'pod', 'ephemeral-demo', '-o', 'json']);
    const obj = JSON.parse(current.stdout) as k8s.V1Pod;
    obj.spec!.ephemeralContainers = [{ name: 'dbg', image: 'busybox:1.28' }];
    const r = await w.kubectl(['replace', '-f', file('pod-with-ephemeral.json', JSON.stringify(obj))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The Pod "ephemeral-demo" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  });

  it('4 kubectl create -f of a pod that already lists ephemeral containers', async () => {
    const r = await w.kubectl(['create', '-f', file('born-with-one.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: born\nspec:\n  containers:\n  - name: app\n    image: busybox:1.28\n  ephemeralContainers:\n  - name: dbg\n    image: busybox:1.28\n')]);
    expect([r.code, r.stderr]).toEqual([1, 'The Pod "born" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create\n']);
  });

  it('5 an added ephemeral container can be neither removed nor changed; re-sending it unchanged is a no-op', async () => {
    const add = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '--subresource=ephemeralcontainers', '-p',
      '{"spec":{"ephemeralContainers":[{"name":"debugger-8xzrl","image":"busybox:1.28","targetContainerName":"ephemeral-demo"}]}}']);
    expect([add.code, add.stdout]).toEqual([0, 'pod/ephemeral-demo patched\n']);
    const remove = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '--subresource=ephemeralcontainers', '--type=json', '-p', '[{"op":"remove","path":"/spec/ephemeralContainers/0"}]']);
    expect([remove.code, remove.stderr]).toEqual([1, 'The Pod "ephemeral-demo" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger-8xzrl" may not be removed\n\n']);
    const change = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '--subresource=ephemeralcontainers', '--type=json', '-p', '[{"op":"replace","path":"/spec/ephemeralContainers/0/image","value":"busybox:1.36"}]']);
    expect(change.code).toBe(1);
    expect(change.stderr.startsWith('The Pod "ephemeral-demo" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger-8xzrl" may not be changed\n')).toBe(true);
    const same = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '--subresource=ephemeralcontainers', '-p',
      '{"spec":{"$setElementOrder/ephemeralContainers":[{"name":"debugger-8xzrl"}],"ephemeralContainers":[{"name":"debugger-8xzrl","image":"busybox:1.28"}]}}']);
    expect([same.code, same.stdout]).toEqual([0, 'pod/ephemeral-demo patched (no change)\n']);
  });

  it('6 disallowed fields: ports, resources, probes, lifecycle … and the other checks of the same request', async () => {
    const r = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '--subresource=ephemeralcontainers', '-p', JSON.stringify({
      spec: { ephemeralContainers: [{
        name: 'bad', image: 'busybox:1.28', targetContainerName: 'nope', ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: '1' } }, readinessProbe: { exec: { command: ['true'] } },
      }] },
    })]);
    expect(r.code).toBe(1);
    // Without $setElementOrder the strategic merge puts the new entry first; causes in validator order.
    expect(r.stderr).toBe([
      'The Pod "ephemeral-demo" is invalid: ',
      '* spec.ephemeralContainers[0].targetContainerName: Not found: "nope"',
      '* spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
      '* spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container',
      '* spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container',
      '',
    ].join('\n'));
    const dup = await w.kubectl(['patch', 'pod', 'ephemeral-demo', '--subresource=ephemeralcontainers', '-p', '{"spec":{"ephemeralContainers":[{"name":"ephemeral-demo","image":"busybox:1.28"}]}}']);
    expect(dup.stderr).toBe('The Pod "ephemeral-demo" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "ephemeral-demo"\n');
  });

  it('19 the subresource speaks Pod: kubectl get --raw, and replace --raw with a whole Pod adds an entry', async () => {
    const got = await w.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/ephemeral-demo/ephemeralcontainers']);
    const obj = JSON.parse(got.stdout) as k8s.V1Pod;
    expect([obj.kind, obj.spec?.ephemeralContainers?.map((c) => c.name)]).toEqual(['Pod', ['debugger-8xzrl']]);
    obj.spec!.ephemeralContainers!.push({ name: 'raw', image: 'busybox:1.28' });
    const put = await w.kubectl(['replace', '--raw', '/api/v1/namespaces/default/pods/ephemeral-demo/ephemeralcontainers', '-f', file('ec.json', JSON.stringify(obj))]);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout).spec.ephemeralContainers.map((c: { name: string }) => c.name)).toEqual(['debugger-8xzrl', 'raw']);
  });

  it('20 a client program adds a privileged ephemeral container (UpdateEphemeralContainers), then kubectl exec uses it', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(w.s.served.kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const current = await core.readNamespacedPodEphemeralcontainers({ name: 'ephemeral-demo', namespace: 'default' });
    current.spec!.ephemeralContainers!.push({ name: 'debug', image: 'busybox', tty: true, securityContext: { privileged: true, allowPrivilegeEscalation: true } });
    const updated = await core.replaceNamespacedPodEphemeralcontainers({ name: 'ephemeral-demo', namespace: 'default', body: current });
    expect(updated.spec?.ephemeralContainers?.at(-1)).toMatchObject({ name: 'debug', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' });
    // The same body again carries a stale resourceVersion.
    await expect(core.replaceNamespacedPodEphemeralcontainers({ name: 'ephemeral-demo', namespace: 'default', body: current })).rejects.toMatchObject({ code: 409 });

    w.s.cluster.runUntil(() => !!pod().status?.ephemeralContainerStatuses?.find((s) => s.name === 'debug')?.state?.running, 60_000);
    const t = w.terminal(['exec', '-it', 'ephemeral-demo', '-c', 'debug', '--', 'sh']);
    await t.waitFor('/ # ', w.tick);
    // kubesim's /dev holds only what the kubelet mounts (device nodes are not simulated).
    t.type('ls /dev\r');
    await t.waitFor('ls /dev\r\ntermination-log\r\n/ # ', w.tick);
    t.type('exit\r');
    expect(await t.done(w.tick)).toBe(0);
  });
});
