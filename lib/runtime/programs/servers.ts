import type { HttpAnswer } from '../host.js';
import type { Process } from '../process.js';
import { FOREVER, waitFor, type Program, type ProgramRun } from '../program.js';
import type { SignalName } from '../signals.js';

const PSIGNAL: Partial<Record<SignalName, string>> = { INT: 'Interrupt', TERM: 'Terminated' };

/**
 * The sandbox's `/pause` (kubernetes build/pause/linux/pause.c): waits forever; INT and TERM print
 * `Shutting down, got signal: …` on stderr and exit 0; warns when it is not PID 1.
 */
export function pauseProgram(version: string): Program {
  return function* (p): ProgramRun {
    if (p.argv.includes('-v')) {
      p.stdout.write(`pause.c v${version}\n`);
      return 0;
    }
    if (p.pid !== 1) p.stderr.write('Warning: pause should be the first process\n');
    const down = (sig: SignalName): void => {
      p.stderr.write(`Shutting down, got signal: ${PSIGNAL[sig] ?? sig}\n`);
      p.exit(0);
    };
    p.onSignal('INT', down);
    p.onSignal('TERM', down);
    yield* waitFor(FOREVER);
    return 0;
  };
}

function ok(body: string): HttpAnswer {
  return { status: 200, statusText: 'OK', body, contentType: 'text/plain; charset=utf-8' };
}

function stopOn(p: Process, ...sigs: SignalName[]): void {
  for (const s of sigs) p.onSignal(s, () => p.exit(0));
}

/**
 * The program of images the catalogue does not know: a quiet long-running server that answers HTTP
 * 200 `ok` on port 8080 and exits 0 on TERM or INT.
 */
export function genericServer(): Program {
  return function* (p): ProgramRun {
    const stop = p.host.network.listen(8080, () => ok('ok\n'));
    stopOn(p, 'TERM', 'INT');
    try {
      yield* waitFor(FOREVER);
    } finally {
      stop();
    }
    return 0;
  };
}

function flag(args: readonly string[], name: string, dflt: string): string {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  if (hit) return hit.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] ?? dflt : dflt;
}

/**
 * `agnhost` (Kubernetes e2e test image) subcommands: `pause`, `serve-hostname` (port 9376),
 * `netexec` (`--http-port`, default 8080: `/hostname`, `/echo?msg=`, `/clientip`, `/healthz`) and
 * `liveness` (`/healthz` on 8080: 200 for 10 s, then 500).
 */
export function agnhostProgram(): Program {
  return function* (p): ProgramRun {
    const [cmd, ...args] = p.argv.slice(1);
    const started = p.host.clock.now();
    switch (cmd) {
      case undefined:
      case '--help':
        p.stdout.write('Usage:\n  agnhost [command]\n\nAvailable Commands:\n  liveness        Starts a server that fails health checks after 10 seconds\n  netexec         Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints\n  pause           Pauses the execution\n  serve-hostname  Serves the hostname\n');
        return 0;
      case 'pause': {
        p.stdout.write('Paused\n');
        stopOn(p, 'TERM', 'INT');
        yield* waitFor(FOREVER);
        return 0;
      }
      case 'serve-hostname': {
        const port = Number(flag(args, 'port', '9376'));
        p.stderr.write(`Serving on port ${port}.\n`);
        p.host.network.listen(port, () => ok(p.host.hostname));
        stopOn(p, 'TERM', 'INT');
        yield* waitFor(FOREVER);
        return 0;
      }
      case 'netexec': {
        const port = Number(flag(args, 'http-port', '8080'));
        p.stderr.write(`Started HTTP server on port ${port}\nStarted UDP server on port ${flag(args, 'udp-port', '8081')}\n`);
        p.host.network.listen(port, (req) => {
          const [path, query = ''] = req.path.split('?');
          const params = new URLSearchParams(query);
          switch (path) {
            case '/hostname': return ok(p.host.hostname);
            case '/echo': return ok(params.get('msg') ?? '');
            case '/clientip': return ok(`${req.clientIP}:40000`);
            case '/healthz': return ok('');
            case '/': return ok(`NOW: ${new Date(p.host.clock.now()).toISOString()}`);
            default: return { status: 404, statusText: 'Not Found', body: '404 page not found\n' };
          }
        });
        stopOn(p, 'TERM', 'INT');
        yield* waitFor(FOREVER);
        return 0;
      }
      case 'liveness': {
        p.host.network.listen(8080, () => (p.host.clock.now() - started < 10_000 ? ok('ok') : { status: 500, statusText: 'Internal Server Error', body: `error: ${Math.floor((p.host.clock.now() - started) / 1000)}` }));
        stopOn(p, 'TERM', 'INT');
        yield* waitFor(FOREVER);
        return 0;
      }
      default:
        p.stderr.write(`Error: unknown command "${cmd}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
        return 1;
    }
  };
}
