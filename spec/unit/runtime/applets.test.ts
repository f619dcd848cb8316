import { makeRuntime, sandbox, run, execCollect } from './support.js';

/** A running busybox (or other image) container to exec applets in, after a minute of virtual time. */
function box(image = 'busybox:1.28', name = 'box') {
  const { runtime, clock } = makeRuntime();
  const c = run(runtime, sandbox(runtime, name), { image, command: ['sleep', '1d'] });
  clock.advance(65_000);
  return (...cmd: string[]) => execCollect(runtime, clock, c.id, cmd);
}

describe('busybox applets', () => {
  const x = box();

  it('ps: PID, USER, TIME and COMMAND columns as busybox prints them', () => {
    expect(x('ps').out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 1d\n    2 root      0:00 ps\n');
    expect(x('ps', '-o', 'pid,comm').out).toBe('PID   COMMAND\n    1 sleep\n    3 ps\n');
    expect(x('ps', '-o', 'bogus')).toMatchObject({ code: 1, err: expect.stringMatching(/^ps: bad -o argument 'bogus', supported arguments: /) });
  });

  it('ls -l: busybox\'s column layout, symlinks with their target, character devices', () => {
    const lines = x('ls', '-l', '/dev').out.split('\n');
    expect(lines[0]).toBe('total 12');
    expect(lines).toContain('crw-rw-rw-    1 root     root             0 Jan  1 00:00 null');
    expect(lines).toContain('lrwxrwxrwx    1 root     root            15 Jan  1 00:00 stdout -> /proc/self/fd/1');
    expect(x('ls', '-ld', '/tmp').out).toBe('drwxrwxrwt    2 root     root          4096 May 22  2018 /tmp\n');
    expect(x('ls', '/nope')).toMatchObject({ code: 1, err: 'ls: /nope: No such file or directory\n' });
  });

  it('cat, head and tail name unreadable files the busybox way', () => {
    expect(x('cat', '/nope').err).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(x('head', '-n', '2', '/etc/passwd').out).toBe('root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n');
    expect(x('tail', '-1', '/etc/passwd').out).toBe('nobody:x:65534:65534:nobody:/home:/bin/false\n');
  });

  it('grep: matches, counts and exit status', () => {
    expect(x('grep', '-n', 'nobody', '/etc/passwd')).toEqual({ out: '9:nobody:x:65534:65534:nobody:/home:/bin/false\n', err: '', code: 0 });
    expect(x('grep', '-c', 'false', '/etc/passwd').out).toBe('7\n');
    expect(x('grep', 'zzz', '/etc/passwd').code).toBe(1);
    expect(x('grep', 'x', '/nope').code).toBe(2);
  });

  it('identity: id, whoami, hostname, hostname -i', () => {
    expect(x('id').out).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    expect(x('whoami').out).toBe('root\n');
    expect(x('hostname').out).toBe('box\n');
    expect(x('hostname', '-i').out).toMatch(/^10\.244\.0\.\d+\n$/);
  });

  it('time and system: date, uptime, uname', () => {
    expect(x('date').out).toBe('Mon Jan  1 00:01:05 UTC 2024\n');
    expect(x('date', '+%Y-%m-%dT%H:%M:%S %s').out).toBe('2024-01-01T00:01:05 1704067265\n');
    expect(x('uptime').out).toBe(' 00:01:05 up 1:01,  0 users,  load average: 0.00, 0.00, 0.00\n');
    expect(x('uname', '-a').out).toBe('Linux box 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 GNU/Linux\n');
  });

  it('env and printenv show the container environment', () => {
    expect(x('env').out).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=box\nHOME=/root\n');
    expect(x('env', 'A=1', 'printenv', 'A').out).toBe('1\n');
    expect(x('env', 'nope')).toMatchObject({ code: 127, err: "env: can't execute 'nope': No such file or directory\n" });
  });

  it('sleep rejects what it cannot parse', () => {
    expect(x('sleep', 'abc')).toMatchObject({ code: 1, err: "sleep: invalid number 'abc'\n" });
  });

  it('kill reports a missing PID and lists signals', () => {
    expect(x('kill', '-9', '999')).toMatchObject({ code: 1, err: "kill: can't kill pid 999: No such process\n" });
    expect(x('kill', '-l').out.split('\n').slice(0, 2)).toEqual([' 1) HUP', ' 2) INT']);
  });

  it('the busybox binary runs applets by name and says when one is missing', () => {
    expect(x('busybox', 'echo', 'hi').out).toBe('hi\n');
    expect(x('busybox', 'vi')).toMatchObject({ code: 127, err: 'vi: applet not found\n' });
  });

  it('/proc: cmdline, environ and status of processes', () => {
    expect(x('cat', '/proc/1/cmdline').out).toBe('sleep\x001d\x00');
    expect(x('sh', '-c', 'cat /proc/$$/status | grep -E "^(Name|PPid|Uid)"').out).toBe('Name:\tsh\nPPid:\t0\nUid:\t0\t0\t0\t0\n');
    expect(x('readlink', '/proc/self/root').out).toBe('/\n');
  });
});

describe('cluster DNS and HTTP from inside a pod', () => {
  it('nslookup in busybox 1.28 uses the search list and prints "Address 1:" lines (DNS debugging page)', () => {
    expect(box('busybox:1.28')('nslookup', 'kubernetes.default').out).toBe(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n',
    );
    expect(box('busybox:1.28')('nslookup', 'nope')).toMatchObject({ code: 1, err: "nslookup: can't resolve 'nope'\n" });
  });

  it('nslookup in newer busybox queries a dotted name as written: kubernetes.default is NXDOMAIN', () => {
    const x = box('busybox:1.36');
    expect(x('nslookup', 'kubernetes.default')).toMatchObject({
      code: 1,
      out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n",
    });
    expect(x('nslookup', 'kubernetes.default.svc.cluster.local').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
    );
  });

  it('wget of the API server without credentials is forbidden; an unknown name is a bad address', () => {
    const x = box('busybox:1.36');
    expect(x('wget', '-q', '-O-', 'https://kubernetes.default.svc.cluster.local/')).toMatchObject({ code: 1, err: 'wget: server returned error: HTTP/1.1 403 Forbidden\n' });
    expect(x('wget', 'http://nope')).toMatchObject({ code: 1, err: "wget: bad address 'nope'\n" });
  });

  it('ping gets no answer from a Service IP', () => {
    expect(box()('ping', '-c', '2', '10.96.0.1')).toMatchObject({
      code: 1,
      out: 'PING 10.96.0.1 (10.96.0.1): 56 data bytes\n\n--- 10.96.0.1 ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n',
    });
  });
});

describe('GNU userland in Debian and Ubuntu images', () => {
  const x = box('ubuntu:24.04', 'myapp');

  it('words errors as coreutils does', () => {
    expect(x('ls', '/nope')).toMatchObject({ code: 2, err: "ls: cannot access '/nope': No such file or directory\n" });
    expect(x('cat', '/nope')).toMatchObject({ code: 1, err: 'cat: /nope: No such file or directory\n' });
    expect(x('head', '/nope').err).toBe("head: cannot open '/nope' for reading: No such file or directory\n");
    expect(x('sleep')).toMatchObject({ code: 1, err: "sleep: missing operand\nTry 'sleep --help' for more information.\n" });
  });

  it('has no ps, as the ubuntu image does not ship procps', () => {
    expect(x('ps').failure).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown');
  });

  it('prints ls -l with columns sized to the entries', () => {
    expect(x('ls', '-l', '/etc/hostname', '/etc/hosts').out).toBe(
      '-rw-r--r-- 1 root root   6 Jan  1 00:00 /etc/hostname\n-rw-r--r-- 1 root root 201 Jan  1 00:00 /etc/hosts\n',
    );
  });
});
