import fc from 'fast-check';
import { onProcessCrash } from '../../../lib/runtime/process.js';
import { makeRuntime, sh, sandbox, run } from './support.js';

const PIECES = [
  ' ', ' ', 'a', 'x', '1', '0', '\n', ';', ';;', '&', '&&', '|', '||', '(', ')', '{', '}', '<', '>', '>>', '<<', '2>&1', "'", '"', '`', '\\',
  '$', '$(', '${', '$((', '}', '))', '*', '?', '[', ']', '!', '#', '=', '-', 'if', 'then', 'else', 'fi', 'while', 'do', 'done', 'for', 'in',
  'case', 'esac', 'echo', 'sleep 1', 'exit', 'return', 'break', 'f()', 'cat', 'ls', 'ps', 'kill', 'trap', 'wait', 'exec', 'set -e', 'eval',
  'read x', 'true', 'false', ':', 'x=1', '$x', '$?', '$$', '$@', '~', '/', '.', '..', 'EOF', '%', '#', '@',
];

const garbage = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

const crashes: unknown[] = [];
let unsubscribe: () => void;
beforeAll(() => {
  unsubscribe = onProcessCrash((p, e) => crashes.push(`${p.argv.join(' ')}: ${String(e)}`));
});
afterAll(() => unsubscribe());

/** A script ran without a simulator error: no program failed, the container ended with a status or still runs. */
function assertSane(c: ReturnType<typeof sh>): void {
  expect(crashes).toEqual([]);
  if (c.state === 'exited') {
    expect(Number.isInteger(c.exitCode)).toBe(true);
    expect(c.exitCode).toBeGreaterThanOrEqual(0);
    expect(c.exitCode).toBeLessThanOrEqual(255);
  }
}

describe('sh: garbage in, a shell error out (never a simulator error)', () => {
  it('survives arbitrary token soup given to sh -c', () => {
    fc.assert(fc.property(garbage, (script) => {
      const { runtime, clock } = makeRuntime();
      const c = sh(runtime, script);
      clock.runAll(120_000);
      assertSane(c);
    }), { numRuns: 300, seed: 42 });
  });

  it('survives arbitrary unicode and control characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (script) => {
      const { runtime, clock } = makeRuntime();
      const c = sh(runtime, script);
      clock.runAll(120_000);
      assertSane(c);
    }), { numRuns: 200, seed: 7 });
  });

  it('survives token soup typed into an interactive terminal session, line by line', () => {
    fc.assert(fc.property(fc.array(garbage, { maxLength: 6 }), (lines) => {
      const { runtime, clock } = makeRuntime();
      const c = run(runtime, sandbox(runtime, 'tty'), { image: 'busybox', stdin: true, tty: true });
      const io = runtime.attach(c.id, { stdin: true });
      if ('error' in io) throw new Error(io.message);
      io.onOutput(() => undefined);
      for (const l of lines) {
        io.write(`${l}\r`);
        clock.advance(2000);
      }
      io.write('\x03\x04');
      clock.runAll(60_000);
      assertSane(c);
    }), { numRuns: 100, seed: 3 });
  });

  it('reports a fork bomb as ash does instead of hanging', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, 'f() { f | f; }; f');
    clock.runAll(5_000);
    assertSane(c);
    expect(c.log.text()).toContain("can't fork: Resource temporarily unavailable");
  });

  it('gives a spinning loop virtual CPU time rather than blocking the clock', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, 'while :; do :; done');
    clock.advance(60_000);
    expect(c.state).toBe('running');
    expect(c.main!.cpuMs).toBeGreaterThan(0);
    runtime.stopContainer(c.id, 30_000);
    clock.advance(30_000);
    expect(c.exitCode).toBe(137);
  });

  it('rejects absurdly deep nesting as a syntax error', () => {
    const { runtime, clock } = makeRuntime();
    const c = sh(runtime, `${'('.repeat(5000)}echo${')'.repeat(5000)}`);
    clock.runAll(1000);
    assertSane(c);
    expect(c.exitCode).toBe(2);
  });
});

describe('applets: any arguments give an applet error, never a simulator error', () => {
  const APPLETS = ['ls', 'cat', 'head', 'tail', 'touch', 'mkdir', 'rm', 'rmdir', 'chmod', 'cp', 'mv', 'ln', 'readlink', 'basename', 'dirname', 'tee', 'wc',
    'grep', 'sort', 'uniq', 'seq', 'ps', 'kill', 'sleep', 'env', 'printenv', 'hostname', 'id', 'whoami', 'date', 'uname', 'uptime', 'nproc', 'which',
    'true', 'false', 'echo', 'printf', 'pwd', 'test', '[', 'wget', 'nslookup', 'ping', 'busybox', 'sh'];
  const ARGS = ['-', '--', '-l', '-a', '-n', '-c', '-e', '-o', '-s', '-9', '-x', '-f', '-i', '-q', '-O-', '-p', '--help', '--bogus', '/', '/etc', '/etc/passwd',
    '/proc', '/proc/1', '/proc/self/status', '/nope', '1', '0', '-1', '99999', 'x', '%s', '%d', '\\', '*', '[a-', 'a b', '', 'toString', '__proto__',
    'http://x', 'kubernetes', '10.96.0.1', 'TERM', 'root'];

  it.each(['busybox', 'ubuntu'])('in %s', (image) => {
    fc.assert(fc.property(fc.constantFrom(...APPLETS), fc.array(fc.constantFrom(...ARGS), { maxLength: 5 }), (applet, args) => {
      const { runtime, clock } = makeRuntime();
      const c = run(runtime, sandbox(runtime, 'applets'), { image, command: ['sleep', 'infinity'] });
      const r = runtime.exec(c.id, [applet, ...args], { stdin: true });
      if (!('error' in r)) {
        r.io.onOutput(() => undefined);
        r.io.closeStdin();
      }
      clock.runAll(30_000);
      expect(crashes).toEqual([]);
    }), { numRuns: 400, seed: 11 });
  });
});
