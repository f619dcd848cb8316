import type { FileNode } from './fs/nodes.js';
import { isExecutable, type Vfs } from './fs/vfs.js';
import { Process, type ProcessOptions } from './process.js';
import type { Program } from './program.js';

/** The PATH containerd sets when the image defines none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Why an executable could not be run, as errno (EAGAIN: the namespace is out of PIDs). */
export type ExecErrno = 'ENOENT' | 'EACCES' | 'ENOEXEC' | 'ENOTDIR' | 'EAGAIN';

/** A found executable. */
export interface Executable {
  /** The path it was found at (`/bin/ls`). */
  readonly path: string;
  readonly node: FileNode;
}

/**
 * Finds what `name` would run, the way execvp(3) and Go's `exec.LookPath` (used by runc) do: a name
 * with a slash is taken as a path; otherwise each PATH directory is tried in order, an empty entry
 * meaning the working directory. EACCES wins over ENOENT when a match exists but is not executable.
 */
export function findExecutable(vfs: Vfs, name: string, pathEnv: string | undefined, cwd: string): Executable | { errno: ExecErrno } {
  if (name === '') return { errno: 'ENOENT' };
  if (name.includes('/')) {
    const r = vfs.resolve(name, cwd);
    if ('errno' in r) return { errno: r.errno === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT' };
    if (r.node.kind !== 'file' || !isExecutable(r.node)) return { errno: 'EACCES' };
    return { path: name, node: r.node };
  }
  let denied = false;
  for (const dir of (pathEnv ?? DEFAULT_PATH).split(':')) {
    const candidate = dir === '' ? name : `${dir.replace(/\/+$/, '')}/${name}`;
    const r = vfs.resolve(candidate, cwd);
    if ('errno' in r) continue;
    if (r.node.kind === 'file' && isExecutable(r.node)) return { path: candidate, node: r.node };
    denied = true;
  }
  return { errno: denied ? 'EACCES' : 'ENOENT' };
}

/**
 * The program an executable runs and the argv it gets: its own simulated program, or for a `#!`
 * script the interpreter's, with argv `[interpreter, optional-arg, script, ...args]` (execve(2)).
 */
export function programFor(vfs: Vfs, exe: Executable, argv: readonly string[], depth = 0): { program: Program; argv: string[] } | { errno: ExecErrno } {
  if (exe.node.program) return { program: exe.node.program, argv: [...argv] };
  const data = exe.node.data;
  if (!data.startsWith('#!') || depth > 4) return { errno: 'ENOEXEC' };
  const line = data.slice(2, data.indexOf('\n') >= 0 ? data.indexOf('\n') : undefined).trim();
  const sp = line.search(/\s/);
  const interp = sp < 0 ? line : line.slice(0, sp);
  const arg = sp < 0 ? '' : line.slice(sp).trim();
  const found = findExecutable(vfs, interp, undefined, '/');
  if ('errno' in found) return { errno: 'ENOENT' };
  return programFor(vfs, found, [interp, ...(arg ? [arg] : []), exe.path, ...argv.slice(1)], depth + 1);
}

/** Overrides for a child process; everything else is inherited from the parent. */
export type SpawnOverrides = Partial<Omit<ProcessOptions, 'host' | 'ns' | 'parent' | 'argv'>>;

/**
 * fork + execvp from `parent`: finds `argv[0]`, starts the child (which runs until its first wait)
 * and returns it, or the errno that stopped the exec.
 */
export function spawn(parent: Process, argv: readonly string[], o: SpawnOverrides = {}): Process | { errno: ExecErrno } {
  if (parent.ns.full) return { errno: 'EAGAIN' };
  const env = o.env ?? parent.env;
  const cwd = o.cwd ?? parent.cwd;
  const exe = findExecutable(parent.vfs, argv[0] ?? '', env.get('PATH'), cwd);
  if ('errno' in exe) return exe;
  const prog = programFor(parent.vfs, exe, argv);
  if ('errno' in prog) return prog;
  const child = new Process({
    argv: prog.argv,
    env,
    cwd,
    uid: o.uid ?? parent.uid,
    gid: o.gid ?? parent.gid,
    stdin: o.stdin ?? parent.stdin,
    stdout: o.stdout ?? parent.stdout,
    stderr: o.stderr ?? parent.stderr,
    host: parent.host,
    ns: parent.ns,
    parent,
  });
  return child.start(prog.program);
}

/**
 * Starts a child running `program` directly (a subshell, a pipeline stage), with `argv` for `ps`;
 * EAGAIN when the namespace is out of PIDs.
 */
export function fork(parent: Process, argv: readonly string[], program: Program, o: SpawnOverrides = {}): Process | { errno: 'EAGAIN' } {
  if (parent.ns.full) return { errno: 'EAGAIN' };
  const child = new Process({
    argv,
    env: o.env ?? parent.env,
    cwd: o.cwd ?? parent.cwd,
    uid: o.uid ?? parent.uid,
    gid: o.gid ?? parent.gid,
    stdin: o.stdin ?? parent.stdin,
    stdout: o.stdout ?? parent.stdout,
    stderr: o.stderr ?? parent.stderr,
    host: parent.host,
    ns: parent.ns,
    parent,
  });
  return child.start(program);
}
