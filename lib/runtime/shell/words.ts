import { ShellSyntaxError, type Node, type ParamOp, type Word, type WordPart } from './ast.js';

const META = ' \t\n;&|()<>';

/** Nesting of commands and expansions while parsing, bounded so garbage cannot exhaust the stack. */
let nesting = 0;
const MAX_NESTING = 200;

/** Runs `fn` one nesting level deeper; a syntax error (`bad nesting`) past the bound. */
export function nested<T>(line: number, fn: () => T): T {
  if (nesting >= MAX_NESTING) throw new ShellSyntaxError('bad', 'nesting', line);
  nesting++;
  try {
    return fn();
  } finally {
    nesting--;
  }
}
const SPECIAL_PARAMS = '@*#?$!-0123456789';

/** Whether `c` may start a variable name. */
export function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

/** Whether `c` may continue a variable name. */
export function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

function pushLit(parts: WordPart[], v: string, q: boolean): void {
  const last = parts.at(-1);
  if (last && last.t === 'lit' && last.q === q) last.v += v;
  else parts.push({ t: 'lit', v, q });
}

/** How the word reader parses the commands inside `$(…)` (from its own position) and backquotes. */
export interface ReaderHooks {
  nested(reader: WordReader): Node;
  sub(src: string): Node | undefined;
}

/**
 * Reads words of shell source: quoting (`'…'`, `"…"`, backslash), parameter expansion (`$x`,
 * `${x:-y}` and friends), command substitution (`$(…)`, backquotes), arithmetic (`$((…))`), tilde
 * and here-document bodies. `$(…)` is handed to a parser reading from the same position.
 */
export class WordReader {
  pos = 0;
  line = 1;

  constructor(
    private readonly src: string,
    private readonly hooks: ReaderHooks,
  ) {}

  peekChar(): string | undefined {
    return this.src[this.pos];
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  advance(n: number): void {
    for (let i = 0; i < n; i++) if (this.src[this.pos++] === '\n') this.line++;
  }

  /** Skips blanks, line continuations and a comment (up to, not including, the newline). */
  skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.advance(2);
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** Reads one word; `plain` is true when it has no quoting and no expansion at all. */
  readWord(stop = META, quotedLiterals = false): { word: Word; raw: string; plain: boolean } {
    const start = this.pos;
    const parts: WordPart[] = [];
    let plain = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || stop.includes(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        plain = false;
        if (n === '\n') {
          this.advance(2);
          continue;
        }
        if (n === undefined) {
          pushLit(parts, '\\', true);
          this.pos++;
          continue;
        }
        pushLit(parts, n, true);
        this.advance(2);
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated', 'quoted string', this.line);
        pushLit(parts, this.src.slice(this.pos + 1, end), true);
        if (end === this.pos + 1) parts.push({ t: 'lit', v: '', q: true });
        this.advance(end + 1 - this.pos);
        plain = false;
      } else if (c === '"') {
        this.readDouble(parts);
        plain = false;
      } else if (c === '$' && this.readDollar(parts, quotedLiterals)) {
        plain = false;
      } else if (c === '`') {
        this.readBackquote(parts, quotedLiterals);
        plain = false;
      } else if (c === '~' && this.pos === start && stop === META) {
        let end = this.pos + 1;
        while (end < this.src.length && /[A-Za-z0-9._-]/.test(this.src[end]!)) end++;
        const after = this.src[end];
        if (after === undefined || after === '/' || stop.includes(after)) {
          parts.push({ t: 'tilde', user: this.src.slice(this.pos + 1, end) });
          this.advance(end - this.pos);
          plain = false;
        } else {
          pushLit(parts, c, quotedLiterals);
          this.pos++;
        }
      } else {
        pushLit(parts, c, quotedLiterals);
        this.advance(1);
      }
    }
    return { word: parts, raw: this.src.slice(start, this.pos), plain };
  }

