import { makeRuntime, sh, logText, sandbox, run, execCollect } from './support.js';

/** Runs `sh -c script` in busybox and lets the clock run until it exits (or 10 virtual minutes pass). */
function runScript(script: string, image?: string) {
  const { runtime, clock } = makeRuntime();
  const c = sh(runtime, script, image);
  clock.runUntil(() => c.state === 'exited', 600_000);
  return { c, out: logText(c), elapsed: (c.finishedAt ?? NaN) - (c.startedAt ?? NaN), clock, runtime };
}

describe('sh -c: the basics POSIX sh guarantees', () => {
  it('prints with echo and exits with the status given to exit', () => {
    const { c, out } = runScript('echo boom; exit 3');
    expect(out).toBe('boom\n');
    expect(c.exitCode).toBe(3);
    expect(c.reason).toBe('Error');
  });

  it('exits 0 (reason Completed) when the last command succeeds', () => {
    const { c } = runScript('true');
    expect(c.exitCode).toBe(0);
    expect(c.reason).toBe('Completed');
  });

  it('keeps only the low 8 bits of an exit status', () => {
    expect(runScript('exit 300').c.exitCode).toBe(44);
  });

  it('sleeps on the virtual clock: sleep 5 ends the container 5 s after it started', () => {
    const { c, out, elapsed } = runScript('sleep 5; echo done');
    expect(out).toBe('done\n');
    expect(elapsed).toBe(5000);
    expect(c.exitCode).toBe(0);
  });

  it('takes sleep durations with suffixes and fractions', () => {
    expect(runScript('sleep 1.5').elapsed).toBe(1500);
    expect(runScript('sleep 1m').elapsed).toBe(60_000);
    expect(runScript('sleep 1 2').elapsed).toBe(3000);
  });

  it('timestamps each log line with the virtual time it was written', () => {
    const { c } = runScript('echo a; sleep 2; echo b');
    const entries = c.log.entries();
    expect(entries.map((e) => e.text)).toEqual(['a\n', 'b\n']);
    expect(entries[1]!.time - entries[0]!.time).toBe(2000);
  });

  it('runs while loops with sleep one iteration per virtual second', () => {
    const { out, elapsed } = runScript('i=0; while [ $i -lt 3 ]; do echo i=$i; i=$((i+1)); sleep 1; done; echo end');
    expect(out).toBe('i=0\ni=1\ni=2\nend\n');
    expect(elapsed).toBe(3000);
  });

  it('runs for loops over words, globs and "$@"', () => {
    expect(runScript('for i in 1 2 3; do echo $i; done').out).toBe('1\n2\n3\n');
    expect(runScript('for f in /etc/pass* /etc/grou?; do echo $f; done').out).toBe('/etc/passwd\n/etc/group\n');
    expect(runScript('set -- "a b" c; for x in "$@"; do echo "[$x]"; done').out).toBe('[a b]\n[c]\n');
  });

  it('keeps looping a while-true loop with sleep until the clock is advanced', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, 'while true; do echo tick; sleep 10; done');
    clock.advance(35_000);
    expect(logText(c)).toBe('tick\ntick\ntick\ntick\n');
    expect(c.state).toBe('running');
  });

  it('short-circuits && and || and sets $?', () => {
    expect(runScript('false || echo or; true && echo and; false && echo no; echo $?').out).toBe('or\nand\n1\n');
  });

  it('expands variables, braces, defaults and lengths, and respects quoting', () => {
    expect(runScript(`x=5; echo $x \${x}y "$x" '$x' "\\$x"`).out).toBe('5 5y 5 $x $x\n');
    expect(runScript('echo ${UNSET:-default} ${#HOSTNAME} ${X:=set}; echo $X').out).toMatch(/^default \d+ set\nset\n$/);
    expect(runScript('v=path/to/file.tar.gz; echo ${v##*/} ${v%%.*} ${v#*/} ${v%.gz}').out).toBe('file.tar.gz path/to/file to/file.tar.gz path/to/file.tar\n');
  });

  it('splits unquoted expansions into fields but not quoted ones', () => {
    expect(runScript('x="a   b"; for w in $x; do echo "<$w>"; done; for w in "$x"; do echo "<$w>"; done').out).toBe('<a>\n<b>\n<a   b>\n');
  });

  it('substitutes commands with $(…) and backquotes, dropping trailing newlines', () => {
    expect(runScript('echo "[$(echo sub)]" `echo back`; x=$(false); echo $?').out).toBe('[sub] back\n1\n');
  });

  it('does arithmetic in $((…)) with C precedence and assignments', () => {
    expect(runScript('i=2; echo $((i*3+1)) $((i<<2)) $((10%3)) $((i+=5)) $i $((2**10))').out).toBe('7 8 1 7 7 1024\n');
  });

  it('pipes one command into the next', () => {
    expect(runScript('echo hello | cat').out).toBe('hello\n');
    expect(runScript('printf "b\\na\\nc\\n" | sort | head -n 2').out).toBe('a\nb\n');
  });

  it('redirects output to files and reads them back', () => {
    expect(runScript('echo hi > /tmp/x; echo there >> /tmp/x; cat /tmp/x; cat < /tmp/x | wc -l').out).toBe('hi\nthere\n2\n');
  });

  it('sends stderr where 2>&1 and 2>/dev/null say', () => {
    const { c } = runScript('ls /nope 2>&1 | cat; ls /nope 2>/dev/null; echo end');
    expect(c.log.entries().map((e) => [e.stream, e.text])).toEqual([['stdout', 'ls: /nope: No such file or directory\n'], ['stdout', 'end\n']]);
  });

  it('feeds here-documents with expansions unless the delimiter is quoted', () => {
    expect(runScript('x=1\ncat <<EOF\nx=$x\nEOF\ncat <<\'EOF\'\nx=$x\nEOF').out).toBe('x=1\nx=$x\n');
  });

  it('defines and calls functions with positional parameters, local and return', () => {
    expect(runScript('f() { local v=in; echo "f $1 $#"; return 4; }; v=out; f a b; echo $? $v').out).toBe('f a 2\n4 out\n');
  });

  it('matches case patterns in order', () => {
    expect(runScript('case abc in x*) echo x;; a*|b*) echo ab;; *) echo other;; esac').out).toBe('ab\n');
  });

  it('tests files, strings and numbers with [ and test', () => {
    expect(runScript('[ -f /etc/passwd ] && echo f; [ -d /tmp ] && echo d; [ "a" = "a" ] && echo eq; test 3 -gt 2 && echo gt; [ -z "" ] && echo z').out)
      .toBe('f\nd\neq\ngt\nz\n');
    expect(runScript('[ 1 = 1').out).toBe('sh: [: missing ]\n');
  });

  it('stops at the first failure under set -e', () => {
    const { c, out } = runScript('set -e; echo a; false; echo not-reached');
    expect(out).toBe('a\n');
    expect(c.exitCode).toBe(1);
  });

  it('traces commands with set -x on stderr', () => {
    const { c } = runScript('set -x; echo "a b"');
    expect(c.log.entries().map((e) => [e.stream, e.text])).toEqual([['stderr', "+ echo 'a b'\n"], ['stdout', 'a b\n']]);
  });

  it('runs the EXIT trap when the script ends', () => {
    expect(runScript('trap "echo bye" EXIT; echo body; exit 7').out).toBe('body\nbye\n');
  });

  it('prints with printf, reusing the format for extra arguments', () => {
    expect(runScript('printf "%s=%d\\n" a 1 b 2; printf "%5s|%-3s|%03d\\n" x y 7').out).toBe('a=1\nb=2\n    x|y  |007\n');
  });

  it('interprets echo -n and -e like busybox', () => {
    expect(runScript('echo -n abc; echo -e "x\\ty"; echo "a\\tb"').out).toBe('abcx\ty\na\\tb\n');
  });
});

