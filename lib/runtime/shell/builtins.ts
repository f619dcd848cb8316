import { own } from '../own.js';
import type { Wait } from '../program.js';
import type { Io, Shell } from './interpreter.js';
import { BreakSignal, ExitSignal, ReturnSignal } from './interpreter.js';
import { isValidName } from './parser.js';
import { evaluateTest } from './test-command.js';
import { formatPrintf, interpretEscapes } from './text.js';
import { killBuiltin } from './kill.js';
import { cdBuiltin, pwdBuiltin } from './cd.js';
import { command, dot, evalBuiltin, execBuiltin, letBuiltin, read, trap, typeBuiltin, wait } from './builtins-flow.js';

/** A builtin: runs inside the shell process with the command's streams. */
export type Builtin = (sh: Shell, argv: string[], io: Io) => Generator<Wait, number, unknown>;

/** POSIX special builtins: assignments before them stay, functions cannot override them. */
export const SPECIAL_BUILTINS: ReadonlySet<string> = new Set([
  ':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset',
]);

function* done(status: number): Generator<Wait, number, unknown> {
  return status;
}

function count(sh: Shell, io: Io, name: string, arg: string | undefined, dflt: number): number | undefined {
  if (arg === undefined) return dflt;
  if (!/^\d+$/.test(arg)) {
    sh.error(io, sh.dialect.illegalNumber(name, arg));
    return undefined;
  }
  return Number(arg);
}

const echo: Builtin = (sh, argv, io) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = sh.dialect.echoEscapesByDefault;
  const optChars = sh.dialect.name === 'dash' ? /^-n+$/ : /^-[neE]+$/;
  while (args.length > 0 && optChars.test(args[0]!)) {
    for (const c of args[0]!.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else if (c === 'E') escapes = false;
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const e = interpretEscapes(text, true);
    text = e.text;
    if (e.stop) newline = false;
  }
  io.stdout.write(newline ? `${text}\n` : text);
  return done(0);
};

const printf: Builtin = (sh, argv, io) => {
  if (argv.length < 2) {
    sh.error(io, 'printf: usage: printf format [arg ...]');
    return done(2);
  }
  const r = formatPrintf(argv[1]!, argv.slice(2));
  io.stdout.write(r.text);
  for (const b of r.bad) sh.error(io, `printf: invalid number '${b}'`);
  return done(r.bad.length > 0 ? 1 : 0);
};

const test: Builtin = (sh, argv, io) => {
  let args = argv.slice(1);
  const name = argv[0]!;
  if (name === '[') {
    if (args.at(-1) !== ']') {
      sh.error(io, '[: missing ]');
      return done(2);
    }
    args = args.slice(0, -1);
  }
  const isTty = (fd: number): boolean => (fd === 0 ? io.stdin.isTty : fd === 1 ? io.stdout.isTty : fd === 2 ? io.stderr.isTty : false);
  const r = evaluateTest(args, sh.vfs, sh.cwd, sh.proc.uid, isTty);
  if ('error' in r) {
    sh.error(io, `${name}: ${r.error}`);
    return done(2);
  }
  return done(r.status);
};

function* exit(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const n = argv[1] === undefined ? sh.state.lastStatus : /^-?\d+$/.test(argv[1]) ? Number(argv[1]) & 0xff : undefined;
  if (n === undefined) {
    sh.error(io, sh.dialect.illegalNumber('exit', argv[1]!));
    throw new ExitSignal(2);
  }
  throw new ExitSignal(n);
}

function* ret(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  const n = argv[1] === undefined ? sh.state.lastStatus : /^-?\d+$/.test(argv[1]) ? Number(argv[1]) & 0xff : undefined;
  if (n === undefined) {
    sh.error(io, sh.dialect.illegalNumber('return', argv[1]!));
    return 2;
  }
  throw new ReturnSignal(n);
}

function loopControl(kind: 'break' | 'continue'): Builtin {
  return function* (sh, argv, io) {
    const n = count(sh, io, kind, argv[1], 1);
    if (n === undefined || n < 1) return 2;
    throw new BreakSignal(n, kind);
  };
}

const exportBuiltin: Builtin = (sh, argv, io) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    for (const k of sh.state.exportedNames()) io.stdout.write(`export ${k}='${(sh.state.get(k) ?? '').replace(/'/g, `'"'"'`)}'\n`);
    return done(0);
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!isValidName(name)) {
      sh.error(io, `export: ${name}: bad variable name`);
      status = 1;
      continue;
    }
    if (!sh.state.export(name, eq < 0 ? undefined : a.slice(eq + 1))) {
      sh.error(io, `${name}: is read only`);
      status = 1;
    }
  }
  return done(status);
};

