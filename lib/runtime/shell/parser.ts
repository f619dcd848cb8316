import { ShellSyntaxError, type Assignment, type Node, type Redirect, type Word } from './ast.js';
import { WordReader, isNameStart, isNameChar, nested, type ReaderHooks } from './words.js';

/** A token: a word, an operator (with the fd written before a redirection), a newline, or the end. */
type Tok =
  | { k: 'word'; word: Word; raw: string; plain: boolean; line: number }
  | { k: 'op'; op: string; fd?: number; line: number }
  | { k: 'nl'; line: number }
  | { k: 'eof'; line: number };

const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);
const LIST_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const OPERATORS = ['<<-', '&&', '||', ';;', '<<', '>>', '<&', '>&', '<>', '>|', ';', '&', '|', '(', ')', '<', '>'];
const REDIRECTIONS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-']);

/**
 * A recursive-descent parser for the POSIX shell grammar subset that ash, dash and bash share:
 * lists, `&&`/`||`, pipelines, redirections and here-documents, subshells, groups, `if`, `while`,
 * `until`, `for`, `case` and functions. Errors are {@link ShellSyntaxError}s naming the token the
 * way ash's `raise_error_unexpected_syntax` does.
 */
export class Parser {
  private peeked: Tok | undefined;
  private readonly pendingHeredocs: Array<{ r: Redirect; delim: string; quoted: boolean; strip: boolean }> = [];
  private readonly reader: WordReader;

  constructor(src: string | WordReader) {
    this.reader = typeof src === 'string' ? new WordReader(src, HOOKS) : src;
  }

  /** Parses a whole script; undefined when it holds no command. */
  parseProgram(): Node | undefined {
    this.skipNewlines();
    if (this.peek().k === 'eof') return undefined;
    const node = this.parseList();
    const t = this.peek();
    if (t.k !== 'eof') throw this.unexpected(t);
    return node;
  }

  /** Parses the list of a `$( … )` and its `)`, leaving the reader just after it. */
  parseNested(): Node {
    this.skipNewlines();
    const t0 = this.peek();
    const body: Node = t0.k === 'op' && t0.op === ')' ? { t: 'list', items: [] } : this.parseList('")"');
    const t = this.next();
    if (!(t.k === 'op' && t.op === ')')) throw this.unexpected(t, '")"');
    return body;
  }

  private lex(): Tok {
    const r = this.reader;
    r.skipBlanks();
    const line = r.line;
    const c = r.peekChar();
    if (c === undefined) return { k: 'eof', line };
    if (c === '\n') {
      r.advance(1);
      this.readHeredocs();
      return { k: 'nl', line };
    }
    for (const op of OPERATORS) if (r.startsWith(op)) return (r.advance(op.length), { k: 'op', op, line });
    const w = r.readWord();
    const after = r.peekChar();
    if (/^\d+$/.test(w.raw) && w.plain && (after === '<' || after === '>')) {
      const op = OPERATORS.find((o) => REDIRECTIONS.has(o) && r.startsWith(o))!;
      r.advance(op.length);
      return { k: 'op', op, fd: Number(w.raw), line };
    }
    return { k: 'word', word: w.word, raw: w.raw, plain: w.plain, line };
  }

