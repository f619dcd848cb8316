import type { ProcessIO } from '../../../lib/runtime/process-io.js';
import { makeRuntime, sandbox, run } from './support.js';

/** Attaches to a fresh `stdin: true, tty: true` container and returns a screen recorder. */
function terminal(image = 'busybox:1.28', name = 'debugger-8xzrl') {
  const { runtime, clock } = makeRuntime();
  const c = run(runtime, sandbox(runtime, name), { name, image, stdin: true, tty: true });
  const io = runtime.attach(c.id, { stdin: true }) as ProcessIO;
  let screen = '';
  io.onOutput((d) => (screen += d));
  return {
    c, clock, runtime, io,
    type(keys: string, ms = 0) {
      io.write(keys);
      clock.advance(ms);
    },
    take(): string {
      const s = screen.replace(/\r\n/g, '\n');
      screen = '';
      return s;
    },
  };
}

describe('an interactive shell on a terminal (kubectl debug -it, kubectl attach -it)', () => {
  it('shows busybox\'s "/ # " prompt when Enter is pressed (the prompt before attach was missed)', () => {
    const t = terminal();
    t.type('\r');
    expect(t.take()).toBe('\n/ # ');
  });

  it('echoes typed characters and runs the line on Enter', () => {
    const t = terminal();
    t.type('echo hi\r');
    expect(t.take()).toBe('echo hi\nhi\n/ # ');
  });

  it('edits the line: backspace erases, ^U kills the line', () => {
    const t = terminal();
    t.type('echo abX\x7fc\r');
    expect(t.take()).toBe('echo abX\b \bc\nabc\n/ # ');
    t.type('junk\x15echo ok\r');
    expect(t.take()).toBe('junk\b \b\b \b\b \b\b \becho ok\nok\n/ # ');
  });

  it('shows the working directory in the prompt after cd', () => {
    const t = terminal();
    t.type('cd /tmp\r');
    expect(t.take()).toBe('cd /tmp\n/tmp # ');
  });

  it('interrupts a foreground command with ^C and returns to the prompt with $? 130', () => {
    const t = terminal();
    t.type('sleep 100\r', 3000);
    expect(t.c.state).toBe('running');
    t.type('\x03');
    t.type('echo $?\r');
    expect(t.take()).toBe('sleep 100\n^C\n/ # echo $?\n130\n/ # ');
  });

  it('discards the line on ^C at the prompt', () => {
    const t = terminal();
    t.type('echo never\x03');
    t.type('echo $?\r');
    expect(t.take()).toBe('echo never^C\n/ # echo $?\n130\n/ # ');
  });

  it('asks for more with "> " while a compound command is incomplete', () => {
    const t = terminal();
    t.type('for i in 1 2; do\r');
    t.type('echo $i; done\r');
    expect(t.take()).toBe('for i in 1 2; do\n> echo $i; done\n1\n2\n/ # ');
  });

  it('ends the session, and so the container, on exit (ephemeral container: Completed or Error)', () => {
    const t = terminal();
    t.type('exit 5\r');
    expect(t.c.state).toBe('exited');
    expect(t.c.exitCode).toBe(5);
    let code: number | undefined;
    t.io.onExit((s) => (code = s.code));
    expect(code).toBe(5);
  });

  it('ends the shell on ^D at an empty prompt with the last status', () => {
    const t = terminal();
    t.type('false\r');
    t.type('\x04');
    expect(t.c.exitCode).toBe(1);
  });

  it('keeps the container running when the client detaches (kubectl debug reattaches later)', () => {
    const t = terminal();
    t.io.close();
    t.clock.advance(60_000);
    expect(t.c.state).toBe('running');
    const again = t.runtime.attach(t.c.id, { stdin: true }) as ProcessIO;
    let screen = '';
    again.onOutput((d) => (screen += d));
    again.write('\r');
    expect(screen).toBe('\r\n/ # ');
  });

  it('records the terminal output in the container log (kubectl logs shows the session)', () => {
    const t = terminal();
    t.type('echo hi\r');
    expect(t.c.log.text()).toBe('/ # echo hi\r\nhi\r\n/ # ');
  });

  it('prints ls in columns fitted to the terminal width the client sends', () => {
    const t = terminal();
    t.io.resize({ width: 40, height: 20 });
    t.type('ls /\r');
    // sorted down the columns, as ls does
    expect(t.take()).toBe('ls /\nbin   etc   lib   root  tmp   var\ndev   home  proc  sys   usr\n/ # ');
  });

  it('greets bash users with Debian\'s root@host:/# prompt and bash\'s not-found message', () => {
    const t = terminal('ubuntu', 'myapp-debug');
    t.type('\rps\r');
    expect(t.take()).toBe('\nroot@myapp-debug:/# ps\nbash: ps: command not found\nroot@myapp-debug:/# ');
  });
});

