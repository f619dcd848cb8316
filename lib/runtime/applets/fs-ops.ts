import { ERRNO_TEXT } from '../fs/nodes.js';
import type { Program } from '../program.js';
import { badOption, fail, instant, parseArgs, type Flavor } from './util.js';

function chmodMode(spec: string, mode: number): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(',')) {
    const c = /^([ugoa]*)([-+=])([rwx]*)$/.exec(clause);
    if (!c) return undefined;
    const who = c[1] === '' || c[1]!.includes('a') ? 'ugo' : c[1]!;
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of c[3]!) bits |= (p === 'r' ? 4 : p === 'w' ? 2 : 1) << shift;
    }
    if (c[2] === '+') m |= bits;
    else if (c[2] === '-') m &= ~bits;
    else {
      let clear = 0;
      for (const w of who) clear |= 7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0);
      m = (m & ~clear) | bits;
    }
  }
  return m;
}

/** `touch`, `mkdir [-p]`, `rm [-rf]`, `rmdir`, `chmod`: file system changes in the container's writable layer. */
export function fileOps(flavor: Flavor): Record<'touch' | 'mkdir' | 'rm' | 'rmdir' | 'chmod', Program> {
  const gnuCannot = (verb: string, f: string, e: string): string => `cannot ${verb} '${f}': ${e}`;
  return {
    touch: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'acm');
      let status = 0;
      for (const f of r.operands) {
        const e = p.vfs.touch(f, p.cwd);
        if (e) {
          fail(p, flavor === 'gnu' ? gnuCannot('touch', f, ERRNO_TEXT[e.errno]) : `${f}: ${ERRNO_TEXT[e.errno]}`);
          status = 1;
        }
      }
      if (r.operands.length === 0) {
        fail(p, 'missing file operand');
        return 1;
      }
      return status;
    }),
    mkdir: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'pvm:', { parents: 'p' });
      if (r.unknown || r.missingValue) return badOption(p, flavor, r);
      let status = 0;
      for (const d of r.operands) {
        const e = p.vfs.mkdir(d, p.cwd, r.flags.has('p'));
        if (e) {
          fail(p, flavor === 'gnu' ? gnuCannot('create directory', d, ERRNO_TEXT[e.errno]) : `can't create directory '${d}': ${ERRNO_TEXT[e.errno]}`);
          status = 1;
        }
      }
      return status;
    }),
    rm: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'rRfiv', { recursive: 'r', force: 'f' });
      if (r.unknown) return badOption(p, flavor, r);
      const recursive = r.flags.has('r') || r.flags.has('R');
      let status = 0;
      for (const f of r.operands) {
        const e = p.vfs.remove(f, p.cwd, { dir: recursive, recursive });
        if (e && !(r.flags.has('f') && e.errno === 'ENOENT')) {
          const text = e.errno === 'EISDIR' ? 'is a directory' : ERRNO_TEXT[e.errno];
          fail(p, flavor === 'gnu' ? gnuCannot('remove', f, e.errno === 'EISDIR' ? 'Is a directory' : text) : `can't remove '${f}': ${text}`);
          status = 1;
        }
      }
      return status;
    }),
    chmod: instant((p) => {
      const [spec, ...files] = p.argv.slice(1).filter((a) => a !== '-R');
      if (spec === undefined || files.length === 0) {
        fail(p, flavor === 'gnu' ? 'missing operand' : 'usage: chmod MODE FILE...');
        return 1;
      }
      let status = 0;
      for (const f of files) {
        const n = p.vfs.stat(f, p.cwd);
        if ('errno' in n) {
          fail(p, flavor === 'gnu' ? `cannot access '${f}': ${ERRNO_TEXT[n.errno]}` : `${f}: ${ERRNO_TEXT[n.errno]}`);
          status = 1;
          continue;
        }
        const m = chmodMode(spec, n.mode);
        if (m === undefined) {
          fail(p, `invalid mode: ${spec}`);
          return 1;
        }
        if (p.uid !== 0 && p.uid !== n.uid) {
          fail(p, `${f}: Operation not permitted`);
          status = 1;
          continue;
        }
        n.mode = m;
      }
      return status;
    }),
    rmdir: instant((p) => {
      let status = 0;
      for (const d of p.argv.slice(1).filter((a) => !a.startsWith('-'))) {
        const st = p.vfs.stat(d, p.cwd, false);
        const e = 'errno' in st ? st : st.kind !== 'dir' ? { errno: 'ENOTDIR' as const } : p.vfs.remove(d, p.cwd, { dir: true });
        if (e) {
          fail(p, flavor === 'gnu' ? `failed to remove '${d}': ${ERRNO_TEXT[e.errno]}` : `'${d}': ${ERRNO_TEXT[e.errno]}`);
          status = 1;
        }
      }
      return status;
    }),
  };
}
