import { findExecutable, programFor } from '../exec.js';
import { ERRNO_TEXT } from '../fs/nodes.js';
import { own } from '../own.js';
import { INTERRUPTED, waitInterruptible, type Wait } from '../program.js';
import { parseSignal } from '../signals.js';
import { evaluateArithmetic } from './arith.js';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins.js';
import { ExitSignal, type Io, type Shell } from './interpreter.js';

/**
 * Builtins that run code, wait or read: eval, `.`/source, exec, trap, wait, read, type, command
 * and let.
 */

export function* evalBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  return yield* sh.runSource(argv.slice(1).join(' '), io);
}

export function* dot(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const file = argv[1];
  if (file === undefined) {
    sh.error(io, `${argv[0]}: filename argument required`);
    return 2;
  }
  const path = file.includes('/') ? file : findInPath(sh, file) ?? file;
  const text = sh.vfs.readFile(path, sh.cwd);
  if (typeof text !== 'string') {
    sh.error(io, `${argv[0] === '.' ? '.' : argv[0]}: can't open '${file}': ${ERRNO_TEXT[text.errno]}`);
    if (!sh.config.interactive) throw new ExitSignal(2);
    return 2;
  }
  const saved = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  try {
    return yield* sh.runSource(text, io);
  } finally {
    if (argv.length > 2) sh.state.positional = saved;
  }
}

function findInPath(sh: Shell, name: string): string | undefined {
  for (const dir of (sh.state.get('PATH') ?? '').split(':')) {
    const p = `${dir || '.'}/${name}`;
    const st = sh.vfs.stat(p, sh.cwd);
    if (!('errno' in st) && st.kind === 'file') return p;
  }
  return undefined;
}

export function* execBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const args = argv.slice(1);
  const exe = findExecutable(sh.vfs, args[0]!, sh.state.get('PATH'), sh.cwd);
  const prog = 'errno' in exe ? exe : programFor(sh.vfs, exe, args);
  if ('errno' in prog) {
    sh.error(io, prog.errno === 'EACCES' ? `exec: ${args[0]}: Permission denied` : `exec: ${sh.dialect.notFound(args[0]!)}`);
    throw new ExitSignal(prog.errno === 'EACCES' ? 126 : 127);
  }
  const env = sh.state.environment();
  sh.proc.env.clear();
  for (const [k, v] of env) sh.proc.env.set(k, v);
  Object.assign(sh.proc, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
  throw new ExitSignal(yield* sh.proc.execve(prog.argv, prog.program));
}

export function* trap(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const args = argv.slice(1);
  if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
    for (const [sig, action] of sh.state.traps) io.stdout.write(`trap -- '${action.replace(/'/g, `'"'"'`)}' ${sig}\n`);
    return 0;
  }
  let action: string | undefined = args[0]!;
  let sigs = args.slice(1);
  if (/^\d+$/.test(action) || sigs.length === 0) {
    sigs = args;
    action = undefined;
  }
  if (action === '-') action = undefined;
  let status = 0;
  for (const s of sigs) {
    const sig = s === '0' || s.toUpperCase() === 'EXIT' ? 'EXIT' : parseSignal(s);
    if (!sig) {
      sh.error(io, `trap: ${s}: bad trap`);
      status = 1;
      continue;
    }
    if (action === undefined) sh.state.traps.delete(sig);
    else sh.state.traps.set(sig, action);
    if (sig === 'EXIT') continue;
    if (action === undefined) sh.proc.onSignal(sig, sig === 'INT' && sh.config.interactive ? () => void (sh.interrupted = true) : 'default');
    else if (action === '') sh.proc.onSignal(sig, 'ignore');
    else sh.proc.onSignal(sig, (x) => sh.trapSignal(x));
  }
  return status;
}

export function* wait(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const pids = argv.slice(1);
  const targets = pids.length === 0 ? sh.state.jobs : [];
  for (const p of pids) {
    const job = sh.state.jobs.find((j) => String(j.pid) === p);
    if (!job) {
      if (!/^\d+$/.test(p)) sh.error(io, `wait: ${sh.dialect.illegalNumber('wait', p).replace(/^wait: /, '')}`);
      return 127;
    }
    targets.push(job);
  }
  let status = 0;
  for (const job of [...targets]) {
    const st = yield* waitInterruptible(job.exited());
    if (st === INTERRUPTED) return sh.interruptedStatus();
    status = st.code;
    sh.state.jobs = sh.state.jobs.filter((j) => j !== job);
  }
  return pids.length === 0 ? 0 : status;
}