describe('exec sessions (kubectl exec)', () => {
  it('runs an interactive sh with its own terminal, and hangs it up when the client leaves', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'app'), { image: 'busybox', command: ['sleep', '1d'] });
    const r = runtime.exec(c.id, ['sh'], { stdin: true, tty: true });
    if ('error' in r) throw new Error(r.message);
    let screen = '';
    r.io.onOutput((d) => (screen += d));
    expect(screen).toBe('/ # ');
    r.io.write('ps\r');
    expect(screen).toBe('/ # ps\r\nPID   USER     TIME  COMMAND\r\n    1 root      0:00 sleep 1d\r\n    2 root      0:00 sh\r\n    3 root      0:00 ps\r\n/ # ');
    r.io.close();
    clock.flush();
    expect(r.process.status?.signal).toBe('HUP');
    expect(c.state).toBe('running');
  });

  it('delivers output written before the caller subscribed', () => {
    const { runtime } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'app'), { image: 'busybox', command: ['sleep', '1d'] });
    const r = runtime.exec(c.id, ['echo', 'hello', 'there']);
    if ('error' in r) throw new Error(r.message);
    const got: Array<[string, string]> = [];
    r.io.onOutput((d, s) => got.push([d, s]));
    expect(got).toEqual([['hello there\n', 'stdout']]);
  });

  it('fails with the runtime message and exit code 126 when the image has no such executable (pause has no sh)', () => {
    const { runtime } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'ephemeral-demo'), { name: 'ephemeral-demo', image: 'registry.k8s.io/pause:3.1' });
    expect(runtime.exec(c.id, ['sh'], { stdin: true, tty: true })).toEqual({
      error: 'ExecFailed',
      message: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown',
      exitCode: 126,
    });
  });

  it('refuses to exec into a container that is not running', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'done'), { image: 'busybox', command: ['true'] });
    clock.flush();
    expect(runtime.exec(c.id, ['ls'])).toMatchObject({ error: 'NotRunning' });
  });
});

describe('attach without a terminal (kubectl run -i --rm)', () => {
  it('feeds stdin to the container and, with stdinOnce, closes it when the session ends', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'tmp'), { name: 'tmp', image: 'busybox', args: ['cat'], stdin: true, stdinOnce: true });
    const io = runtime.attach(c.id, { stdin: true }) as ProcessIO;
    let out = '';
    io.onOutput((d) => (out += d));
    io.write('hello\n');
    expect(out).toBe('hello\n');
    io.closeStdin();
    clock.flush();
    expect(c.exitCode).toBe(0);
  });

  it('lets a plain sh read commands from stdin without a prompt', () => {
    const { runtime } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'tmp'), { name: 'tmp', image: 'busybox', stdin: true, stdinOnce: true });
    const io = runtime.attach(c.id, { stdin: true }) as ProcessIO;
    let out = '';
    io.onOutput((d) => (out += d));
    io.write('echo one\nexit 3\n');
    expect(out).toBe('one\n');
    expect(c.exitCode).toBe(3);
  });

  it('exits at once when sh has no stdin (busybox default command without stdin: true)', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'bb'), { image: 'busybox' });
    clock.flush();
    expect(c.exitCode).toBe(0);
    expect(c.reason).toBe('Completed');
  });

  it('keeps sh waiting while stdin is open', () => {
    const { runtime, clock } = makeRuntime();
    const c = run(runtime, sandbox(runtime, 'bb'), { image: 'busybox', stdin: true });
    clock.advance(3_600_000);
    expect(c.state).toBe('running');
  });
});
