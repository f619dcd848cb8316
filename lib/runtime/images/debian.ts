import { cat, headTail, moreFileOps } from '../applets/files.js';
import { fileOps } from '../applets/fs-ops.js';
import { builtinApplets, infoApplets } from '../applets/info.js';
import { ls } from '../applets/ls.js';
import { env, printenv, sleep } from '../applets/procs.js';
import { grep, seq, sortUniq } from '../applets/text.js';
import type { DirNode } from '../fs/nodes.js';
import { buildTree, type TreeSpec } from '../fs/tree.js';
import type { ImageReference } from '../image-reference.js';
import type { Program } from '../program.js';
import { shellProgram } from '../shell.js';
import { BASE_DIRS, debianGroup, debianPasswd } from './etc.js';
import type { ImageBehaviour } from './types.js';

/** GNU coreutils and friends as Debian's and Ubuntu's base images ship them (no procps, no network tools). */
function gnuPrograms(): Record<string, Program> {
  const su = sortUniq('gnu');
  const info = infoApplets('gnu');
  return {
    ls: ls('gnu'), cat: cat('gnu'), head: headTail('head', 'gnu'), tail: headTail('tail', 'gnu'),
    ...fileOps('gnu'), ...moreFileOps('gnu'),
    grep: grep('gnu'), sort: su.sort, uniq: su.uniq, seq: seq(),
    sleep: sleep('gnu'), env: env('gnu'), printenv: printenv(),
    hostname: info.hostname!, id: info.id!, whoami: info.whoami!, date: info.date!, uname: info.uname!, nproc: info.nproc!, which: info.which!,
    ...builtinApplets('gnu'),
  };
}

const SIZES: Readonly<Record<string, number>> = { bash: 1_265_648, dash: 125_560 };

/** A Debian-family root: usrmerged /bin, bash and dash, GNU userland, and the given /etc files. */
export function debianFiles(etc: TreeSpec, ubuntu: boolean): TreeSpec {
  const spec: Record<string, TreeSpec[string]> = { ...BASE_DIRS };
  spec['/bin'] = { symlink: 'usr/bin' };
  spec['/sbin'] = { symlink: 'usr/sbin' };
  spec['/lib'] = { symlink: 'usr/lib' };
  spec['/usr/lib'] = { dir: true };
  spec['/usr/local/bin'] = { dir: true };
  spec['/usr/bin/bash'] = { program: shellProgram('bash'), size: SIZES.bash };
  spec['/usr/bin/dash'] = { program: shellProgram('dash'), size: SIZES.dash };
  spec['/usr/bin/sh'] = { symlink: 'dash' };
  spec['/usr/bin/rbash'] = { symlink: 'bash' };
  const sizes: Record<string, number> = { ls: 151_344, cat: 44_016, grep: 203_152, sleep: 35_336, env: 48_536 };
  for (const [name, program] of Object.entries(gnuPrograms()).sort(([a], [b]) => (a < b ? -1 : 1))) {
    spec[`/usr/bin/${name}`] = { program, size: sizes[name] ?? 39_000 };
  }
  spec['/etc/passwd'] = debianPasswd(ubuntu);
  spec['/etc/group'] = debianGroup(ubuntu);
  spec['/etc/shells'] = '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n';
  spec['/etc/bash.bashrc'] = "# System-wide .bashrc file for interactive bash(1) shells.\n\n# set a fancy prompt (non-color, overwrite the one in /etc/profile)\nPS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '\n";
  spec['/root/.bashrc'] = "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# Note: PS1 is set in /etc/bash.bashrc.\n";
  spec['/var/lib/dpkg'] = { dir: true };
  return { ...spec, ...etc };
}

const trees = new Map<string, DirNode>();

function cached(key: string, make: () => DirNode): () => DirNode {
  return () => {
    let t = trees.get(key);
    if (!t) trees.set(key, (t = make()));
    return t;
  };
}

/** `debian` (12 bookworm unless the tag names 11/bullseye): CMD `bash`. */
export function debianImage(ref: ImageReference): ImageBehaviour {
  const bullseye = /^(11|bullseye)/.test(ref.tag ?? '');
  const [major, point, codename] = bullseye ? ['11', '11.11', 'bullseye'] : ['12', '12.8', 'bookworm'];
  return {
    config: { cmd: ['bash'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    tree: cached(`debian-${point}`, () => buildTree(debianFiles({
      '/etc/os-release': `PRETTY_NAME="Debian GNU/Linux ${major} (${codename})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${major}"\nVERSION="${major} (${codename})"\nVERSION_CODENAME=${codename}\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
      '/etc/debian_version': `${point}\n`,
    }, false), undefined, Date.UTC(2024, 11, 2, 0, 0, 0))),
    sizeBytes: 48_481_566,
  };
}

/** `ubuntu` (24.04 noble unless the tag names 22.04/jammy or 20.04/focal): CMD `/bin/bash`. */
export function ubuntuImage(ref: ImageReference): ImageBehaviour {
  const tag = ref.tag ?? 'latest';
  const [version, full, codename, name] = /^(22\.04|jammy)/.test(tag) ? ['22.04', '22.04.5', 'jammy', 'Jammy Jellyfish']
    : /^(20\.04|focal)/.test(tag) ? ['20.04', '20.04.6', 'focal', 'Focal Fossa'] : ['24.04', '24.04.1', 'noble', 'Noble Numbat'];
  const modern = version === '24.04';
  return {
    config: { cmd: ['/bin/bash'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    tree: cached(`ubuntu-${full}`, () => buildTree(debianFiles({
      '/etc/os-release': `PRETTY_NAME="Ubuntu ${full} LTS"\nNAME="Ubuntu"\nVERSION_ID="${version}"\nVERSION="${full} LTS (${name})"\nVERSION_CODENAME=${codename}\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=${codename}\n${modern ? 'LOGO=ubuntu-logo\n' : ''}`,
      '/etc/lsb-release': `DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=${version}\nDISTRIB_CODENAME=${codename}\nDISTRIB_DESCRIPTION="Ubuntu ${full} LTS"\n`,
      '/etc/debian_version': modern ? 'trixie/sid\n' : 'bookworm/sid\n',
      ...(modern ? { '/home/ubuntu': { dir: true, uid: 1000, gid: 1000, mode: 0o750 } } : {}),
    }, modern), undefined, Date.UTC(2024, 9, 11, 4, 40, 0))),
    sizeBytes: 29_754_290,
  };
}
