/**
 * The node's streaming server (`pkg/kubelet/server/server.go` getExec / getAttach / getContainerLogs over
 * the CRI `Exec` and `Attach` calls): sessions for `kubectl exec` and `kubectl attach` on a running
 * container, as {@link ProcessIO}s. Exec starts a new process in the container's namespaces with a
 * fresh terminal or pipe; attach joins the container's first process — its terminal when `tty: true`,
 * its stdin pipe when `stdin: true`, and its output as the log sees it.
 */
import type { Pod } from '../api/types.js';
import type { ContainerLog } from './container-log.js';
import { StreamSession, type ProcessIO } from './process-io.js';
import type { Process } from './process.js';
import type { ExitStatus } from './program.js';
import { NULL_INPUT, Pipe, type InputStream, type OutputStream } from './streams.js';
import { Tty } from './tty.js';

/** What attach needs of a running container instance (the kubelet's `ContainerInstance` has it). */
export interface AttachableContainer {
  readonly spec: { readonly stdin?: boolean; readonly stdinOnce?: boolean; readonly tty?: boolean };
  /** The open stdin of a container with `stdin: true` and no TTY. */
  readonly stdin: Pipe | undefined;
  readonly tty: Tty | undefined;
  readonly log: ContainerLog;
  readonly process?: Process;
  readonly exitCode?: number;
}

