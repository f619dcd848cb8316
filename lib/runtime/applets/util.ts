import type { Vfs } from '../fs/vfs.js';
import { own } from '../own.js';
import type { Process } from '../process.js';
import type { Program, ProgramRun } from '../program.js';

/** Which implementation an applet imitates: busybox's, or GNU coreutils' (Debian, Ubuntu). */
export type Flavor = 'busybox' | 'gnu';

/** A program whose body does not wait: it writes and returns a status. */
export function instant(fn: (p: Process) => number): Program {
  return function* (p): ProgramRun {
    return fn(p);
  };
}

/** The applet name from argv[0] (`/bin/ls` → `ls`). */
export function appletName(p: Process): string {
  const a0 = p.argv[0] ?? '';
  return a0.slice(a0.lastIndexOf('/') + 1);
}

/** Writes an error line `name: msg` to stderr. */
export function fail(p: Process, msg: string): void {
  p.stderr.write(`${appletName(p)}: ${msg}\n`);
}

/** Parsed short options: flags seen, option values, operands, and the first unknown option. */
export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
  unknown?: string;
  missingValue?: string;
}

/**
 * getopt-style parsing of `args` against `spec` (`"lan:"`: `-l -a` flags, `-n VALUE`). Long options
 * in `long` map to short ones (`--quiet` → `q`). `--` ends options; a lone `-` is an operand.
 */
export function parseArgs(args: readonly string[], spec: string, long: Readonly<Record<string, string>> = {}): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  const takesValue = (c: string): boolean => spec.includes(`${c}:`);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const short = own(long, name);
      if (short === undefined) return { flags, values, operands, unknown: a };
      if (takesValue(short)) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) return { flags, values, operands, missingValue: short };
        values.set(short, v);
      } else flags.add(short);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (!spec.includes(c)) return { flags, values, operands, unknown: c };
      if (takesValue(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { flags, values, operands, missingValue: c };
        values.set(c, v);
        break;
      }
      flags.add(c);
    }
  }
  return { flags, values, operands };
}

/** Reports a bad option the way the flavour does; returns the exit status to use. */
export function badOption(p: Process, flavor: Flavor, r: ParsedArgs): number {
  const name = appletName(p);
  if (r.missingValue) {
    p.stderr.write(flavor === 'gnu'
      ? `${name}: option requires an argument -- '${r.missingValue}'\nTry '${name} --help' for more information.\n`
      : `${name}: option requires an argument -- ${r.missingValue}\n`);
  } else if (flavor === 'gnu') {
    const u = r.unknown ?? '';
    p.stderr.write(u.startsWith('--') ? `${name}: unrecognized option '${u}'\n` : `${name}: invalid option -- '${u}'\n`);
    p.stderr.write(`Try '${name} --help' for more information.\n`);
  } else p.stderr.write(`${name}: unrecognized option: ${(r.unknown ?? '').replace(/^--?/, '')}\n`);
  return flavor === 'gnu' ? 2 : 1;
}

/** A user or group database line (`/etc/passwd`, `/etc/group`) by field. */
export function readDb(vfs: Vfs, path: string): string[][] {
  const text = vfs.readFile(path);
  if (typeof text !== 'string') return [];
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(':'));
}

/** The name of `uid` in the container's /etc/passwd, or the number. */
export function userName(vfs: Vfs, uid: number): string {
  return readDb(vfs, '/etc/passwd').find((f) => f[2] === String(uid))?.[0] ?? String(uid);
}

/** The name of `gid` in the container's /etc/group, or the number. */
export function groupName(vfs: Vfs, gid: number): string {
  return readDb(vfs, '/etc/group').find((f) => f[2] === String(gid))?.[0] ?? String(gid);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** strftime(3) in UTC for the conversions `date` users type. */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'I': return p2(((d.getUTCHours() + 11) % 12) + 1);
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'N': return String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'A': return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]!;
      case 'b': case 'h': return MONTHS[d.getUTCMonth()]!;
      case 'B': return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getUTCMonth()]!;
      case 'j': return String(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1).padStart(3, '0');
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return strftime('%H:%M:%S', ms);
      case 'R': return strftime('%H:%M', ms);
      case 'D': return strftime('%m/%d/%y', ms);
      case 'F': return strftime('%Y-%m-%d', ms);
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return m;
    }
  });
}

/** `ls -l` permission string (`drwxr-xr-x`). */
export function modeString(kind: 'file' | 'dir' | 'symlink', mode: number, device = false): string {
  const t = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : device ? 'c' : '-';
  let s = t;
  // setuid, setgid and sticky bits replace the x of user, group and other
  const special: Array<[number, string, string]> = [[0o4000, 's', 'S'], [0o2000, 's', 'S'], [0o1000, 't', 'T']];
  [6, 3, 0].forEach((shift, i) => {
    const b = (mode >> shift) & 7;
    const [bit, onX, noX] = special[i]!;
    const x = mode & bit ? (b & 1 ? onX : noX) : b & 1 ? 'x' : '-';
    s += (b & 4 ? 'r' : '-') + (b & 2 ? 'w' : '-') + x;
  });
  return s;
}

/** `ls -l` date column: `Jan  1 00:00` within six months of now, `Jan  1  2023` otherwise. */
export function lsDate(mtime: number, now: number): string {
  const recent = Math.abs(now - mtime) < 182 * 86400_000;
  return recent ? strftime('%b %e %H:%M', mtime) : strftime('%b %e  %Y', mtime);
}
