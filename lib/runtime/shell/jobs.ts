import { findExecutable, fork, programFor, spawn } from '../exec.js';
import type { Process } from '../process.js';
import { waitFor, type Wait } from '../program.js';
import type { SignalName } from '../signals.js';
import { NULL_INPUT, Pipe, StringOutput } from '../streams.js';
import { Tty } from '../tty.js';
import type { Node } from './ast.js';
import { AbortLine, ExitSignal, Shell, type Io, type ShellConfig } from './interpreter.js';

/**
 * What the shell does with processes: external commands (found through PATH, or exec'd in place
 * as ash does for the last command of `sh -c`), pipelines, background jobs, subshells, command
 * substitution and waiting for the foreground.
 */

type Gen<T> = Generator<Wait, T, unknown>;

const SIGNAL_TEXT: Partial<Record<SignalName, string>> = {
  KILL: 'Killed', TERM: 'Terminated', HUP: 'Hangup', SEGV: 'Segmentation fault', QUIT: 'Quit', ABRT: 'Aborted', USR1: 'User defined signal 1', USR2: 'User defined signal 2', ALRM: 'Alarm clock',
};

/** Runs an external command: exec in place when it ends `sh -c`, else a child in the foreground. */
export function* runExternal(sh: Shell, argv: string[], assigns: Map<string, string>, io: Io, tail: boolean): Gen<number> {
  const env = sh.state.environment(assigns);
  if (tail && canExecInPlace(sh)) {
    const exe = findExecutable(sh.vfs, argv[0]!, env.get('PATH'), sh.cwd);
    const prog = 'errno' in exe ? exe : programFor(sh.vfs, exe, argv);
    if (!('errno' in prog)) {
      sh.proc.env.clear();
      for (const [k, v] of env) sh.proc.env.set(k, v);
      Object.assign(sh.proc, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
      throw new ExitSignal(yield* sh.proc.execve(prog.argv, prog.program));
    }
  }
  yield* throttle(sh);
  const child = spawn(sh.proc, argv, { env, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
  if ('errno' in child) {
    if (child.errno === 'ENOEXEC') {
      const script = scriptChild(sh, argv, io);
      return script ? yield* waitForeground(sh, [script], io) : 2;
    }
    if (child.errno === 'EAGAIN') {
      sh.error(io, "can't fork: Resource temporarily unavailable");
      return 2;
    }
    if (child.errno === 'EACCES') {
      sh.error(io, `${argv[0]}: Permission denied`);
      return 126;
    }
    sh.error(io, sh.dialect.notFound(argv[0]!));
    return 127;
  }
  return yield* waitForeground(sh, [child], io);
}

function canExecInPlace(sh: Shell): boolean {
  if (!sh.config.commandMode || sh.config.interactive || sh.functionDepth > 0) return false;
  for (const v of sh.state.traps.values()) if (v !== '') return false;
  return true;
}

/** A file without `#!` that execve refused: ash runs it as a shell script in a subshell. */
function scriptChild(sh: Shell, argv: string[], io: Io): Process | undefined {
  const text = sh.vfs.readFile(argv[0]!, sh.cwd);
  const state = sh.state.clone();
  state.arg0 = argv[0]!;
  state.positional = argv.slice(1);
  const config = { ...sh.config, interactive: false, commandMode: false, script: argv[0] };
  const child = fork(sh.proc, argv, function* (p): Generator<Wait, number, unknown> {
    const sh = new Shell(p, state, config);
    return yield* sh.main(typeof text === 'string' ? text : '');
  }, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr });
  if (!('errno' in child)) return child;
  sh.error(io, "can't fork: Resource temporarily unavailable");
  return undefined;
}

/** Runs a pipeline: each stage a forked subshell, joined by pipes; the status is the last stage's. */
export function* runPipeline(sh: Shell, cmds: readonly Node[], io: Io): Gen<number> {
  const children: Process[] = [];
  let input = io.stdin;
  for (const [i, cmd] of cmds.entries()) {
    const last = i === cmds.length - 1;
    const pipe = last ? undefined : new Pipe();
    let self: Process | undefined;
    yield* throttle(sh);
    const stdout = pipe ? pipe.writerEnd(() => self) : io.stdout;
    self = forkSubshell(sh, cmd, { stdin: input, stdout, stderr: io.stderr }, true);
    if (!self) {
      for (const c of children) c.signal('PIPE');
      return 2;
    }
    if (pipe) self.onExit(() => pipe.close());
    if (input instanceof Pipe) {
      const reading = input;
      self.onExit(() => reading.closeReader());
    }
    children.push(self);
    if (pipe) input = pipe;
  }
  const statuses: number[] = [];
  const last = yield* waitForeground(sh, children, io, statuses);
  if (sh.state.options.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
  return last;
}

/** Starts `node` as a background job (`&`); stdin is /dev/null unless the shell is interactive. */
export function runBackground(sh: Shell, node: Node, io: Io): number {
  const stdin = sh.config.interactive ? io.stdin : NULL_INPUT;
  const child = forkSubshell(sh, node, { stdin, stdout: io.stdout, stderr: io.stderr }, true);
  if (!child) return 2;
  sh.state.jobs.push(child);
  sh.state.lastBackground = child.pid;
  if (sh.config.interactive && sh.proc.stdin.isTty) io.stderr.write(`[${sh.state.jobs.length}] ${child.pid}\n`);
  return 0;
}

/**
 * Forks a subshell process running `node` (argv as the shell's own, as `ps` shows it); undefined
 * (after ash's `can't fork` message) when the PID namespace is full.
 */
export function forkSubshell(sh: Shell, node: Node, io: Io, tail: boolean): Process | undefined {
  const state = sh.state.clone();
  const config: ShellConfig = { ...sh.config, interactive: false, commandMode: true };
  const line = sh.line;
  const child = fork(sh.proc, sh.proc.argv, function* (p): Generator<Wait, number, unknown> {
    const sh = new Shell(p, state, config);
    sh.line = line;
    let status: number;
    try {
      status = yield* sh.run(node, sh.baseIo(), tail);
    } catch (e) {
      status = sh.unwind(e);
    }
    return yield* sh.finish(status, sh.baseIo());
  }, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, env: sh.proc.env, cwd: sh.proc.cwd });
  if ('errno' in child) {
    sh.error(io, "can't fork: Resource temporarily unavailable");
    return undefined;
  }
  return child;
}

/** `$( … )`: runs `body` in a subshell and collects its output. */
export function* substitute(sh: Shell, body: Node): Gen<string> {
  yield* throttle(sh);
  const out = new StringOutput();
  const child = forkSubshell(sh, body, { stdin: sh.proc.stdin, stdout: out, stderr: sh.proc.stderr }, true);
  if (!child) {
    sh.lastSubstitution = 2;
    return '';
  }
  const st = yield* waitFor(child.exited());
  sh.lastSubstitution = st.code;
  sh.state.lastStatus = st.code;
  return out.text;
}

/**
 * Waits for foreground children. In an interactive shell they get the terminal's ^C; a child that
 * died of SIGINT abandons the command line, and other fatal signals are reported as ash does.
 */
export function* waitForeground(sh: Shell, children: Process[], io: Io, statuses: number[] = []): Gen<number> {
  const tty = sh.config.interactive && sh.proc.stdin instanceof Tty ? sh.proc.stdin : undefined;
  if (tty) tty.foreground = [sh.proc, ...children]; // the shell first: it notes ^C before a child dies of it
  let last = 0;
  let killedBy: SignalName | undefined;
  try {
    for (const c of children) {
      const st = yield* waitFor(c.exited());
      statuses.push(st.code);
      last = st.code;
      killedBy = st.signal;
    }
  } finally {
    if (tty) tty.foreground = [sh.proc];
  }
  if (sh.config.interactive && killedBy) {
    if (killedBy === 'INT') {
      sh.interrupted = false;
      throw new AbortLine();
    }
    const text = SIGNAL_TEXT[killedBy];
    if (text && killedBy !== 'PIPE') io.stderr.write(`${text}\n`);
  }
  return last;
}

/** Waits before a fork when the namespace is forking faster than a real system would. */
export function* throttle(sh: Shell): Gen<void> {
  const w = sh.proc.throttleFork();
  if (w) yield w;
}
