/**
 * Linux signals as the simulated runtime knows them: numbers of x86-64 Linux (`signal(7)`), names
 * without the `SIG` prefix, and each signal's default action.
 */

/** A signal name without the `SIG` prefix, e.g. `TERM`. */
export type SignalName =
  | 'HUP' | 'INT' | 'QUIT' | 'ILL' | 'TRAP' | 'ABRT' | 'BUS' | 'FPE' | 'KILL' | 'USR1' | 'SEGV' | 'USR2'
  | 'PIPE' | 'ALRM' | 'TERM' | 'STKFLT' | 'CHLD' | 'CONT' | 'STOP' | 'TSTP' | 'TTIN' | 'TTOU' | 'URG'
  | 'XCPU' | 'XFSZ' | 'VTALRM' | 'PROF' | 'WINCH' | 'IO' | 'PWR' | 'SYS';

/** Signal numbers, in order from 1 (`kill -l` prints them in this order). */
export const SIGNAL_NAMES: readonly SignalName[] = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM',
  'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF',
  'WINCH', 'IO', 'PWR', 'SYS',
];

/** The number of a signal (`TERM` → 15). */
export function signalNumber(sig: SignalName): number {
  return SIGNAL_NAMES.indexOf(sig) + 1;
}

/** The name of signal number `n`, or undefined when Linux has no such (non-realtime) signal. */
export function signalName(n: number): SignalName | undefined {
  return Number.isInteger(n) ? SIGNAL_NAMES[n - 1] : undefined;
}

/**
 * Reads a signal as `kill`, `trap` and container STOPSIGNAL accept it: `TERM`, `SIGTERM`, `sigterm`
 * or `15`. Returns undefined for anything else.
 */
export function parseSignal(text: string): SignalName | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return signalName(Number(t));
  const upper = t.toUpperCase();
  const bare = upper.startsWith('SIG') ? upper.slice(3) : upper;
  return (SIGNAL_NAMES as readonly string[]).includes(bare) ? (bare as SignalName) : undefined;
}

/** Signals whose default action is to do nothing (`signal(7)`: Ign, and Cont for CONT). */
const IGNORED_BY_DEFAULT: ReadonlySet<SignalName> = new Set<SignalName>(['CHLD', 'CONT', 'URG', 'WINCH']);

/** Signals whose default action stops the process; the simulation does not model job control. */
const STOP_BY_DEFAULT: ReadonlySet<SignalName> = new Set<SignalName>(['STOP', 'TSTP', 'TTIN', 'TTOU']);

/** What a process with the default disposition does on `sig`. */
export function defaultAction(sig: SignalName): 'terminate' | 'ignore' | 'stop' {
  if (IGNORED_BY_DEFAULT.has(sig)) return 'ignore';
  if (STOP_BY_DEFAULT.has(sig)) return 'stop';
  return 'terminate';
}

/**
 * The exit code a shell or container runtime reports for a process killed by `sig`: 128 + n
 * (137 for KILL, 143 for TERM), as containerd reports it in the CRI container status.
 */
export function signalExitCode(sig: SignalName): number {
  return 128 + signalNumber(sig);
}
