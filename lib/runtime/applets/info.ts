import { findExecutable } from '../exec.js';
import type { Process } from '../process.js';
import type { Program } from '../program.js';
import { evaluateTest } from '../shell/test-command.js';
import { formatPrintf, interpretEscapes } from '../shell/text.js';
import { badOption, fail, groupName, instant, parseArgs, readDb, strftime, userName, type Flavor } from './util.js';

/** The node's kernel as `uname` reports it (a kubeadm node on Ubuntu 24.04). */
export const KERNEL = { release: '6.8.0-45-generic', version: '#45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024', machine: 'x86_64' };

/** CPUs of the simulated node (`nproc`, nginx `worker_processes auto`). */
export const NODE_CPUS = 2;

function groupsOf(p: Process, user: string): number[] {
  const groups = [p.gid];
  for (const f of readDb(p.vfs, '/etc/group')) {
    const gid = Number(f[2]);
    if ((f[3] ?? '').split(',').includes(user) && !groups.includes(gid)) groups.push(gid);
  }
  return groups;
}

/** `uptime` in busybox/procps form: ` 00:10:27 up 10 min,  0 users,  load average: 0.00, 0.00, 0.00`. */
function uptimeLine(p: Process): string {
  const now = p.host.clock.now();
  const up = Math.max(0, Math.floor((now - p.host.bootTime) / 60000));
  const days = Math.floor(up / 1440);
  const hm = up % 1440;
  const clock = hm >= 60 ? `${Math.floor(hm / 60)}:${String(hm % 60).padStart(2, '0')}` : `${hm} min`;
  const upText = days > 0 ? `${days} day${days > 1 ? 's' : ''}, ${clock}` : clock;
  return ` ${strftime('%H:%M:%S', now)} up ${upText},  0 users,  load average: 0.00, 0.00, 0.00\n`;
}

/** Small informational applets: hostname, id, whoami, date, uname, uptime, nproc, which. */
export function infoApplets(flavor: Flavor): Record<string, Program> {
  return {
    hostname: instant((p) => {
      const a = p.argv.slice(1);
      if (a.includes('-i') || a.includes('-I')) p.stdout.write(`${p.host.network.podIP}${a.includes('-I') ? ' ' : ''}\n`);
      else if (a.length > 0 && !a[0]!.startsWith('-')) {
        fail(p, flavor === 'gnu' ? 'you must be root to change the host name' : 'sethostname: Operation not permitted');
        return 1;
      } else p.stdout.write(`${a.includes('-s') ? p.host.hostname.split('.')[0] : p.host.hostname}\n`);
      return 0;
    }),
    id: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'ugGnr');
      if (r.unknown) return badOption(p, flavor, r);
      const name = userName(p.vfs, p.uid);
      const fmt = (id: number, n: string): string => (n === String(id) ? String(id) : `${id}(${n})`);
      const groups = groupsOf(p, name);
      if (r.flags.has('u')) p.stdout.write(`${r.flags.has('n') ? name : p.uid}\n`);
      else if (r.flags.has('g')) p.stdout.write(`${r.flags.has('n') ? groupName(p.vfs, p.gid) : p.gid}\n`);
      else if (r.flags.has('G')) p.stdout.write(`${groups.map((g) => (r.flags.has('n') ? groupName(p.vfs, g) : String(g))).join(' ')}\n`);
      else p.stdout.write(`uid=${fmt(p.uid, name)} gid=${fmt(p.gid, groupName(p.vfs, p.gid))} groups=${groups.map((g) => fmt(g, groupName(p.vfs, g))).join(',')}\n`);
      return 0;
    }),
    whoami: instant((p) => {
      const name = userName(p.vfs, p.uid);
      if (name === String(p.uid)) {
        fail(p, flavor === 'gnu' ? `cannot find name for user ID ${p.uid}` : `unknown uid ${p.uid}`);
        return 1;
      }
      p.stdout.write(`${name}\n`);
      return 0;
    }),
    date: instant((p) => {
      const now = p.host.clock.now();
      const args = p.argv.slice(1).filter((a) => a !== '-u' && a !== '--utc');
      const fmtArg = args.find((a) => a.startsWith('+'));
      if (args.some((a) => a !== fmtArg && !/^-(R|I\w*)$/.test(a))) {
        const bad = args.find((a) => a !== fmtArg)!;
        if (!bad.startsWith('-')) {
          fail(p, flavor === 'gnu' ? 'cannot set date: Operation not permitted' : "can't set date: Operation not permitted");
          return 1;
        }
      }
      let out: string;
      if (fmtArg) out = strftime(fmtArg.slice(1), now);
      else if (args.includes('-R')) out = strftime('%a, %d %b %Y %H:%M:%S +0000', now);
      else if (args.includes('-Iseconds')) out = strftime('%Y-%m-%dT%H:%M:%S+00:00', now);
      else if (args.some((a) => a.startsWith('-I'))) out = strftime('%Y-%m-%d', now);
      else out = strftime('%a %b %e %H:%M:%S %Z %Y', now);
      p.stdout.write(`${out}\n`);
      return 0;
    }),
    uname: instant((p) => {
      const r = parseArgs(p.argv.slice(1), 'asnrvmpio', { all: 'a' });
      if (r.unknown) return badOption(p, flavor, r);
      const f = r.flags;
      const all = f.has('a');
      const fields: string[] = [];
      if (all || f.has('s') || f.size === 0) fields.push('Linux');
      if (all || f.has('n')) fields.push(p.host.hostname);
      if (all || f.has('r')) fields.push(KERNEL.release);
      if (all || f.has('v')) fields.push(KERNEL.version);
      if (all || f.has('m')) fields.push(KERNEL.machine);
      if ((all && flavor === 'gnu') || f.has('p')) fields.push(flavor === 'gnu' ? KERNEL.machine : 'unknown');
      if ((all && flavor === 'gnu') || f.has('i')) fields.push(flavor === 'gnu' ? KERNEL.machine : 'unknown');
      if (all || f.has('o')) fields.push('GNU/Linux');
      p.stdout.write(`${fields.join(' ')}\n`);
      return 0;
    }),
    uptime: instant((p) => {
      p.stdout.write(uptimeLine(p));
      return 0;
    }),
    nproc: instant((p) => {
      p.stdout.write(`${NODE_CPUS}\n`);
      return 0;
    }),
    which: instant((p) => {
      let status = 0;
      for (const n of p.argv.slice(1).filter((a) => !a.startsWith('-'))) {
        const exe = findExecutable(p.vfs, n, p.env.get('PATH'), p.cwd);
        if ('errno' in exe) status = 1;
        else p.stdout.write(`${exe.path}\n`);
      }
      return status;
    }),
  };
}

