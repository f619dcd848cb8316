import type { TreeSpec } from '../fs/tree.js';

/** Directories every Linux image has (the kubelet and runtime add /dev, /proc and mounts). */
export const BASE_DIRS: TreeSpec = {
  '/bin': { dir: true },
  '/dev': { dir: true },
  '/etc': { dir: true },
  '/home': { dir: true },
  '/lib': { dir: true },
  '/proc': { dir: true, mode: 0o555 },
  '/root': { dir: true, mode: 0o700 },
  '/sys': { dir: true, mode: 0o555 },
  '/tmp': { dir: true, mode: 0o1777 },
  '/usr': { dir: true },
  '/usr/bin': { dir: true },
  '/usr/sbin': { dir: true },
  '/var': { dir: true },
  '/var/spool/mail': { dir: true },
  '/var/www': { dir: true },
};

/** /etc/passwd of the busybox image. */
export const ETC_PASSWD_BUSYBOX = [
  'root:x:0:0:root:/root:/bin/sh',
  'daemon:x:1:1:daemon:/usr/sbin:/bin/false',
  'bin:x:2:2:bin:/bin:/bin/false',
  'sys:x:3:3:sys:/dev:/bin/false',
  'sync:x:4:100:sync:/bin:/bin/sync',
  'mail:x:8:8:mail:/var/spool/mail:/bin/false',
  'www-data:x:33:33:www-data:/var/www:/bin/false',
  'operator:x:37:37:Operator:/var:/bin/false',
  'nobody:x:65534:65534:nobody:/home:/bin/false',
  '',
].join('\n');

/** /etc/group of the busybox image. */
export const ETC_GROUP_BUSYBOX = [
  'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mail:x:8:', 'kmem:x:9:',
  'wheel:x:10:root', 'cdrom:x:11:', 'dialout:x:18:', 'floppy:x:19:', 'video:x:28:', 'audio:x:29:', 'tape:x:32:', 'www-data:x:33:',
  'operator:x:37:', 'utmp:x:43:', 'plugdev:x:46:', 'staff:x:50:', 'lock:x:54:', 'netdev:x:82:', 'users:x:100:', 'nobody:x:65534:', '',
].join('\n');

/** /etc/passwd of Debian 12 and Ubuntu 24.04 base images (Ubuntu adds `ubuntu`, uid 1000). */
export function debianPasswd(ubuntu: boolean): string {
  const lines = [
    'root:x:0:0:root:/root:/bin/bash',
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
    'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
    'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
    'sync:x:4:65534:sync:/bin:/bin/sync',
    'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
    'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
    'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
    'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
    'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
    'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
    'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
    'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
    'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
    'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
    'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin',
    '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  ];
  if (ubuntu) lines.push('ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash');
  return `${lines.join('\n')}\n`;
}

/** /etc/group of Debian 12 and Ubuntu 24.04. */
export function debianGroup(ubuntu: boolean): string {
  const lines = [
    'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mail:x:8:', 'news:x:9:',
    'uucp:x:10:', 'man:x:12:', 'proxy:x:13:', 'kmem:x:15:', 'dialout:x:20:', 'fax:x:21:', 'voice:x:22:', 'cdrom:x:24:', 'floppy:x:25:',
    'tape:x:26:', 'sudo:x:27:', 'audio:x:29:', 'dip:x:30:', 'www-data:x:33:', 'backup:x:34:', 'operator:x:37:', 'list:x:38:', 'irc:x:39:',
    'src:x:40:', 'shadow:x:42:', 'utmp:x:43:', 'video:x:44:', 'sasl:x:45:', 'plugdev:x:46:', 'staff:x:50:', 'games:x:60:', 'users:x:100:',
    'nogroup:x:65534:',
  ];
  if (ubuntu) lines.push('ubuntu:x:1000:');
  return `${lines.join('\n')}\n`;
}
