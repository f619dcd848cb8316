import { ERRNO_TEXT } from './fs/nodes.js';
import type { Process } from './process.js';
import { INTERRUPTED, waitInterruptible, type Program, type ProgramRun, type Wait } from './program.js';
import { ShellSyntaxError } from './shell/ast.js';
import { DIALECTS, expandPrompt, type ShellDialect } from './shell/dialect.js';
import { AbortLine, BreakSignal, ExitSignal, ReturnSignal, Shell, type Io } from './shell/interpreter.js';
import { parseScript } from './shell/parser.js';
import { ShellState } from './shell/state.js';
import { Tty } from './tty.js';

/**
 * The simulated `sh`: `sh -c 'script' [arg0 [args…]]`, `sh script [args…]`, or commands read from
 * stdin — with a prompt and ^C handling when stdin is a terminal (`kubectl exec -it … -- sh`,
 * `kubectl debug -it`). The dialect picks busybox ash, dash or bash wording and prompts.
 */
export function shellProgram(dialectName: ShellDialect['name']): Program {
  const dialect = DIALECTS[dialectName];
  return function* (p): ProgramRun {
    const argv0 = p.argv[0] ?? 'sh';
    const args = p.argv.slice(1);
    const state = ShellState.fromEnv(p.env);
    state.shellPid = p.pid;
    state.arg0 = argv0;
    let command: string | undefined;
    let commandGiven = false;
    let forceInteractive = false;
    let readStdin = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--' || a === '-') {
        i++;
        break;
      }
      if (a === '--login' || a === '-l' || a === '--norc' || a === '--noprofile') continue;
      if (!/^[-+][a-zA-Z]+$/.test(a)) break;
      for (const c of a.slice(1)) {
        const on = a[0] === '-';
        if (c === 'c') commandGiven = true;
        else if (c === 'i') forceInteractive = on;
        else if (c === 's') readStdin = true;
        else if (c === 'e') state.options.errexit = on;
        else if (c === 'x') state.options.xtrace = on;
        else if (c === 'u') state.options.nounset = on;
        else if (c === 'f') state.options.noglob = on;
        else if (!'lmvC'.includes(c)) {
          p.stderr.write(dialect.name === 'bash' ? `${argv0}: -${c}: invalid option\n` : `${argv0}: ${dialect.name === 'dash' ? `0: Illegal option -${c}` : `illegal option -${c}`}\n`);
          return 2;
        }
      }
    }
    const operands = args.slice(i);
    if (commandGiven) {
      command = operands.shift();
      if (command === undefined) {
        p.stderr.write(`${argv0}: -c requires an argument\n`);
        return 2;
      }
      if (operands.length > 0) state.arg0 = operands.shift()!;
    }
    initVariables(state, p, dialect);
    if (command !== undefined) {
      state.positional = operands;
      const sh = new Shell(p, state, { dialect, interactive: forceInteractive, commandMode: true });
      return yield* sh.main(command);
    }
    if (operands.length > 0 && !readStdin) {
      const file = operands[0]!;
      const text = p.vfs.readFile(file, p.cwd);
      if (typeof text !== 'string') {
        const reason = ERRNO_TEXT[text.errno];
        p.stderr.write(dialect.name === 'bash' ? `${argv0}: ${file}: ${reason}\n`
          : dialect.name === 'dash' ? `${argv0}: 0: cannot open ${file}: No such file\n` : `${argv0}: can't open '${file}': ${reason}\n`);
        return dialect.name === 'bash' ? 127 : 2;
      }
      state.arg0 = file;
      state.positional = operands.slice(1);
      const sh = new Shell(p, state, { dialect, interactive: false, commandMode: false, script: file });
      return yield* sh.main(text);
    }
    state.positional = operands;
    const interactive = forceInteractive || p.stdin.isTty;
    const sh = new Shell(p, state, { dialect, interactive, commandMode: false });
    return yield* readLoop(sh, interactive);
  };
}

