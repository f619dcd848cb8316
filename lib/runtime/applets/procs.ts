import { findExecutable, programFor } from '../exec.js';
import { own } from '../own.js';
import type { Process } from '../process.js';
import { FOREVER, waitFor, type Program, type ProgramRun } from '../program.js';
import { parseSignal, SIGNAL_NAMES, type SignalName } from '../signals.js';
import { Tty } from '../tty.js';
import { badOption, fail, instant, parseArgs, userName, type Flavor } from './util.js';

interface Column {
  width: number;
  header: string;
  value(p: Process, viewer: Process): string;
}

function cpuTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2)}:${String(s % 60).padStart(2, '0')}`;
}

/** The `ps -o` columns busybox knows (procps/ps.c `out_spec`), with its widths. */
const COLUMNS: Record<string, Column> = {
  pid: { width: 5, header: 'PID', value: (p) => String(p.pid).padStart(5) },
  ppid: { width: 5, header: 'PPID', value: (p) => String(p.ppid).padStart(5) },
  pgid: { width: 5, header: 'PGID', value: (p) => String(p.pid).padStart(5) },
  user: { width: 8, header: 'USER', value: (p, v) => userName(v.vfs, p.uid).slice(0, 8) },
  group: { width: 8, header: 'GROUP', value: (p, v) => String(p.gid === 0 ? 'root' : p.gid).slice(0, 8) || userName(v.vfs, p.gid) },
  comm: { width: 16, header: 'COMMAND', value: (p) => p.comm },
  args: { width: 2048, header: 'COMMAND', value: (p) => (p.argv.length > 0 ? p.argv.join(' ') : `[${p.comm}]`) },
  // busybox 1.28–1.36 prints cumulative CPU time as "%2lu:%02u" in a 5-wide column
  time: { width: 5, header: 'TIME', value: (p) => cpuTime(p.cpuMs) },
  etime: { width: 7, header: 'ELAPSED', value: (p) => {
    const s = Math.floor((p.host.clock.now() - p.startedAt) / 1000);
    return `${String(Math.floor(s / 60)).padStart(3)}:${String(s % 60).padStart(2, '0')}`;
  } },
  tty: { width: 6, header: 'TT', value: (p) => (p.stdin instanceof Tty ? '136,0' : '?') },
  vsz: { width: 4, header: 'VSZ', value: () => '1.6m'.slice(0, 4) },
  rss: { width: 4, header: 'RSS', value: () => '4' },
  stat: { width: 4, header: 'STAT', value: (p, v) => (p === v ? 'R' : 'S') },
  nice: { width: 5, header: 'NI', value: () => '0'.padStart(5) },
  sid: { width: 5, header: 'SID', value: (p) => String(p.pid).padStart(5) },
};

/**
 * busybox `ps` (DESKTOP build, as in the busybox and alpine images): default columns
 * `pid,user,time,args`, `-o` to choose; `a`, `x`, `-e`, `-f` and friends are accepted and ignored.
 * It lists the caller's PID namespace, user names from the caller's own /etc/passwd.
 */
export function ps(): Program {
  return instant((p) => {
    const args = p.argv.slice(1);
    let spec = 'pid,user,time,args';
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-o') spec = args[++i] ?? '';
      else if (a.startsWith('-o')) spec = a.slice(2);
      else if (!/^-?[aAdeflxuTwZ]+$/.test(a)) {
        fail(p, `unrecognized option: ${a.replace(/^-/, '')}`);
        return 1;
      }
    }
    const cols: Array<{ col: Column; header: string }> = [];
    for (const item of spec.split(',')) {
      const [name, header] = item.split('=');
      const col = own(COLUMNS, name ?? '');
      if (!col) {
        fail(p, `bad -o argument '${name}', supported arguments: ${Object.keys(COLUMNS).join(',')}`);
        return 1;
      }
      cols.push({ col: header !== undefined && header !== '' ? { ...col, width: header.length } : col, header: header ?? col.header });
    }
    const width = p.stdout.isTty ? Math.max(1, (p.stdout.columns ?? 80) - 1) : 2048;
    const line = (cells: string[]): string => {
      let s = '';
      cells.forEach((c, i) => {
        s += i === cells.length - 1 ? c : c.padEnd(cols[i]!.col.width + 1);
      });
      return s.slice(0, width);
    };
    let out = `${line(cols.map((c) => c.header))}\n`;
    for (const proc of p.ns.list()) out += `${line(cols.map((c) => c.col.value(proc, p) || '-'))}\n`;
    p.stdout.write(out);
    return 0;
  });
}

/** The `kill` executable: `kill [-SIG|-s SIG] PID…`, `kill -l`. */
export function killApplet(flavor: Flavor): Program {
  return instant((p) => {
    let args = p.argv.slice(1);
    if (args[0] === '-l') {
      p.stdout.write(flavor === 'busybox' ? SIGNAL_NAMES.map((n, i) => `${String(i + 1).padStart(2)}) ${n}\n`).join('') : `${SIGNAL_NAMES.join(' ')}\n`);
      return 0;
    }
    let sig: SignalName | 0 = 'TERM';
    if (args[0] === '-s' || (args[0]?.startsWith('-') && args.length > 1 && !/^-\d+$/.test(args[0] ?? '')) || (/^-\d+$/.test(args[0] ?? '') && args.length > 1)) {
      const name = args[0] === '-s' ? args[1] : args[0]!.slice(1);
      args = args.slice(args[0] === '-s' ? 2 : 1);
      const parsed = name === '0' ? 0 : parseSignal(name ?? '');
      if (parsed === undefined) {
        fail(p, `bad signal name '${name ?? ''}'`);
        return 1;
      }
      sig = parsed;
    }
    let status = 0;
    for (const a of args) {
      const target = /^\d+$/.test(a) ? p.ns.get(Number(a)) : undefined;
      if (!target) {
        fail(p, flavor === 'busybox' ? `can't kill pid ${a}: No such process` : `(${a}): No such process`);
        status = 1;
      } else if (p.uid !== 0 && target.uid !== p.uid) {
        fail(p, `can't kill pid ${a}: Operation not permitted`);
        status = 1;
      } else if (sig !== 0) target.signal(sig);
    }
    return status;
  });
}

