import { own } from '../own.js';
import type { Process } from '../process.js';
import { FOREVER, waitFor, type Wait } from '../program.js';
import { signalNumber, type SignalName } from '../signals.js';
import type { InputStream, OutputStream } from '../streams.js';
import { ShellSyntaxError, type Node, type Redirect } from './ast.js';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins.js';
import type { MessageContext, ShellDialect } from './dialect.js';
import { Expander, ExpansionError, type ExpandHost } from './expand.js';
import { matchPattern } from './pattern.js';
import { parseScript } from './parser.js';
import { forkSubshell, runBackground, runExternal, runPipeline, substitute, throttle, waitForeground } from './jobs.js';
import { openRedirects } from './redirect.js';
import type { ShellState } from './state.js';

/** The three streams a command runs with. */
export interface Io {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** How a shell was started. */
export interface ShellConfig {
  readonly dialect: ShellDialect;
  readonly interactive: boolean;
  /** `sh -c` or a subshell: the last simple command may replace the shell (exec without fork). */
  readonly commandMode: boolean;
  /** The script file run, for messages. */
  readonly script?: string;
}

/** Control flow that unwinds the interpreter's generators. */
export class BreakSignal {
  constructor(readonly n: number, readonly kind: 'break' | 'continue') {}
}
export class ReturnSignal {
  constructor(readonly status: number) {}
}
export class ExitSignal {
  constructor(readonly status: number) {}
}
/** ^C in an interactive shell: abandon the command line, back to the prompt. */
export class AbortLine {}

type Gen<T> = Generator<Wait, T, unknown>;

const MAX_FUNCTION_DEPTH = 300;


/**
 * The simulated `sh`: runs syntax trees in a {@link Process}, on its clock. External commands are
 * child processes found through PATH in the container file system; builtins, functions, control
 * structures, pipelines, subshells, background jobs, traps and `set -e/-x/-u` are the shell's own.
 */
export class Shell implements ExpandHost {
  readonly expander: Expander;
  line = 1;
  /** Depth of function calls (no exec in place inside a function). */
  functionDepth = 0;
  private errexitOff = 0;
  private readonly pendingTraps: SignalName[] = [];
  /** Set by SIGINT in an interactive shell. */
  interrupted = false;

  constructor(readonly proc: Process, readonly state: ShellState, readonly config: ShellConfig) {
    this.expander = new Expander(this);
  }

  get vfs(): Process['vfs'] {
    return this.proc.vfs;
  }

  get cwd(): string {
    return this.proc.cwd;
  }

  get dialect(): ShellDialect {
    return this.config.dialect;
  }

  /** The streams of the shell process itself. */
  baseIo(): Io {
    return { stdin: this.proc.stdin, stdout: this.proc.stdout, stderr: this.proc.stderr };
  }

  /** Writes `sh: msg` (with the dialect's prefix) to `io.stderr`. */
  error(io: Io, msg: string): void {
    const c: MessageContext = { arg0: this.state.arg0, line: this.line, interactive: this.config.interactive, script: this.config.script };
    io.stderr.write(`${this.dialect.prefix(c)}${msg}\n`);
  }

  flags(): string {
    const o = this.state.options;
    return `${o.errexit ? 'e' : ''}${this.config.interactive ? 'i' : ''}${o.nounset ? 'u' : ''}${o.xtrace ? 'x' : ''}${this.config.commandMode && !this.config.interactive ? 'c' : ''}`;
  }

  homeOf(user: string): string | undefined {
    const passwd = this.vfs.readFile('/etc/passwd');
    if (typeof passwd !== 'string') return undefined;
    for (const l of passwd.split('\n')) {
      const f = l.split(':');
      if (f[0] === user) return f[5];
    }
    return undefined;
  }

