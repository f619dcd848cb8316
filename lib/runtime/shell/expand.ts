import type { Vfs } from '../fs/vfs.js';
import type { Wait } from '../program.js';
import { ArithError, evaluateArithmetic } from './arith.js';
import type { Node, Word, WordPart } from './ast.js';
import { escapePattern, hasGlob, patternRegExp, removeAffix, replacePattern, unescapePattern } from './pattern.js';
import type { ShellState } from './state.js';

/** An expansion that stops the command (`${x:?}`, a bad arithmetic expression, `set -u`). */
export class ExpansionError extends Error {}

/** What expansion needs from the shell running it. */
export interface ExpandHost {
  readonly state: ShellState;
  readonly vfs: Vfs;
  readonly cwd: string;
  /** Runs `$( … )` in a subshell and returns its output. */
  commandSubstitution(body: Node): Generator<Wait, string, unknown>;
  /** The home directory of a user (`~user`), undefined when unknown. */
  homeOf(user: string): string | undefined;
  /** `$-`. */
  flags(): string;
}

interface Seg {
  text: string;
  quoted: boolean;
}

type Gen<T> = Generator<Wait, T, unknown>;

const DEFAULT_IFS = ' \t\n';

/** Splits on IFS: IFS white space separates and collapses, other IFS characters each end a field. */
function splitIfs(value: string, ifs: string): { pieces: string[]; lead: boolean; trail: boolean } {
  if (ifs === '') return { pieces: value === '' ? [] : [value], lead: false, trail: false };
  const isWs = (c: string): boolean => ifs.includes(c) && ' \t\n'.includes(c);
  const isSep = (c: string): boolean => ifs.includes(c);
  const pieces: string[] = [];
  let cur = '';
  let i = 0;
  const lead = value.length > 0 && isSep(value[0]!);
  while (i < value.length && isWs(value[i]!)) i++;
  let pending = false;
  for (; i < value.length; i++) {
    const c = value[i]!;
    if (!isSep(c)) {
      cur += c;
      pending = true;
      continue;
    }
    let j = i;
    while (j < value.length && isWs(value[j]!)) j++;
    let hard = false;
    if (j < value.length && isSep(value[j]!) && !isWs(value[j]!)) {
      hard = true;
      j++;
      while (j < value.length && isWs(value[j]!)) j++;
    } else if (!isWs(c)) hard = true;
    if (pending || hard) pieces.push(cur);
    cur = '';
    pending = false;
    i = j - 1;
  }
  if (pending) pieces.push(cur);
  const trail = value.length > 0 && isSep(value[value.length - 1]!);
  return { pieces, lead, trail };
}

/**
 * Word expansion in POSIX order: tilde, parameters, command substitution and arithmetic, then field
 * splitting of unquoted results on IFS, then pathname expansion against the container file system.
 */
export class Expander {
  constructor(private readonly host: ExpandHost) {}