  private readDouble(parts: WordPart[]): void {
    this.advance(1);
    const startLen = parts.length;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ShellSyntaxError('unterminated', 'quoted string', this.line);
      if (c === '"') {
        this.advance(1);
        break;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') this.advance(2);
        else if (n !== undefined && '$`"\\'.includes(n)) {
          pushLit(parts, n, true);
          this.advance(2);
        } else {
          pushLit(parts, '\\', true);
          this.advance(1);
        }
      } else if (c === '$' && this.readDollar(parts, true)) {
        continue;
      } else if (c === '`') this.readBackquote(parts, true);
      else {
        pushLit(parts, c, true);
        this.advance(1);
      }
    }
    if (parts.length === startLen) parts.push({ t: 'lit', v: '', q: true });
  }

  private readBackquote(parts: WordPart[], q: boolean): void {
    this.advance(1);
    let body = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ShellSyntaxError('unterminated', 'quoted string', this.line);
      if (c === '`') break;
      if (c === '\\' && this.src[this.pos + 1] !== undefined && '$`\\'.includes(this.src[this.pos + 1]!)) {
        body += this.src[this.pos + 1];
        this.advance(2);
        continue;
      }
      body += c;
      this.advance(1);
    }
    this.advance(1);
    parts.push({ t: 'cmd', body: this.hooks.sub(body) ?? { t: 'list', items: [] }, q });
  }

  /** Reads a `$` expansion; false (nothing consumed) when the `$` is literal. */
  private readDollar(parts: WordPart[], q: boolean): boolean {
    return nested(this.line, () => this.readDollarInner(parts, q));
  }

  private readDollarInner(parts: WordPart[], q: boolean): boolean {
    const n = this.src[this.pos + 1];
    if (n === '(' && this.src[this.pos + 2] === '(') {
      this.advance(3);
      let depth = 0;
      const start = this.pos;
      for (;;) {
        const c = this.src[this.pos];
        if (c === undefined) throw new ShellSyntaxError('unexpected', 'end of file', this.line, '")"');
        if (c === '(') depth++;
        else if (c === ')') {
          if (depth === 0 && this.src[this.pos + 1] === ')') break;
          depth--;
        }
        this.advance(1);
      }
      const inner = new WordReader(this.src.slice(start, this.pos), this.hooks);
      const expr = inner.readWord('', true).word;
      this.advance(2);
      parts.push({ t: 'arith', expr, q });
      return true;
    }
    if (n === '(') {
      this.advance(2);
      parts.push({ t: 'cmd', body: this.hooks.nested(this), q });
      return true;
    }
    if (n === '{') {
      this.advance(2);
      parts.push(this.readBraced(q));
      return true;
    }
    if (n !== undefined && SPECIAL_PARAMS.includes(n)) {
      this.advance(2);
      parts.push({ t: 'param', name: n, q });
      return true;
    }
    if (n !== undefined && isNameStart(n)) {
      let end = this.pos + 1;
      while (end < this.src.length && isNameChar(this.src[end]!)) end++;
      parts.push({ t: 'param', name: this.src.slice(this.pos + 1, end), q });
      this.advance(end - this.pos);
      return true;
    }
    pushLit(parts, '$', q);
    this.advance(1);
    return true;
  }

  private readBraced(q: boolean): WordPart {
    const bad = (): ShellSyntaxError => new ShellSyntaxError('bad', 'substitution', this.line);
    let name = '';
    let op: ParamOp | undefined;
    if (this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}') {
      op = 'len';
      this.advance(1);
    }
    const c = this.src[this.pos];
    if (c !== undefined && isNameStart(c)) {
      while (this.pos < this.src.length && isNameChar(this.src[this.pos]!)) name += this.src[this.pos++];
    } else if (c !== undefined && /[0-9]/.test(c)) {
      while (/[0-9]/.test(this.src[this.pos] ?? '')) name += this.src[this.pos++];
    } else if (c !== undefined && SPECIAL_PARAMS.includes(c)) {
      name = c;
      this.advance(1);
    } else throw bad();
    if (op === 'len') {
      if (this.src[this.pos] !== '}') throw bad();
      this.advance(1);
      return { t: 'param', name, op, q };
    }
    if (this.src[this.pos] === '}') {
      this.advance(1);
      return { t: 'param', name, q };
    }
    const ops: ParamOp[] = [':-', ':=', ':+', ':?', '%%', '##', '-', '=', '+', '?', '%', '#'];
    op = ops.find((o) => this.startsWith(o));
    let arg: Word;
    let arg2: Word | undefined;
    if (op) {
      this.advance(op.length);
      arg = this.readWord('}', q).word;
    } else if (this.src[this.pos] === ':') {
      op = 'sub';
      this.advance(1);
      arg = this.readWord(':}', true).word;
      if (this.src[this.pos] === ':') {
        this.advance(1);
        arg2 = this.readWord('}', true).word;
      }
    } else if (this.src[this.pos] === '/') {
      this.advance(1);
      op = 'repl';
      if (this.src[this.pos] === '/') {
        op = 'replAll';
        this.advance(1);
      }
      arg = this.readWord('/}', q).word;
      if (this.src[this.pos] === '/') {
        this.advance(1);
        arg2 = this.readWord('}', q).word;
      }
    } else throw bad();
    if (this.src[this.pos] !== '}') throw new ShellSyntaxError('unterminated', 'quoted string', this.line);
    this.advance(1);
    return { t: 'param', name, op, arg, arg2, q };
  }

  /** Reads a here-document body up to the delimiter line; expansions only when the delimiter was unquoted. */
  readHeredoc(delim: string, quoted: boolean, stripTabs: boolean): Word {
    let body = '';
    for (;;) {
      if (this.pos >= this.src.length) break;
      const nl = this.src.indexOf('\n', this.pos);
      let lineText = nl < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, nl);
      this.advance((nl < 0 ? this.src.length : nl + 1) - this.pos);
      if (stripTabs) lineText = lineText.replace(/^\t+/, '');
      if (lineText === delim) break;
      body += `${lineText}\n`;
    }
    if (quoted) return [{ t: 'lit', v: body, q: true }];
    const inner = new WordReader(body, this.hooks);
    const parts: WordPart[] = [];
    for (;;) {
      const c = inner.src[inner.pos];
      if (c === undefined) break;
      if (c === '\\' && inner.src[inner.pos + 1] !== undefined && '$`\\\n'.includes(inner.src[inner.pos + 1]!)) {
        if (inner.src[inner.pos + 1] !== '\n') pushLit(parts, inner.src[inner.pos + 1]!, true);
        inner.advance(2);
      } else if (c === '$' && inner.readDollar(parts, true)) continue;
      else if (c === '`') inner.readBackquote(parts, true);
      else {
        pushLit(parts, c, true);
        inner.advance(1);
      }
    }
    return parts.length > 0 ? parts : [{ t: 'lit', v: '', q: true }];
  }
}
