import { ERRNO_TEXT } from '../fs/nodes.js';
import type { Process } from '../process.js';
import { waitFor, type Program, type ProgramRun, type Wait } from '../program.js';
import { badOption, fail, instant, parseArgs, type Flavor } from './util.js';

/**
 * Reads a whole file, or stdin for `-`; on failure an error message without the applet prefix, in
 * the flavour's words (busybox `can't open 'f': …`, GNU `f: …`).
 */
export function* readInput(p: Process, path: string, flavor: Flavor = 'busybox'): Generator<Wait, string | { error: string; reason: string }, unknown> {
  if (path === '-') {
    let text = '';
    for (;;) {
      const chunk = yield* waitFor(p.stdin.read());
      if (chunk === null) return text;
      text += chunk;
    }
  }
  const r = p.vfs.readFile(path, p.cwd);
  if (typeof r === 'string') return r;
  const reason = ERRNO_TEXT[r.errno];
  return { error: flavor === 'busybox' ? `can't open '${path}': ${reason}` : `${path}: ${reason}`, reason };
}

/** `cat [FILE]…`: stdin is streamed chunk by chunk (so `kubectl run -i -- cat` echoes as it types). */
export function cat(flavor: Flavor): Program {
  return function* (p): ProgramRun {
    const files = p.argv.slice(1).filter((a) => a !== '-u');
    let status = 0;
    for (const f of files.length > 0 ? files : ['-']) {
      if (f === '-') {
        for (;;) {
          const chunk = yield* waitFor(p.stdin.read());
          if (chunk === null) break;
          p.stdout.write(chunk);
        }
        continue;
      }
      const r = p.vfs.readFile(f, p.cwd);
      if (typeof r === 'string') p.stdout.write(r);
      else {
        fail(p, flavor === 'busybox' ? `can't open '${f}': ${ERRNO_TEXT[r.errno]}` : `${f}: ${ERRNO_TEXT[r.errno]}`);
        status = 1;
      }
    }
    return status;
  };
}

function lines(text: string): string[] {
  const out = text.split('\n').map((l) => `${l}\n`);
  if (text.endsWith('\n') || text === '') out.pop();
  else out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
  return out;
}

