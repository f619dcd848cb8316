import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A response as a test sees it: status, headers (lower-case names) and the body text. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Serves one handler on 127.0.0.1:0 for the duration of `fn`, which gets a `request(path, init)` that
 * never follows redirects.
 */
export async function withHandler(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  fn: (request: (path: string, init?: { method?: string; headers?: Record<string, string> }) => Promise<Exchange>) => Promise<void>,
): Promise<void> {
  const server = createServer((req, res) => {
    try {
      handler(req, res);
    } catch (e) {
      res.statusCode = 599;
      res.end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await fn(async (path, init = {}) => {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { method: init.method ?? 'GET', headers: init.headers ?? {}, redirect: 'manual' });
      const headers: Record<string, string> = {};
      r.headers.forEach((v, k) => {
        headers[k] = v;
      });
      return { status: r.status, headers, body: await r.text() };
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
