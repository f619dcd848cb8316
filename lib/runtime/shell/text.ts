/**
 * The text builtins' shared rules: backslash escapes of `echo -e` and `printf`, and `printf`'s
 * conversions (`%s %b %c %d %i %u %o %x %X %e %f %g %%` with flags, width and precision).
 */

/**
 * Interprets backslash escapes. `octalNeedsZero` is echo's `\0NNN` form (printf takes `\NNN`).
 * Returns the text and whether `\c` asked to stop all output.
 */
export function interpretEscapes(s: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case '\\': out += '\\'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      default: {
        if (octalNeedsZero ? n === '0' : /[0-7]/.test(n)) {
          const digits = /^[0-7]{0,3}/.exec(s.slice(octalNeedsZero ? i + 1 : i))![0];
          out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
          i += octalNeedsZero ? digits.length : digits.length - 1;
        } else out += `\\${n}`;
      }
    }
  }
  return { text: out, stop: false };
}

/** Parses a printf numeric argument like `strtol`: decimal, `0x`, octal, or `'c` for a character code. */
export function printfNumber(arg: string): { value: number; ok: boolean } {
  if (arg === '') return { value: 0, ok: true };
  if (arg.startsWith("'") || arg.startsWith('"')) return { value: arg.codePointAt(1) ?? 0, ok: true };
  const t = arg.trim();
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
  if (!m) return { value: 0, ok: false };
  const body = m[2]!;
  let v = body.startsWith('0x') || body.startsWith('0X') ? parseInt(body, 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : Number(body);
  if (m[1] === '-') v = -v;
  return { value: v, ok: m[0].length === t.length };
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

/**
 * `printf FORMAT ARGS…`: the format is reused while arguments remain. `bad` collects arguments that
 * were not numbers (printf reports them and exits 1).
 */
export function formatPrintf(format: string, args: readonly string[]): { text: string; bad: string[] } {
  let out = '';
  const bad: string[] = [];
  let ai = 0;
  const next = (): string | undefined => args[ai++];
  for (;;) {
    const startAi = ai;
    let stop = false;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const m = /^\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i));
        const e = interpretEscapes(m ? m[0] : '\\', false);
        out += e.text;
        if (e.stop) return { text: out, bad };
        i += (m ? m[0].length : 1) - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const spec = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([sbcdiuoxXeEfFgG%])/.exec(format.slice(i));
      if (!spec) {
        out += c;
        continue;
      }
      i += spec[0].length - 1;
      const flags = spec[1] ?? '';
      const conv = spec[4]!;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = spec[2] === '*' ? printfNumber(next() ?? '').value : Number(spec[2] ?? 0);
      const precRaw = spec[3] === '*' ? String(printfNumber(next() ?? '').value) : spec[3];
      const prec = precRaw === undefined ? undefined : Number(precRaw || 0);
      const left = flags.includes('-') || width < 0;
      const zero = flags.includes('0') && !left;
      const arg = next();
      let s: string;
      if (conv === 's') s = prec === undefined ? arg ?? '' : (arg ?? '').slice(0, prec);
      else if (conv === 'b') {
        const e = interpretEscapes(arg ?? '', true);
        s = e.text;
        stop = e.stop;
      } else if (conv === 'c') s = (arg ?? '').slice(0, 1);
      else {
        const n = printfNumber(arg ?? '');
        if (!n.ok) bad.push(arg ?? '');
        const v = n.value;
        const sign = v >= 0 ? (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : '';
        switch (conv) {
          case 'd': case 'i': s = sign + String(Math.trunc(v)); break;
          case 'u': s = String(v < 0 ? BigInt.asUintN(64, BigInt(Math.trunc(v))) : Math.trunc(v)); break;
          case 'o': s = (flags.includes('#') ? '0' : '') + (v < 0 ? BigInt.asUintN(64, BigInt(Math.trunc(v))) : Math.trunc(v)).toString(8); break;
          case 'x': case 'X': {
            const h = (v < 0 ? BigInt.asUintN(64, BigInt(Math.trunc(v))) : Math.trunc(v)).toString(16);
            s = (flags.includes('#') && v !== 0 ? '0x' : '') + (conv === 'X' ? h.toUpperCase() : h);
            break;
          }
          case 'e': case 'E': s = sign + v.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
          case 'g': case 'G': s = sign + String(Number(v.toPrecision(prec || 6))); break;
          default: s = sign + v.toFixed(prec ?? 6);
        }
        if (prec !== undefined && 'diuoxX'.includes(conv)) {
          const digits = s.replace(/^[+ -]/, '');
          if (digits.length < prec) s = s.slice(0, s.length - digits.length) + '0'.repeat(prec - digits.length) + digits;
        }
      }
      out += pad(s, Math.abs(width), left, zero && conv !== 's' && conv !== 'c' && conv !== 'b');
    }
    if (stop || ai >= args.length || ai === startAi) break;
  }
  return { text: out, bad };
}
