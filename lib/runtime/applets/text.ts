import type { ProgramRun, Program } from '../program.js';
import { readInput } from './files.js';
import { badOption, fail, instant, parseArgs, type Flavor } from './util.js';

/** A POSIX basic regular expression in JavaScript syntax (`\(`→`(`, `(`→`\(`, `\{`→`{`, `\|`→`|`). */
function basicToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]!;
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

function posixClasses(re: string): string {
  return re.replace(/\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit|blank):\]/g, (_m, n: string) => ({
    alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', blank: ' \\t',
  })[n] ?? '');
}

/** `grep [-iEFvcnqlowsh] [-e PATTERN] PATTERN [FILE]…`: exit 0 on a match, 1 on none, 2 on error. */
export function grep(flavor: Flavor): Program {
  return function* (p): ProgramRun {
    const r = parseArgs(p.argv.slice(1), 'iEFvcnqlowshHre:', { 'ignore-case': 'i', 'invert-match': 'v', count: 'c', quiet: 'q', silent: 'q' });
    if (r.unknown || r.missingValue) return badOption(p, flavor, r) === 1 ? 2 : 2;
    const f = r.flags;
    const operands = [...r.operands];
    const pattern = r.values.get('e') ?? operands.shift();
    if (pattern === undefined) {
      p.stderr.write(flavor === 'gnu' ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" : 'grep: no pattern\n');
      return 2;
    }
    let src = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixClasses(f.has('E') ? pattern : basicToJs(pattern));
    if (f.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    let re: RegExp;
    try {
      re = new RegExp(src, f.has('i') ? 'gi' : 'g');
    } catch {
      fail(p, flavor === 'gnu' ? 'Unmatched ( or \\(' : `bad regex '${pattern}'`);
      return 2;
    }
    const files = operands.length > 0 ? operands : ['-'];
    const showName = (files.length > 1 || f.has('H')) && !f.has('h');
    let matched = false;
    let errored = false;
    for (const file of files) {
      const text = yield* readInput(p, file, flavor);
      if (typeof text !== 'string') {
        if (!f.has('s')) fail(p, text.error);
        errored = true;
        continue;
      }
      const lines = text.split('\n');
      if (text.endsWith('\n')) lines.pop();
      let count = 0;
      const name = file === '-' ? '(standard input)' : file;
      for (const [i, line] of lines.entries()) {
        re.lastIndex = 0;
        const hit = re.test(line) !== f.has('v');
        if (!hit) continue;
        count++;
        matched = true;
        if (f.has('q')) return 0;
        if (f.has('l') || f.has('c')) continue;
        const prefix = `${showName ? `${name}:` : ''}${f.has('n') ? `${i + 1}:` : ''}`;
        if (f.has('o') && !f.has('v')) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) if (m[0] !== '') p.stdout.write(`${prefix}${m[0]}\n`);
        } else p.stdout.write(`${prefix}${line}\n`);
      }
      if (f.has('c')) p.stdout.write(`${showName ? `${name}:` : ''}${count}\n`);
      if (f.has('l') && count > 0) p.stdout.write(`${name}\n`);
    }
    if (errored && !(f.has('q') && matched)) return 2;
    return matched ? 0 : 1;
  };
}

/** `sort [-rnu]` and `uniq [-c]`. */
export function sortUniq(flavor: Flavor): Record<'sort' | 'uniq', Program> {
  return {
    sort: function* (p): ProgramRun {
      const r = parseArgs(p.argv.slice(1), 'rnufbk:t:');
      if (r.unknown) return badOption(p, flavor, r);
      let all: string[] = [];
      for (const file of r.operands.length > 0 ? r.operands : ['-']) {
        const text = yield* readInput(p, file, flavor);
        if (typeof text !== 'string') {
          fail(p, text.error);
          return 2;
        }
        const ls = text.split('\n');
        if (text.endsWith('\n')) ls.pop();
        all = all.concat(ls);
      }
      const key = (s: string): string => (r.flags.has('f') ? s.toLowerCase() : s);
      all.sort(r.flags.has('n') ? (a, b) => (parseFloat(a) || 0) - (parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0) : (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      if (r.flags.has('r')) all.reverse();
      if (r.flags.has('u')) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
      for (const l of all) p.stdout.write(`${l}\n`);
      return 0;
    },
    uniq: function* (p): ProgramRun {
      const r = parseArgs(p.argv.slice(1), 'cdu');
      const text = yield* readInput(p, r.operands[0] ?? '-', flavor);
      if (typeof text !== 'string') {
        fail(p, text.error);
        return 1;
      }
      const ls = text.split('\n');
      if (text.endsWith('\n')) ls.pop();
      const groups: Array<[string, number]> = [];
      for (const l of ls) {
        const last = groups.at(-1);
        if (last && last[0] === l) last[1]++;
        else groups.push([l, 1]);
      }
      for (const [l, n] of groups) {
        if (r.flags.has('d') && n < 2) continue;
        if (r.flags.has('u') && n > 1) continue;
        p.stdout.write(r.flags.has('c') ? `${String(n).padStart(7)} ${l}\n` : `${l}\n`);
      }
      return 0;
    },
  };
}

/** `seq [FIRST [INCREMENT]] LAST`. */
export function seq(): Program {
  return instant((p) => {
    const nums = p.argv.slice(1).map(Number);
    if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) {
      fail(p, nums.length === 0 ? 'missing operand' : `invalid number '${p.argv.slice(1).find((a) => !Number.isFinite(Number(a))) ?? ''}'`);
      return 1;
    }
    const [first, inc, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
    if (inc === 0) return 1;
    let out = '';
    for (let v = first, i = 0; inc > 0 ? v <= last : v >= last; v += inc, i++) {
      out += `${v}\n`;
      if (i > 100_000) break;
    }
    p.stdout.write(out);
    return 0;
  });
}
