/**
 * The hook for subresources whose answer is a stream rather than an object — `pods/log` (chunked text),
 * `pods/exec` and `pods/attach` (WebSocket `v5.channel.k8s.io`, with kubectl's SPDY retry as a POST) —
 * the apiserver's `rest.Connecter` and `rest.StorageWithReadiness` getters that hand back a stream.
 * They are plugged into the server by name (`pods/log`); the router has already checked the resource,
 * the path shape and the method, and answers 404 for a streaming subresource nobody registered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Clock } from '../clock/clock.js';
import type { ResourceREST } from '../registry/rest.js';
import type { RequestContext } from '../registry/strategy.js';
import type { RequestInfo } from './request-info.js';

/** What a streaming subresource is told about its request. */
export interface StreamingRequest {
  /** The parsed request (verb, namespace, resource, name, subresource). */
  readonly info: RequestInfo;
  /** The full request URL (query parameters: `container`, `follow`, `command`, …). */
  readonly url: URL;
  /** The resource's endpoints (for reading the object the stream belongs to). */
  readonly rest: ResourceREST;
  /** A registry context for the request (namespace, time). */
  readonly context: RequestContext;
  readonly clock: Clock;
  /**
   * Writes an error as the apiserver would for this request (a Status with its code, or the answer an
   * upgrade request gets on its raw socket).
   */
  fail(err: unknown): void;
}

/** A streaming subresource. */
export interface StreamingSubresource {
  /** HTTP methods it answers (`GET`, `POST`); the router answers 405 for the others. */
  readonly methods: readonly string[];
  /** A plain request: write the stream to `res` (headers flushed early, ended when done or on close). */
  serve?(req: IncomingMessage, res: ServerResponse, request: StreamingRequest): void | Promise<void>;
  /**
   * An `Upgrade` request (WebSocket, or SPDY from kubectl's fallback): take over the socket. Without
   * this method an upgrade request is answered like a plain one, through {@link serve}.
   */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, request: StreamingRequest): void | Promise<void>;
}

/** Streaming subresources by `resource/subresource` (`pods/log`, `pods/exec`, `pods/attach`). */
export type StreamingSubresources = Readonly<Record<string, StreamingSubresource>>;
