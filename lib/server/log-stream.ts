/**
 * `GET pods/NAME/log` (`pkg/registry/core/pod/rest/log.go` LogREST and the apiserver's `StreamObject`):
 * PodLogOptions from the query (400 when a value does not convert), `ValidatePodLogOptions` (422), the pod
 * (404) and its container (400), then the kubelet's log as `text/plain` — or, with `follow=true`, flushed
 * chunk by chunk until the container stops or the client goes away. A pod not yet bound to a node has no
 * log location: the apiserver answers 204 No Content.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pod } from '../api/types.js';
import { newBadRequest } from '../errors/constructors.js';
import { goQuote } from '../field/go-quote.js';
import { logLocation, validatePodLogOptions, type ContainerStreams, type KubeletLogOptions, type PodLogOptions } from '../registry/pod/stream-location.js';
import { parseInt64 } from './query-options.js';
import type { StreamingRequest, StreamingSubresource } from './streaming.js';

const queryBool = (v: string | undefined): boolean => v !== undefined && !(v === '0' || v.toLowerCase() === 'false');

/** `v1.PodLogOptions` from the query, with the conversions' errors (`strconv.ParseInt: …`, `parsing time …`) as 400. */
export function podLogOptionsFromQuery(q: URLSearchParams): PodLogOptions {
  const first = (k: string): string | undefined => q.getAll(k)[0];
  const int = (k: string): number | undefined => {
    const v = first(k);
    return v === undefined ? undefined : parseInt64(v);
  };
  const o: PodLogOptions = {
    container: first('container') ?? '',
    follow: queryBool(first('follow')),
    previous: queryBool(first('previous')),
    timestamps: queryBool(first('timestamps')),
  };
  const sinceSeconds = int('sinceSeconds');
  if (sinceSeconds !== undefined) o.sinceSeconds = sinceSeconds;
  const sinceTime = first('sinceTime');
  if (sinceTime !== undefined) o.sinceTime = parseQueryTime(sinceTime);
  const tailLines = int('tailLines');
  if (tailLines !== undefined) o.tailLines = tailLines;
  const limitBytes = int('limitBytes');
  if (limitBytes !== undefined) o.limitBytes = limitBytes;
  return o;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/**
 * metav1.Time's `UnmarshalQueryParameter`: '' and `null` are the zero time, a 22-character quoted value
 * is unquoted, anything else goes through `time.Parse(time.RFC3339, …)`; returns the value as RFC 3339.
 */
export function parseQueryTime(raw: string): string {
  if (raw === '' || raw === 'null') return '0001-01-01T00:00:00Z';
  const s = raw.length === 22 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, 21) : raw;
  const fail = (rest: string, elem: string): never => {
    throw newBadRequest(`parsing time ${goQuote(s)} as ${goQuote(RFC3339)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`);
  };
  const range = (what: string): never => {
    throw newBadRequest(`parsing time ${goQuote(s)}: ${what} out of range`);
  };
  // The layout's chunks: literal prefixes and numeric elements, in time.Parse's order.
  let rest = s;
  const lit = (l: string): void => {
    if (!rest.startsWith(l)) fail(rest, l);
    rest = rest.slice(l.length);
  };
  const num = (elem: string, fixed: boolean): number => {
    const m = (elem === '2006' ? /^[0-9]{4}/ : fixed ? /^[0-9]{2}/ : /^[0-9]{1,2}/).exec(rest);
    if (!m) return fail(rest, elem);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const year = num('2006', true);
  lit('-');
  const month = num('01', true);
  if (month < 1 || month > 12) range('month');
  lit('-');
  const day = num('02', true);
  lit('T');
  const hour = num('15', false);
  if (hour > 23) range('hour');
  lit(':');
  const minute = num('04', true);
  if (minute > 59) range('minute');
  lit(':');
  const second = num('05', true);
  if (second > 59) range('second');
  const frac = /^[.,][0-9]+/.exec(rest)?.[0] ?? '';
  rest = rest.slice(frac.length);
  let offset = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const m = /^([+-])([0-9]{2}):([0-9]{2})/.exec(rest);
    if (!m) fail(rest, 'Z07:00');
    offset = (m![1] === '-' ? -1 : 1) * (Number(m![2]) * 60 + Number(m![3]));
    rest = rest.slice(6);
  }
  if (rest !== '') throw newBadRequest(`parsing time ${goQuote(s)}: extra text: ${goQuote(rest)}`);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysIn = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > daysIn) range('day');
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, Math.floor(Number(`0.${frac.slice(1) || '0'}`) * 1000));
  return new Date(d.getTime() - offset * 60_000).toISOString().replace(/\.000Z$/, 'Z');
}

/** The kubelet's options for a request's PodLogOptions. */
function kubeletOptions(o: PodLogOptions): KubeletLogOptions {
  const k: KubeletLogOptions = {};
  if (o.previous) k.previous = true;
  if (o.timestamps) k.timestamps = true;
  if (o.tailLines !== undefined) k.tailLines = o.tailLines;
  if (o.sinceSeconds !== undefined) k.sinceSeconds = o.sinceSeconds;
  if (o.sinceTime !== undefined) k.sinceTime = o.sinceTime;
  if (o.limitBytes !== undefined) k.limitBytes = o.limitBytes;
  return k;
}

/** The `pods/log` streaming subresource over the nodes' kubelets. */
export function podLogSubresource(options: { readonly streams: ContainerStreams & { connectionInfo?(pod: Pod): unknown } }): StreamingSubresource {
  const { streams } = options;
  return {
    methods: ['GET'],
    serve(req: IncomingMessage, res: ServerResponse, request: StreamingRequest): void {
      let pod: Pod;
      let container: string;
      let opts: PodLogOptions;
      try {
        opts = podLogOptionsFromQuery(request.url.searchParams);
        validatePodLogOptions(request.info.name, opts);
        pod = request.rest.get(request.context, request.info.name) as Pod;
        const loc = logLocation(pod, opts.container);
        container = loc.container;
        if (loc.nodeName === '') {
          res.statusCode = 204;
          res.end();
          return;
        }
        streams.connectionInfo?.(pod);
        if (!opts.follow) {
          const text = streams.logs(pod, container, kubeletOptions(opts));
          res.statusCode = 200;
          res.setHeader('Content-Type', 'text/plain');
          res.setHeader('Content-Length', Buffer.byteLength(text));
          res.end(text);
          return;
        }
      } catch (e) {
        request.fail(e);
        return;
      }
      followLog(req, res, () => (onData, onEnd) => streams.followLogs(pod, container, kubeletOptions(opts), onData, onEnd), request);
    },
  };
}

/** `follow=true`: headers flushed at once, each chunk written as it comes, the end when the container stops. */
function followLog(req: IncomingMessage, res: ServerResponse,
  start: () => (onData: (chunk: string) => void, onEnd: () => void) => () => void, request: StreamingRequest): void {
  let stop: (() => void) | undefined;
  let ended = false;
  let started = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    stop?.();
    if (!res.writableEnded) res.end();
  };
  const begin = (): void => {
    if (started) return;
    started = true;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain');
    res.setHeader('Transfer-Encoding', 'chunked');
    res.flushHeaders();
  };
  req.socket.on('close', end);
  res.on('close', end);
  try {
    stop = start()((chunk) => {
      if (ended) return;
      begin();
      res.write(chunk);
    }, () => {
      begin();
      end();
    });
  } catch (e) {
    // The kubelet refused before anything was written (a container still waiting, …).
    ended = true;
    request.fail(e);
    return;
  }
  if (ended) stop?.();
  else begin();
}
