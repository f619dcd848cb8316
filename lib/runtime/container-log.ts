/** One chunk of container output: a whole line (ending in `\n`) or a partial one (CRI `P` tag). */
export interface LogEntry {
  /** ms since the epoch, when it was written. */
  readonly time: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** How `kubectl logs` options select and format a log (`pods/log` query parameters). */
export interface LogQuery {
  readonly timestamps?: boolean;
  readonly tailLines?: number;
  /** ms since the epoch; lines written before are skipped. */
  readonly sinceTime?: number;
  readonly limitBytes?: number;
}

const MAX_ENTRIES = 100_000;

/**
 * The log of one container instance, as the CRI log file holds it: entries split at newlines, each
 * with its time and stream. Listeners see entries as they are written (`kubectl logs -f`).
 */
export class ContainerLog {
  private readonly list: LogEntry[] = [];
  private readonly listeners = new Set<(e: LogEntry) => void>();

  /** Appends output written at `time`; splits it into lines. */
  append(time: number, stream: 'stdout' | 'stderr', data: string): void {
    let rest = data;
    while (rest !== '') {
      const nl = rest.indexOf('\n');
      const text = nl < 0 ? rest : rest.slice(0, nl + 1);
      rest = nl < 0 ? '' : rest.slice(nl + 1);
      const e: LogEntry = { time, stream, text };
      this.list.push(e);
      if (this.list.length > MAX_ENTRIES) this.list.splice(0, this.list.length - MAX_ENTRIES);
      for (const l of [...this.listeners]) l(e);
    }
  }

  /** All entries, oldest first. */
  entries(): readonly LogEntry[] {
    return this.list;
  }

  /** Calls `fn` for each new entry; returns an unsubscribe function. */
  onEntry(fn: (e: LogEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * The log as `kubectl logs` prints it: partial chunks joined into lines, optionally prefixed with
   * the RFC 3339 nanosecond time of their first chunk, filtered by since/tail and cut at limitBytes.
   */
  text(q: LogQuery = {}): string {
    const lines: Array<{ time: number; text: string }> = [];
    let open: { time: number; text: string } | undefined;
    for (const e of this.list) {
      if (!open) lines.push((open = { time: e.time, text: '' }));
      open.text += e.text;
      if (e.text.endsWith('\n')) open = undefined;
    }
    let sel = q.sinceTime === undefined ? lines : lines.filter((l) => l.time >= q.sinceTime!);
    if (q.tailLines !== undefined) sel = q.tailLines <= 0 ? [] : sel.slice(-q.tailLines);
    let out = sel.map((l) => (q.timestamps ? `${formatLogTime(l.time)} ${l.text}` : l.text)).join('');
    if (q.limitBytes !== undefined) out = new TextDecoder().decode(new TextEncoder().encode(out).slice(0, q.limitBytes));
    return out;
  }
}

/** RFC 3339 with nanoseconds, as the kubelet prints `--timestamps` (`2024-01-01T00:00:05.000000000Z`). */
export function formatLogTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000000Z`;
}
