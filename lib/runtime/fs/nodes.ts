import type { Program } from '../program.js';

/**
 * The nodes of a container's in-memory file system. A container gets its own copy of the image's
 * tree (hard links stay shared inside the copy), plus the files the kubelet mounts and a `/proc`
 * generated from its process namespace.
 */

/** Owner, permission bits and modification time, as `ls -l` prints them. */
export interface NodeMeta {
  /** Permission bits (`0o755`), without the file type. */
  mode: number;
  uid: number;
  gid: number;
  /** ms since the epoch. */
  mtime: number;
}

/** Who is looking: `/proc/self` and the `fd` links depend on it. */
export interface Viewer {
  readonly pid: number | undefined;
}

/** A regular file, a device, or an executable whose behaviour is a simulated {@link Program}. */
export interface FileNode extends NodeMeta {
  kind: 'file';
  /** Stored content; ignored when `read` is set. */
  data: string;
  /** Generated content (procfs), computed on each read. */
  read?: (viewer: Viewer) => string;
  /**
   * A character device: `null` swallows writes and reads empty (`zero`/`random` read empty too);
   * `stdin`/`stdout`/`stderr` stand for the opener's own streams (`/dev/stdout`, `/proc/self/fd/1`).
   */
  device?: 'null' | 'zero' | 'random' | 'tty' | 'stdin' | 'stdout' | 'stderr';
  /** What runs when the file is executed. */
  program?: Program;
  /** Refuses writes (procfs, read-only mounts). */
  readonly?: boolean;
  /** The size `ls -l` shows for a simulated binary (its content is not stored). */
  size?: number;
}

/** A directory: a map of names, or a generated listing (procfs). */
export interface DirNode extends NodeMeta {
  kind: 'dir';
  entries: Map<string, FsNode>;
  dynamic?: {
    list(viewer: Viewer): string[];
    get(name: string, viewer: Viewer): FsNode | undefined;
  };
}

/** A symbolic link; `jump` makes it a procfs "magic link" that lands in another container's tree. */
export interface SymlinkNode extends NodeMeta {
  kind: 'symlink';
  target: string;
  jump?: (viewer: Viewer) => { root: DirNode; path: string } | undefined;
}

export type FsNode = FileNode | DirNode | SymlinkNode;

/** File system errors, with the text libc's `strerror` gives them. */
export const ERRNO_TEXT = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ELOOP: 'Symbolic link loop',
  EROFS: 'Read-only file system',
  EINVAL: 'Invalid argument',
} as const;

export type Errno = keyof typeof ERRNO_TEXT;

/** A failed file system call. */
export interface FsError {
  readonly errno: Errno;
}

/** Whether `r` is an error rather than a value. */
export function isFsError(r: unknown): r is FsError {
  return typeof r === 'object' && r !== null && 'errno' in r && !('kind' in r);
}

/** A new empty directory. */
export function newDir(meta: Partial<NodeMeta> = {}): DirNode {
  return { kind: 'dir', entries: new Map(), mode: 0o755, uid: 0, gid: 0, mtime: 0, ...meta };
}

/** A new regular file. */
export function newFile(data: string, meta: Partial<NodeMeta> & Partial<Pick<FileNode, 'program' | 'device' | 'readonly' | 'size'>> = {}): FileNode {
  return { kind: 'file', data, mode: 0o644, uid: 0, gid: 0, mtime: 0, ...meta };
}

/** A new symbolic link. */
export function newSymlink(target: string, meta: Partial<NodeMeta> = {}): SymlinkNode {
  return { kind: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtime: 0, ...meta };
}

/**
 * A deep copy of a static tree for one container. Nodes reachable twice (hard links such as busybox's
 * applets) stay one node in the copy; generated directories are shared, not copied.
 */
export function cloneTree(root: DirNode, seen = new Map<FsNode, FsNode>()): DirNode {
  const copy = (node: FsNode): FsNode => {
    const done = seen.get(node);
    if (done) return done;
    if (node.kind === 'dir') {
      if (node.dynamic) return node;
      const d: DirNode = { ...node, entries: new Map() };
      seen.set(node, d);
      for (const [name, child] of node.entries) d.entries.set(name, copy(child));
      return d;
    }
    const n = { ...node };
    seen.set(node, n);
    return n;
  };
  return copy(root) as DirNode;
}