/** `head [-n N] [-c N] [FILE]…` and `tail [-n N] [-f] [FILE]…`. */
export function headTail(which: 'head' | 'tail', flavor: Flavor): Program {
  return function* (p): ProgramRun {
    const args = p.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
    const r = parseArgs(args, 'n:c:fqv', { lines: 'n', bytes: 'c', follow: 'f', quiet: 'q' });
    if (r.unknown || r.missingValue) return badOption(p, flavor, r);
    const nRaw = r.values.get('n') ?? '10';
    const fromStart = which === 'tail' && nRaw.startsWith('+');
    const n = Number(nRaw.replace(/^[+-]/, ''));
    if (!Number.isInteger(n)) {
      fail(p, flavor === 'gnu' ? `invalid number of lines: '${nRaw}'` : `invalid number '${nRaw}'`);
      return 1;
    }
    const files = r.operands.length > 0 ? r.operands : ['-'];
    let status = 0;
    for (const [i, f] of files.entries()) {
      const text = yield* readInput(p, f, flavor);
      if (typeof text !== 'string') {
        fail(p, flavor === 'gnu' ? `cannot open '${f}' for reading: ${text.reason}` : text.error);
        status = 1;
        continue;
      }
      if (files.length > 1 && !r.flags.has('q')) p.stdout.write(`${i > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
      if (r.values.has('c')) {
        const c = Number(r.values.get('c'));
        p.stdout.write(which === 'head' ? text.slice(0, c) : text.slice(Math.max(0, text.length - c)));
        continue;
      }
      const ls = lines(text);
      p.stdout.write((which === 'head' ? ls.slice(0, n) : fromStart ? ls.slice(Math.max(0, n - 1)) : ls.slice(Math.max(0, ls.length - n))).join(''));
    }
    if (which === 'tail' && r.flags.has('f') && files.length === 1 && files[0] !== '-') {
      // -f: poll the file once a second and print what was appended
      let seen = (() => {
        const t = p.vfs.readFile(files[0]!, p.cwd);
        return typeof t === 'string' ? t.length : 0;
      })();
      for (;;) {
        yield* waitFor(p.sleep(1000));
        const t = p.vfs.readFile(files[0]!, p.cwd);
        if (typeof t !== 'string') continue;
        if (t.length > seen) p.stdout.write(t.slice(seen));
        seen = t.length;
      }
    }
    return status;
  };
}

/** `cp SRC DST`, `mv SRC DST`, `ln [-s] TARGET NAME`, `readlink [-f]`, `basename`, `dirname`, `tee [-a]`, `wc`. */
export function moreFileOps(flavor: Flavor): Record<'cp' | 'mv' | 'ln' | 'readlink' | 'basename' | 'dirname' | 'tee' | 'wc', Program> {
  const copy = (p: Process, move: boolean): number => {
    const ops = p.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (ops.length < 2) {
      fail(p, `missing ${ops.length === 0 ? 'file operand' : `destination file operand after '${ops[0]}'`}`);
      return 1;
    }
    const dst = ops.at(-1)!;
    let status = 0;
    for (const src of ops.slice(0, -1)) {
      const text = p.vfs.readFile(src, p.cwd);
      if (typeof text !== 'string') {
        fail(p, flavor === 'gnu' ? `cannot stat '${src}': ${ERRNO_TEXT[text.errno]}` : `can't stat '${src}': ${ERRNO_TEXT[text.errno]}`);
        status = 1;
        continue;
      }
      const d = p.vfs.stat(dst, p.cwd);
      const target = !('errno' in d) && d.kind === 'dir' ? `${dst.replace(/\/$/, '')}/${src.slice(src.lastIndexOf('/') + 1)}` : dst;
      const e = p.vfs.writeFile(target, text, p.cwd);
      if (e) {
        fail(p, `can't create '${target}': ${ERRNO_TEXT[e.errno]}`);
        status = 1;
      } else if (move) p.vfs.remove(src, p.cwd);
    }
    return status;
  };
  return {
    cp: instant((p) => copy(p, false)),
    mv: instant((p) => copy(p, true)),
    ln: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'sfnv');
      const [target, name] = r.operands;
      if (!target || !name || !r.flags.has('s')) {
        fail(p, 'only symbolic links (-s TARGET NAME) are supported');
        return 1;
      }
      const comps = name.split('/');
      const base = comps.pop()!;
      const dir = comps.join('/') || (name.startsWith('/') ? '/' : '.');
      const parent = p.vfs.stat(dir, p.cwd);
      if ('errno' in parent || parent.kind !== 'dir') {
        fail(p, `${name}: No such file or directory`);
        return 1;
      }
      parent.entries.set(base, { kind: 'symlink', target, mode: 0o777, uid: p.uid, gid: p.gid, mtime: p.host.clock.now() });
      return 0;
    }),
    readlink: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'fenv');
      let status = 0;
      for (const f of r.operands) {
        if (r.flags.has('f')) {
          const res = p.vfs.resolve(f, p.cwd);
          if ('errno' in res) status = 1;
          else p.stdout.write(`${res.path}\n`);
          continue;
        }
        const n = p.vfs.stat(f, p.cwd, false);
        if ('errno' in n || n.kind !== 'symlink') status = 1;
        else p.stdout.write(`${n.target}\n`);
      }
      return status;
    }),
    basename: instant((p) => {
      const [path, sfx] = p.argv.slice(1);
      if (path === undefined) {
        fail(p, 'missing operand');
        return 1;
      }
      let b = path.replace(/\/+$/, '');
      b = b === '' && path.startsWith('/') ? '/' : b.slice(b.lastIndexOf('/') + 1);
      if (sfx && b.endsWith(sfx) && b !== sfx) b = b.slice(0, -sfx.length);
      p.stdout.write(`${b}\n`);
      return 0;
    }),
    dirname: instant((p) => {
      const path = p.argv[1];
      if (path === undefined) {
        fail(p, 'missing operand');
        return 1;
      }
      const t = path.replace(/\/+$/, '');
      const i = t.lastIndexOf('/');
      p.stdout.write(`${i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i).replace(/\/+$/, '') || '/'}\n`);
      return 0;
    }),
    tee: function* (p): ProgramRun {
      const r = parseArgs(p.argv.slice(1), 'ai');
      for (const f of r.operands) if (!r.flags.has('a')) p.vfs.writeFile(f, '', p.cwd);
      for (;;) {
        const chunk = yield* waitFor(p.stdin.read());
        if (chunk === null) return 0;
        p.stdout.write(chunk);
        for (const f of r.operands) p.vfs.writeFile(f, chunk, p.cwd, true);
      }
    },
    wc: function* (p): ProgramRun {
      const r = parseArgs(p.argv.slice(1), 'lwcmL');
      if (r.unknown) return badOption(p, flavor, r);
      const want = r.flags.size === 0 ? ['l', 'w', 'c'] : ['l', 'w', 'c', 'm'].filter((f) => r.flags.has(f));
      const files = r.operands.length > 0 ? r.operands : ['-'];
      let status = 0;
      for (const f of files) {
        const text = yield* readInput(p, f, flavor);
        if (typeof text !== 'string') {
          fail(p, text.error);
          status = 1;
          continue;
        }
        const counts: Record<string, number> = {
          l: (text.match(/\n/g) ?? []).length,
          w: text.split(/\s+/).filter((w) => w !== '').length,
          c: new TextEncoder().encode(text).length,
          m: [...text].length,
        };
        const nums = want.map((k) => String(counts[k]));
        const single = nums.length === 1 && f === '-';
        const line = single ? nums[0]! : nums.map((n) => n.padStart(flavor === 'gnu' && f !== '-' ? 1 : 7)).join(flavor === 'gnu' ? ' ' : ' ');
        p.stdout.write(`${line}${f === '-' ? '' : ` ${f}`}\n`);
      }
      return status;
    },
  };
}