describe('sh: errors the way busybox ash reports them', () => {
  it('answers an unknown command with "sh: foo: not found" and status 127', () => {
    const { out, c } = runScript('foo --bar; echo $?');
    expect(out).toBe('sh: foo: not found\n127\n');
    expect(c.exitCode).toBe(0);
  });

  it('exits 127 when the unknown command is the last one', () => {
    const { c, out } = runScript('nosuchcommand');
    expect(out).toBe('sh: nosuchcommand: not found\n');
    expect(c.exitCode).toBe(127);
  });

  it('refuses to run a file without execute permission with status 126', () => {
    expect(runScript('echo x > /tmp/f; /tmp/f; echo $?').out).toBe('sh: /tmp/f: Permission denied\n126\n');
  });

  it.each([
    ['echo "unterminated', 'sh: syntax error: unterminated quoted string\n'],
    ['if true; then', 'sh: syntax error: unexpected end of file (expecting "fi")\n'],
    ['done', 'sh: syntax error: unexpected "done"\n'],
    ['if true; then fi', 'sh: syntax error: unexpected "fi"\n'],
    ['while true; do echo x', 'sh: syntax error: unexpected end of file (expecting "done")\n'],
    ['echo ${', 'sh: syntax error: bad substitution\n'],
    ['( echo', 'sh: syntax error: unexpected end of file (expecting ")")\n'],
    ['echo a ;; echo b', 'sh: syntax error: unexpected ";;"\n'],
  ])('rejects %j with status 2', (script, message) => {
    const { out, c } = runScript(script);
    expect(out).toBe(message);
    expect(c.exitCode).toBe(2);
  });

  it('reports cd failures and continues', () => {
    expect(runScript('cd /tmp && pwd; cd /nope; echo $?').out).toBe("/tmp\nsh: cd: can't cd to /nope: No such file or directory\n2\n");
  });

  it('reports redirection failures', () => {
    expect(runScript('echo x > /nope/f; echo $?').out).toBe("sh: can't create /nope/f: nonexistent directory\n2\n");
  });

  it('stops a non-interactive shell on an arithmetic error', () => {
    const { out, c } = runScript('echo $((1/0)); echo after');
    expect(out).toBe('sh: divide by zero\n');
    expect(c.exitCode).toBe(2);
  });

  it('names the shell by argv[0] (kubectl exec … -- /bin/sh)', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'p'), { image: 'busybox', command: ['sleep', '1d'] });
    expect(execCollect(runtime, clock, c.id, ['/bin/sh', '-c', 'foo']).err).toBe('/bin/sh: foo: not found\n');
  });

  it('uses dash wording in Debian images and bash wording for bash', () => {
    expect(runScript('foo', 'debian').out).toBe('sh: 1: foo: not found\n');
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'p'), { image: 'ubuntu', command: ['sleep', 'infinity'] });
    expect(execCollect(runtime, clock, c.id, ['bash', '-c', 'foo; ps']).err).toBe('bash: line 1: foo: command not found\nbash: line 1: ps: command not found\n');
  });
});

