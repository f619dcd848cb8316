import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { newDir } from '../../../lib/runtime/fs/nodes.js';
import type { ProcessHost } from '../../../lib/runtime/host.js';
import { ClusterNetwork } from '../../../lib/runtime/network.js';
import { PidNamespace } from '../../../lib/runtime/pid-namespace.js';
import { onProcessCrash, Process } from '../../../lib/runtime/process.js';
import { FOREVER, INTERRUPTED, waitFor, waitInterruptible, type Program } from '../../../lib/runtime/program.js';
import { NULL_INPUT, StringOutput } from '../../../lib/runtime/streams.js';
import { makeRuntime, sandbox, run, execCollect, logText } from './support.js';

function bare(clock: VirtualClock, ns = new PidNamespace('test')) {
  const host: ProcessHost = {
    containerId: 'c', containerName: 'c', root: newDir(), hostname: 'h', clock, capabilities: { bounding: 0n, permitted: 0n },
    network: new ClusterNetwork().view('10.0.0.1', 'default'), bootTime: 0,
  };
  const out = new StringOutput();
  const spawn = (program: Program, argv = ['prog']): Process =>
    new Process({ argv, env: new Map(), cwd: '/', uid: 0, gid: 0, stdin: NULL_INPUT, stdout: out, stderr: out, host, ns }).start(program);
  return { ns, out, spawn };
}

describe('Process: a program driven by waits on the injected clock', () => {
  it('runs synchronously until its first wait and resumes exactly when the timer is due', () => {
    const clock = new VirtualClock();
    const { out, spawn } = bare(clock);
    const p = spawn(function* (self) {
      self.stdout.write('a');
      yield* waitFor(self.sleep(1500));
      self.stdout.write('b');
      return 7;
    });
    expect(out.text).toBe('a');
    clock.advance(1499);
    expect(p.alive).toBe(true);
    clock.advance(1);
    expect(out.text).toBe('ab');
    expect(p.status).toEqual({ code: 7 });
    expect(p.finishedAt! - p.startedAt).toBe(1500);
  });

  it('gives PIDs in order within a namespace and lists only live processes', () => {
    const clock = new VirtualClock();
    const { ns, spawn } = bare(clock);
    const forever: Program = function* () {
      yield* waitFor(FOREVER);
      return 0;
    };
    const a = spawn(forever);
    const b = spawn(function* () {
      return 0;
    });
    const c = spawn(forever);
    expect([a.pid, b.pid, c.pid]).toEqual([1, 2, 3]);
    expect(ns.list().map((p) => p.pid)).toEqual([1, 3]);
  });

  it('tells exit listeners, and a wait on exited() resumes the waiting program', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    spawn(function* () {
      yield* waitFor(FOREVER);
      return 0;
    });
    const child = spawn(function* (self) {
      yield* waitFor(self.sleep(100));
      return 3;
    });
    let seen: number | undefined;
    spawn(function* () {
      const st = yield* waitFor(child.exited());
      seen = st.code;
      return 0;
    });
    clock.advance(100);
    expect(seen).toBe(3);
  });

  it('ends a non-init process on TERM with 143 and the signal recorded', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    spawn(function* () {
      yield* waitFor(FOREVER);
      return 0;
    });
    const p = spawn(function* () {
      yield* waitFor(FOREVER);
      return 0;
    });
    p.signal('TERM');
    expect(p.status).toEqual({ code: 143, signal: 'TERM' });
  });

  it('drops signals an init process has no handler for, even from outside (pid_namespaces(7))', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    const init = spawn(function* () {
      yield* waitFor(FOREVER);
      return 0;
    });
    init.signal('TERM', true);
    init.signal('INT');
    expect(init.alive).toBe(true);
    init.signal('KILL');
    expect(init.alive).toBe(true);
    init.signal('KILL', true);
    expect(init.status).toEqual({ code: 137, signal: 'KILL' });
  });

  it('kills everything else in the namespace when its init exits', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    const init = spawn(function* (self) {
      yield* waitFor(self.sleep(10));
      return 0;
    });
    const other = spawn(function* () {
      yield* waitFor(FOREVER);
      return 0;
    });
    clock.advance(10);
    expect(init.status).toEqual({ code: 0 });
    expect(other.status).toEqual({ code: 137, signal: 'KILL' });
  });

  it('runs caught-signal handlers, which may end the process with their own status', () => {
    const clock = new VirtualClock();
    const { out, spawn } = bare(clock);
    const p = spawn(function* (self) {
      self.onSignal('TERM', () => {
        self.stdout.write('bye');
        self.exit(0);
      });
      self.onSignal('HUP', 'ignore');
      yield* waitFor(FOREVER);
      return 1;
    });
    p.signal('HUP', true);
    expect(p.alive).toBe(true);
    p.signal('TERM', true);
    expect(out.text).toBe('bye');
    expect(p.status).toEqual({ code: 0 });
  });

  it('interrupts only interruptible waits when a caught signal arrives (EINTR)', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    const results: unknown[] = [];
    const p = spawn(function* (self) {
      self.onSignal('USR1', () => undefined);
      results.push(yield* waitInterruptible(self.sleep(1000)));
      yield* waitFor(self.sleep(1000));
      results.push('slept');
      return 0;
    });
    p.signal('USR1');
    expect(results).toEqual([INTERRUPTED]);
    p.signal('USR1');
    clock.advance(999);
    expect(results).toEqual([INTERRUPTED]);
    clock.advance(1);
    expect(results).toEqual([INTERRUPTED, 'slept']);
  });

  it('resets caught signals on execve but keeps ignored ones', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    const p = spawn(function* (self) {
      self.onSignal('TERM', () => undefined);
      self.onSignal('HUP', 'ignore');
      return yield* self.execve(['next', 'arg'], function* () {
        yield* waitFor(FOREVER);
        return 0;
      });
    });
    expect(p.argv).toEqual(['next', 'arg']);
    expect(p.disposition('TERM')).toBe('default');
    expect(p.disposition('HUP')).toBe('ignore');
  });

  it('ends a program that throws as if by SIGSEGV and reports the simulator bug', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    const bugs: unknown[] = [];
    const off = onProcessCrash((_p, e) => bugs.push(e));
    const p = spawn(function* () {
      throw new Error('boom');
    });
    off();
    expect(p.status).toEqual({ code: 139, signal: 'SEGV' });
    expect(bugs).toHaveLength(1);
  });

  it('charges virtual CPU time to a program that never waits', () => {
    const clock = new VirtualClock();
    const { spawn } = bare(clock);
    let steps = 0;
    const p = spawn(function* (self) {
      for (;;) {
        steps++;
        const w = self.cpuTick();
        if (w) yield w;
      }
    });
    expect(steps).toBe(1000);
    clock.advance(1000);
    expect(p.cpuMs).toBeGreaterThan(0);
    expect(p.alive).toBe(true);
  });
});

