import type { Wait } from '../program.js';
import { parseSignal, SIGNAL_NAMES, signalName, signalNumber, type SignalName } from '../signals.js';
import type { Io, Shell } from './interpreter.js';

/**
 * `kill [-s SIG | -SIG | -n N] PID…` and `kill -l [N|NAME]`, as ash's builtin (busybox
 * procps/kill.c): signals reach processes of the shell's PID namespace, so in a pod sharing its
 * process namespace they reach the other containers. `kill -0` only checks the PID exists.
 */
export function* killBuiltin(sh: Shell, argv: string[], io: Io): Generator<Wait, number, unknown> {
  let args = argv.slice(1);
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length === 1) {
      io.stdout.write(SIGNAL_NAMES.map((n, i) => `${String(i + 1).padStart(2)}) ${n}\n`).join(''));
      return 0;
    }
    for (const a of args.slice(1)) {
      const byNumber = /^\d+$/.test(a) ? signalName(Number(a) > 128 ? Number(a) - 128 : Number(a)) : undefined;
      const byName = parseSignal(a);
      if (byNumber) io.stdout.write(`${byNumber}\n`);
      else if (byName && !/^\d+$/.test(a)) io.stdout.write(`${signalNumber(byName)}\n`);
      else {
        sh.error(io, `kill: bad signal name '${a}'`);
        return 1;
      }
    }
    return 0;
  }
  let sig: SignalName | 0 = 'TERM';
  const first = args[0];
  if (first !== undefined && first.startsWith('-') && first !== '--' && !/^-\d+$/.test(first) || (first !== undefined && /^-\d+$/.test(first) && args.length > 1)) {
    let name: string | undefined;
    if (first === '-s' || first === '-n') {
      name = args[1];
      args = args.slice(2);
    } else {
      name = first.slice(1);
      args = args.slice(1);
    }
    if (name === '0') sig = 0;
    else {
      const parsed = name === undefined ? undefined : parseSignal(name);
      if (!parsed) {
        sh.error(io, `kill: bad signal name '${name ?? ''}'`);
        return 1;
      }
      sig = parsed;
    }
  } else if (first === '--') args = args.slice(1);
  if (args.length === 0) {
    sh.error(io, 'kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
    return 2;
  }
  let status = 0;
  const me = sh.proc;
  for (const a of args) {
    if (!/^-?\d+$/.test(a)) {
      sh.error(io, `kill: ${a}: ${sh.dialect.name === 'bash' ? 'arguments must be process or job IDs' : 'invalid number'}`);
      status = 1;
      continue;
    }
    const pid = Number(a);
    const targets = pid === -1 ? me.ns.list().filter((p) => p.pid !== 1 && p !== me) : [me.ns.get(pid)].filter((p) => p !== undefined);
    if (targets.length === 0) {
      sh.error(io, sh.dialect.noSuchProcess(a));
      status = 1;
      continue;
    }
    for (const t of targets) {
      if (me.uid !== 0 && t.uid !== me.uid) {
        sh.error(io, sh.dialect.name === 'bash' ? `kill: (${a}) - Operation not permitted` : `can't kill pid ${a}: Operation not permitted`);
        status = 1;
        continue;
      }
      if (sig !== 0) t.signal(sig);
    }
  }
  return status;
}