/** Parses `sleep` operands (`5`, `1.5`, `2m`, `1d`, `inf`); undefined with the bad operand. */
export function parseSleep(args: readonly string[]): { ms: number } | { bad: string } {
  let ms = 0;
  for (const a of args) {
    if (/^inf(inity)?$/i.test(a)) return { ms: Infinity };
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return { bad: a };
    ms += Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2] ?? '']!;
  }
  return { ms };
}

/** `sleep DURATION…`: waits on the clock (never really); `sleep infinity` waits forever. */
export function sleep(flavor: Flavor, busyboxVersion = '1.36.1'): Program {
  return function* (p): ProgramRun {
    const args = p.argv.slice(1);
    if (args.length === 0) {
      p.stderr.write(flavor === 'gnu' ? "sleep: missing operand\nTry 'sleep --help' for more information.\n"
        : `BusyBox v${busyboxVersion} multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n`);
      return 1;
    }
    const r = parseSleep(args);
    if ('bad' in r) {
      p.stderr.write(flavor === 'gnu' ? `sleep: invalid time interval '${r.bad}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${r.bad}'\n`);
      return 1;
    }
    if (r.ms === Infinity) yield* waitFor(FOREVER);
    else yield* waitFor(p.sleep(r.ms));
    return 0;
  };
}

/** `env [-i] [-u NAME] [NAME=VALUE]… [COMMAND [ARG]…]`: prints the environment or execs COMMAND. */
export function env(flavor: Flavor): Program {
  return function* (p): ProgramRun {
    const args = p.argv.slice(1);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-i' || a === '-' || a === '--ignore-environment') p.env.clear();
      else if (a === '-u') p.env.delete(args[++i] ?? '');
      else if (a === '--') {
        i++;
        break;
      } else if (a.startsWith('-') && a.length > 1) {
        return badOption(p, flavor, { flags: new Set(), values: new Map(), operands: [], unknown: a.slice(1) });
      } else if (a.includes('=')) p.env.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
      else break;
    }
    const cmd = args.slice(i);
    if (cmd.length === 0) {
      p.stdout.write([...p.env].map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    const exe = findExecutable(p.vfs, cmd[0]!, p.env.get('PATH'), p.cwd);
    const prog = 'errno' in exe ? exe : programFor(p.vfs, exe, cmd);
    if ('errno' in prog) {
      const text = prog.errno === 'EACCES' ? 'Permission denied' : 'No such file or directory';
      fail(p, flavor === 'gnu' ? `'${cmd[0]}': ${text}` : `can't execute '${cmd[0]}': ${text}`);
      return prog.errno === 'EACCES' ? 126 : 127;
    }
    return yield* p.execve(prog.argv, prog.program);
  };
}

/** `printenv [NAME]…`. */
export function printenv(): Program {
  return instant((p) => {
    const names = p.argv.slice(1);
    if (names.length === 0) {
      p.stdout.write([...p.env].map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    let status = 0;
    for (const n of names) {
      const v = p.env.get(n);
      if (v === undefined) status = 1;
      else p.stdout.write(`${v}\n`);
    }
    return status;
  });
}

export { parseArgs };