function initVariables(state: ShellState, p: Process, dialect: ShellDialect): void {
  if (state.get('IFS') === undefined) state.set('IFS', ' \t\n');
  if (state.get('PS1') === undefined) state.set('PS1', dialect.ps1(p.uid));
  if (state.get('PS2') === undefined) state.set('PS2', '> ');
  if (state.get('PS4') === undefined) state.set('PS4', '+ ');
  if (state.get('OPTIND') === undefined) state.set('OPTIND', '1');
  state.set('PPID', String(p.ppid));
  state.export('PWD', p.cwd);
  if (dialect.name !== 'dash') {
    const level = Number(state.get('SHLVL') ?? '0');
    state.export('SHLVL', String(Number.isFinite(level) ? level + 1 : 1));
  }
}

/** Whether a parse failed only because the input stops early (more lines would complete it). */
function incomplete(src: string): boolean {
  try {
    parseScript(src);
    return false;
  } catch (e) {
    return e instanceof ShellSyntaxError && (e.kind === 'unterminated' || e.token === 'end of file') && src.endsWith('\n');
  }
}

/** Reads commands from stdin and runs each as soon as it is complete; prompts when interactive. */
function* readLoop(sh: Shell, interactive: boolean): Generator<Wait, number, unknown> {
  const p = sh.proc;
  const io: Io = sh.baseIo();
  if (interactive) {
    // Interactive shells catch ^C (back to the prompt) and ignore TERM and QUIT, as ash and bash do.
    p.onSignal('INT', () => void (sh.interrupted = true));
    p.onSignal('TERM', 'ignore');
    p.onSignal('QUIT', 'ignore');
    if (p.stdin instanceof Tty) {
      p.stdin.leader = p;
      p.stdin.foreground = [p];
    }
  }
  for (;;) {
    try {
      yield* sh.runTraps(io);
    } catch (e) {
      if (e instanceof ExitSignal) return yield* sh.finish(e.status, io);
      throw e;
    }
    if (interactive) io.stderr.write(prompt(sh, 'PS1'));
    let src = '';
    let eof = false;
    for (;;) {
      const line = yield* waitInterruptible(p.stdin.readLine());
      if (line === INTERRUPTED) {
        if (sh.interrupted) {
          sh.interrupted = false;
          sh.state.lastStatus = 130;
          src = '';
          break;
        }
        continue;
      }
      if (line === null) {
        eof = true;
        break;
      }
      src += line;
      if (!incomplete(src)) break;
      if (interactive) io.stderr.write(prompt(sh, 'PS2'));
    }
    if (src.trim() === '' && eof) {
      if (interactive && sh.dialect.name === 'bash') io.stderr.write('exit\n');
      return yield* sh.finish(sh.state.lastStatus, io);
    }
    if (src.trim() === '') continue;
    try {
      yield* sh.runSource(src, io);
    } catch (e) {
      if (e instanceof ExitSignal) {
        if (interactive && sh.dialect.name === 'bash') io.stderr.write('exit\n');
        return yield* sh.finish(e.status, io);
      }
      if (e instanceof AbortLine) sh.state.lastStatus = 130;
      else if (!(e instanceof BreakSignal || e instanceof ReturnSignal)) throw e;
    }
    if (eof) return yield* sh.finish(sh.state.lastStatus, io);
  }
}

function prompt(sh: Shell, name: 'PS1' | 'PS2'): string {
  const ps = sh.state.get(name) ?? '';
  const p = sh.proc;
  const home = sh.state.get('HOME') ?? '/';
  const user = (() => {
    const passwd = p.vfs.readFile('/etc/passwd');
    if (typeof passwd !== 'string') return String(p.uid);
    return passwd.split('\n').map((l) => l.split(':')).find((f) => f[2] === String(p.uid))?.[0] ?? String(p.uid);
  })();
  return expandPrompt(ps, { user, uid: p.uid, host: p.host.hostname, cwd: sh.state.get('PWD') ?? p.cwd, home, shell: sh.dialect.name === 'bash' ? 'bash' : 'sh' });
}

export { Shell, ShellState };