describe('process namespaces of a pod', () => {
  it('gives each container its own namespace by default: its command is PID 1', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'plain');
    run(runtime, sb, { name: 'a', image: 'busybox', command: ['sleep', '3600'] });
    const b = run(runtime, sb, { name: 'b', image: 'busybox', command: ['sleep', '1d'] });
    expect(execCollect(runtime, clock, b.id, ['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 1d\n    2 root      0:00 ps\n');
  });

  it('shares one namespace with shareProcessNamespace, /pause being PID 1 (share-process-namespace.md)', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'nginx', { shareProcessNamespace: true });
    run(runtime, sb, { name: 'nginx', image: 'nginx' });
    const shell = run(runtime, sb, { name: 'shell', image: 'busybox:1.28', command: ['sleep', '3600'], stdin: true, tty: true, securityContext: { capabilities: { add: ['SYS_PTRACE'] } } });
    clock.advance(1000);
    expect(execCollect(runtime, clock, shell.id, ['ps', 'ax']).out).toBe([
      'PID   USER     TIME  COMMAND',
      '    1 65535     0:00 /pause',
      '    2 root      0:00 nginx: master process nginx -g daemon off;',
      '    3 101       0:00 nginx: worker process',
      '    4 101       0:00 nginx: worker process',
      '    5 root      0:00 sleep 3600',
      '    6 root      0:00 ps ax',
      '',
    ].join('\n'));
  });

  it('reaches another container\'s files through /proc/PID/root', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'nginx', { shareProcessNamespace: true });
    run(runtime, sb, { name: 'nginx', image: 'nginx:1.14.2' });
    const shell = run(runtime, sb, { name: 'shell', image: 'busybox:1.28', command: ['sleep', '3600'] });
    expect(execCollect(runtime, clock, shell.id, ['head', '/proc/2/root/etc/nginx/nginx.conf']).out).toBe(
      '\nuser  nginx;\nworker_processes  1;\n\nerror_log  /var/log/nginx/error.log warn;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n',
    );
    expect(execCollect(runtime, clock, shell.id, ['cat', '/etc/nginx/nginx.conf']).err).toBe("cat: can't open '/etc/nginx/nginx.conf': No such file or directory\n");
  });

  it('lets kill reach processes of other containers: HUP makes nginx start a new worker', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'nginx', { shareProcessNamespace: true });
    const nginx = run(runtime, sb, { name: 'nginx', image: 'nginx:1.14.2' });
    const shell = run(runtime, sb, { name: 'shell', image: 'busybox:1.28', command: ['sleep', '3600'] });
    // sh runs `ps ax` in its own process (exec without fork), so ps keeps the shell's PID 5
    const r = execCollect(runtime, clock, shell.id, ['sh', '-c', 'kill -HUP 2; ps ax']);
    expect(r.out).toBe([
      'PID   USER     TIME  COMMAND',
      '    1 65535     0:00 /pause',
      '    2 root      0:00 nginx: master process nginx -g daemon off;',
      '    4 root      0:00 sleep 3600',
      '    5 root      0:00 ps ax',
      '    6 101       0:00 nginx: worker process',
      '',
    ].join('\n'));
    expect(nginx.state).toBe('running');
  });

  it('puts an ephemeral container with a target into the target\'s namespace (kubectl debug --target)', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'myapp');
    const app = run(runtime, sb, { name: 'myapp', image: 'busybox:1.28', args: ['sleep', '1d'] });
    const dbg = run(runtime, sb, { name: 'debugger-6kg4x', image: 'busybox:1.28', command: ['sleep', '600'] }, { targetContainerId: app.id });
    expect(execCollect(runtime, clock, dbg.id, ['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 1d\n    2 root      0:00 sleep 600\n    3 root      0:00 ps\n');
  });

  it('kills an ephemeral container when its target\'s PID 1 ends (the namespace dies)', () => {
    const { runtime, clock } = makeRuntime();
    const sb = sandbox(runtime, 'myapp');
    const app = run(runtime, sb, { name: 'myapp', image: 'busybox', command: ['sh', '-c', 'sleep 10'] });
    const dbg = run(runtime, sb, { name: 'dbg', image: 'busybox', command: ['sleep', '600'] }, { targetContainerId: app.id });
    clock.advance(10_000);
    expect(app.exitCode).toBe(0);
    expect(dbg.exitCode).toBe(137);
    expect(logText(dbg)).toBe('');
  });
});
