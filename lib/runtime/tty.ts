import type { Process } from './process.js';
import type { Wait } from './program.js';
import type { InputStream, OutputStream } from './streams.js';

interface Reader {
  line: boolean;
  resume: (v: string | null) => void;
}

/**
 * A pseudo-terminal in canonical mode, as a container with `tty: true` or `kubectl exec -t` gets one.
 * The client side types into {@link Tty.input}; the line discipline echoes, edits (backspace, ^U),
 * turns Enter into a line, ^C into SIGINT for the foreground processes and ^D on an empty line into
 * one end-of-file. Output has `\n` turned into `\r\n` (ONLCR) and goes to every listener.
 */
export class Tty implements InputStream {
  readonly isTty = true;
  columns = 80;
  rows = 24;
  /** Processes that get ^C (the terminal's foreground process group). */
  foreground: Process[] = [];
  /** The session leader, which gets SIGHUP when the terminal hangs up. */
  leader: Process | undefined;
  private editing = '';
  private escape = 0;
  private readonly queue: Array<string | null> = [];
  private readers: Reader[] = [];
  private readonly listeners = new Set<(data: string) => void>();

  /** The slave side, for the processes' stdout and stderr. */
  readonly output: OutputStream;

  constructor() {
    const tty = this;
    this.output = {
      write: (data: string) => tty.emit(data.replace(/\r?\n/g, '\r\n')),
      isTty: true,
      get columns(): number {
        return tty.columns;
      },
    };
  }

  /** Listens to everything the terminal displays; returns an unsubscribe function. */
  onOutput(fn: (data: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Keystrokes from the client (kubectl sends `\r` for Enter). */
  input(data: string): void {
    for (const ch of data) {
      if (this.escape > 0) {
        // skip ANSI escape sequences (arrow keys): ESC [ params final-byte
        if (this.escape === 1 && ch !== '[' && ch !== 'O') this.escape = 0;
        else if (this.escape === 1) this.escape = 2;
        else if (ch >= '@' && ch <= '~') this.escape = 0;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        this.emit('\r\n');
        this.push(`${this.editing}\n`);
        this.editing = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.editing.length > 0) {
          this.editing = this.editing.slice(0, -1);
          this.emit('\b \b');
        }
      } else if (ch === '\x15') {
        this.emit('\b \b'.repeat(this.editing.length));
        this.editing = '';
      } else if (ch === '\x03') {
        this.emit('^C\r\n');
        this.editing = '';
        for (const p of [...this.foreground]) p.signal('INT');
      } else if (ch === '\x1c') {
        this.emit('^\\\r\n');
        this.editing = '';
        for (const p of [...this.foreground]) p.signal('QUIT');
      } else if (ch === '\x04') {
        if (this.editing === '') this.push(null);
        else {
          this.push(this.editing);
          this.editing = '';
        }
      } else if (ch === '\x1b') {
        this.escape = 1;
      } else if (ch === '\t' || ch >= ' ') {
        this.editing += ch;
        this.emit(ch);
      }
    }
  }

  /** Window size from the client (channel 4); the foreground gets SIGWINCH. */
  resize(columns: number, rows: number): void {
    if (!(columns > 0) || !(rows > 0)) return;
    this.columns = Math.floor(columns);
    this.rows = Math.floor(rows);
    for (const p of [...this.foreground]) p.signal('WINCH');
  }

  /** The client side closed: the session leader gets SIGHUP and readers get end of file. */
  hangup(): void {
    this.leader?.signal('HUP');
    this.push(null);
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

  private push(entry: string | null): void {
    this.queue.push(entry);
    this.serve();
  }

  private serve(): void {
    while (this.readers.length > 0 && this.queue.length > 0) {
      const r = this.readers.shift()!;
      const entry = this.queue.shift()!;
      r.resume(entry);
    }
  }

  private emit(data: string): void {
    if (data === '') return;
    for (const l of [...this.listeners]) l(data);
  }
}
