/**
 * `pods/NAME/exec` and `pods/NAME/attach` (`pkg/registry/core/pod/rest/subresources.go` ExecREST and
 * AttachREST, with apiserver 1.32's WebSocket stream translator): the options are read from the query,
 * the pod and container are checked as `streamLocation` does — those errors are plain HTTP answers, the
 * same to the WebSocket GET and to kubectl's SPDY retry — then the connection is upgraded and the node's
 * session is wired to the channels. What the node refuses after the upgrade (no running container) and
 * how the process ended travel as a Status on the error channel.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Pod, Status } from '../api/types.js';
import { SystemClock } from '../clock/system-clock.js';
import { newBadRequest, newInternalError } from '../errors/constructors.js';
import { isStreamFailure, streamLocation, type ContainerStreamOpen, type ContainerStreams, type ContainerStreamSession } from '../registry/pod/stream-location.js';
import type { StreamingRequest, StreamingSubresource } from './streaming.js';
import {
  Channel, decodeClientFrame, encodeServerFrame, errorChannelStatus, exitStatus, negotiateStreamProtocol, offeredProtocols,
  ResizeDecoder, SUPPORTED_STREAM_PROTOCOLS,
} from './websocket-channels.js';

/** How exec and attach are served. */
export interface ExecAttachOptions {
  /** The connection to the nodes (their kubelets' streaming servers). */
  readonly streams: ContainerStreams & { connectionInfo?(pod: Pod): unknown };
  /** Largest client message in bytes; larger ones end the session (default 32 MiB, x/net/websocket's limit). */
  readonly maxMessageBytes?: number;
  /** Output queued for a client that does not read, after which its session is ended (default 16 MiB). */
  readonly maxBufferedBytes?: number;
  /** Wall-clock ms between the upgrade and the session's start (default 25: the kubelet round trip). */
  readonly startDelayMs?: number;
}

/** Network latency is wall time, not cluster time. */
const wallClock = new SystemClock();

/** `PodExecOptions` / `PodAttachOptions` as read from the query (Convert_Slice_string_To_bool: only `0`/`false` are false). */
export interface StreamOptions {
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  command: string[];
}

const queryBool = (q: URLSearchParams, key: string): boolean => {
  const v = q.getAll(key)[0];
  return v !== undefined && !(v === '0' || v.toLowerCase() === 'false');
};

/** The options of an exec or attach request. */
export function streamOptionsFromQuery(q: URLSearchParams): StreamOptions {
  return {
    container: q.getAll('container')[0] ?? '',
    stdin: queryBool(q, 'stdin'),
    stdout: queryBool(q, 'stdout'),
    stderr: queryBool(q, 'stderr'),
    tty: queryBool(q, 'tty'),
    command: q.getAll('command'),
  };
}

/** What kubesim answers a SPDY upgrade it cannot speak; kubectl only retries with SPDY after a WebSocket failure. */
export const SPDY_UNSUPPORTED = `kubesim serves exec and attach over WebSocket only (${SUPPORTED_STREAM_PROTOCOLS.join(', ')}); SPDY/3.1 is not supported`;

/** Which of the two Connecter subresources. */
export type StreamKind = 'exec' | 'attach';

/** The checks the apiserver makes before proxying: pod (404), container (400), host (400), node (404). */
function locate(request: StreamingRequest, streams: ExecAttachOptions['streams']): { pod: Pod; container: string; opts: StreamOptions } {
  const opts = streamOptionsFromQuery(request.url.searchParams);
  const pod = request.rest.get(request.context, request.info.name) as Pod;
  const { container } = streamLocation(pod, opts.container);
  streams.connectionInfo?.(pod);
  return { pod, container, opts };
}

/** The `pods/exec` or `pods/attach` streaming subresource over `options.streams`. */
export function podStreamSubresource(kind: StreamKind, options: ExecAttachOptions): StreamingSubresource {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: options.maxMessageBytes ?? 32 * 1024 * 1024 });
  return {
    methods: ['GET', 'POST'],
    serve(_req: IncomingMessage, _res: ServerResponse, request: StreamingRequest): void {
      try {
        locate(request, options.streams);
        // The proxy handler is built with UpgradeRequired.
        throw newBadRequest('Upgrade request required');
      } catch (e) {
        request.fail(e);
      }
    },
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, request: StreamingRequest): void {
      let target: { pod: Pod; container: string; opts: StreamOptions };
      try {
        target = locate(request, options.streams);
      } catch (e) {
        request.fail(e);
        return;
      }
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
        request.fail(newBadRequest(SPDY_UNSUPPORTED));
        return;
      }
      const protocol = negotiateStreamProtocol(req.headers['sec-websocket-protocol']);
      if (!protocol) {
        const offered = offeredProtocols(req.headers['sec-websocket-protocol']);
        request.fail(newBadRequest(`requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${SUPPORTED_STREAM_PROTOCOLS.join(' ')}]`));
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const open = (): ContainerStreamOpen => {
          const { pod, container, opts } = target;
          if (!opts.stdin && !opts.stdout && !opts.stderr) {
            // The kubelet's remotecommand NewOptions refuses it; the translator reports the failed upgrade.
            return { failure: 'unavailable', message: 'you must specify at least 1 of stdin, stdout, stderr' };
          }
          return kind === 'exec'
            ? options.streams.exec(pod, container, opts.command, { stdin: opts.stdin, tty: opts.tty })
            : options.streams.attach(pod, container, { stdin: opts.stdin, tty: opts.tty });
        };
        runChannelSession(ws, protocol, kind, target.opts, open, {
          maxBuffered: options.maxBufferedBytes ?? 16 * 1024 * 1024,
          startDelayMs: options.startDelayMs ?? 25,
        });
      });
    },
  };
}