  /** Expands command words into fields. */
  *fields(words: readonly Word[]): Gen<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(yield* this.wordFields(w)));
    return out;
  }

  /** Expands one word into fields (possibly none). */
  *wordFields(word: Word): Gen<string[]> {
    const fields: Array<{ segs: Seg[]; keep: boolean }> = [{ segs: [], keep: false }];
    const cur = (): { segs: Seg[]; keep: boolean } => fields[fields.length - 1]!;
    const ifs = this.host.state.get('IFS') ?? DEFAULT_IFS;
    const addUnquoted = (value: string): void => {
      const { pieces, lead, trail } = splitIfs(value, ifs);
      if (lead && (cur().segs.length > 0 || cur().keep)) fields.push({ segs: [], keep: false });
      pieces.forEach((p, i) => {
        if (i > 0) fields.push({ segs: [], keep: false });
        cur().segs.push({ text: p, quoted: false });
        cur().keep = true;
      });
      if (trail && pieces.length > 0) fields.push({ segs: [], keep: false });
    };
    for (const part of word) {
      if (part.t === 'lit') {
        cur().segs.push({ text: part.v, quoted: part.q });
        if (part.q || part.v !== '') cur().keep = true;
      } else if (part.t === 'tilde') {
        cur().segs.push({ text: this.tilde(part.user), quoted: true });
        cur().keep = true;
      } else if (part.t === 'param' && part.name === '@' && part.q && part.op === undefined) {
        this.host.state.positional.forEach((v, i) => {
          if (i > 0) fields.push({ segs: [], keep: false });
          cur().segs.push({ text: v, quoted: true });
          cur().keep = true;
        });
      } else {
        const value = yield* this.partValue(part);
        if ('q' in part && part.q) {
          cur().segs.push({ text: value, quoted: true });
          cur().keep = true;
        } else addUnquoted(value);
      }
    }
    const result: string[] = [];
    for (const f of fields) {
      if (!f.keep) continue;
      const text = f.segs.map((s) => s.text).join('');
      const pattern = f.segs.map((s) => (s.quoted ? escapePattern(s.text) : s.text)).join('');
      if (!this.host.state.options.noglob && hasGlob(pattern)) {
        const matches = this.glob(pattern);
        if (matches.length > 0) {
          result.push(...matches);
          continue;
        }
        result.push(unescapePattern(pattern));
        continue;
      }
      result.push(text);
    }
    return result;
  }

  /** Expands a word without splitting or globbing (assignments, redirections, `case` words). */
  *string(word: Word): Gen<string> {
    let out = '';
    for (const part of word) {
      if (part.t === 'lit') out += part.v;
      else if (part.t === 'tilde') out += this.tilde(part.user);
      else out += yield* this.partValue(part);
    }
    return out;
  }

  /** Expands a word as a pattern: quoted parts match literally. */
  *pattern(word: Word): Gen<string> {
    let out = '';
    for (const part of word) {
      if (part.t === 'lit') out += part.q ? escapePattern(part.v) : part.v;
      else if (part.t === 'tilde') out += escapePattern(this.tilde(part.user));
      else {
        const v = yield* this.partValue(part);
        out += 'q' in part && part.q ? escapePattern(v) : v;
      }
    }
    return out;
  }

  private tilde(user: string): string {
    if (user === '') return this.host.state.get('HOME') ?? '/';
    return this.host.homeOf(user) ?? `~${user}`;
  }

  private *partValue(part: Exclude<WordPart, { t: 'lit' } | { t: 'tilde' }>): Gen<string> {
    if (part.t === 'cmd') return (yield* this.host.commandSubstitution(part.body)).replace(/\n+$/, '');
    if (part.t === 'arith') {
      const src = yield* this.string(part.expr);
      try {
        return String(evaluateArithmetic(src, {
          get: (n) => this.host.state.get(n),
          set: (n, v) => {
            if (!this.host.state.set(n, v)) throw new ArithError(`${n}: is read only`);
          },
        }));
      } catch (e) {
        throw new ExpansionError(e instanceof ArithError ? e.message : 'arithmetic syntax error');
      }
    }
    return yield* this.param(part);
  }

  private special(name: string): string | undefined {
    const s = this.host.state;
    switch (name) {
      case '?': return String(s.lastStatus);
      case '$': return String(s.shellPid);
      case '!': return s.lastBackground === undefined ? undefined : String(s.lastBackground);
      case '#': return String(s.positional.length);
      case '0': return s.arg0;
      case '-': return this.host.flags();
      case '@': case '*': return s.positional.length > 0 ? s.positional.join(name === '*' ? (s.get('IFS') ?? ' ').slice(0, 1) : ' ') : undefined;
      default:
        if (/^[0-9]+$/.test(name)) return s.positional[Number(name) - 1];
        return s.get(name);
    }
  }

  private *param(part: Extract<WordPart, { t: 'param' }>): Gen<string> {
    const s = this.host.state;
    const value = this.special(part.name);
    const isSet = value !== undefined;
    const op = part.op;
    if (op === 'len') return String(part.name === '@' || part.name === '*' ? s.positional.length : [...(value ?? '')].length);
    const colon = op !== undefined && op.startsWith(':');
    const empty = !isSet || (colon && value === '');
    switch (op) {
      case undefined:
        if (!isSet && s.options.nounset && !'@*'.includes(part.name)) throw new ExpansionError(`${part.name}: parameter not set`);
        return value ?? '';
      case '-': case ':-':
        return empty ? yield* this.string(part.arg ?? []) : value!;
      case '=': case ':=': {
        if (!empty) return value!;
        const v = yield* this.string(part.arg ?? []);
        if (!/^[A-Za-z_]/.test(part.name)) throw new ExpansionError(`${part.name}: bad variable name`);
        if (!s.set(part.name, v)) throw new ExpansionError(`${part.name}: is read only`);
        return v;
      }
      case '+': case ':+':
        return empty ? '' : yield* this.string(part.arg ?? []);
      case '?': case ':?': {
        if (!empty) return value!;
        const msg = part.arg && part.arg.length > 0 ? yield* this.string(part.arg) : undefined;
        throw new ExpansionError(`${part.name}: ${msg ?? `parameter not set${colon ? ' or null' : ''}`}`);
      }
      case '%': case '%%': case '#': case '##':
        return removeAffix(value ?? '', yield* this.pattern(part.arg ?? []), op);
      case 'repl': case 'replAll':
        return replacePattern(value ?? '', yield* this.pattern(part.arg ?? []), yield* this.string(part.arg2 ?? []), op === 'replAll');
      case 'sub': {
        const chars = [...(value ?? '')];
        const vars = { get: (n: string) => s.get(n), set: (n: string, v: string) => void s.set(n, v) };
        let off: number;
        let len: number | undefined;
        try {
          off = evaluateArithmetic(yield* this.string(part.arg ?? []), vars);
          len = part.arg2 ? evaluateArithmetic(yield* this.string(part.arg2), vars) : undefined;
        } catch {
          throw new ExpansionError('arithmetic syntax error');
        }
        if (off < 0) off = Math.max(0, chars.length + off);
        const end = len === undefined ? chars.length : len < 0 ? chars.length + len : off + len;
        return chars.slice(off, Math.max(off, end)).join('');
      }
    }
  }

  /** Pathname expansion against the file system; sorted matches (none when nothing matches). */
  private glob(pattern: string): string[] {
    const vfs = this.host.vfs;
    const absolute = pattern.startsWith('/');
    const comps = pattern.split('/').filter((c) => c !== '');
    let paths = [absolute ? '/' : ''];
    for (const [idx, comp] of comps.entries()) {
      const last = idx === comps.length - 1;
      const next: string[] = [];
      for (const base of paths) {
        const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
        if (!hasGlob(comp)) {
          const p = join(unescapePattern(comp));
          const st = vfs.stat(p, this.host.cwd);
          if (!('errno' in st) && (last || st.kind === 'dir')) next.push(p);
          continue;
        }
        const names = vfs.readdir(base === '' ? '.' : base, this.host.cwd);
        if ('errno' in names) continue;
        let re: RegExp;
        try {
          re = patternRegExp(comp, true);
        } catch {
          continue;
        }
        const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
        for (const n of names) {
          if (n.startsWith('.') && !dotOk) continue;
          if (!re.test(n)) continue;
          const p = join(n);
          if (!last) {
            const st = vfs.stat(p, this.host.cwd);
            if ('errno' in st || st.kind !== 'dir') continue;
          }
          next.push(p);
        }
      }
      paths = next;
      if (paths.length === 0) return [];
    }
    return paths.sort();
  }
}
