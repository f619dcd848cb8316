/**
 * The HTTP door: a node:http server that answers as kube-apiserver 1.32 does, over the same registry
 * calls as the library door. Requests are parsed once (RequestInfo), non-resource paths go to discovery,
 * OpenAPI and health, resource paths to their route (404/405 from the router) and then to the handler
 * of their verb; every error leaves through `responses.ts` as a Status. The apiserver's filter chain
 * is reduced to what clients can tell: the RequestInfo filter (500 text for paths it cannot parse) and
 * panic recovery (500 text).
 */
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../clock/clock.js';
import { newBadRequest, newNotFoundPath } from '../errors/constructors.js';
import { goQuote } from '../field/go-quote.js';
import { SeededRandom } from '../ids/random.js';
import { GoPanicError, panicResponseText } from '../patch/go-value.js';
import { Registry } from '../registry/registry.js';
import { serveDiscovery } from './discovery.js';
import { handleCreate } from './handlers/create.js';
import { handleDelete, handleDeleteCollection } from './handlers/delete.js';
import { handleGet, handleList } from './handlers/get.js';
import { handlePatch } from './handlers/patch.js';
import { handleUpdate } from './handlers/update.js';
import { handleWatch } from './handlers/watch.js';
import { serveOpenAPI } from './openapi.js';
import { defaultMaxRequestBodyBytes } from './request-body.js';
import { newRequestInfo, RequestInfoError } from './request-info.js';
import { errorFormatFor, writeStatus } from './responses.js';
import { resolveRoute, type HandlerVerb, type ResourceRoute } from './routes.js';
import { RequestScope, type ServerConfig } from './scope.js';
import type { StreamingRequest, StreamingSubresources } from './streaming.js';

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  /** The clock (defaults to the cluster's, or the registry's). */
  clock?: Clock;
  /** `host:port` announced by `/api` (serverAddressByClientCIDRs); default: the address the request came in on. */
  serverAddress?: string;
  /** Largest request body in bytes (default 3 MiB, as the apiserver). */
  maxRequestBodyBytes?: number;
  /** Watches without `timeoutSeconds` end after this many seconds × [1, 2) of the clock (default 1800). */
  minRequestTimeoutSeconds?: number;
  /** Unread watch output after which a slow client's watch is closed (default 16 MiB). */
  maxWatchBufferBytes?: number;
  /** Streaming subresources (`pods/log`, `pods/exec`, `pods/attach`) by name. */
  streaming?: StreamingSubresources;
  /** Seed of the watch-timeout randomness (default 1). */
  seed?: number;
}

/** What the server serves: a registry and the clock it runs on (a Cluster is one). */
export interface HttpServerSource {
  readonly registry: Registry;
  readonly clock: Clock;
}

type Handler = (scope: RequestScope) => void | Promise<void>;

const handlers: Readonly<Record<Exclude<HandlerVerb, 'stream'>, Handler>> = {
  get: handleGet,
  list: handleList,
  watch: handleWatch,
  create: handleCreate,
  update: handleUpdate,
  patch: handlePatch,
  delete: handleDelete,
  deletecollection: handleDeleteCollection,
};

/** http.Error: a plain-text answer (panics, unparsable paths). */
function plainError(res: ServerResponse, code: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = code;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(`${text}\n`);
}

/** The answer to any thrown value: panics as the panic filter writes them, the rest as a Status. */
function writeError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  if (err instanceof GoPanicError) plainError(res, 500, panicResponseText);
  else writeStatus(res, err, errorFormatFor(req));
}

/** responsewriters.InternalError's sanitizer. */
const sanitize = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const healthPaths = new Set(['/healthz', '/livez', '/readyz']);

/** A response written on a socket taken from an upgrade request, so it can be answered like any other. */
function responseOnSocket(req: IncomingMessage, socket: Duplex): ServerResponse {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  // Nothing reads a taken-over socket: it is drained so the client's leaving is seen, and its FIN ends the
  // exchange as node's HTTP layer does (the socket is half-open otherwise, and a watch on it would leak).
  socket.resume();
  socket.on('end', () => {
    if (socket.writable) socket.end();
  });
  res.on('finish', () => {
    res.detachSocket(socket as Socket);
    socket.end();
  });
  return res;
}

