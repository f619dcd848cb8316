import type { Pod } from '../../../lib/api/types.js';
import { hostsFile, resolvConf } from '../../../lib/kubelet/container-filesystem.js';

const pod: Pod = { metadata: { name: 'web', namespace: 'team', uid: 'u-1', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } };

describe('the files the kubelet mounts', () => {
  it('/etc/hosts is the Kubernetes-managed hosts file with the pod IP and host name', () => {
    expect(hostsFile(pod, ['10.244.0.5'])).toBe('# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
      + 'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.0.5\tweb\n');
  });

  it('/etc/resolv.conf of a ClusterFirst pod searches the pod\'s namespace first', () => {
    expect(resolvConf(pod)).toBe('search team.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
});
