import {
  newDir, newFile, type DirNode, type Errno, type FileNode, type FsError, type FsNode, type Viewer,
} from './nodes.js';

/** The result of a path lookup. */
export interface Resolved {
  node: FsNode;
  /** The directory holding the last component (undefined for a root). */
  parent: DirNode | undefined;
  /** The last component's name. */
  name: string;
  /** The path with `.`, `..` and symlinks resolved (as `realpath` prints it). */
  path: string;
}

const MAX_SYMLINKS = 40; // Linux's MAXSYMLINKS

function fail(errno: Errno): FsError {
  return { errno };
}

/** Lists a directory, generated or stored, in name order. */
export function listDir(dir: DirNode, viewer: Viewer): string[] {
  const names = dir.dynamic ? dir.dynamic.list(viewer) : [...dir.entries.keys()];
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function child(dir: DirNode, name: string, viewer: Viewer): FsNode | undefined {
  return dir.dynamic ? dir.dynamic.get(name, viewer) : dir.entries.get(name);
}

/**
 * A process's view of a file system: its root, who is looking (for `/proc/self`) and the clock for
 * modification times. Every call returns an {@link FsError} instead of throwing.
 */
export class Vfs {
  constructor(
    readonly root: DirNode,
    readonly viewer: Viewer,
    private readonly now: () => number = () => 0,
    private readonly owner: { uid: number; gid: number } = { uid: 0, gid: 0 },
  ) {}

  /** Looks `path` up from `cwd`; `follow` says whether a symlink in the last component is followed. */
  resolve(path: string, cwd = '/', follow = true): Resolved | FsError {
    if (path === '') return fail('ENOENT');
    const todo = splitPath(path.startsWith('/') ? path : `${cwd}/${path}`).reverse();
    let dir: DirNode = this.root;
    const stack: Array<{ dir: DirNode; name: string }> = [];
    let links = 0;
    let last: Resolved = { node: this.root, parent: undefined, name: '', path: '/' };
    while (todo.length > 0) {
      const comp = todo.pop()!;
      if (comp === '.') continue;
      if (comp === '..') {
        const up = stack.pop();
        if (up) dir = up.dir;
        last = { node: dir, parent: stack.at(-1)?.dir, name: stack.at(-1)?.name ?? '', path: joinStack(stack) };
        continue;
      }
      const node = child(dir, comp, this.viewer);
      if (!node) return fail('ENOENT');
      const isLast = todo.length === 0;
      if (node.kind === 'symlink' && (!isLast || follow)) {
        if (++links > MAX_SYMLINKS) return fail('ELOOP');
        const jump = node.jump?.(this.viewer);
        if (node.jump) {
          if (!jump) return fail('ENOENT');
          stack.push({ dir, name: comp });
          dir = jump.root;
          todo.push(...splitPath(jump.path).reverse());
          last = { node: dir, parent: undefined, name: comp, path: joinStack(stack) };
          continue;
        }
        if (node.target.startsWith('/')) {
          dir = this.root;
          stack.length = 0;
        }
        todo.push(...splitPath(node.target).reverse());
        last = { node: dir, parent: stack.at(-1)?.dir, name: stack.at(-1)?.name ?? '', path: joinStack(stack) };
        continue;
      }
      if (!isLast && node.kind !== 'dir') return fail('ENOTDIR');
      if (node.kind === 'dir') {
        stack.push({ dir, name: comp });
        last = { node, parent: dir, name: comp, path: joinStack(stack) };
        dir = node;
      } else {
        last = { node, parent: dir, name: comp, path: `${joinStack(stack)}/${comp}`.replace(/^\/\//, '/') };
      }
    }
    return last;
  }

  /** The node at `path` (`lstat` when `follow` is false). */
  stat(path: string, cwd = '/', follow = true): FsNode | FsError {
    const r = this.resolve(path, cwd, follow);
    return 'errno' in r ? r : r.node;
  }

  /** The content of a file. */
  readFile(path: string, cwd = '/'): string | FsError {
    const n = this.stat(path, cwd);
    if ('errno' in n) return n;
    if (n.kind === 'dir') return fail('EISDIR');
    if (n.kind !== 'file') return fail('ENOENT');
    if (n.device) return '';
    return n.read ? n.read(this.viewer) : n.data;
  }

  /** Writes (or appends to) a file, creating it when missing; writes to `/dev/null` vanish. */
  writeFile(path: string, data: string, cwd = '/', append = false): FsError | undefined {
    const r = this.resolve(path, cwd);
    if (!('errno' in r)) {
      const n = r.node;
      if (n.kind === 'dir') return fail('EISDIR');
      if (n.kind !== 'file') return fail('ENOENT');
      if (n.device) return undefined;
      if (n.readonly || n.read) return fail('EACCES');
      n.data = append ? n.data + data : data;
      n.mtime = this.now();
      return undefined;
    }
    if (r.errno !== 'ENOENT') return r;
    const p = this.parentOf(path, cwd);
    if ('errno' in p) return p;
    if (p.dir.dynamic) return fail('EACCES');
    p.dir.entries.set(p.name, newFile(data, { mtime: this.now(), ...this.owner }));
    return undefined;
  }

  /** Creates a directory (`mkdir -p` when `parents`). */
  mkdir(path: string, cwd = '/', parents = false): FsError | undefined {
    const existing = this.resolve(path, cwd);
    if (!('errno' in existing)) return parents && existing.node.kind === 'dir' ? undefined : fail('EEXIST');
    if (parents) {
      const abs = path.startsWith('/') ? path : `${cwd}/${path}`;
      let sofar = '';
      for (const comp of splitPath(abs)) {
        sofar += `/${comp}`;
        const r = this.resolve(sofar, '/');
        if (!('errno' in r)) {
          if (r.node.kind !== 'dir') return fail('ENOTDIR');
          continue;
        }
        const e = this.mkdir(sofar, '/', false);
        if (e) return e;
      }
      return undefined;
    }
    const p = this.parentOf(path, cwd);
    if ('errno' in p) return p;
    if (p.dir.dynamic) return fail('EACCES');
    p.dir.entries.set(p.name, newDir({ mtime: this.now(), ...this.owner }));
    return undefined;
  }

  /** The sorted names in a directory. */
  readdir(path: string, cwd = '/'): string[] | FsError {
    const n = this.stat(path, cwd);
    if ('errno' in n) return n;
    if (n.kind !== 'dir') return fail('ENOTDIR');
    return listDir(n, this.viewer);
  }

  /** Removes a file or symlink, or a directory when `dir` is set (non-empty only when `recursive`). */
  remove(path: string, cwd = '/', opts: { dir?: boolean; recursive?: boolean } = {}): FsError | undefined {
    const r = this.resolve(path, cwd, false);
    if ('errno' in r) return r;
    if (!r.parent) return fail('EPERM');
    if (r.parent.dynamic) return fail('EACCES');
    if (r.node.kind === 'dir') {
      if (!opts.dir) return fail('EISDIR');
      if (r.node.entries.size > 0 && !opts.recursive) return fail('ENOTEMPTY');
    }
    r.parent.entries.delete(r.name);
    return undefined;
  }

  /** Sets the modification time of a file, creating it empty when missing (`touch`). */
  touch(path: string, cwd = '/'): FsError | undefined {
    const r = this.resolve(path, cwd);
    if ('errno' in r) return r.errno === 'ENOENT' ? this.writeFile(path, '', cwd) : r;
    r.node.mtime = this.now();
    return undefined;
  }

  private parentOf(path: string, cwd: string): { dir: DirNode; name: string } | FsError {
    const abs = path.startsWith('/') ? path : `${cwd}/${path}`;
    const comps = splitPath(abs);
    const name = comps.pop();
    if (name === undefined || name === '.' || name === '..') return fail('EEXIST');
    const d = this.resolve(`/${comps.join('/')}`, '/');
    if ('errno' in d) return d;
    if (d.node.kind !== 'dir') return fail('ENOTDIR');
    return { dir: d.node, name };
  }
}

/** The components of a path, without empty ones. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((c) => c !== '');
}

function joinStack(stack: ReadonlyArray<{ name: string }>): string {
  return `/${stack.map((s) => s.name).join('/')}`;
}

/** A file node for tests and images: reads `data`. */
export function isExecutable(n: FsNode): n is FileNode {
  return n.kind === 'file' && (n.mode & 0o111) !== 0;
}
