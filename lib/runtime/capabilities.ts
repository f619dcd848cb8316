import type { SecurityContext } from '../api/types.js';
import type { CapabilitySets } from './host.js';

/** Linux capability numbers (`capabilities(7)`), names without `CAP_`. */
export const CAPABILITY_BITS: Readonly<Record<string, number>> = {
  CHOWN: 0, DAC_OVERRIDE: 1, DAC_READ_SEARCH: 2, FOWNER: 3, FSETID: 4, KILL: 5, SETGID: 6, SETUID: 7, SETPCAP: 8,
  LINUX_IMMUTABLE: 9, NET_BIND_SERVICE: 10, NET_BROADCAST: 11, NET_ADMIN: 12, NET_RAW: 13, IPC_LOCK: 14, IPC_OWNER: 15,
  SYS_MODULE: 16, SYS_RAWIO: 17, SYS_CHROOT: 18, SYS_PTRACE: 19, SYS_PACCT: 20, SYS_ADMIN: 21, SYS_BOOT: 22, SYS_NICE: 23,
  SYS_RESOURCE: 24, SYS_TIME: 25, SYS_TTY_CONFIG: 26, MKNOD: 27, LEASE: 28, AUDIT_WRITE: 29, AUDIT_CONTROL: 30, SETFCAP: 31,
  MAC_OVERRIDE: 32, MAC_ADMIN: 33, SYSLOG: 34, WAKE_ALARM: 35, BLOCK_SUSPEND: 36, AUDIT_READ: 37, PERFMON: 38, BPF: 39,
  CHECKPOINT_RESTORE: 40,
};

/** containerd's default capability set for containers (`oci.defaultUnixCaps`): `0x00000000a80425fb`. */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE',
  'SYS_CHROOT', 'KILL', 'AUDIT_WRITE',
];

const ALL = (1n << 41n) - 1n;

function mask(names: readonly string[]): bigint {
  let m = 0n;
  for (const n of names) {
    const bit = CAPABILITY_BITS[n.toUpperCase().replace(/^CAP_/, '')];
    if (bit !== undefined) m |= 1n << BigInt(bit);
  }
  return m;
}

/**
 * The capability sets a container's processes get: everything when `privileged` (CapEff
 * `000001ffffffffff`, as scenario 12 of the docs shows), else containerd's defaults plus
 * `capabilities.add` minus `capabilities.drop` (`ALL` allowed in both).
 */
export function containerCapabilities(sc: SecurityContext | undefined): CapabilitySets {
  if (sc?.privileged) return { bounding: ALL, permitted: ALL };
  let m = mask(DEFAULT_CAPABILITIES);
  const add = sc?.capabilities?.add ?? [];
  const drop = sc?.capabilities?.drop ?? [];
  if (drop.some((d) => d.toUpperCase() === 'ALL')) m = 0n;
  else m &= ~mask(drop);
  if (add.some((a) => a.toUpperCase() === 'ALL')) m = ALL;
  else m |= mask(add);
  return { bounding: m, permitted: m };
}
