import type { Process } from '../process.js';
import type { SignalName } from '../signals.js';
import type { Node } from './ast.js';

interface Variable {
  value: string;
  exported: boolean;
  readonly: boolean;
}

/** Shell options set by `set -e`, `set -x`, `set -u`, `set -o pipefail`. */
export interface ShellOptions {
  errexit: boolean;
  xtrace: boolean;
  nounset: boolean;
  pipefail: boolean;
  noglob: boolean;
}

/**
 * Everything a shell remembers between commands: variables (with export and readonly flags, in
 * creation order, which is the order `env` prints), functions, positional parameters, `$?`, `$!`,
 * options, traps and background jobs. A subshell gets a copy.
 */
export class ShellState {
  readonly vars = new Map<string, Variable>();
  readonly functions = new Map<string, Node>();
  positional: string[] = [];
  arg0 = 'sh';
  lastStatus = 0;
  lastBackground: number | undefined;
  /** `$$`: the PID of the top-level shell, also inside subshells. */
  shellPid = 0;
  options: ShellOptions = { errexit: false, xtrace: false, nounset: false, pipefail: false, noglob: false };
  /** Trap actions by signal, `EXIT` for the exit trap; '' means ignore. */
  readonly traps = new Map<SignalName | 'EXIT', string>();
  jobs: Process[] = [];
  /** Saved values of `local` variables, one frame per function call. */
  readonly locals: Array<Map<string, Variable | undefined>> = [];

  /** Imports a process environment: every variable is exported. */
  static fromEnv(env: ReadonlyMap<string, string>): ShellState {
    const s = new ShellState();
    for (const [k, v] of env) s.vars.set(k, { value: v, exported: true, readonly: false });
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /** Sets a variable; false when it is readonly. */
  set(name: string, value: string, exported?: boolean): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    if (v) {
      v.value = value;
      if (exported !== undefined) v.exported = exported || v.exported;
    } else this.vars.set(name, { value, exported: exported ?? false, readonly: false });
    return true;
  }

  export(name: string, value?: string): boolean {
    const v = this.vars.get(name);
    if (value !== undefined) {
      if (!this.set(name, value, true)) return false;
    } else if (v) v.exported = true;
    else this.vars.set(name, { value: '', exported: true, readonly: false });
    if (value === undefined && !v) {
      // `export X` of an unset variable marks it but keeps it unset for `env`
      this.vars.get(name)!.exported = true;
    }
    return true;
  }

  setReadonly(name: string, value?: string): void {
    if (value !== undefined) this.set(name, value);
    const v = this.vars.get(name) ?? { value: '', exported: false, readonly: false };
    v.readonly = true;
    this.vars.set(name, v);
  }

  isReadonly(name: string): boolean {
    return this.vars.get(name)?.readonly === true;
  }

  unset(name: string): boolean {
    if (this.vars.get(name)?.readonly) return false;
    this.vars.delete(name);
    return true;
  }

  /** Makes `name` local to the current function call. */
  makeLocal(name: string): void {
    const frame = this.locals.at(-1);
    if (!frame || frame.has(name)) return;
    const v = this.vars.get(name);
    frame.set(name, v ? { ...v } : undefined);
  }

  /** Restores the variables a returning function made local. */
  popLocals(): void {
    const frame = this.locals.pop();
    if (!frame) return;
    for (const [name, saved] of frame) {
      if (saved) this.vars.set(name, saved);
      else this.vars.delete(name);
    }
  }

  /** The environment a command gets: exported variables, in order. */
  environment(extra: ReadonlyMap<string, string> = new Map()): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported) env.set(k, v.value);
    for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  /** Exported variable names (for `export -p`). */
  exportedNames(): string[] {
    return [...this.vars].filter(([, v]) => v.exported).map(([k]) => k);
  }

  /** A copy for a subshell: traps other than ignored ones are reset (POSIX), jobs are not inherited. */
  clone(): ShellState {
    const s = new ShellState();
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    for (const [k, v] of this.functions) s.functions.set(k, v);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.lastStatus = this.lastStatus;
    s.lastBackground = this.lastBackground;
    s.shellPid = this.shellPid;
    s.options = { ...this.options };
    for (const [k, v] of this.traps) if (v === '') s.traps.set(k, v);
    return s;
  }
}
