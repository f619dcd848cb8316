import { request, type IncomingHttpHeaders } from 'node:http';

/** One event line of a watch stream. */
export interface StreamEvent {
  type: string;
  object: Record<string, unknown> & { metadata?: Record<string, unknown> };
}

/** An open watch: the response head, events as they arrive, and the end of the stream. */
export interface WatchStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The next event, or null once the stream has ended. */
  next(): Promise<StreamEvent | null>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Drops the connection (a client going away). */
  close(): void;
}

/** Opens `GET path` on `baseUrl` and resolves as soon as the response head arrives (before any event). */
export function openWatch(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<WatchStream> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers: { Accept: 'application/json', ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      const queue: (StreamEvent | null)[] = [];
      const waiters: ((e: StreamEvent | null) => void)[] = [];
      const push = (e: StreamEvent | null): void => {
        const w = waiters.shift();
        if (w) w(e);
        else queue.push(e);
      };
      let buf = '';
      let endResolve!: () => void;
      const ended = new Promise<void>((r) => (endResolve = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim() !== '') push(JSON.parse(line) as StreamEvent);
        }
      });
      const finish = (): void => {
        push(null);
        endResolve();
      };
      res.on('end', finish);
      res.on('close', finish);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((r) => waiters.push(r))),
        ended,
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

/** Resolves once `cond()` holds, checked between turns of the event loop (no timing is asserted). */
export async function eventually(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}
