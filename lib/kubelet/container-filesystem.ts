/**
 * A container's root file system: a fresh copy of its image plus what the kubelet mounts
 * (`kubelet_pods.go makeMounts`): `/etc/hosts` (`managedHostsFileContent`), `/etc/hostname`,
 * `/etc/resolv.conf` (ClusterFirst DNS), the termination-log file, and the pod's volumes — emptyDir,
 * hostPath and the projected service-account token directory; configMap and secret volumes cannot be
 * served and fail to mount unless optional.
 */
import type { Container, Pod, Volume } from '../api/types.js';
import { newDir, newFile, type DirNode, type FsNode } from '../runtime/fs/nodes.js';
import { splitPath } from '../runtime/fs/vfs.js';

/** The cluster DNS Service address and domain (kind's defaults). */
export const CLUSTER_DNS = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

/** `/etc/hosts` as the kubelet writes it for a pod (`managedHostsFileContent`). */
export function hostsFile(pod: Pod, podIPs: readonly string[]): string {
  const lines = [
    '# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters',
  ];
  const hostname = pod.spec?.hostname || pod.metadata?.name || '';
  const sub = pod.spec?.subdomain;
  for (const ip of podIPs) {
    lines.push(sub ? `${ip}\t${hostname}.${sub}.${pod.metadata?.namespace ?? ''}.svc.${CLUSTER_DOMAIN}\t${hostname}` : `${ip}\t${hostname}`);
  }
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) lines.push(`${a.ip ?? ''}\t${(a.hostnames ?? []).join('\t')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `/etc/resolv.conf` of a ClusterFirst pod (`dns.go GetPodDNS`). */
export function resolvConf(pod: Pod): string {
  const ns = pod.metadata?.namespace ?? 'default';
  if (pod.spec?.dnsPolicy === 'Default' || (pod.spec?.hostNetwork && pod.spec.dnsPolicy !== 'ClusterFirstWithHostNet')) {
    return 'nameserver 172.18.0.1\noptions ndots:0\n';
  }
  return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`;
}

/** Why a volume cannot be mounted (the `FailedMount` event text). */
export class MountError extends Error {}

/** The directory of a pod volume (shared by every container that mounts it), built once per pod. */
export function makeVolume(pod: Pod, v: Volume): DirNode {
  const dir = newDir({ mode: 0o777 });
  if (v.configMap || v.secret) {
    const kind = v.configMap ? 'configmap' : 'secret';
    const name = v.configMap?.name ?? v.secret?.secretName ?? '';
    if (!(v.configMap?.optional ?? v.secret?.optional)) {
      throw new MountError(`MountVolume.SetUp failed for volume "${v.name}" : ${kind} "${name}" not found`);
    }
  }
  if (v.projected) {
    dir.mode = 0o1777;
    for (const src of v.projected.sources ?? []) {
      if (src.serviceAccountToken) dir.entries.set(src.serviceAccountToken.path, newFile(serviceAccountToken(pod), { mode: 0o644 }));
      for (const item of src.configMap?.items ?? []) {
        if (item.key === 'ca.crt') dir.entries.set(item.path, newFile(CLUSTER_CA, { mode: 0o644 }));
      }
      for (const item of src.downwardAPI?.items ?? []) {
        if (item.fieldRef?.fieldPath === 'metadata.namespace') dir.entries.set(item.path, newFile(pod.metadata?.namespace ?? '', { mode: 0o644 }));
      }
    }
  }
  if (v.downwardAPI) {
    const m = pod.metadata ?? {};
    for (const item of v.downwardAPI.items ?? []) {
      const f = item.fieldRef?.fieldPath ?? '';
      const map = f === 'metadata.labels' ? m.labels : f === 'metadata.annotations' ? m.annotations : undefined;
      const text = map ? Object.keys(map).sort().map((k) => `${k}=${JSON.stringify(map[k])}`).join('\n')
        : f === 'metadata.name' ? m.name ?? '' : f === 'metadata.namespace' ? m.namespace ?? '' : f === 'metadata.uid' ? m.uid ?? '' : '';
      dir.entries.set(item.path, newFile(text, { mode: 0o644 }));
    }
  }
  return dir;
}

/** Puts `node` at `path` of `root`, creating parent directories (a bind mount over whatever was there). */
export function mountAt(root: DirNode, path: string, node: FsNode): void {
  const comps = splitPath(path);
  const name = comps.pop();
  if (name === undefined) return;
  let dir = root;
  for (const c of comps) {
    let next = dir.entries.get(c);
    if (!next || next.kind !== 'dir') {
      next = newDir();
      dir.entries.set(c, next);
    }
    dir = next;
  }
  dir.entries.set(name, node);
}

/** The root of one container instance: the image copy with the kubelet's files and the pod's volumes mounted. */
export function buildContainerRoot(
  pod: Pod, container: Container, imageRoot: DirNode, volumes: ReadonlyMap<string, DirNode>, podIPs: readonly string[],
): DirNode {
  const root = imageRoot;
  if (!pod.spec?.hostNetwork) mountAt(root, '/etc/hosts', newFile(hostsFile(pod, podIPs)));
  mountAt(root, '/etc/hostname', newFile(`${pod.spec?.hostname || pod.metadata?.name || ''}\n`));
  mountAt(root, '/etc/resolv.conf', newFile(resolvConf(pod)));
  if (container.terminationMessagePath) mountAt(root, container.terminationMessagePath, newFile('', { mode: 0o666 }));
  for (const m of container.volumeMounts ?? []) {
    const vol = volumes.get(m.name);
    if (vol) mountAt(root, m.mountPath, vol);
  }
  return root;
}

/** Reads a regular file of a container tree without a process (the termination message). */
export function readTreeFile(root: DirNode, path: string): string | undefined {
  let node: FsNode | undefined = root;
  for (const c of splitPath(path)) node = node?.kind === 'dir' ? node.entries.get(c) : undefined;
  return node?.kind === 'file' ? node.data : undefined;
}

/** A projected token's text: a JWT-shaped string naming the pod's service account (nothing verifies it). */
function serviceAccountToken(pod: Pod): string {
  const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const ns = pod.metadata?.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName ?? 'default';
  return `${b64({ alg: 'RS256', kid: 'kubesim' })}.${b64({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${ns}:${sa}` })}.c2ltdWxhdGVk`;
}

const CLUSTER_CA = '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwprdWJlcm5ldGVz\n-----END CERTIFICATE-----\n';
