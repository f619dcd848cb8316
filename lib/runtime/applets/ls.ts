import { ERRNO_TEXT, type FsNode } from '../fs/nodes.js';
import { listDir } from '../fs/vfs.js';
import type { Process } from '../process.js';
import type { Program } from '../program.js';
import { badOption, groupName, instant, lsDate, modeString, parseArgs, userName, type Flavor } from './util.js';

const encoder = new TextEncoder();

/** The size `ls -l` shows. */
export function nodeSize(n: FsNode): number {
  if (n.kind === 'dir') return 4096;
  if (n.kind === 'symlink') return encoder.encode(n.target).length;
  if (n.device) return 0;
  if (n.size !== undefined) return n.size;
  // generated (procfs) files report size 0, as the kernel does
  if (n.read) return 0;
  return encoder.encode(n.data).length;
}

interface Entry {
  name: string;
  path: string;
  node: FsNode;
}

function suffix(n: FsNode, flags: Set<string>): string {
  if (flags.has('F')) {
    if (n.kind === 'dir') return '/';
    if (n.kind === 'symlink') return '@';
    if ((n.mode & 0o111) !== 0) return '*';
  }
  if (flags.has('p') && n.kind === 'dir') return '/';
  return '';
}

function longLines(p: Process, entries: Entry[], flags: Set<string>, flavor: Flavor): string[] {
  const now = p.host.clock.now();
  const rows = entries.map((e) => {
    const n = e.node;
    const links = n.kind === 'dir' ? 2 + [...n.entries.values()].filter((c) => c.kind === 'dir').length : 1;
    return {
      mode: modeString(n.kind, n.mode, n.kind === 'file' && n.device !== undefined),
      links: String(links),
      user: flags.has('n') ? String(n.uid) : userName(p.vfs, n.uid),
      group: flags.has('n') ? String(n.gid) : groupName(p.vfs, n.gid),
      size: String(nodeSize(n)),
      date: lsDate(n.mtime, now),
      name: e.name + (n.kind === 'symlink' ? ` -> ${n.target}` : suffix(n, flags)),
    };
  });
  if (flavor === 'busybox') {
    return rows.map((r) => `${r.mode} ${r.links.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}`);
  }
  const w = (k: 'links' | 'user' | 'group' | 'size'): number => Math.max(0, ...rows.map((r) => r[k].length));
  return rows.map((r) => `${r.mode} ${r.links.padStart(w('links'))} ${r.user.padEnd(w('user'))} ${r.group.padEnd(w('group'))} ${r.size.padStart(w('size'))} ${r.date} ${r.name}`);
}

function columns(names: string[], width: number): string[] {
  if (names.length === 0) return [];
  const colWidth = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor((width + 2) / colWidth));
  const rows = Math.ceil(names.length / cols);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const i = c * rows + r;
      const n = names[i];
      if (n === undefined) break;
      const lastInRow = (c + 1) * rows + r >= names.length;
      line += lastInRow ? n : n.padEnd(colWidth);
    }
    out.push(line);
  }
  return out;
}

function sortEntries(p: Process, entries: Entry[], flags: Set<string>): Entry[] {
  const sorted = [...entries];
  if (flags.has('t')) sorted.sort((a, b) => b.node.mtime - a.node.mtime || (a.name < b.name ? -1 : 1));
  else if (flags.has('S')) sorted.sort((a, b) => nodeSize(b.node) - nodeSize(a.node) || (a.name < b.name ? -1 : 1));
  if (flags.has('r')) sorted.reverse();
  return sorted;
}

/** `ls [-1aAdFlnprSt] [FILE]…` in busybox or GNU style (one per line to a pipe, columns to a terminal). */
export function ls(flavor: Flavor): Program {
  return instant((p) => {
    const r = parseArgs(p.argv.slice(1), '1aAdFhlnprRSt', { all: 'a', 'almost-all': 'A', directory: 'd', classify: 'F', reverse: 'r' });
    if (r.unknown || r.missingValue) return badOption(p, flavor, r);
    const flags = r.flags;
    const operands = r.operands.length > 0 ? r.operands : ['.'];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    let status = 0;
    for (const op of operands) {
      const node = p.vfs.stat(op, p.cwd, !flags.has('l') && !flags.has('d') ? true : false);
      const followed = 'errno' in node ? node : node.kind === 'symlink' && !flags.has('d') && !flags.has('l') ? p.vfs.stat(op, p.cwd) : node;
      if ('errno' in followed) {
        p.stderr.write(flavor === 'gnu' ? `ls: cannot access '${op}': ${ERRNO_TEXT[followed.errno]}\n` : `ls: ${op}: ${ERRNO_TEXT[followed.errno]}\n`);
        status = flavor === 'gnu' ? 2 : 1;
        continue;
      }
      let n = followed;
      if (n.kind === 'symlink' && flags.has('l') && !flags.has('d')) {
        const target = p.vfs.stat(op, p.cwd);
        if (!('errno' in target) && target.kind === 'dir' && op.endsWith('/')) n = target;
      }
      (n.kind === 'dir' && !flags.has('d') ? dirs : files).push({ name: op, path: op, node: n });
    }
    const tty = p.stdout.isTty && !flags.has('1') && !flags.has('l');
    const render = (entries: Entry[]): void => {
      const sorted = sortEntries(p, entries, flags);
      const lines = flags.has('l') ? longLines(p, sorted, flags, flavor)
        : tty ? columns(sorted.map((e) => e.name + suffix(e.node, flags)), p.stdout.columns ?? 80)
          : sorted.map((e) => e.name + suffix(e.node, flags));
      for (const l of lines) p.stdout.write(`${l}\n`);
    };
    render(files);
    const headers = operands.length > 1;
    dirs.sort((a, b) => (a.name < b.name ? -1 : 1)).forEach((d, i) => {
      if (headers) p.stdout.write(`${i > 0 || files.length > 0 ? '\n' : ''}${d.name}:\n`);
      if (d.node.kind !== 'dir') return;
      const names = listDir(d.node, p);
      const entries: Entry[] = [];
      if (flags.has('a')) entries.push({ name: '.', path: d.path, node: d.node }, { name: '..', path: `${d.path}/..`, node: d.node });
      for (const name of names) {
        if (name.startsWith('.') && !flags.has('a') && !flags.has('A')) continue;
        const path = `${d.path.replace(/\/$/, '')}/${name}`;
        const st = p.vfs.stat(path, p.cwd, false);
        if (!('errno' in st)) entries.push({ name, path, node: st });
      }
      if (flags.has('l')) {
        const blocks = entries.reduce((s, e) => s + (e.node.kind === 'symlink' ? 0 : Math.ceil(nodeSize(e.node) / 4096) * 4), 0);
        p.stdout.write(`total ${blocks}\n`);
      }
      render(entries);
    });
    return status;
  });
}