  private peek(): Tok {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Tok {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private skipNewlines(): void {
    while (this.peek().k === 'nl') this.next();
  }

  private isKeyword(t: Tok, ...kw: string[]): boolean {
    return t.k === 'word' && t.plain && kw.includes(t.raw);
  }

  private isListEnd(t: Tok): boolean {
    return t.k === 'eof' || (t.k === 'op' && (t.op === ')' || t.op === ';;')) || (t.k === 'word' && t.plain && LIST_END.has(t.raw));
  }

  /** Names a token as ash's `tokname` does. */
  private static tokname(t: Tok): string {
    if (t.k === 'eof') return 'end of file';
    if (t.k === 'nl') return 'newline';
    if (t.k === 'op') return REDIRECTIONS.has(t.op) ? 'redirection' : `"${t.op}"`;
    return t.plain && KEYWORDS.has(t.raw) ? `"${t.raw}"` : 'word';
  }

  private unexpected(t: Tok, expecting?: string): ShellSyntaxError {
    return new ShellSyntaxError('unexpected', Parser.tokname(t), t.line, expecting);
  }

  private expectWord(kw: string): void {
    const t = this.next();
    if (!this.isKeyword(t, kw)) throw this.unexpected(t, `"${kw}"`);
  }

  /** A compound list; `closer` is the keyword that ends it, named when the input ends first. */
  private parseList(closer?: string): Node {
    const items: Array<{ node: Node; bg: boolean }> = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (this.isListEnd(t)) {
        if (items.length === 0) throw this.unexpected(t, t.k === 'eof' ? closer : undefined);
        break;
      }
      const node = this.parseAndOr();
      const sep = this.peek();
      if (sep.k === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        items.push({ node, bg: sep.op === '&' });
      } else if (sep.k === 'nl') {
        this.next();
        items.push({ node, bg: false });
      } else {
        items.push({ node, bg: false });
        break;
      }
      this.skipNewlines();
    }
    return items.length === 1 && !items[0]!.bg ? items[0]!.node : { t: 'list', items };
  }

  private parseAndOr(): Node {
    const first = this.parsePipeline();
    const rest: Array<{ op: '&&' | '||'; node: Node }> = [];
    for (let t = this.peek(); t.k === 'op' && (t.op === '&&' || t.op === '||'); t = this.peek()) {
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, node: this.parsePipeline() });
    }
    return rest.length === 0 ? first : { t: 'andor', first, rest };
  }

  private parsePipeline(): Node {
    let bang = false;
    if (this.isKeyword(this.peek(), '!')) {
      this.next();
      bang = true;
    }
    const cmds = [this.parseCommand()];
    for (let t = this.peek(); t.k === 'op' && t.op === '|'; t = this.peek()) {
      this.next();
      this.skipNewlines();
      cmds.push(this.parseCommand());
    }
    return cmds.length === 1 && !bang ? cmds[0]! : { t: 'pipeline', cmds, bang };
  }

  private parseCommand(): Node {
    return nested(this.reader.line, () => this.parseCommandInner());
  }

  private parseCommandInner(): Node {
    const t = this.peek();
    if (t.k === 'op' && t.op === '(') {
      this.next();
      const body = this.parseList('")"');
      const close = this.next();
      if (!(close.k === 'op' && close.op === ')')) throw this.unexpected(close, '")"');
      return { t: 'subshell', body, redirs: this.parseRedirects() };
    }
    if (t.k === 'word' && t.plain && KEYWORDS.has(t.raw)) {
      switch (t.raw) {
        case 'if': return this.parseIf();
        case 'while': case 'until': return this.parseLoop(t.raw === 'until');
        case 'for': return this.parseFor();
        case 'case': return this.parseCase();
        case '{': {
          this.next();
          const body = this.parseList('"}"');
          this.expectWord('}');
          return { t: 'group', body, redirs: this.parseRedirects() };
        }
        default: throw this.unexpected(t);
      }
    }
    return this.parseSimple();
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t.k === 'op' && REDIRECTIONS.has(t.op); t = this.peek()) out.push(this.parseRedirect());
    return out;
  }

  private parseRedirect(): Redirect {
    const t = this.next() as Extract<Tok, { k: 'op' }>;
    const op = t.op as Redirect['op'];
    const target = this.next();
    if (target.k !== 'word') throw this.unexpected(target);
    const fd = t.fd ?? (op.startsWith('<') && op !== '<>' ? 0 : op === '<>' ? 0 : 1);
    const r: Redirect = { fd, op, target: target.word };
    if (op === '<<' || op === '<<-') {
      this.pendingHeredocs.push({ r, delim: target.raw.replace(/['"\\]/g, ''), quoted: !target.plain, strip: op === '<<-' });
    }
    return r;
  }

  private readHeredocs(): void {
    while (this.pendingHeredocs.length > 0) {
      const h = this.pendingHeredocs.shift()!;
      h.r.heredoc = this.reader.readHeredoc(h.delim, h.quoted, h.strip);
    }
  }

  private parseSimple(): Node {
    const line = this.peek().line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && REDIRECTIONS.has(t.op)) {
        redirs.push(this.parseRedirect());
        continue;
      }
      if (t.k !== 'word') break;
      if (words.length === 0) {
        const a = asAssignment(t.word);
        if (a) {
          this.next();
          assigns.push(a);
          continue;
        }
      }
      this.next();
      words.push(t.word);
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const p = this.peek();
        if (p.k === 'op' && p.op === '(') return this.parseFunction(t);
      }
    }
    if (assigns.length === 0 && words.length === 0 && redirs.length === 0) throw this.unexpected(this.peek());
    return { t: 'simple', assigns, words, redirs, line };
  }

  private parseFunction(nameTok: Extract<Tok, { k: 'word' }>): Node {
    this.next();
    const close = this.next();
    if (!(close.k === 'op' && close.op === ')')) throw this.unexpected(close, '")"');
    if (!nameTok.plain || !isValidName(nameTok.raw)) throw new ShellSyntaxError('bad', 'function name', nameTok.line);
    this.skipNewlines();
    return { t: 'func', name: nameTok.raw, body: this.parseCommand() };
  }

  private parseIf(): Node {
    this.next();
    const clauses: Array<{ cond: Node; body: Node }> = [];
    let otherwise: Node | undefined;
    for (;;) {
      const cond = this.parseList('"then"');
      this.expectWord('then');
      clauses.push({ cond, body: this.parseList('"fi"') });
      const t = this.next();
      if (this.isKeyword(t, 'elif')) continue;
      if (this.isKeyword(t, 'else')) {
        otherwise = this.parseList('"fi"');
        this.expectWord('fi');
        break;
      }
      if (this.isKeyword(t, 'fi')) break;
      throw this.unexpected(t, '"fi"');
    }
    return { t: 'if', clauses, otherwise, redirs: this.parseRedirects() };
  }

  private parseLoop(until: boolean): Node {
    this.next();
    const cond = this.parseList('"do"');
    this.expectWord('do');
    const body = this.parseList('"done"');
    this.expectWord('done');
    return { t: 'loop', until, cond, body, redirs: this.parseRedirects() };
  }

  private parseFor(): Node {
    this.next();
    const nameTok = this.next();
    if (nameTok.k !== 'word' || !nameTok.plain || !isValidName(nameTok.raw)) {
      throw new ShellSyntaxError('bad', 'for loop variable', nameTok.line);
    }
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isKeyword(this.peek(), 'in')) {
      this.next();
      items = [];
      for (let t = this.peek(); t.k === 'word'; t = this.peek()) items.push((this.next() as Extract<Tok, { k: 'word' }>).word);
      const sep = this.next();
      if (!(sep.k === 'nl' || (sep.k === 'op' && sep.op === ';'))) throw this.unexpected(sep, '"do"');
    } else if (this.peek().k === 'op' && (this.peek() as { op: string }).op === ';') this.next();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseList('"done"');
    this.expectWord('done');
    return { t: 'for', name: nameTok.raw, items, body, redirs: this.parseRedirects() };
  }

  private parseCase(): Node {
    this.next();
    const w = this.next();
    if (w.k !== 'word') throw this.unexpected(w, 'word');
    this.skipNewlines();
    this.expectWord('in');
    const arms: Array<{ patterns: Word[]; body?: Node }> = [];
    this.skipNewlines();
    while (!this.isKeyword(this.peek(), 'esac')) {
      let t = this.next();
      if (t.k === 'op' && t.op === '(') t = this.next();
      const patterns: Word[] = [];
      for (;;) {
        if (t.k !== 'word') throw this.unexpected(t, 'word');
        patterns.push(t.word);
        const sep = this.next();
        if (sep.k === 'op' && sep.op === ')') break;
        if (!(sep.k === 'op' && sep.op === '|')) throw this.unexpected(sep, '")"');
        t = this.next();
      }
      this.skipNewlines();
      const p = this.peek();
      const body = (p.k === 'op' && p.op === ';;') || this.isKeyword(p, 'esac') ? undefined : this.parseList('"esac"');
      arms.push({ patterns, body });
      const end = this.peek();
      if (end.k === 'op' && end.op === ';;') {
        this.next();
        this.skipNewlines();
      } else if (!this.isKeyword(end, 'esac')) throw this.unexpected(end, '"esac"');
    }
    this.next();
    return { t: 'case', word: w.word, arms, redirs: this.parseRedirects() };
  }
}

/** Whether `s` is a shell variable name. */
export function isValidName(s: string): boolean {
  if (s === '' || !isNameStart(s[0]!)) return false;
  for (const c of s) if (!isNameChar(c)) return false;
  return true;
}

/** `NAME=value` at the start of a simple command, split into name and value word. */
function asAssignment(word: Word): Assignment | undefined {
  const first = word[0];
  if (!first || first.t !== 'lit' || first.q) return undefined;
  const eq = first.v.indexOf('=');
  if (eq <= 0 || !isValidName(first.v.slice(0, eq))) return undefined;
  const rest = first.v.slice(eq + 1);
  const value: Word = rest === '' ? word.slice(1) : [{ t: 'lit', v: rest, q: false }, ...word.slice(1)];
  return { name: first.v.slice(0, eq), value };
}

const HOOKS: ReaderHooks = {
  nested: (reader) => new Parser(reader).parseNested(),
  sub: (src) => new Parser(src).parseProgram(),
};

/** Parses `src`; throws {@link ShellSyntaxError}. */
export function parseScript(src: string): Node | undefined {
  return new Parser(src).parseProgram();
}
