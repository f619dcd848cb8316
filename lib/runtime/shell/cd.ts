import { ERRNO_TEXT } from '../fs/nodes.js';
import type { Wait } from '../program.js';
import type { Io, Shell } from './interpreter.js';

/** Normalises an absolute path lexically (`cd` works on the logical path, as ash's `cd -L`). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const c of path.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return `/${out.join('/')}`;
}

/** `cd [-L|-P] [dir|-]`: changes the working directory and keeps PWD and OLDPWD. */
export function* cdBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  let dir = args[0] ?? sh.state.get('HOME') ?? '/';
  let print = false;
  if (dir === '-') {
    dir = sh.state.get('OLDPWD') ?? sh.cwd;
    print = true;
  }
  if (dir === '') return 0;
  const pwd = sh.state.get('PWD') ?? sh.cwd;
  const target = normalizePath(dir.startsWith('/') ? dir : `${pwd}/${dir}`);
  const st = sh.vfs.stat(target, '/');
  const errno = 'errno' in st ? st.errno : st.kind !== 'dir' ? 'ENOTDIR' : undefined;
  if (errno) {
    sh.error(io, sh.dialect.cantCd(dir, ERRNO_TEXT[errno]));
    return sh.dialect.name === 'bash' ? 1 : 2;
  }
  sh.proc.cwd = target;
  sh.state.set('OLDPWD', pwd);
  sh.state.set('PWD', target);
  if (print) io.stdout.write(`${target}\n`);
  return 0;
}

/** `pwd [-L|-P]`. */
export function* pwdBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  if (argv.includes('-P')) {
    const r = sh.vfs.resolve(sh.cwd, '/');
    io.stdout.write(`${'errno' in r ? sh.cwd : r.path}\n`);
    return 0;
  }
  io.stdout.write(`${sh.cwd}\n`);
  return 0;
}
