import { ERRNO_TEXT } from '../fs/nodes.js';
import type { Wait } from '../program.js';
import { NULL_INPUT, NULL_OUTPUT, Pipe, type InputStream, type OutputStream } from '../streams.js';
import { Tty } from '../tty.js';
import type { Redirect } from './ast.js';
import { ExpansionError } from './expand.js';
import type { Io, Shell } from './interpreter.js';

type Stream = InputStream | OutputStream;

function isInput(s: Stream): s is InputStream {
  return 'readLine' in s;
}

function isOutput(s: Stream): s is OutputStream {
  return 'write' in s;
}

function getFd(io: Io, fd: number): Stream | undefined {
  return fd === 0 ? io.stdin : fd === 1 ? io.stdout : fd === 2 ? io.stderr : undefined;
}

function setFd(io: Io, fd: number, s: Stream): boolean {
  if (fd === 0) io.stdin = isInput(s) ? s : NULL_INPUT;
  else if (fd === 1) io.stdout = isOutput(s) ? s : NULL_OUTPUT;
  else if (fd === 2) io.stderr = isOutput(s) ? s : NULL_OUTPUT;
  else return false;
  return true;
}

/** A file that is really one of the process's streams or a device. */
function special(sh: Shell, io: Io, path: string): Stream | undefined {
  const fdPath = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path);
  if (fdPath) return getFd(io, Number(fdPath[1]));
  if (path === '/dev/stdin') return io.stdin;
  if (path === '/dev/stdout') return io.stdout;
  if (path === '/dev/stderr') return io.stderr;
  const node = sh.vfs.stat(path, sh.cwd);
  if ('errno' in node || node.kind !== 'file' || !node.device) return undefined;
  if (node.device === 'stdin') return io.stdin;
  if (node.device === 'stdout') return io.stdout;
  if (node.device === 'stderr') return io.stderr;
  if (node.device === 'tty') {
    const tty = sh.proc.stdin instanceof Tty ? sh.proc.stdin : undefined;
    return tty ?? NULL_OUTPUT;
  }
  return NULL_OUTPUT;
}

/**
 * Performs redirections left to right on a copy of `io` (`>`, `>>`, `>|`, `<`, `<>`, `n>&m`,
 * `n>&-`, here-documents). Files are opened once, by absolute path; a failure prints the shell's
 * message and yields the dialect's status.
 */
export function* openRedirects(sh: Shell, redirs: readonly Redirect[], io: Io): Generator<Wait, Io | { status: number }, unknown> {
  const out: Io = { ...io };
  const failed = { status: sh.dialect.redirectStatus };
  for (const r of redirs) {
    if (r.op === '<<' || r.op === '<<-') {
      let text: string;
      try {
        text = yield* sh.expander.string(r.heredoc ?? []);
      } catch (e) {
        if (!(e instanceof ExpansionError)) throw e;
        sh.error(io, e.message);
        return failed;
      }
      const p = new Pipe();
      p.write(text);
      p.close();
      setFd(out, r.fd, p);
      continue;
    }
    let target: string;
    try {
      target = yield* sh.expander.string(r.target);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      sh.error(io, e.message);
      return failed;
    }
    if (r.op === '>&' || r.op === '<&') {
      if (target === '-') {
        setFd(out, r.fd, r.fd === 0 ? NULL_INPUT : NULL_OUTPUT);
        continue;
      }
      if (/^\d+$/.test(target)) {
        const src = getFd(out, Number(target));
        if (!src || !setFd(out, r.fd, src)) {
          sh.error(io, `${target}: Bad file descriptor`);
          return failed;
        }
        continue;
      }
      if (r.op === '<&') {
        sh.error(io, `${target}: Bad file descriptor`);
        return failed;
      }
    }
    const dev = special(sh, out, target);
    if (dev) {
      if (!setFd(out, r.fd, dev)) return failed;
      if (r.op === '>&') setFd(out, 2, dev);
      continue;
    }
    if (r.op === '<' || r.op === '<>') {
      const content = sh.vfs.readFile(target, sh.cwd);
      if (typeof content !== 'string') {
        if (r.op === '<>' && content.errno === 'ENOENT') {
          sh.vfs.writeFile(target, '', sh.cwd);
          setFd(out, r.fd, NULL_INPUT);
          continue;
        }
        sh.error(io, sh.dialect.cantOpen(target, ERRNO_TEXT[content.errno]));
        return failed;
      }
      const p = new Pipe();
      p.write(content);
      p.close();
      if (!setFd(out, r.fd, p)) {
        sh.error(io, `${r.fd}: Bad file descriptor`);
        return failed;
      }
      continue;
    }
    const err = sh.vfs.writeFile(target, '', sh.cwd, r.op === '>>');
    if (err) {
      sh.error(io, sh.dialect.cantCreate(target, ERRNO_TEXT[err.errno]));
      return failed;
    }
    const resolved = sh.vfs.resolve(target, sh.cwd);
    const abs = 'errno' in resolved ? target : resolved.path;
    const vfs = sh.vfs;
    const stream: OutputStream = { isTty: false, write: (d) => void vfs.writeFile(abs, d, '/', true) };
    if (!setFd(out, r.fd, stream)) {
      sh.error(io, `${r.fd}: Bad file descriptor`);
      return failed;
    }
    if (r.op === '>&') setFd(out, 2, stream);
  }
  return out;
}
