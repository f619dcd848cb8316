/** The syntax tree of the POSIX shell subset the simulated `sh` understands. */

/** A piece of a word; `q` marks text that came from quotes (no field splitting, no globbing). */
export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'tilde'; user: string }
  | { t: 'param'; name: string; op?: ParamOp; arg?: Word; arg2?: Word; q: boolean }
  | { t: 'cmd'; body: Node; q: boolean }
  | { t: 'arith'; expr: Word; q: boolean };

/** `${name<op>arg}` operators; `len` is `${#name}`, `sub` is `${name:off:len}`, `repl`/`replAll` are `${name/p/r}`. */
export type ParamOp =
  | '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '%' | '%%' | '#' | '##' | 'len' | 'sub' | 'repl' | 'replAll';

export type Word = WordPart[];

export interface Redirect {
  /** The file descriptor redirected (0 for `<`, 1 for `>` unless written). */
  fd: number;
  op: '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<' | '<<-';
  target: Word;
  /** Here-document body; unquoted delimiters get expansions. */
  heredoc?: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export type Node =
  | { t: 'simple'; assigns: Assignment[]; words: Word[]; redirs: Redirect[]; line: number }
  | { t: 'pipeline'; cmds: Node[]; bang: boolean }
  | { t: 'andor'; first: Node; rest: Array<{ op: '&&' | '||'; node: Node }> }
  | { t: 'list'; items: Array<{ node: Node; bg: boolean }> }
  | { t: 'subshell'; body: Node; redirs: Redirect[] }
  | { t: 'group'; body: Node; redirs: Redirect[] }
  | { t: 'if'; clauses: Array<{ cond: Node; body: Node }>; otherwise?: Node; redirs: Redirect[] }
  | { t: 'loop'; until: boolean; cond: Node; body: Node; redirs: Redirect[] }
  | { t: 'for'; name: string; items?: Word[]; body: Node; redirs: Redirect[] }
  | { t: 'case'; word: Word; arms: Array<{ patterns: Word[]; body?: Node }>; redirs: Redirect[] }
  | { t: 'func'; name: string; body: Node };

/** A syntax error, with the shell-independent facts the dialects turn into their own message. */
export class ShellSyntaxError extends Error {
  constructor(
    /** An `unexpected` token, an `unterminated` quote, or a `bad` construct (`token` then says which). */
    readonly kind: 'unexpected' | 'unterminated' | 'bad',
    /** The token found, as ash names it: `"done"`, `")"`, `end of file`, `newline`, `word`. */
    readonly token: string,
    readonly line: number,
    readonly expecting?: string,
  ) {
    super(`${kind} ${token}`);
  }
}

/** A literal word (for builtins that build commands, and tests). */
export function literalWord(text: string): Word {
  return [{ t: 'lit', v: text, q: true }];
}
