import { KERNEL } from '../applets/info.js';
import { own } from '../own.js';
import type { PidNamespace } from '../pid-namespace.js';
import type { Process } from '../process.js';
import { newFile, type DirNode, type FileNode, type FsNode, type SymlinkNode } from './nodes.js';

function hex16(n: bigint): string {
  return n.toString(16).padStart(16, '0');
}

// procfs files report size 0 (`ls -l /proc/1`) and carry the time the process started
function file(read: () => string, mode = 0o444, meta: { uid?: number; gid?: number; mtime?: number } = {}): FileNode {
  return { ...newFile('', { mode, ...meta }), read, readonly: true, size: 0 };
}

function link(target: string, jump?: SymlinkNode['jump'], meta: { uid?: number; gid?: number; mtime?: number } = {}): SymlinkNode {
  return { kind: 'symlink', target, jump, mode: 0o777, uid: meta.uid ?? 0, gid: meta.gid ?? 0, mtime: meta.mtime ?? 0 };
}

function dir(names: () => string[], get: (name: string) => FsNode | undefined, meta: { uid?: number; gid?: number; mtime?: number } = {}): DirNode {
  return {
    kind: 'dir', entries: new Map(), mode: 0o555, uid: meta.uid ?? 0, gid: meta.gid ?? 0, mtime: meta.mtime ?? 0,
    dynamic: { list: () => names(), get: (n) => get(n) },
  };
}

/** `/proc/PID/status`, with the capability masks of the process's container. */
function status(p: Process): string {
  const caps = p.host.capabilities;
  const root = p.uid === 0;
  return [
    `Name:\t${p.comm}`, 'Umask:\t0022', `State:\t${p.alive ? 'S (sleeping)' : 'Z (zombie)'}`, `Tgid:\t${p.pid}`, 'Ngid:\t0', `Pid:\t${p.pid}`, `PPid:\t${p.ppid}`,
    'TracerPid:\t0', `Uid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`, `Gid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}`, 'FDSize:\t64', 'Groups:\t',
    `NStgid:\t${p.pid}`, `NSpid:\t${p.pid}`, `NSpgid:\t${p.pid}`, `NSsid:\t${p.pid}`, 'Threads:\t1',
    'SigQ:\t0/63432', 'SigPnd:\t0000000000000000', 'ShdPnd:\t0000000000000000', 'SigBlk:\t0000000000000000',
    'SigIgn:\t0000000000000000', 'SigCgt:\t0000000000000000',
    'CapInh:\t0000000000000000', `CapPrm:\t${hex16(root ? caps.permitted : 0n)}`, `CapEff:\t${hex16(root ? caps.permitted : 0n)}`,
    `CapBnd:\t${hex16(caps.bounding)}`, 'CapAmb:\t0000000000000000', 'NoNewPrivs:\t0', 'Seccomp:\t2', 'Seccomp_filters:\t1',
    'Speculation_Store_Bypass:\tthread force mitigated', 'Cpus_allowed_list:\t0-1', 'voluntary_ctxt_switches:\t42', 'nonvoluntary_ctxt_switches:\t3', '',
  ].join('\n');
}

function pidDir(p: Process): DirNode {
  const fds: Record<string, 'stdin' | 'stdout' | 'stderr'> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };
  const fdDir = dir(() => Object.keys(fds), (n) => {
    const d = own(fds, n);
    return d ? { ...newFile('', { mode: 0o700 }), device: d } : undefined;
  });
  const meta = { uid: p.uid, gid: p.gid, mtime: p.startedAt };
  const entries: Record<string, () => FsNode> = {
    cmdline: () => file(() => (p.argv.length > 0 ? `${p.argv.join('\0')}\0` : ''), 0o444, meta),
    comm: () => file(() => `${p.comm}\n`, 0o644, meta),
    status: () => file(() => status(p), 0o444, meta),
    stat: () => file(() => `${p.pid} (${p.comm}) S ${p.ppid} ${p.pid} ${p.pid} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0\n`, 0o444, meta),
    environ: () => file(() => [...p.env].map(([k, v]) => `${k}=${v}\0`).join(''), 0o400, meta),
    root: () => link('/', () => ({ root: p.host.root, path: '/' }), meta),
    cwd: () => link(p.cwd, () => ({ root: p.host.root, path: p.cwd }), meta),
    fd: () => fdDir,
  };
  return dir(() => Object.keys(entries), (n) => own(entries, n)?.(), { uid: p.uid, gid: p.gid, mtime: p.startedAt });
}

/**
 * A `/proc` generated from a PID namespace: one directory per live process (cmdline, comm, status
 * with capabilities, environ, stat, fd, and the `root`/`cwd` magic links that lead into that
 * process's container file system), `self`, and a few system files.
 */
export function procDir(ns: PidNamespace, now: () => number, bootTime: number): DirNode {
  const system: Record<string, () => FsNode> = {
    uptime: () => file(() => `${((now() - bootTime) / 1000).toFixed(2)} ${((2 * (now() - bootTime)) / 1000).toFixed(2)}\n`),
    version: () => file(() => `Linux version ${KERNEL.release} (buildd@lcy02-amd64-116) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) ${KERNEL.version}\n`),
    loadavg: () => file(() => `0.00 0.00 0.00 1/${ns.list().length} ${ns.list().at(-1)?.pid ?? 1}\n`),
    meminfo: () => file(() => 'MemTotal:        8138256 kB\nMemFree:         5120448 kB\nMemAvailable:    7012332 kB\n'),
    mounts: () => file(() => 'overlay / overlay rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\ntmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755 0 0\n'),
  };
  const root: DirNode = dir(
    () => [...ns.list().map((p) => String(p.pid)), 'self', ...Object.keys(system)],
    (name) => {
      if (/^\d+$/.test(name)) {
        const p = ns.get(Number(name));
        return p ? pidDir(p) : undefined;
      }
      if (name === 'self') return undefined;
      return own(system, name)?.();
    },
  );
  // `self` depends on who looks: resolved through the viewer
  const dyn = root.dynamic!;
  root.dynamic = {
    list: dyn.list,
    get: (name, viewer) => (name === 'self' ? (viewer.pid !== undefined ? link(String(viewer.pid)) : undefined) : dyn.get(name, viewer)),
  };
  return root;
}
