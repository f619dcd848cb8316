import { cat, headTail, moreFileOps } from '../applets/files.js';
import { fileOps } from '../applets/fs-ops.js';
import { own } from '../own.js';
import { builtinApplets, infoApplets } from '../applets/info.js';
import { ls } from '../applets/ls.js';
import { nslookup, ping, wget } from '../applets/net.js';
import { env, killApplet, printenv, ps, sleep } from '../applets/procs.js';
import { grep, seq, sortUniq } from '../applets/text.js';
import type { DirNode } from '../fs/nodes.js';
import { buildTree, type TreeSpec } from '../fs/tree.js';
import type { ImageReference } from '../image-reference.js';
import type { Program, ProgramRun } from '../program.js';
import { shellProgram } from '../shell.js';
import { BASE_DIRS, ETC_GROUP_BUSYBOX, ETC_PASSWD_BUSYBOX } from './etc.js';
import type { ImageBehaviour } from './types.js';

const PATCH: Readonly<Record<string, string>> = {
  '28': '1.28.4', '29': '1.29.3', '30': '1.30.1', '31': '1.31.1', '32': '1.32.1', '33': '1.33.2', '34': '1.34.1', '35': '1.35.0', '36': '1.36.1', '37': '1.37.0',
};
const BUILT: Readonly<Record<string, string>> = {
  '1.28.4': '2018-05-22 17:00:17 UTC', '1.36.1': '2023-05-18 22:34:17 UTC', '1.37.0': '2024-09-26 21:31:42 UTC',
};

/** The busybox version an image tag stands for (`1.28` → `1.28.4`; `latest` → `1.37.0`). */
export function busyboxVersion(tag: string | undefined): string {
  const m = /^1\.(\d+)(?:\.(\d+))?/.exec(tag ?? '');
  if (!m) return '1.37.0';
  return m[2] !== undefined ? `1.${m[1]}.${m[2]}` : own(PATCH, m[1]!) ?? `1.${m[1]}.0`;
}

/** The applets the simulated busybox provides, by name. */
export function busyboxApplets(version: string): Record<string, Program> {
  const sh = shellProgram('ash');
  const su = sortUniq('busybox');
  return {
    sh, ash: sh,
    ls: ls('busybox'), cat: cat('busybox'), head: headTail('head', 'busybox'), tail: headTail('tail', 'busybox'),
    ...fileOps('busybox'), ...moreFileOps('busybox'),
    grep: grep('busybox'), egrep: grep('busybox'), sort: su.sort, uniq: su.uniq, seq: seq(),
    ps: ps(), kill: killApplet('busybox'), sleep: sleep('busybox', version), env: env('busybox'), printenv: printenv(),
    ...infoApplets('busybox'), ...builtinApplets('busybox'),
    wget: wget(version), nslookup: nslookup(version), ping: ping(),
  };
}

/**
 * The busybox multi-call binary: the applet is argv[0]'s base name (`/bin/ls`), or argv[1] when run
 * as `busybox APPLET …`.
 */
export function busyboxProgram(version: string, applets: Readonly<Record<string, Program>>): Program {
  return function* (p): ProgramRun {
    const a0 = p.argv[0] ?? '';
    let name = a0.slice(a0.lastIndexOf('/') + 1);
    if (name === 'busybox') {
      if (p.argv.length < 2 || p.argv[1] === '--list' || p.argv[1] === '--help') {
        const names = Object.keys(applets).sort();
        if (p.argv[1] === '--list') p.stdout.write(names.map((n) => `${n}\n`).join(''));
        else p.stdout.write(`BusyBox v${version}${own(BUILT, version) ? ` (${own(BUILT, version)})` : ''} multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list\n   or: function [arguments]...\n\nCurrently defined functions:\n\t${names.join(', ')}\n`);
        return 0;
      }
      p.argv = p.argv.slice(1);
      name = p.argv[0]!;
    }
    const applet = own(applets, name);
    if (!applet) {
      p.stderr.write(`${name}: applet not found\n`);
      return 127;
    }
    return yield* applet(p);
  };
}

const BUSYBOX_SIZE = 1_131_168;

/** When an image of this busybox version was built (file times in `ls -l`). */
export function builtAt(version: string): number {
  return Date.parse((own(BUILT, version) ?? '2024-09-26 21:31:42 UTC').replace(' UTC', 'Z').replace(' ', 'T'));
}

/** Files of a busybox-based root: the binary, its applet links (`dir` picks where each goes), /etc. */
export function busyboxFiles(version: string, where: (applet: string) => string, extra: TreeSpec = {}): TreeSpec {
  const applets = busyboxApplets(version);
  const spec: Record<string, TreeSpec[string]> = { ...BASE_DIRS };
  spec['/bin/busybox'] = { program: busyboxProgram(version, applets), size: BUSYBOX_SIZE };
  for (const name of Object.keys(applets).sort()) {
    const path = `${where(name)}/${name}`;
    if (path !== '/bin/busybox') spec[path] = { hardlink: '/bin/busybox' };
  }
  spec['/etc/passwd'] = ETC_PASSWD_BUSYBOX;
  spec['/etc/group'] = ETC_GROUP_BUSYBOX;
  spec['/etc/shadow'] = { file: 'root:*:10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\nsync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n', mode: 0o600 };
  spec['/etc/nsswitch.conf'] = 'hosts:\tfiles dns\n';
  return { ...spec, ...extra };
}

const trees = new Map<string, DirNode>();

/** The `busybox` image: everything in /bin, CMD `sh`, no /etc/os-release. */
export function busyboxImage(ref: ImageReference): ImageBehaviour {
  const version = busyboxVersion(ref.tag);
  return {
    config: { cmd: ['sh'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    tree: () => {
      let t = trees.get(version);
      if (!t) trees.set(version, (t = buildTree(busyboxFiles(version, () => '/bin'), undefined, builtAt(version))));
      return t;
    },
    sizeBytes: version === '1.28.4' ? 727_869 : 2_155_632,
    digest: version === '1.28.4' ? 'sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47' : undefined,
  };
}

const ALPINE_USR_BIN = new Set(['env', 'wget', 'nslookup', 'head', 'tail', 'id', 'whoami', 'seq', 'sort', 'uniq', 'tee', 'wc', 'which', 'nproc', 'printf', 'test', '[', 'basename', 'dirname', 'readlink', 'uptime', 'egrep']);

/** The `alpine` image: busybox applets split over /bin and /usr/bin, CMD `/bin/sh`, musl, os-release. */
export function alpineImage(ref: ImageReference): ImageBehaviour {
  const m = /^(3\.\d+)(\.\d+)?/.exec(ref.tag ?? '');
  const release = m ? (m[2] !== undefined ? m[0] : `${m[1]}.0`) : '3.21.0';
  const short = release.split('.').slice(0, 2).join('.');
  return {
    config: { cmd: ['/bin/sh'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    tree: () => {
      const key = `alpine-${release}`;
      let t = trees.get(key);
      if (!t) {
        t = buildTree(busyboxFiles('1.37.0', (a) => (ALPINE_USR_BIN.has(a) ? '/usr/bin' : '/bin'), {
          '/etc/os-release': `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${release}\nPRETTY_NAME="Alpine Linux v${short}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
          '/etc/alpine-release': `${release}\n`,
          '/etc/shells': '# valid login shells\n/bin/sh\n/bin/ash\n',
        }), undefined, Date.UTC(2024, 11, 5, 12, 0, 0));
        trees.set(key, t);
      }
      return t;
    },
    sizeBytes: 3_642_383,
  };
}
