import { NODE_CPUS, KERNEL } from '../applets/info.js';
import { own } from '../own.js';
import { strftime } from '../applets/util.js';
import { findExecutable, fork, programFor } from '../exec.js';
import type { HttpAnswer, HttpRequest } from '../host.js';
import type { Process } from '../process.js';
import { FOREVER, waitFor, type Program, type ProgramRun } from '../program.js';
import { parseSignal, signalNumber, type SignalName } from '../signals.js';

/** What differs between nginx releases the catalogue simulates. */
export interface NginxRelease {
  readonly version: string;
  /** 1.19+: docker-entrypoint.sh, `worker_processes auto`, `error_log … notice`, STOPSIGNAL QUIT. */
  readonly modern: boolean;
}

const NGINX_UID = 101;

function notFoundPage(version: string): string {
  return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * The nginx master process (`nginx -g 'daemon off;'`): error-log notices on stderr, one access-log
 * line per request on stdout, workers as child processes owned by uid 101, and the signals of
 * nginx's control protocol — TERM/INT fast shutdown, QUIT graceful shutdown, HUP reload (new
 * workers), USR1 reopen logs — each exiting 0. Without `daemon off` it forks and its parent exits 0,
 * which ends a container (the classic mistake).
 */
export function nginxProgram(rel: NginxRelease): Program {
  return function* nginx(p): ProgramRun {
    const args = p.argv.slice(1);
    if (args.includes('-v') || args.includes('-V')) {
      p.stderr.write(`nginx version: nginx/${rel.version}\n`);
      if (args.includes('-V')) p.stderr.write('built by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.11 19 Sep 2023\nTLS SNI support enabled\n');
      return 0;
    }
    if (args.includes('-t') || args.includes('-T')) {
      p.stderr.write('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
      return 0;
    }
    const s = args.indexOf('-s');
    if (s >= 0) return sendControl(p, args[s + 1] ?? '');
    const g = args.indexOf('-g');
    const directives = g >= 0 ? args[g + 1] ?? '' : '';
    if (!/daemon\s+off\s*;/.test(directives)) {
      // daemon on: the real master is a forked child; this process returns at once
      fork(p, p.argv, master(rel, p.argv));
      return 0;
    }
    return yield* master(rel, p.argv)(p);
  };
}

function sendControl(p: Process, what: string): number {
  const sig: SignalName | undefined = own<SignalName>({ stop: 'TERM', quit: 'QUIT', reopen: 'USR1', reload: 'HUP' }, what);
  if (!sig) {
    p.stderr.write(`nginx: invalid option: "-s ${what}"\n`);
    return 1;
  }
  const pidText = p.vfs.readFile('/var/run/nginx.pid');
  const pid = typeof pidText === 'string' ? Number(pidText.trim()) : NaN;
  const target = Number.isInteger(pid) ? p.ns.get(pid) : undefined;
  if (!target) {
    const now = strftime('%Y/%m/%d %H:%M:%S', p.host.clock.now());
    p.stderr.write(typeof pidText === 'string'
      ? `${now} [error] ${p.pid}#${p.pid}: kill(${pidText.trim()}, ${signalNumber(sig)}) failed (3: No such process)\n`
      : `${now} [error] ${p.pid}#${p.pid}: open() "/var/run/nginx.pid" failed (2: No such file or directory)\n`);
    return 1;
  }
  target.signal(sig);
  return 0;
}

function master(rel: NginxRelease, originalArgv: readonly string[]): Program {
  return function* (p): ProgramRun {
    p.argv = [`nginx: master process ${originalArgv.join(' ')}`];
    p.vfs.writeFile('/var/run/nginx.pid', `${p.pid}\n`);
    const log = (pid: number, msg: string): void => {
      if (rel.modern) p.stderr.write(`${strftime('%Y/%m/%d %H:%M:%S', p.host.clock.now())} [notice] ${pid}#${pid}: ${msg}\n`);
    };
    let workers: Process[] = [];
    let stopping = false;
    const worker: Program = function* (w): ProgramRun {
      w.onSignal('QUIT', () => w.exit(0));
      w.onSignal('TERM', () => w.exit(0));
      w.onSignal('INT', () => w.exit(0));
      w.onSignal('HUP', 'ignore');
      w.onSignal('USR1', 'ignore');
      yield* waitFor(FOREVER);
      return 0;
    };
    const startWorker = (): void => {
      const w = fork(p, ['nginx: worker process'], worker, { uid: NGINX_UID, gid: NGINX_UID });
      if ('errno' in w) {
        p.stderr.write(`${strftime('%Y/%m/%d %H:%M:%S', p.host.clock.now())} [alert] ${p.pid}#${p.pid}: fork() failed while spawning "worker process" (11: Resource temporarily unavailable)\n`);
        return;
      }
      log(p.pid, `start worker process ${w.pid}`);
      workers.push(w);
      w.onExit((st) => {
        workers = workers.filter((x) => x !== w);
        if (stopping || !p.alive) return;
        if (st.signal) {
          // a worker killed from outside is reported and replaced
          log(p.pid, `signal 17 (SIGCHLD) received from ${w.pid}`);
          p.stderr.write(`${strftime('%Y/%m/%d %H:%M:%S', p.host.clock.now())} [alert] ${p.pid}#${p.pid}: worker process ${w.pid} exited on signal ${signalNumber(st.signal)}\n`);
          startWorker();
        }
      });
    };
    const startWorkers = (): void => {
      log(p.pid, 'start worker processes');
      for (let i = 0; i < (rel.modern ? NODE_CPUS : 1); i++) startWorker();
    };
    const retire = (list: Process[], graceful: boolean): void => {
      for (const w of list) {
        if (graceful) log(w.pid, 'gracefully shutting down');
        log(w.pid, 'exiting');
        log(w.pid, 'exit');
        w.signal(graceful ? 'QUIT' : 'TERM');
        log(p.pid, `signal 17 (SIGCHLD) received from ${w.pid}`);
        log(p.pid, `worker process ${w.pid} exited with code 0`);
      }
    };
    const shutdown = (sig: SignalName): void => {
      const graceful = sig === 'QUIT';
      stopping = true;
      log(p.pid, `signal ${signalNumber(sig)} (SIG${sig}) received, ${graceful ? 'shutting down' : 'exiting'}`);
      retire([...workers], graceful);
      log(p.pid, 'exit');
      unlisten();
      p.vfs.remove('/var/run/nginx.pid');
      p.exit(0);
    };
    log(p.pid, 'using the "epoll" event method');
    log(p.pid, `nginx/${rel.version}`);
    log(p.pid, 'built by gcc 12.2.0 (Debian 12.2.0-14) ');
    log(p.pid, `OS: Linux ${KERNEL.release}`);
    log(p.pid, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
    startWorkers();
    const unlisten = p.host.network.listen(80, (req) => serve(p, rel, req));
    p.onSignal('TERM', shutdown);
    p.onSignal('INT', shutdown);
    p.onSignal('QUIT', shutdown);
    p.onSignal('HUP', () => {
      log(p.pid, 'signal 1 (SIGHUP) received, reconfiguring');
      log(p.pid, 'reconfiguring');
      log(p.pid, 'using the "epoll" event method');
      const old = [...workers];
      stopping = true;
      startWorkers();
      retire(old, true);
      stopping = false;
      log(p.pid, 'signal 29 (SIGIO) received');
    });
    p.onSignal('USR1', () => {
      log(p.pid, 'signal 10 (SIGUSR1) received, reopening logs');
      log(p.pid, 'reopening logs');
    });
    p.onSignal('WINCH', 'ignore');
    p.onSignal('PIPE', 'ignore');
    yield* waitFor(FOREVER);
    return 0;
  };
}

function serve(p: Process, rel: NginxRelease, req: HttpRequest): HttpAnswer {
  const path = decodeURIComponent(req.path.replace(/[?#].*$/, '')) || '/';
  const file = `/usr/share/nginx/html${path.endsWith('/') ? `${path}index.html` : path}`;
  const body = path.includes('..') ? undefined : p.vfs.readFile(file);
  const ok = typeof body === 'string';
  const answer: HttpAnswer = ok
    ? { status: 200, statusText: 'OK', body, contentType: file.endsWith('.html') ? 'text/html' : 'application/octet-stream' }
    : { status: 404, statusText: 'Not Found', body: notFoundPage(rel.version), contentType: 'text/html' };
  const when = strftime('%d/%b/%Y:%H:%M:%S +0000', p.host.clock.now());
  const bytes = new TextEncoder().encode(answer.body).length;
  p.stdout.write(`${req.clientIP} - - [${when}] "${req.method} ${req.path} HTTP/1.1" ${answer.status} ${bytes} "-" "${req.userAgent}" "-"\n`);
  if (!ok && rel.modern) {
    p.stderr.write(`${strftime('%Y/%m/%d %H:%M:%S', p.host.clock.now())} [error] ${p.pid + 1}#${p.pid + 1}: *1 open() "${file}" failed (2: No such file or directory), client: ${req.clientIP}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"\n`);
  }
  return answer;
}

/**
 * The image's `/docker-entrypoint.sh`: when the command is nginx it reports its configuration steps
 * on stdout (and enables IPv6 in default.conf, as 10-listen-on-ipv6-by-default.sh does), then execs
 * the command.
 */
export function nginxEntrypoint(): Program {
  return function* (p): ProgramRun {
    const args = p.argv.slice(1);
    const me = '/docker-entrypoint.sh';
    if ((args[0] === 'nginx' || args[0] === 'nginx-debug') && !p.env.get('NGINX_ENTRYPOINT_QUIET_LOGS')) {
      const out = (l: string): void => p.stdout.write(`${l}\n`);
      out(`${me}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
      out(`${me}: Looking for shell scripts in /docker-entrypoint.d/`);
      out(`${me}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`);
      const conf = '/etc/nginx/conf.d/default.conf';
      const text = p.vfs.readFile(conf);
      if (typeof text === 'string' && !text.includes('listen  [::]:80;')) {
        out(`10-listen-on-ipv6-by-default.sh: info: Getting the checksum of ${conf}`);
        const e = p.vfs.writeFile(conf, text.replace('    listen       80;\n', '    listen       80;\n    listen  [::]:80;\n'));
        out(e ? `10-listen-on-ipv6-by-default.sh: info: can not modify ${conf} (read-only file system?)` : `10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in ${conf}`);
      } else out(`10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled`);
      out(`${me}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
      out(`${me}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`);
      out(`${me}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
      out(`${me}: Configuration complete; ready for start up`);
    }
    if (args.length === 0) return 0;
    const exe = findExecutable(p.vfs, args[0]!, p.env.get('PATH'), p.cwd);
    const prog = 'errno' in exe ? exe : programFor(p.vfs, exe, args);
    if ('errno' in prog) {
      p.stderr.write(`${me}: exec: line 47: ${args[0]}: not found\n`);
      return 127;
    }
    return yield* p.execve(prog.argv, prog.program);
  };
}

export { parseSignal };
