import type { Container, EphemeralContainer, PodSecurityContext } from '../api/types.js';
import { cloneTree, newDir, newFile, newSymlink, type DirNode } from './fs/nodes.js';
import { procDir } from './fs/proc.js';
import { Vfs } from './fs/vfs.js';
import type { ImageConfig } from './images/types.js';
import type { PidNamespace } from './pid-namespace.js';

/** What the runtime knows about the pod a container runs in. */
export interface SandboxConfig {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  /** `spec.hostname`, or the pod name. */
  readonly hostname: string;
  readonly subdomain?: string;
  readonly podIP: string;
  readonly shareProcessNamespace?: boolean;
  readonly hostAliases?: ReadonlyArray<{ ip?: string; hostnames?: string[] }>;
}

/**
 * `$(VAR)` references in command and args, expanded from the container environment the way the
 * kubelet does (`third_party/forked/golang/expansion`): `$$` escapes, unknown references stay.
 */
export function expandReferences(s: string, env: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '$' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === '$') {
      out += '$';
      i++;
    } else if (n === '(') {
      const close = s.indexOf(')', i + 2);
      if (close < 0) {
        out += s.slice(i);
        break;
      }
      const name = s.slice(i + 2, close);
      out += env.get(name) ?? `$(${name})`;
      i = close;
    } else out += c;
  }
  return out;
}

/**
 * The argv a container runs, by Docker's rules as Kubernetes documents them: `command` replaces the
 * image ENTRYPOINT (and drops its CMD), `args` replaces CMD.
 */
export function containerArgv(spec: Container | EphemeralContainer, image: ImageConfig, env: ReadonlyMap<string, string>): string[] {
  const expand = (list: readonly string[]): string[] => list.map((a) => expandReferences(a, env));
  if (spec.command && spec.command.length > 0) return expand([...spec.command, ...(spec.args ?? [])]);
  if (spec.args && spec.args.length > 0) return [...(image.entrypoint ?? []), ...expand(spec.args)];
  return [...(image.entrypoint ?? []), ...(image.cmd ?? [])];
}

/** The uid, gid and home directory a container's process gets. */
export function containerUser(spec: Container | EphemeralContainer, pod: PodSecurityContext | undefined, image: ImageConfig, root: DirNode): { uid: number; gid: number; home: string } {
  const vfs = new Vfs(root, { pid: undefined });
  const passwd = vfs.readFile('/etc/passwd');
  const users = typeof passwd === 'string' ? passwd.split('\n').map((l) => l.split(':')) : [];
  const [imgUser, imgGroup] = (image.user ?? '').split(':');
  let uid = spec.securityContext?.runAsUser ?? pod?.runAsUser;
  let gid = spec.securityContext?.runAsGroup ?? pod?.runAsGroup;
  if (uid === undefined && imgUser) {
    uid = /^\d+$/.test(imgUser) ? Number(imgUser) : Number(users.find((f) => f[0] === imgUser)?.[2] ?? 0);
  }
  uid ??= 0;
  const entry = users.find((f) => f[2] === String(uid));
  if (gid === undefined && imgGroup) gid = /^\d+$/.test(imgGroup) ? Number(imgGroup) : undefined;
  gid ??= entry?.[3] !== undefined ? Number(entry[3]) : 0;
  return { uid, gid, home: entry?.[5] || '/' };
}

function ensureDir(root: DirNode, path: string, mtime = 0): DirNode {
  let dir = root;
  for (const c of path.split('/').filter((x) => x !== '')) {
    let next = dir.entries.get(c);
    if (!next || next.kind !== 'dir') {
      next = newDir({ mtime });
      dir.entries.set(c, next);
    }
    dir = next;
  }
  return dir;
}

/** Writes a file at an absolute path, creating parent directories (a bind mount of one file). */
export function mountFile(root: DirNode, path: string, content: string, mode = 0o644, mtime = 0): void {
  const comps = path.split('/').filter((x) => x !== '');
  const name = comps.pop();
  if (name === undefined) return;
  ensureDir(root, comps.join('/'), mtime).entries.set(name, newFile(content, { mode, mtime }));
}

/** The kubelet-managed /etc/hosts (`kubelet_pods.go` `managedHostsFileContent`). */
export function hostsFile(s: SandboxConfig, clusterDomain: string): string {
  let out = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  out += s.subdomain ? `${s.podIP}\t${s.hostname}.${s.subdomain}.${s.namespace}.svc.${clusterDomain}\t${s.hostname}\n` : `${s.podIP}\t${s.hostname}\n`;
  const aliases = (s.hostAliases ?? []).filter((a) => a.ip && a.hostnames && a.hostnames.length > 0);
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${a.hostnames!.join('\t')}\n`;
  }
  return out;
}

/**
 * A container's root file system: a copy of the image's, with `/proc` for its PID namespace, a
 * small `/dev`, the kubelet's /etc/hosts, /etc/hostname and /etc/resolv.conf, the termination
 * message file, the working directory, and the caller's mounted files.
 */
export function containerRootfs(opts: {
  image: DirNode;
  ns: PidNamespace;
  now: () => number;
  bootTime: number;
  sandbox: SandboxConfig;
  clusterDomain: string;
  nameserver: string;
  search: readonly string[];
  terminationMessagePath: string;
  workingDir: string;
  files: Readonly<Record<string, string>>;
}): DirNode {
  const root = cloneTree(opts.image);
  const mtime = opts.now();
  root.entries.set('proc', procDir(opts.ns, opts.now, opts.bootTime));
  const dev = newDir({ mtime });
  root.entries.set('dev', dev);
  for (const d of ['null', 'zero', 'random', 'urandom', 'tty', 'full'] as const) {
    dev.entries.set(d, newFile('', { mode: 0o666, mtime, device: d === 'urandom' ? 'random' : d === 'full' ? 'zero' : d }));
  }
  dev.entries.set('stdin', newSymlink('/proc/self/fd/0', { mtime }));
  dev.entries.set('stdout', newSymlink('/proc/self/fd/1', { mtime }));
  dev.entries.set('stderr', newSymlink('/proc/self/fd/2', { mtime }));
  dev.entries.set('fd', newSymlink('/proc/self/fd', { mtime }));
  ensureDir(root, '/dev/pts', mtime);
  ensureDir(root, '/dev/shm', mtime).mode = 0o1777;
  ensureDir(root, '/dev/mqueue', mtime);
  ensureDir(root, '/tmp', mtime).mode = 0o1777;
  mountFile(root, '/etc/hosts', hostsFile(opts.sandbox, opts.clusterDomain), 0o644, mtime);
  mountFile(root, '/etc/hostname', `${opts.sandbox.hostname}\n`, 0o644, mtime);
  mountFile(root, '/etc/resolv.conf', `search ${opts.search.join(' ')}\nnameserver ${opts.nameserver}\noptions ndots:5\n`, 0o644, mtime);
  mountFile(root, opts.terminationMessagePath, '', 0o666, mtime);
  ensureDir(root, opts.workingDir, mtime);
  for (const [path, content] of Object.entries(opts.files)) mountFile(root, path, content, 0o644, mtime);
  return root;
}