describe('sh: processes it starts', () => {
  it('execs the last command of sh -c in place, so ps shows it with the shell PID', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, 'echo start; sleep 3600');
    clock.advance(1000);
    const ps = execCollect(runtime, clock, c.id, ['ps']).out;
    expect(ps).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    2 root      0:00 ps\n');
  });

  it('defers a trap until the foreground command ends (POSIX), so TERM waits for sleep', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, 'trap "echo got TERM; exit 0" TERM; sleep 20; echo after');
    clock.advance(5000);
    runtime.killContainer(c.id, 'TERM');
    clock.advance(1000);
    expect(c.state).toBe('running');
    clock.advance(15_000);
    expect(logText(c)).toBe('got TERM\n');
    expect(c.exitCode).toBe(0);
    expect(c.finishedAt! - c.startedAt!).toBe(20_000);
  });

  it('lets a trap interrupt the wait builtin (the `sleep & wait` idiom)', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, 'trap "echo got TERM; exit 0" TERM; sleep 3600 & wait');
    clock.advance(5000);
    runtime.killContainer(c.id, 'TERM');
    clock.flush();
    expect(logText(c)).toBe('got TERM\n');
    expect(c.exitCode).toBe(0);
  });

  it('runs background jobs with & and reports their PID in $!', () => {
    const { out } = runScript('sleep 2 & echo started $!; wait $!; echo waited $?');
    expect(out).toBe('started 2\nwaited 0\n');
  });

  it('runs subshells in their own process: variables set there do not come back', () => {
    expect(runScript('x=1; (x=2; echo in $x); echo out $x').out).toBe('in 2\nout 1\n');
  });

  it('runs #! scripts through their interpreter', () => {
    expect(runScript('printf "#!/bin/sh\\necho script \\$0 \\$1\\n" > /tmp/s; chmod 755 /tmp/s; /tmp/s arg').out).toBe('script /tmp/s arg\n');
  });
});