/** The streams an exec'd process gets. */
export interface ExecIO {
  stdin?: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** The node side of the streams: a kubelet (`Kubelet` has these methods). */
export interface NodeStreamingServer {
  containerInstance(namespace: string, podName: string, container: string): AttachableContainer | undefined;
  exec(namespace: string, podName: string, container: string, argv: readonly string[], io: ExecIO): Process | { error: string };
  logs(namespace: string, podName: string, container: string, opts: object): string;
  followLogs(namespace: string, podName: string, container: string, opts: object, onData: (chunk: string) => void, onEnd: () => void): () => void;
}

/** Why a session could not be opened (see the registry's `ContainerStreamFailure`). */
export interface SessionOpenFailure {
  readonly failure: 'unavailable' | 'start-failed';
  readonly message: string;
  readonly exitCode?: number;
}

/** Exit code of an exec whose command the runtime could not start (`OCI runtime exec failed`). */
export const EXEC_START_FAILED_EXIT_CODE = 126;

// stdinOnce: "stdin will be closed after the first attach session disconnects" — per container instance.
const stdinClaimed = new WeakSet<AttachableContainer>();

/**
 * Attaches to a container's first process (CRI `Attach`). Stdin reaches it only when both the client
 * asks for it and the container keeps stdin open; with `stdinOnce`, the end of the first such session's
 * stdin closes the container's stdin (a TTY hangs up).
 */
export function attachSession(c: AttachableContainer, opts: { stdin: boolean }): ProcessIO {
  const withStdin = opts.stdin && c.spec.stdin === true;
  const first = withStdin && !stdinClaimed.has(c);
  if (withStdin) stdinClaimed.add(c);
  let stdinDone = false;
  const endStdin = (): void => {
    if (stdinDone || !first || !c.spec.stdinOnce) return;
    stdinDone = true;
    if (c.tty) c.tty.hangup();
    else c.stdin?.close();
  };
  const unsubscribe: Array<() => void> = [];
  const session: StreamSession = new StreamSession({
    tty: c.tty !== undefined,
    write: (d) => {
      if (!withStdin || stdinDone) return;
      if (c.tty) c.tty.input(d);
      else c.stdin?.write(d);
    },
    closeStdin: endStdin,
    resize: (w, h) => c.tty?.resize(w, h),
    onExit: (fn) => onProcessExit(c.process, c.exitCode, fn),
    detach: () => {
      for (const u of unsubscribe.splice(0)) u();
      endStdin();
    },
  });
  if (c.tty) unsubscribe.push(c.tty.onOutput((d) => session.emit(d, 'stdout')));
  else unsubscribe.push(c.log.onEntry((e) => session.emit(e.text, e.stream)));
  return session;
}

/** `onExit` for a process that may be gone already. */
function onProcessExit(p: Process | undefined, exitCode: number | undefined, fn: (s: ExitStatus) => void): () => void {
  if (p) return p.onExit(fn);
  fn({ code: exitCode ?? 0 });
  return () => undefined;
}

/**
 * Runs a command in a container (CRI `Exec`) with a terminal or a pipe for stdin, through `start` (the
 * kubelet's exec). A command the runtime cannot start is a `start-failed` with runc's message and exit
 * code 126; with a TTY an exec'd shell is the terminal's session leader, so a client that goes away hangs
 * it up, while without one the process keeps running once stdin is closed, as on a real node.
 */
export function execSession(start: (io: ExecIO) => Process | { error: string }, opts: { stdin: boolean; tty: boolean }): ProcessIO | SessionOpenFailure {
  const tty = opts.tty ? new Tty() : undefined;
  const pipe = opts.stdin && !tty ? new Pipe() : undefined;
  let proc: Process | undefined;
  const session: StreamSession = new StreamSession({
    tty: tty !== undefined,
    write: (d) => {
      if (!opts.stdin) return;
      if (tty) tty.input(d);
      else pipe?.write(d);
    },
    closeStdin: () => (tty ? tty.input('\x04') : pipe?.close()),
    resize: (w, h) => tty?.resize(w, h),
    onExit: (fn) => onProcessExit(proc, undefined, fn),
    detach: () => {
      if (tty) tty.hangup();
      else pipe?.close();
    },
  });
  tty?.onOutput((d) => session.emit(d, 'stdout'));
  const io: ExecIO = tty
    ? { stdin: tty, stdout: tty.output, stderr: tty.output }
    : {
        stdin: pipe ?? NULL_INPUT,
        stdout: { isTty: false, write: (d) => session.emit(d, 'stdout') },
        stderr: { isTty: false, write: (d) => session.emit(d, 'stderr') },
      };
  const started = start(io);
  if ('error' in started) return { failure: 'start-failed', message: started.error, exitCode: EXEC_START_FAILED_EXIT_CODE };
  proc = started;
  if (tty) {
    tty.leader = proc;
    tty.foreground = [proc];
  }
  return session;
}

/**
 * The streams of every pod, through the kubelet of the node each pod is bound to. `kubeletFor` throws
 * what the apiserver answers for a node it cannot reach (a NotFound for a node that is gone).
 */
export function podContainerStreams(kubeletFor: (nodeName: string) => NodeStreamingServer) {
  const where = (pod: Pod): { k: NodeStreamingServer; ns: string; name: string } => ({
    k: kubeletFor(pod.spec?.nodeName ?? ''),
    ns: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
  });
  return {
    exec(pod: Pod, container: string, command: readonly string[], opts: { stdin: boolean; tty: boolean }): ProcessIO | SessionOpenFailure {
      const { k, ns, name } = where(pod);
      // getExec: only a running container can be exec'd into (findContainer lists running ones).
      if (!k.containerInstance(ns, name, container)) return { failure: 'unavailable', message: `container not found (${JSON.stringify(container)})` };
      return execSession((io) => k.exec(ns, name, container, command, io), opts);
    },
    attach(pod: Pod, container: string, opts: { stdin: boolean; tty: boolean }): ProcessIO | SessionOpenFailure {
      const { k, ns, name } = where(pod);
      const c = k.containerInstance(ns, name, container);
      // getAttach names the pod by its full name, NAME_NAMESPACE.
      if (!c?.process?.alive) return { failure: 'unavailable', message: `container ${container} not found in pod ${name}_${ns}` };
      return attachSession(c, { stdin: opts.stdin });
    },
    logs(pod: Pod, container: string, opts: object): string {
      const { k, ns, name } = where(pod);
      return k.logs(ns, name, container, opts);
    },
    followLogs(pod: Pod, container: string, opts: object, onData: (chunk: string) => void, onEnd: () => void): () => void {
      const { k, ns, name } = where(pod);
      return k.followLogs(ns, name, container, opts, onData, onEnd);
    },
  };
}
