import { createCluster } from '../../../lib/index.js';

describe('cluster.streams(): the tutorial’s scripted kubectl debug -it session', () => {
  it('attaches to a busybox debug container targeting the pause container and sees /pause as PID 1', () => {
    const cluster = createCluster();
    const pods = cluster.pods('default');
    pods.create({ metadata: { name: 'ephemeral-demo' }, spec: { containers: [{ name: 'ephemeral-demo', image: 'registry.k8s.io/pause:3.1' }] } });
    expect(cluster.runUntil(() => pods.get('ephemeral-demo').status?.phase === 'Running', 60_000)).toBe(true);
    const { containerName } = pods.debug('ephemeral-demo', { image: 'busybox:1.28', target: 'ephemeral-demo', stdin: true, tty: true });
    expect(cluster.runUntil(() => !!pods.get('ephemeral-demo').status?.ephemeralContainerStatuses?.[0]?.state?.running, 60_000)).toBe(true);

    const sh = cluster.streams('default').attach('ephemeral-demo', { container: containerName, stdin: true, tty: true });
    sh.write('\r');
    sh.waitFor('/ # ');
    const ps = sh.run('ps ax');
    expect(ps).toMatch(/PID\s+USER\s+TIME\s+COMMAND/);
    expect(ps).toMatch(/\s1 root\s+0:00 \/pause/);
    sh.type('exit');
    expect(sh.wait()).toBe(0);
    cluster.close();
  });
});