/**
 * One upgraded connection: the empty message that tells the client the streams are up, then the node's
 * session on channels 0-4 until its process ends (exec: its exit code; attach: Success) or the client
 * goes away (the session is closed: an exec terminal hangs up, an attach detaches). The session opens
 * `startDelayMs` of wall time after the upgrade — a real apiserver first dials the kubelet, and clients
 * (client-go's readDemuxLoop) drop messages that arrive before they have set up their streams.
 */
function runChannelSession(ws: WebSocket, protocol: string, kind: StreamKind, opts: StreamOptions, open: () => ContainerStreamOpen,
  limits: { maxBuffered: number; startDelayMs: number }): void {
  let finished = false;
  let session: ContainerStreamSession | undefined;
  const cleanups: Array<() => void> = [];
  const send = (channel: number, payload: Buffer | string): void => {
    if (finished || ws.readyState !== ws.OPEN) return;
    ws.send(encodeServerFrame(channel, payload));
    if (ws.bufferedAmount > limits.maxBuffered) end(1008, 'client is not reading its output');
  };
  // Detaches from the node's session; with a code, closes the socket too.
  const end = (code?: number, reason?: string): void => {
    if (finished) return;
    finished = true;
    for (const c of cleanups.splice(0)) c();
    session?.close();
    if (code !== undefined && ws.readyState === ws.OPEN) ws.close(code, reason);
  };
  // The last word: the Status on the error channel, then a normal close.
  const finish = (status: Status): void => {
    send(Channel.error, errorChannelStatus(status));
    end(1000);
  };
  // Messages that come before the session is open wait for it.
  const early: RawData[] = [];
  let onMessage = (raw: RawData): void => void early.push(raw);
  ws.on('message', (raw: RawData) => onMessage(raw));
  ws.on('close', () => end());
  ws.on('error', () => end());
  const timer = wallClock.setTimer(limits.startDelayMs, () => {
    if (finished) return;
    // Send an empty message to the lowest writable channel to notify the client the connection is established.
    send(opts.stdout ? Channel.stdout : opts.stderr ? Channel.stderr : Channel.error, '');
    const opened = open();
    if (isStreamFailure(opened)) {
      if (opened.failure === 'unavailable') {
        finish(newInternalError(`unable to upgrade connection: ${opened.message}`).status);
        return;
      }
      const line = `${opened.message}${opts.tty ? '\r\n' : '\n'}`;
      if (opts.stdout) send(Channel.stdout, line);
      else if (opts.stderr) send(Channel.stderr, line);
      finish(exitStatus(opened.exitCode ?? 126));
      return;
    }
    session = opened;
    onMessage = wire(opened, protocol, opts, (code, reason) => end(code, reason), send, cleanups);
    for (const raw of early.splice(0)) onMessage(raw);
    // Attach carries no exit code: CRI Attach just ends when the container does.
    if (!finished) cleanups.push(opened.onExit((st) => finish(kind === 'exec' ? exitStatus(st.code) : { status: 'Success' })));
  });
  cleanups.push(() => timer.cancel());
}

/** Connects an open session to the channels; returns the handler for the client's messages. */
function wire(s: ContainerStreamSession, protocol: string, opts: StreamOptions, end: (code: number, reason: string) => void,
  send: (channel: number, payload: string) => void, cleanups: Array<() => void>): (raw: RawData) => void {
  const tty = s.tty;
  cleanups.push(s.onOutput((data, stream) => {
    if (tty || stream === 'stdout') {
      if (opts.stdout) send(Channel.stdout, data);
    } else if (opts.stderr) send(Channel.stderr, data);
  }));
  const stdin = new TextDecoder('utf-8');
  const resize = new ResizeDecoder();
  return (raw: RawData): void => {
    const frame = decodeClientFrame(toBuffer(raw), protocol);
    switch (frame.kind) {
      case 'data':
        if (frame.channel === Channel.stdin) {
          if (opts.stdin) s.write(stdin.decode(frame.payload, { stream: true }));
        } else {
          for (const size of resize.push(frame.payload.toString('utf8'))) s.resize(size);
        }
        return;
      case 'close':
        if (frame.channel === Channel.stdin && opts.stdin) {
          const rest = stdin.decode();
          if (rest) s.write(rest);
          s.closeStdin();
        }
        return;
      case 'protocol-error':
        end(1002, frame.message);
        return;
      case 'ignored':
        return;
    }
  };
}

/** ws hands messages over as a Buffer, a Buffer list or an ArrayBuffer. */
function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}
