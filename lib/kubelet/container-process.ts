/**
 * What runs when a container starts, and what it leaves behind: the executable runc finds for the first
 * process (Go `exec.LookPath` rules and their error texts, the generic image's fallback program), the
 * `StartError` text containerd reports, and the termination message the kubelet reads after an exit
 * (`kuberuntime_container.go getTerminationMessage`, `FallbackToLogsOnError`).
 */
import { findExecutable, programFor, type ExecErrno } from '../runtime/exec.js';
import type { DirNode } from '../runtime/fs/nodes.js';
import { Vfs } from '../runtime/fs/vfs.js';
import type { Program } from '../runtime/program.js';
import type { LaunchConfig } from './container-config.js';
import { readTreeFile } from './container-filesystem.js';
import type { ContainerInstance } from './runtime-service.js';

/** The kubelet's cap on a termination message read from the file (`MaxContainerTerminationMessageLength`). */
const MAX_TERMINATION_MESSAGE = 4096;
/** FallbackToLogsOnError takes at most this much of the log's tail. */
const FALLBACK_LOG_BYTES = 2048;
const FALLBACK_LOG_LINES = 80;

/** runc's text for an executable it cannot run (Go `exec.LookPath` errors). */
export function execFailure(name: string, errno: ExecErrno): string {
  if (errno === 'EACCES') return `exec: ${JSON.stringify(name)}: permission denied`;
  if (name.includes('/')) return `exec: ${JSON.stringify(name)}: stat ${name}: no such file or directory`;
  return `exec: ${JSON.stringify(name)}: executable file not found in $PATH`;
}

/** containerd 1.7 + runc 1.2's error for a container whose first process cannot be started. */
export function runcStartError(failure: string): string {
  return 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: '
    + `unable to start container process: error during container init: ${failure}: unknown`;
}

/**
 * The program `argv[0]` names in the container's file system (PATH from the container's env, relative to
 * its working directory), or why runc cannot run it. An image with a fallback program (the generic image)
 * runs that for any command it does not have.
 */
export function resolveProgram(root: DirNode, launch: Pick<LaunchConfig, 'argv' | 'env' | 'workingDir'>, fallback?: Program):
  { program: Program; argv: string[] } | { failure: string } {
  const vfs = new Vfs(root, { pid: undefined });
  const name = launch.argv[0] ?? '';
  const found = findExecutable(vfs, name, launch.env.get('PATH'), launch.workingDir);
  if ('errno' in found) {
    if (fallback && found.errno === 'ENOENT') return { program: fallback, argv: [...launch.argv] };
    return { failure: execFailure(name, found.errno) };
  }
  const prog = programFor(vfs, found, launch.argv);
  return 'errno' in prog ? { failure: `exec ${found.path}: exec format error` } : prog;
}

/**
 * The message of a finished container: the termination-message file (at most 4096 bytes), or with
 * `FallbackToLogsOnError` and a failure, the log's tail (80 lines, 2048 bytes) when the file is empty.
 */
export function terminationMessage(c: ContainerInstance): string | undefined {
  const path = c.spec.terminationMessagePath;
  const file = path ? readTreeFile(c.root, path) ?? '' : '';
  if (file !== '') return file.slice(0, MAX_TERMINATION_MESSAGE);
  if (c.spec.terminationMessagePolicy === 'FallbackToLogsOnError' && c.exitCode !== 0) {
    const tail = c.log.text({ tailLines: FALLBACK_LOG_LINES });
    return tail.length > FALLBACK_LOG_BYTES ? tail.slice(-FALLBACK_LOG_BYTES) : tail || undefined;
  }
  return undefined;
}
