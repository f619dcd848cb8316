import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';

/** What a WebSocket upgrade that was refused answered. */
export interface Refusal {
  status: number;
  body: string;
}

/**
 * A raw `v5.channel.k8s.io` client, as kubectl's is: every frame it receives is kept, stdin and
 * resizes are sent as channel messages, and the server's closing Status is parsed.
 */
export class ChannelClient {
  readonly frames: Array<{ channel: number; data: Buffer }> = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.frames.push({ channel: data[0]!, data: data.subarray(1) }));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  }

  /** Opens `path` (a URL path with query) on `baseUrl`; a refused upgrade resolves to its answer. */
  static connect(baseUrl: string, path: string, protocols: string[] = ['v5.channel.k8s.io']): Promise<ChannelClient | Refusal> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, protocols);
      ws.once('open', () => resolve(new ChannelClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('error', reject);
    });
  }

  /** The negotiated subprotocol. */
  get protocol(): string {
    return this.ws.protocol;
  }

  text(channel: number): string {
    return Buffer.concat(this.frames.filter((f) => f.channel === channel).map((f) => f.data)).toString('utf8');
  }

  get stdout(): string {
    return this.text(1);
  }

  get stderr(): string {
    return this.text(2);
  }

  /** The raw error-channel payload (the Status JSON). */
  get statusText(): string {
    return this.text(3);
  }

  send(channel: number, data: string | Buffer): void {
    this.ws.send(Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data) : data]));
  }

  stdin(data: string): void {
    this.send(0, data);
  }

  /** The v5 close signal for stdin. */
  closeStdin(): void {
    this.ws.send(Buffer.from([255, 0]));
  }

  resize(width: number, height: number): void {
    this.send(4, JSON.stringify({ Width: width, Height: height }));
  }

  /** The underlying TCP socket (to vanish without a close frame, or to write garbage). */
  get socket(): Socket {
    return (this.ws as unknown as { _socket: Socket })._socket;
  }

  /** Turns the event loop, ticking the cluster, until `cond` holds (at most `limitMs` of real time). */
  async until(cond: () => boolean, tick: () => void = () => undefined, limitMs = 5000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`condition not met; frames: ${JSON.stringify(this.frames.map((f) => [f.channel, f.data.toString()]))}`);
      tick();
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** A plain HTTP request with any method and headers (for the SPDY retry and non-upgrade requests). */
export function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Refusal & { headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}