  /** Parses and runs a script; a syntax error prints and gives status 2. */
  *runSource(src: string, io: Io, tail = false): Gen<number> {
    let node: Node | undefined;
    try {
      node = parseScript(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.line = e.line;
      this.error(io, this.dialect.syntax(e, src));
      this.state.lastStatus = 2;
      if (!this.config.interactive) throw new ExitSignal(2);
      return 2;
    }
    if (!node) return this.state.lastStatus = 0;
    return yield* this.run(node, io, tail);
  }

  /** Runs a node, records `$?`, then runs the actions of signals trapped meanwhile (ash's `dotrap`). */
  *run(node: Node, io: Io, tail = false): Gen<number> {
    const status = yield* this.exec(node, io, tail);
    this.state.lastStatus = status;
    if (this.pendingTraps.length > 0) yield* this.runTraps(io);
    return status;
  }

  private *exec(node: Node, io: Io, tail: boolean): Gen<number> {
    switch (node.t) {
      case 'simple': return this.checkErrexit(yield* this.runSimple(node, io, tail));
      case 'pipeline': {
        const s = yield* runPipeline(this, node.cmds, io);
        return node.bang ? (s === 0 ? 1 : 0) : this.checkErrexit(s);
      }
      case 'andor': {
        this.errexitOff++;
        let status: number;
        try {
          status = yield* this.run(node.first, io);
        } finally {
          this.errexitOff--;
        }
        for (const [i, { op, node: n }] of node.rest.entries()) {
          if ((op === '&&') !== (status === 0)) continue;
          const last = i === node.rest.length - 1;
          if (!last) this.errexitOff++;
          try {
            status = yield* this.run(n, io, tail && last);
          } finally {
            if (!last) this.errexitOff--;
          }
        }
        return status;
      }
      case 'list': {
        let status = 0;
        for (const [i, item] of node.items.entries()) {
          const last = i === node.items.length - 1;
          if (item.bg) {
            yield* throttle(this);
            status = runBackground(this, item.node, io);
          }
          else status = yield* this.run(item.node, io, tail && last && this.pendingTraps.length === 0);
        }
        return status;
      }
      case 'subshell': {
        const rio = yield* this.redirect(node.redirs, io);
        if ('status' in rio) return rio.status;
        yield* throttle(this);
        const child = forkSubshell(this, node.body, rio, true);
        if (!child) return 2;
        return this.checkErrexit(yield* waitForeground(this, [child], rio));
      }
      case 'group': {
        const rio = yield* this.redirect(node.redirs, io);
        if ('status' in rio) return rio.status;
        return yield* this.run(node.body, rio, tail && node.redirs.length === 0);
      }
      case 'if': {
        const rio = yield* this.redirect(node.redirs, io);
        if ('status' in rio) return rio.status;
        for (const c of node.clauses) {
          if ((yield* this.condition(c.cond, rio)) === 0) return yield* this.run(c.body, rio, tail);
        }
        return node.otherwise ? yield* this.run(node.otherwise, rio, tail) : 0;
      }
      case 'loop': {
        const rio = yield* this.redirect(node.redirs, io);
        if ('status' in rio) return rio.status;
        let status = 0;
        for (;;) {
          const tick = this.proc.cpuTick();
          if (tick) yield tick;
          const c = yield* this.condition(node.cond, rio);
          if (node.until ? c === 0 : c !== 0) break;
          const r = yield* this.loopBody(node.body, rio);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'for': {
        const rio = yield* this.redirect(node.redirs, io);
        if ('status' in rio) return rio.status;
        const items = node.items ? yield* this.expander.fields(node.items) : [...this.state.positional];
        let status = 0;
        for (const v of items) {
          const tick = this.proc.cpuTick();
          if (tick) yield tick;
          if (!this.state.set(node.name, v)) {
            this.error(rio, `${node.name}: is read only`);
            return 2;
          }
          const r = yield* this.loopBody(node.body, rio);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'case': {
        const rio = yield* this.redirect(node.redirs, io);
        if ('status' in rio) return rio.status;
        const word = yield* this.expander.string(node.word);
        for (const arm of node.arms) {
          for (const p of arm.patterns) {
            if (matchPattern(yield* this.expander.pattern(p), word)) return arm.body ? yield* this.run(arm.body, rio, tail) : 0;
          }
        }
        return 0;
      }
      case 'func':
        this.state.functions.set(node.name, node.body);
        return 0;
    }
  }

  private *condition(node: Node, io: Io): Gen<number> {
    this.errexitOff++;
    try {
      return yield* this.run(node, io);
    } finally {
      this.errexitOff--;
    }
  }

  private *loopBody(body: Node, io: Io): Gen<{ status: number; stop: boolean }> {
    try {
      return { status: yield* this.run(body, io), stop: false };
    } catch (e) {
      if (!(e instanceof BreakSignal)) throw e;
      if (e.n > 1) throw new BreakSignal(e.n - 1, e.kind);
      return { status: 0, stop: e.kind === 'break' };
    }
  }

  private checkErrexit(status: number): number {
    if (status !== 0 && this.state.options.errexit && this.errexitOff === 0) throw new ExitSignal(status);
    return status;
  }

  /** Opens a command's redirections on top of `io`; prints and returns a status when one fails. */
  *redirect(redirs: readonly Redirect[], io: Io): Gen<Io | { status: number }> {
    if (redirs.length === 0) return io;
    return yield* openRedirects(this, redirs, io);
  }

  private *runSimple(node: Extract<Node, { t: 'simple' }>, io: Io, tail: boolean): Gen<number> {
    this.line = node.line;
    const tick = this.proc.cpuTick();
    if (tick) yield tick;
    let argv: string[];
    const assigns: Array<[string, string]> = [];
    this.lastSubstitution = undefined;
    try {
      argv = yield* this.expander.fields(node.words);
      for (const a of node.assigns) assigns.push([a.name, yield* this.expander.string(a.value)]);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      this.error(io, e.message);
      if (!this.config.interactive) throw new ExitSignal(2);
      return 1;
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) {
        if (!this.state.set(k, v)) {
          this.error(io, `${k}: is read only`);
          if (!this.config.interactive) throw new ExitSignal(2);
          return 1;
        }
      }
      const rio = yield* this.redirect(node.redirs, io);
      if ('status' in rio) return rio.status;
      return this.lastSubstitution ?? 0;
    }
    if (this.state.options.xtrace) io.stderr.write(`+ ${[...assigns.map(([k, v]) => `${k}=${quoteTrace(v)}`), ...argv.map(quoteTrace)].join(' ')}\n`);
    const name = argv[0]!;
    if (name === 'exec' && argv.length === 1) {
      const rio = yield* this.redirect(node.redirs, io);
      if ('status' in rio) return rio.status;
      Object.assign(io, rio);
      this.proc.stdin = rio.stdin;
      this.proc.stdout = rio.stdout;
      this.proc.stderr = rio.stderr;
      return 0;
    }
    const rio = yield* this.redirect(node.redirs, io);
    if ('status' in rio) return rio.status;
    const fn = this.state.functions.get(name);
    if (fn && !SPECIAL_BUILTINS.has(name)) return yield* this.callFunction(fn, argv, rio, assigns);
    const builtin = own(BUILTINS, name);
    if (builtin && !(this.dialect.name !== 'bash' && BASH_ONLY.has(name))) {
      const saved = SPECIAL_BUILTINS.has(name) ? [] : assigns.map(([k]) => [k, this.state.get(k)] as const);
      for (const [k, v] of assigns) this.state.set(k, v);
      try {
        return yield* builtin(this, argv, rio);
      } finally {
        for (const [k, v] of saved) {
          if (v === undefined) this.state.unset(k);
          else this.state.set(k, v);
        }
      }
    }
    return yield* runExternal(this, argv, new Map(assigns), rio, tail);
  }

  /** The status of the last command substitution in the current command. */
  lastSubstitution: number | undefined;


  /** Runs a whole script (file or `-c`) and its EXIT trap; returns the exit status. */
  *main(src: string): Gen<number> {
    const io = this.baseIo();
    let status: number;
    try {
      status = yield* this.runSource(src, io, this.config.commandMode);
    } catch (e) {
      status = this.unwind(e);
    }
    return yield* this.finish(status, io);
  }

  /** Turns control flow that escaped to the top into a status (or rethrows a real error). */
  unwind(e: unknown): number {
    if (e instanceof ExitSignal) return e.status;
    if (e instanceof ReturnSignal) return e.status;
    if (e instanceof BreakSignal) return 0;
    if (e instanceof AbortLine) return 130;
    throw e;
  }

  /** Runs the EXIT trap once and returns the final status. */
  *finish(status: number, io: Io): Gen<number> {
    const action = this.state.traps.get('EXIT');
    if (action === undefined || action === '') return status;
    this.state.traps.delete('EXIT');
    this.state.lastStatus = status;
    try {
      yield* this.runSource(action, io);
    } catch (e) {
      return this.unwind(e);
    }
    return status;
  }

  private *callFunction(body: Node, argv: string[], io: Io, assigns: Array<[string, string]>): Gen<number> {
    if (this.functionDepth >= MAX_FUNCTION_DEPTH) {
      // ash has no limit: deep recursion overflows its stack
      this.proc.signal('SEGV');
      return yield* waitFor(FOREVER);
    }
    const savedPositional = this.state.positional;
    this.state.positional = argv.slice(1);
    this.state.locals.push(new Map());
    for (const [k, v] of assigns) {
      this.state.makeLocal(k);
      this.state.set(k, v, true);
    }
    this.functionDepth++;
    try {
      return yield* this.run(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.functionDepth--;
      this.state.popLocals();
      this.state.positional = savedPositional;
    }
  }


  /** Forks a subshell running `node` (see {@link forkSubshell}). */
  subshell(node: Node, io: Io, tail: boolean): Process | undefined {
    return forkSubshell(this, node, io, tail);
  }

  /** `$( … )`: runs `body` in a subshell and collects its output. */
  *commandSubstitution(body: Node): Gen<string> {
    return yield* substitute(this, body);
  }

  /** Remembers a trapped signal; its action runs at the next command boundary. */
  trapSignal(sig: SignalName): void {
    if (!this.pendingTraps.includes(sig)) this.pendingTraps.push(sig);
  }

  /** The signal that interrupted a wait, for the `wait`/`read` status (128 + n). */
  get lastTrapped(): SignalName | undefined {
    return this.pendingTraps[0];
  }

  /** Runs the actions of signals trapped since the last command. */
  *runTraps(io: Io): Gen<void> {
    while (this.pendingTraps.length > 0) {
      const sig = this.pendingTraps.shift()!;
      const action = this.state.traps.get(sig);
      if (!action) continue;
      const saved = this.state.lastStatus;
      yield* this.runSource(action, io);
      this.state.lastStatus = saved;
    }
  }

  /** Exit status for a wait cut short by a trapped signal. */
  interruptedStatus(): number {
    const sig = this.lastTrapped;
    return sig ? 128 + signalNumber(sig) : 130;
  }
}

const BASH_ONLY = new Set(['declare', 'typeset']);

/** Quotes a word for `set -x` output the way ash does: only when needed, with single quotes. */
function quoteTrace(s: string): string {
  return s !== '' && /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}
