/**
 * Shell arithmetic (`$(( … ))`, `let`): 64-bit-ish integers (JS safe integers), C precedence,
 * variables by name, assignments and `++`/`--`. Errors are {@link ArithError}s; the shell prints them.
 */

/** An arithmetic error: ash prints `arithmetic syntax error` or `divide by zero`. */
export class ArithError extends Error {}

/** How arithmetic reads and writes shell variables. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '+', '-', '*', '/', '%', '<', '>', '=', '&', '|', '^', '!', '~', '?', ':', '(', ')', ','];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(src.slice(i));
    if (num && /[0-9]/.test(c)) {
      const t = num[1]!;
      if (/[A-Za-z0-9_]/.test(src[i + t.length] ?? '')) throw new ArithError('arithmetic syntax error');
      out.push({ k: 'num', v: t.startsWith('0x') || t.startsWith('0X') ? parseInt(t, 16) : t.length > 1 && t.startsWith('0') ? parseInt(t, 8) : Number(t) });
      i += t.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError('arithmetic syntax error');
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => (a || b ? 1 : 0)], '&&': [2, (a, b) => (a && b ? 1 : 0)],
  '|': [3, (a, b) => Number(BigInt.asIntN(64, BigInt(a) | BigInt(b)))], '^': [4, (a, b) => Number(BigInt.asIntN(64, BigInt(a) ^ BigInt(b)))],
  '&': [5, (a, b) => Number(BigInt.asIntN(64, BigInt(a) & BigInt(b)))],
  '==': [6, (a, b) => (a === b ? 1 : 0)], '!=': [6, (a, b) => (a !== b ? 1 : 0)],
  '<': [7, (a, b) => (a < b ? 1 : 0)], '<=': [7, (a, b) => (a <= b ? 1 : 0)], '>': [7, (a, b) => (a > b ? 1 : 0)], '>=': [7, (a, b) => (a >= b ? 1 : 0)],
  '<<': [8, (a, b) => Number(BigInt.asIntN(64, BigInt(a) << BigInt(b & 63)))], '>>': [8, (a, b) => Number(BigInt.asIntN(64, BigInt(a) >> BigInt(b & 63)))],
  '+': [9, (a, b) => a + b], '-': [9, (a, b) => a - b],
  '*': [10, (a, b) => a * b], '/': [10, (a, b) => div(a, b, false)], '%': [10, (a, b) => div(a, b, true)],
  '**': [11, (a, b) => (b < 0 ? 0 : a ** b)],
};

function div(a: number, b: number, rem: boolean): number {
  if (b === 0) throw new ArithError('divide by zero');
  return rem ? a % b : Math.trunc(a / b);
}

/** Evaluates `src` (already parameter-expanded); throws {@link ArithError}. */
export function evaluateArithmetic(src: string, vars: ArithVars, depth = 0): number {
  if (depth > 32) throw new ArithError('expression recursion loop detected');
  const toks = tokenize(src);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (v: string): boolean => peek()?.k === 'op' && peek()!.v === v;
  const varValue = (name: string): number => {
    const raw = (vars.get(name) ?? '').trim();
    if (raw === '') return 0;
    if (/^-?\d+$/.test(raw)) return Number(raw);
    return evaluateArithmetic(raw, vars, depth + 1);
  };
  const expect = (v: string): void => {
    if (!isOp(v)) throw new ArithError('arithmetic syntax error');
    i++;
  };
  const assignment = (): number => {
    const t = peek();
    const n = toks[i + 1];
    if (t?.k === 'name' && n?.k === 'op' && /^(=|\+=|-=|\*=|\/=|%=|<<=|>>=|&=|\|=|\^=)$/.test(n.v)) {
      i += 2;
      const rhs = assignment();
      const op = n.v.slice(0, -1);
      const value = op === '' ? rhs : BINARY[op]![1](varValue(t.v), rhs);
      vars.set(t.v, String(value));
      return value;
    }
    return ternary();
  };
  const ternary = (): number => {
    const cond = binary(1);
    if (!isOp('?')) return cond;
    i++;
    const a = assignment();
    expect(':');
    const b = assignment();
    return cond ? a : b;
  };
  const binary = (minPrec: number): number => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.k !== 'op') return left;
      const spec = BINARY[t.v];
      if (!spec || spec[0] < minPrec) return left;
      i++;
      const right = binary(t.v === '**' ? spec[0] : spec[0] + 1);
      left = spec[1](left, right);
    }
  };
  const unary = (): number => {
    const t = peek();
    if (t?.k === 'op') {
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const v = unary();
        return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : ~v;
      }
      if ((t.v === '++' || t.v === '--') && toks[i + 1]?.k === 'name') {
        const name = (toks[i + 1] as { v: string }).v;
        i += 2;
        const v = varValue(name) + (t.v === '++' ? 1 : -1);
        vars.set(name, String(v));
        return v;
      }
    }
    return postfix();
  };
  const postfix = (): number => {
    const t = peek();
    if (t?.k === 'name' && (toks[i + 1]?.v === '++' || toks[i + 1]?.v === '--')) {
      const op = toks[i + 1]!.v;
      i += 2;
      const v = varValue(t.v);
      vars.set(t.v, String(v + (op === '++' ? 1 : -1)));
      return v;
    }
    return primary();
  };
  const primary = (): number => {
    const t = peek();
    if (!t) throw new ArithError('arithmetic syntax error');
    i++;
    if (t.k === 'num') return t.v;
    if (t.k === 'name') return varValue(t.v);
    if (t.v === '(') {
      const v = comma();
      expect(')');
      return v;
    }
    throw new ArithError('arithmetic syntax error');
  };
  const comma = (): number => {
    let v = assignment();
    while (isOp(',')) {
      i++;
      v = assignment();
    }
    return v;
  };
  if (toks.length === 0) return 0;
  const result = comma();
  if (i < toks.length) throw new ArithError('arithmetic syntax error');
  return Number.isFinite(result) ? Math.trunc(result) : 0;
}