export function* read(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  let raw = false;
  const names: string[] = [];
  let timeout: number | undefined;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-r') raw = true;
    else if (a === '-p') io.stderr.write(args[++i] ?? '');
    else if (a === '-t') timeout = Number(args[++i]);
    else names.push(a);
  }
  if (names.length === 0) names.push('REPLY');
  const reading = io.stdin.readLine();
  const clock = sh.proc.host.clock;
  const w: Wait<string | null | 'timeout'> = timeout === undefined || !(timeout >= 0) ? reading : {
    start: (resume) => {
      const t = clock.setTimer(timeout * 1000, () => {
        cancel();
        resume('timeout');
      });
      const cancel = reading.start((v) => {
        t.cancel();
        resume(v);
      });
      return () => {
        t.cancel();
        cancel();
      };
    },
  };
  const got = yield* waitInterruptible(w);
  if (got === INTERRUPTED) return sh.interruptedStatus();
  if (got === 'timeout') return 142;
  if (got === null) {
    for (const n of names) sh.state.set(n, '');
    return 1;
  }
  let line = got.endsWith('\n') ? got.slice(0, -1) : got;
  if (!raw) line = line.replace(/\\(.)/g, '$1').replace(/\\$/, '');
  const ifs = sh.state.get('IFS') ?? ' \t\n';
  const ws = (c: string): boolean => ifs.includes(c);
  let rest = line;
  for (const [i, n] of names.entries()) {
    let s = 0;
    while (s < rest.length && ws(rest[s]!)) s++;
    rest = rest.slice(s);
    if (i === names.length - 1) {
      let e = rest.length;
      while (e > 0 && ws(rest[e - 1]!)) e--;
      sh.state.set(n, rest.slice(0, e));
      break;
    }
    let e = 0;
    while (e < rest.length && !ws(rest[e]!)) e++;
    sh.state.set(n, rest.slice(0, e));
    rest = rest.slice(e);
  }
  return got.endsWith('\n') ? 0 : 1;
}

export function* typeBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  let status = 0;
  const commandV = argv[0] === 'command';
  for (const name of argv.slice(commandV ? 2 : 1)) {
    if (sh.state.functions.has(name)) io.stdout.write(commandV ? `${name}\n` : `${name} is a function\n`);
    else if (own(BUILTINS, name)) io.stdout.write(commandV ? `${name}\n` : `${name} is a ${SPECIAL_BUILTINS.has(name) ? 'special ' : ''}shell builtin\n`);
    else {
      const exe = findExecutable(sh.vfs, name, sh.state.get('PATH'), sh.cwd);
      if ('errno' in exe) {
        if (!commandV) sh.error(io, `${name}: not found`);
        status = commandV ? 1 : 127;
      } else io.stdout.write(commandV ? `${exe.path}\n` : `${name} is ${exe.path}\n`);
    }
  }
  return status;
}

export function* command(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  if (argv[1] === '-v' || argv[1] === '-V') return yield* typeBuiltin(sh, argv[1] === '-v' ? argv : ['type', ...argv.slice(2)], io);
  const rest = argv.slice(1);
  if (rest.length === 0) return 0;
  const b = own(BUILTINS, rest[0]!);
  if (b) return yield* b(sh, rest, io);
  return yield* sh.runSource(rest.map((a) => `'${a.replace(/'/g, `'"'"'`)}'`).join(' '), io);
}

export function* letBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  let v = 0;
  try {
    for (const e of argv.slice(1)) v = evaluateArithmetic(e, { get: (n) => sh.state.get(n), set: (n, x) => void sh.state.set(n, x) });
  } catch (e) {
    sh.error(io, `let: ${e instanceof Error ? e.message : 'arithmetic syntax error'}`);
    return 1;
  }
  return v === 0 ? 1 : 0;
}
