import type { Program } from '../program.js';
import { cloneTree, newDir, newFile, newSymlink, type DirNode, type FsNode, type NodeMeta } from './nodes.js';
import { splitPath } from './vfs.js';

/** One entry of an image's file listing. A bare string is a regular file with that content. */
export type TreeEntry =
  | string
  | ({ file: string } & Partial<NodeMeta>)
  | ({ dir: true } & Partial<NodeMeta>)
  | { symlink: string }
  | { hardlink: string }
  | ({ program: Program; size?: number; text?: string } & Partial<NodeMeta>);

/** Absolute paths to entries; parents are created as `0755 root:root` directories. */
export type TreeSpec = Readonly<Record<string, TreeEntry>>;

function dirAt(root: DirNode, comps: readonly string[]): DirNode {
  let dir = root;
  for (const c of comps) {
    let next = dir.entries.get(c);
    if (!next || next.kind !== 'dir') {
      next = newDir({ mtime: dir.mtime });
      dir.entries.set(c, next);
    }
    dir = next;
  }
  return dir;
}

function nodeAt(root: DirNode, path: string): FsNode | undefined {
  let node: FsNode | undefined = root;
  for (const c of splitPath(path)) node = node?.kind === 'dir' ? node.entries.get(c) : undefined;
  return node;
}

/**
 * Builds a directory tree from a listing, on top of a copy of `base` when given (an image built
 * `FROM` another), stamping new nodes with `mtime` (the image's build time). Later entries replace
 * earlier ones; hard links must name an entry already made.
 */
export function buildTree(spec: TreeSpec, base?: DirNode, mtime = 0): DirNode {
  const root = base ? cloneTree(base) : newDir({ mtime });
  for (const [path, entry] of Object.entries(spec)) {
    const comps = splitPath(path);
    const name = comps.pop();
    if (name === undefined) continue;
    const parent = dirAt(root, comps);
    let node: FsNode;
    if (typeof entry === 'string') node = newFile(entry, { mtime });
    else if ('file' in entry) node = newFile(entry.file, { mtime, ...entry });
    else if ('dir' in entry) {
      const existing = parent.entries.get(name);
      if (existing?.kind === 'dir') {
        Object.assign(existing, { ...entry, dir: undefined });
        delete (existing as { dir?: unknown }).dir;
        continue;
      }
      const { dir: _dir, ...meta } = entry;
      node = newDir({ mtime, ...meta });
    } else if ('symlink' in entry) node = newSymlink(entry.symlink, { mtime });
    else if ('hardlink' in entry) {
      const target = nodeAt(root, entry.hardlink);
      if (!target) throw new Error(`buildTree: hard link ${path} to missing ${entry.hardlink}`);
      node = target;
    } else {
      const { program, text, ...meta } = entry;
      node = newFile(text ?? '', { mode: 0o755, mtime, ...meta, program });
    }
    parent.entries.set(name, node);
  }
  return root;
}
