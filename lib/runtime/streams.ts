import type { Wait } from './program.js';

/** Where a process writes (stdout, stderr, a pipe, a terminal, a file). */
export interface OutputStream {
  write(data: string): void;
  /** A terminal: programs such as `ls` and `sh` change their output for it. */
  readonly isTty: boolean;
  /** Terminal width in columns (80 when not a terminal). */
  readonly columns?: number;
}

/** Where a process reads from. Reads share one buffer, so a shell and the command it runs see one stream. */
export interface InputStream {
  /** Everything buffered, or the next chunk; null at end of file. */
  read(): Wait<string | null>;
  /** The next line with its `\n` (the last one may lack it); null at end of file. */
  readLine(): Wait<string | null>;
  readonly isTty: boolean;
}

/** Output that goes nowhere (`/dev/null`). */
export const NULL_OUTPUT: OutputStream = { write: () => undefined, isTty: false };

/** Input that is at end of file at once (`/dev/null`, a container without `stdin: true`). */
export const NULL_INPUT: InputStream = {
  read: () => ({ start: (resume) => (resume(null), () => undefined) }),
  readLine: () => ({ start: (resume) => (resume(null), () => undefined) }),
  isTty: false,
};

interface Reader {
  line: boolean;
  resume: (v: string | null) => void;
}

/**
 * A pipe: writes are buffered without limit, readers wait for data or end of file. Readers are
 * served in order, synchronously, from `write` and `close`.
 */
export class Pipe implements InputStream, OutputStream {
  readonly isTty = false;
  private buffer = '';
  private closed = false;
  private readerGone = false;
  private readers: Reader[] = [];

  write(data: string): void {
    if (this.closed || data === '') return;
    this.buffer += data;
    this.serve();
  }

  /** Ends the stream: readers get what is left, then null. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.serve();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The reading end was closed: writers get SIGPIPE (see {@link Pipe.writerEnd}). */
  closeReader(): void {
    this.readerGone = true;
    this.buffer = '';
  }

  /**
   * The writing end for `writer()`: once the reader is gone, a write sends it SIGPIPE, as the
   * kernel does (`yes | head -1` ends).
   */
  writerEnd(writer: () => { signal(sig: 'PIPE'): boolean } | undefined): OutputStream {
    return {
      isTty: false,
      write: (data: string) => {
        if (this.readerGone) writer()?.signal('PIPE');
        else this.write(data);
      },
    };
  }

  read(): Wait<string | null> {
    return this.waitFor(false);
  }

  readLine(): Wait<string | null> {
    return this.waitFor(true);
  }

  private waitFor(line: boolean): Wait<string | null> {
    return {
      start: (resume) => {
        const r: Reader = { line, resume };
        this.readers.push(r);
        this.serve();
        return () => {
          this.readers = this.readers.filter((x) => x !== r);
        };
      },
    };
  }

  private serve(): void {
    while (this.readers.length > 0) {
      const r = this.readers[0]!;
      let chunk: string | null;
      if (r.line) {
        const nl = this.buffer.indexOf('\n');
        if (nl >= 0) chunk = this.buffer.slice(0, nl + 1);
        else if (this.closed) chunk = this.buffer === '' ? null : this.buffer;
        else return;
      } else if (this.buffer !== '') chunk = this.buffer;
      else if (this.closed) chunk = null;
      else return;
      if (chunk !== null) this.buffer = this.buffer.slice(chunk.length);
      this.readers.shift();
      r.resume(chunk);
    }
  }
}

/** Collects output into a string (command substitution, tests). */
export class StringOutput implements OutputStream {
  readonly isTty = false;
  text = '';
  write(data: string): void {
    this.text += data;
  }
}

/** An output stream that calls `fn` for each write. */
export function outputTo(fn: (data: string) => void, isTty = false): OutputStream {
  return { write: fn, isTty };
}