/**
 * Creates the HTTP server (not yet listening) for a registry, or for anything with `registry` and
 * `clock` such as a Cluster.
 */
export function createHttpServer(source: Registry | HttpServerSource, options: HttpServerOptions = {}): Server {
  const registry = source instanceof Registry ? source : source.registry;
  const clock = options.clock ?? (source instanceof Registry ? source.deps.clock : source.clock);
  const config: ServerConfig = {
    clock,
    maxRequestBodyBytes: options.maxRequestBodyBytes ?? defaultMaxRequestBodyBytes,
    minRequestTimeoutSeconds: options.minRequestTimeoutSeconds ?? 1800,
    maxWatchBufferBytes: options.maxWatchBufferBytes ?? 16 * 1024 * 1024,
    rng: new SeededRandom(options.seed ?? 1),
  };
  const streaming = options.streaming ?? {};

  const streamingRequest = (route: ResourceRoute, req: IncomingMessage, fail: (err: unknown) => void): StreamingRequest => ({
    info: route.info,
    url: new URL(req.url ?? '/', 'http://localhost'),
    rest: route.rest,
    context: { namespace: route.namespace, now: clock.now() },
    clock,
    fail,
  });

  /** Routes and serves one request; resolves when the handler is done (a watch keeps the response open). */
  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    let info;
    try {
      info = newRequestInfo(method, req.url ?? '/');
    } catch (e) {
      if (!(e instanceof RequestInfoError)) throw e;
      // WithRequestInfo: `Internal Server Error: "<RequestURI>": failed to create RequestInfo: …`
      plainError(res, 500, sanitize(`Internal Server Error: ${goQuote(req.url ?? '')}: failed to create RequestInfo: ${e.message}`));
      return;
    }
    if (!info.isResourceRequest) {
      const serverAddress = options.serverAddress ?? `${req.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1'}:${req.socket.localPort ?? 0}`;
      if (serveDiscovery(req, res, { serverAddress })) return;
      if (serveOpenAPI(req, res, clock.now())) return;
      if (healthPaths.has(info.path) && (method === 'GET' || method === 'HEAD')) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('ok');
        return;
      }
      throw newNotFoundPath();
    }
    const route = resolveRoute(info, method, registry, streaming);
    if (route.verb === 'stream') {
      const hook = route.streaming!;
      const request = streamingRequest(route, req, (err) => writeError(req, res, err));
      if (!hook.serve) throw newBadRequest('Upgrade request required');
      await hook.serve(req, res, request);
      return;
    }
    const scope = new RequestScope(req, res, route, config);
    try {
      await handlers[route.verb](scope);
    } catch (e) {
      if (e instanceof GoPanicError) throw e;
      scope.fail(e);
    }
  };

  const server = createServer((req, res) => {
    dispatch(req, res)
      .catch((err: unknown) => writeError(req, res, err))
      // A body no handler read (a watch or a followed log sent with one) is drained: left paused, it stops
      // the socket reading, so a client that goes away is never noticed and its watcher never stopped.
      .finally(() => req.resume());
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let route: ResourceRoute | undefined;
    try {
      const info = newRequestInfo(req.method ?? 'GET', req.url ?? '/');
      if (info.isResourceRequest) route = resolveRoute(info, req.method ?? 'GET', registry, streaming);
    } catch {
      route = undefined;
    }
    const upgrade = route?.verb === 'stream' ? route.streaming?.upgrade : undefined;
    if (route && upgrade) {
      const fail = (err: unknown): void => writeError(req, responseOnSocket(req, socket), err);
      Promise.resolve(upgrade.call(route.streaming, req, socket, head, streamingRequest(route, req, fail))).catch(fail);
      return;
    }
    // Anything else is answered like a plain request, on the socket.
    const res = responseOnSocket(req, socket);
    dispatch(req, res).catch((err: unknown) => writeError(req, res, err));
  });

  // node hands CONNECT over as a bare socket (and drops it when nobody listens); the apiserver routes it
  // like any other method, so it gets the router's 404/405 Status.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const res = responseOnSocket(req, socket);
    dispatch(req, res).catch((err: unknown) => writeError(req, res, err));
  });
  return server;
}