const readonlyBuiltin: Builtin = (sh, argv, io) => {
  for (const a of argv.slice(1).filter((x) => x !== '-p')) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!isValidName(name)) {
      sh.error(io, `readonly: ${name}: bad variable name`);
      return done(2);
    }
    sh.state.setReadonly(name, eq < 0 ? undefined : a.slice(eq + 1));
  }
  return done(0);
};

const unset: Builtin = (sh, argv, io) => {
  let fn = false;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-f') fn = true;
    else if (a === '-v') fn = false;
    else if (fn) sh.state.functions.delete(a);
    else if (!sh.state.unset(a)) {
      sh.error(io, `unset: ${a}: is read only`);
      status = 1;
    }
  }
  return done(status);
};

const local: Builtin = (sh, argv, io) => {
  if (sh.state.locals.length === 0) {
    sh.error(io, 'local: not in a function');
    return done(1);
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    sh.state.makeLocal(name);
    if (eq >= 0) sh.state.set(name, a.slice(eq + 1));
  }
  return done(0);
};

const set: Builtin = (sh, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of [...sh.state.vars].sort(([a], [b]) => (a < b ? -1 : 1))) io.stdout.write(`${k}='${v.value.replace(/'/g, `'"'"'`)}'\n`);
    return done(0);
  }
  const o = sh.state.options;
  const named: Record<string, keyof typeof o> = { errexit: 'errexit', xtrace: 'xtrace', nounset: 'nounset', pipefail: 'pipefail', noglob: 'noglob' };
  const letters: Record<string, keyof typeof o> = { e: 'errexit', x: 'xtrace', u: 'nounset', f: 'noglob' };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      sh.state.positional = args.slice(i);
      return done(0);
    }
    if (a === '-o' || a === '+o') {
      const name = args[++i];
      if (name === undefined) {
        for (const [k, v] of Object.entries(named)) io.stdout.write(`${k.padEnd(16)}${o[v] ? 'on' : 'off'}\n`);
        continue;
      }
      const key = own(named, name);
      if (!key) {
        sh.error(io, `set: illegal option -o ${name}`);
        return done(2);
      }
      o[key] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        const key = own(letters, c);
        if (key) o[key] = a[0] === '-';
        else if (!'ivmCbhan'.includes(c)) {
          sh.error(io, `set: illegal option ${a[0]}${c}`);
          return done(2);
        }
      }
      continue;
    }
    break;
  }
  if (i < args.length) sh.state.positional = args.slice(i);
  return done(0);
};

const shift: Builtin = (sh, argv, io) => {
  const n = count(sh, io, 'shift', argv[1], 1);
  if (n === undefined) return done(2);
  if (n > sh.state.positional.length) {
    sh.error(io, `shift: can't shift that many`);
    return done(2);
  }
  sh.state.positional = sh.state.positional.slice(n);
  return done(0);
};

/** The builtins of the simulated shells (ash's set; bash adds `declare`). */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  ':': () => done(0),
  true: () => done(0),
  false: () => done(1),
  echo,
  printf,
  test,
  '[': test,
  exit,
  return: ret,
  break: loopControl('break'),
  continue: loopControl('continue'),
  export: exportBuiltin,
  readonly: readonlyBuiltin,
  unset,
  local,
  declare: exportBuiltin,
  typeset: exportBuiltin,
  set,
  shift,
  eval: evalBuiltin,
  '.': dot,
  source: dot,
  exec: execBuiltin,
  trap,
  wait,
  read,
  type: typeBuiltin,
  command,
  let: letBuiltin,
  cd: cdBuiltin,
  pwd: pwdBuiltin,
  kill: killBuiltin,
  umask: (_sh, argv, io) => done((argv.length === 1 && void io.stdout.write('0022\n')) || 0),
  times: (_sh, _argv, io) => done((io.stdout.write('0m 0.00s 0m 0.00s\n0m 0.00s 0m 0.00s\n'), 0)),
  ulimit: (_sh, _argv, io) => done((io.stdout.write('unlimited\n'), 0)),
  hash: () => done(0),
  jobs: (sh, _argv, io) => {
    sh.state.jobs = sh.state.jobs.filter((j) => j.alive);
    sh.state.jobs.forEach((j, i) => io.stdout.write(`[${i + 1}]${i === sh.state.jobs.length - 1 ? '+' : ' '}  Running                    ${j.argv.join(' ')}\n`));
    return done(0);
  },
};
