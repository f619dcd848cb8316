import { initialNode } from '../../lib/kubelet/node-registration.js';
import { newCluster, podWith, statusOf } from './support.js';

describe('kubelet: node registration', () => {
  it('registers the Node as a v1.32 kubelet does: well-known labels, capacity = allocatable, addresses, node info, conditions', () => {
    const cluster = newCluster();
    const node = cluster.nodes.get('node-1');
    expect(node.metadata!.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux',
    });
    expect(node.metadata!.annotations).toEqual({ 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' });
    const st = node.status!;
    expect(Object.keys(st.capacity!).sort()).toEqual(['cpu', 'ephemeral-storage', 'hugepages-1Gi', 'hugepages-2Mi', 'memory', 'pods']);
    expect(st.allocatable).toEqual(st.capacity);
    expect(st.capacity!['pods']).toBe('110');
    expect(st.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }]);
    expect(st.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(st.nodeInfo).toMatchObject({
      kubeletVersion: expect.stringMatching(/^v1\.32\.\d+$/), containerRuntimeVersion: expect.stringMatching(/^containerd:\/\/1\.7\.\d+$/),
      operatingSystem: 'linux', architecture: 'amd64', osImage: 'Debian GNU/Linux 12 (bookworm)',
      machineID: expect.stringMatching(/^[0-9a-f]{32}$/), systemUUID: expect.stringMatching(/^[0-9a-f-]{36}$/), bootID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(st.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(node.spec!.podCIDR).toBe('10.244.0.0/24');
  });

  it('draws the machine IDs from the seed: the same seed and name give the same IDs, another name others', () => {
    const a = initialNode('node-1', 0, { index: 1, seed: 3 }).status!.nodeInfo!;
    const b = initialNode('node-1', 0, { index: 1, seed: 3 }).status!.nodeInfo!;
    const c = initialNode('node-2', 0, { index: 2, seed: 3 }).status!.nodeInfo!;
    expect(a.machineID).toBe(b.machineID);
    expect(a.bootID).toBe(b.bootID);
    expect(c.machineID).not.toBe(a.machineID);
  });

  it('starts the nodes the cluster options name, each with its own address range; addNode and removeNode change them', () => {
    const cluster = newCluster({ nodes: ['alpha', 'beta'] });
    expect(cluster.nodes.list().items.map((n) => n.metadata!.name)).toEqual(['alpha', 'beta']);
    expect(cluster.nodes.get('beta').status!.addresses![0]!.address).toBe('172.18.0.3');
    cluster.addNode('gamma');
    expect(cluster.nodeNames()).toEqual(['alpha', 'beta', 'gamma']);
    cluster.removeNode('gamma');
    expect(() => cluster.nodes.get('gamma')).toThrow('not found');
    cluster.pods().create(podWith('pinned', ['sleep', '3600'], { nodeName: 'beta' }));
    cluster.advance(5_000);
    expect(statusOf(cluster, 'pinned')).toMatchObject({ phase: 'Running', hostIP: '172.18.0.3' });
    expect(statusOf(cluster, 'pinned').podIP).toMatch(/^10\.244\.1\.\d+$/);
  });

  it('a cluster with nodes: 0 has no Node and leaves pods unscheduled', () => {
    const cluster = newCluster({ nodes: 0 });
    expect(cluster.nodes.list().items).toEqual([]);
    cluster.pods().create(podWith('waiting', ['sleep', '1']));
    cluster.advance(5_000);
    expect(cluster.pods().get('waiting').spec!.nodeName).toBeUndefined();
  });
});