/** The standalone versions of shell builtins: true, false, echo, printf, pwd, test and `[`. */
export function builtinApplets(flavor: Flavor): Record<string, Program> {
  const test = (bracket: boolean): Program => instant((p) => {
    let args = p.argv.slice(1);
    if (bracket) {
      if (args.at(-1) !== ']') {
        fail(p, 'missing ]');
        return 2;
      }
      args = args.slice(0, -1);
    }
    const isTty = (fd: number): boolean => (fd === 0 ? p.stdin.isTty : fd === 1 ? p.stdout.isTty : p.stderr.isTty);
    const r = evaluateTest(args, p.vfs, p.cwd, p.uid, isTty);
    if ('error' in r) {
      fail(p, r.error);
      return 2;
    }
    return r.status;
  });
  return {
    true: instant(() => 0),
    false: instant(() => 1),
    echo: instant((p) => {
      let args = p.argv.slice(1);
      let newline = true;
      let escapes = false;
      while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
        for (const c of args[0]!.slice(1)) {
          if (c === 'n') newline = false;
          else escapes = c === 'e';
        }
        args = args.slice(1);
      }
      let text = args.join(' ');
      if (escapes) {
        const e = interpretEscapes(text, true);
        text = e.text;
        if (e.stop) newline = false;
      }
      p.stdout.write(newline ? `${text}\n` : text);
      return 0;
    }),
    printf: instant((p) => {
      if (p.argv.length < 2) {
        fail(p, flavor === 'gnu' ? 'missing operand' : 'usage: printf FORMAT [ARG]...');
        return 1;
      }
      const r = formatPrintf(p.argv[1]!, p.argv.slice(2));
      p.stdout.write(r.text);
      for (const b of r.bad) fail(p, `invalid number '${b}'`);
      return r.bad.length > 0 ? 1 : 0;
    }),
    pwd: instant((p) => {
      p.stdout.write(`${p.cwd}\n`);
      return 0;
    }),
    test: test(false),
    '[': test(true),
  };
}
