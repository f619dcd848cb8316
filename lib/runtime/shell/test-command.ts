import type { Vfs } from '../fs/vfs.js';

/** The result of `test`: a status, or an error message (status 2). */
export type TestResult = { status: 0 | 1 } | { error: string };

const UNARY = new Set(['-e', '-f', '-d', '-L', '-h', '-s', '-r', '-w', '-x', '-b', '-c', '-p', '-S', '-t', '-z', '-n', '-g', '-u', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

class TestError extends Error {}

/**
 * `test` / `[` (POSIX test, with the argument-count rules for up to four arguments and `-a`, `-o`,
 * `!` and parentheses beyond). `isTty(fd)` answers `-t`.
 */
export function evaluateTest(args: readonly string[], vfs: Vfs, cwd: string, uid: number, isTty: (fd: number) => boolean): TestResult {
  const unary = (op: string, arg: string): boolean => {
    switch (op) {
      case '-z': return arg === '';
      case '-n': return arg !== '';
      case '-t': return isTty(Number(arg));
      case '-L': case '-h': {
        const n = vfs.stat(arg, cwd, false);
        return !('errno' in n) && n.kind === 'symlink';
      }
    }
    const n = vfs.stat(arg, cwd);
    if ('errno' in n) return false;
    switch (op) {
      case '-e': return true;
      case '-f': return n.kind === 'file' && !n.device;
      case '-d': return n.kind === 'dir';
      case '-c': return n.kind === 'file' && n.device !== undefined;
      case '-s': return n.kind === 'dir' || (n.kind === 'file' && (n.read ? n.read(vfs.viewer) : n.data).length > 0);
      case '-r': case '-w': return uid === 0 || (n.mode & (op === '-r' ? 0o444 : 0o222)) !== 0;
      case '-x': return (n.mode & 0o111) !== 0 || (uid === 0 && n.kind === 'dir');
      case '-O': return n.uid === uid;
      case '-G': return true;
      default: return false;
    }
  };
  const int = (s: string): number => {
    const t = s.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new TestError(`${s}: bad number`);
    return Number(t);
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
      case '-nt': case '-ot': {
        const x = vfs.stat(a, cwd);
        const y = vfs.stat(b, cwd);
        if ('errno' in x || 'errno' in y) return false;
        return op === '-nt' ? x.mtime > y.mtime : x.mtime < y.mtime;
      }
      case '-ef': {
        const x = vfs.stat(a, cwd);
        return !('errno' in x) && x === vfs.stat(b, cwd);
      }
      default: throw new TestError(`${op}: unknown operand`);
    }
  };
  // General grammar: expr := or; or := and ('-o' and)*; and := not ('-a' not)*; not := '!' not | primary
  let i = 0;
  const general = (end: number): boolean => {
    const or = (): boolean => {
      let v = and();
      while (i < end && args[i] === '-o') {
        i++;
        const r = and();
        v = v || r;
      }
      return v;
    };
    const and = (): boolean => {
      let v = not();
      while (i < end && args[i] === '-a') {
        i++;
        const r = not();
        v = v && r;
      }
      return v;
    };
    const not = (): boolean => {
      if (i < end && args[i] === '!') {
        i++;
        return !not();
      }
      return primary();
    };
    const primary = (): boolean => {
      const a = args[i];
      if (a === undefined || i >= end) throw new TestError('argument expected');
      if (a === '(') {
        i++;
        const v = or();
        if (args[i] !== ')') throw new TestError("')' expected");
        i++;
        return v;
      }
      if (i + 2 < end + 1 && BINARY.has(args[i + 1] ?? '') && i + 2 < end) {
        const v = binary(a, args[i + 1]!, args[i + 2]!);
        i += 3;
        return v;
      }
      if (UNARY.has(a) && i + 1 < end) {
        i += 2;
        return unary(a, args[i - 1]!);
      }
      i++;
      return a !== '';
    };
    const v = or();
    if (i < end) throw new TestError(`${args[i]}: unknown operand`);
    return v;
  };
  try {
    const n = args.length;
    let v: boolean;
    if (n === 0) v = false;
    else if (n === 1) v = args[0] !== '';
    else if (n === 2) {
      if (args[0] === '!') v = args[1] === '';
      else if (UNARY.has(args[0]!)) v = unary(args[0]!, args[1]!);
      else throw new TestError(`${args[0]}: unknown operand`);
    } else if (n === 3 && BINARY.has(args[1]!)) v = binary(args[0]!, args[1]!, args[2]!);
    else if (n === 3 && args[0] === '!') v = !evalSub(args.slice(1));
    else if (n === 3 && args[0] === '(' && args[2] === ')') v = args[1] !== '';
    else if (n === 4 && args[0] === '!') v = !evalSub(args.slice(1));
    else v = general(n);
    return { status: v ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { error: e.message };
    throw e;
  }

  function evalSub(sub: string[]): boolean {
    const r = evaluateTest(sub, vfs, cwd, uid, isTty);
    if ('error' in r) throw new TestError(r.error);
    return r.status === 0;
  }
}
