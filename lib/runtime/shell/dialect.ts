import type { ShellSyntaxError } from './ast.js';

/** Where a message comes from, for the `sh: …` prefix each shell prints differently. */
export interface MessageContext {
  /** `$0` of the shell (`sh`, `/bin/sh`, `bash`). */
  readonly arg0: string;
  readonly line: number;
  readonly interactive: boolean;
  /** The script file being run, when not `-c` or interactive. */
  readonly script?: string;
}

/**
 * The differences between the shells images ship: busybox ash (busybox, alpine), dash (`/bin/sh`
 * on Debian and Ubuntu) and bash. Same grammar, different words.
 */
export interface ShellDialect {
  readonly name: 'ash' | 'dash' | 'bash';
  /** The prefix of an error line: ash `sh: `, dash `sh: 1: `, bash `bash: line 1: `. */
  prefix(c: MessageContext): string;
  /** The body for a command that is not found (exit 127). */
  notFound(cmd: string): string;
  /** `cd` failure. */
  cantCd(dir: string, reason: string): string;
  /** Output redirection failure. */
  cantCreate(path: string, reason: string): string;
  /** Input redirection failure. */
  cantOpen(path: string, reason: string): string;
  /** A syntax error as the shell prints it (without prefix). */
  syntax(e: ShellSyntaxError, source: string): string;
  /** `exit foo`. */
  illegalNumber(cmd: string, arg: string): string;
  /** `kill` of a PID that does not exist. */
  noSuchProcess(pid: string): string;
  /** Default PS1 for a user. */
  ps1(uid: number): string;
  /** Whether `echo` interprets backslash escapes without `-e` (dash does). */
  readonly echoEscapesByDefault: boolean;
  /** Exit status of a failed redirection on a command. */
  readonly redirectStatus: number;
}

const ash: ShellDialect = {
  name: 'ash',
  // ash_vmsg: "sh: " and, for scripts only, "script: line N: ".
  prefix: (c) => `${c.arg0}: ${c.script !== undefined ? `${c.script === c.arg0 ? '' : `${c.script}: `}line ${c.line}: ` : ''}`,
  notFound: (cmd) => `${cmd}: not found`,
  cantCd: (dir, reason) => `cd: can't cd to ${dir}: ${reason}`,
  cantCreate: (path, reason) => `can't create ${path}: ${reason === 'No such file or directory' ? 'nonexistent directory' : reason}`,
  cantOpen: (path, reason) => `can't open ${path}: ${reason === 'No such file or directory' ? 'no such file' : reason}`,
  syntax: (e) => {
    if (e.kind === 'unterminated') return 'syntax error: unterminated quoted string';
    if (e.kind === 'bad') return e.token === 'substitution' ? 'syntax error: bad substitution' : `syntax error: bad ${e.token}`;
    return `syntax error: unexpected ${e.token}${e.expecting ? ` (expecting ${e.expecting})` : ''}`;
  },
  illegalNumber: (cmd, arg) => `${cmd}: Illegal number: ${arg}`,
  noSuchProcess: (pid) => `can't kill pid ${pid}: No such process`,
  ps1: (uid) => (uid === 0 ? '\\w # ' : '\\w $ '),
  echoEscapesByDefault: false,
  redirectStatus: 2,
};

const dash: ShellDialect = {
  name: 'dash',
  prefix: (c) => `${c.arg0}: ${c.line}: `,
  notFound: (cmd) => `${cmd}: not found`,
  cantCd: (dir) => `cd: can't cd to ${dir}`,
  cantCreate: (path, reason) => `cannot create ${path}: ${reason === 'No such file or directory' ? 'Directory nonexistent' : reason}`,
  cantOpen: (path, reason) => `cannot open ${path}: ${reason === 'No such file or directory' ? 'No such file' : reason}`,
  syntax: (e) => {
    if (e.kind === 'unterminated') return 'Syntax error: Unterminated quoted string';
    if (e.kind === 'bad') return e.token === 'substitution' ? 'Bad substitution' : `Syntax error: Bad ${e.token}`;
    return `Syntax error: ${e.token} unexpected${e.expecting ? ` (expecting ${e.expecting})` : ''}`;
  },
  illegalNumber: (cmd, arg) => `${cmd}: Illegal number: ${arg}`,
  noSuchProcess: () => 'kill: No such process',
  ps1: (uid) => (uid === 0 ? '# ' : '$ '),
  echoEscapesByDefault: true,
  redirectStatus: 2,
};

const bash: ShellDialect = {
  name: 'bash',
  // bash names itself by the base name of argv[0] (`/bin/bash` prints `bash: …`)
  prefix: (c) => `${c.arg0.slice(c.arg0.lastIndexOf('/') + 1)}: ${c.interactive ? '' : `${c.script !== undefined ? `${c.script}: ` : ''}line ${c.line}: `}`,
  notFound: (cmd) => (cmd.includes('/') ? `${cmd}: No such file or directory` : `${cmd}: command not found`),
  cantCd: (dir, reason) => `cd: ${dir}: ${reason}`,
  cantCreate: (path, reason) => `${path}: ${reason}`,
  cantOpen: (path, reason) => `${path}: ${reason}`,
  syntax: (e) => {
    if (e.kind === 'unterminated') return "unexpected EOF while looking for matching `\"'";
    if (e.kind === 'bad') return `${e.token}: bad substitution`;
    if (e.token === 'end of file') return 'syntax error: unexpected end of file';
    const tok = e.token.startsWith('"') ? e.token.slice(1, -1) : e.token;
    return `syntax error near unexpected token \`${tok}'`;
  },
  illegalNumber: (cmd, arg) => `${cmd}: ${arg}: numeric argument required`,
  noSuchProcess: (pid) => `kill: (${pid}) - No such process`,
  // Debian's and Ubuntu's /etc/bash.bashrc set this PS1 for interactive shells.
  ps1: () => '\\u@\\h:\\w\\$ ',
  echoEscapesByDefault: false,
  redirectStatus: 1,
};

/** The dialect of a shell by name. */
export const DIALECTS: Readonly<Record<ShellDialect['name'], ShellDialect>> = { ash, dash, bash };

/** Expands a prompt string's backslash escapes (`\w`, `\u`, `\h`, `\$` …). */
export function expandPrompt(ps: string, env: { user: string; uid: number; host: string; cwd: string; home: string; shell: string }): string {
  return ps.replace(/\\([wWuhH$sv\\n])/g, (_m, c: string) => {
    switch (c) {
      case 'w':
        return env.home !== '/' && (env.cwd === env.home || env.cwd.startsWith(`${env.home}/`)) ? `~${env.cwd.slice(env.home.length)}` : env.cwd;
      case 'W':
        return env.cwd === '/' ? '/' : env.cwd === env.home ? '~' : env.cwd.slice(env.cwd.lastIndexOf('/') + 1);
      case 'u': return env.user;
      case 'h': return env.host.split('.')[0] ?? env.host;
      case 'H': return env.host;
      case '$': return env.uid === 0 ? '#' : '$';
      case 's': return env.shell;
      case 'v': return '5.2';
      case 'n': return '\n';
      default: return '\\';
    }
  });
}
