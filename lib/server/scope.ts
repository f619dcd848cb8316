/**
 * What every resource handler shares for one request (the apiserver's `handlers.RequestScope` and the
 * request context): the route, output negotiation, the registry context (namespace, clock time, dry run,
 * field manager, warnings), reading the body, and writing the answer or the error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubernetesList, KubernetesObject } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import type { SeededRandom } from '../ids/random.js';
import { hasTablePrinter } from '../printers/table.js';
import type { RequestContext } from '../registry/strategy.js';
import type { GVK } from './field-validation.js';
import { negotiateOutputMediaType, resourceEndpointRestrictions, type EndpointRestrictions, type MediaTypeOptions } from './negotiation.js';
import { readBody } from './request-body.js';
import { errorFormatFor, writeObject, writeStatus } from './responses.js';
import type { ResourceRoute } from './routes.js';
import { transformResponseObject } from './transform.js';
import { WarningRecorder } from './warnings.js';

/** Server-wide settings the handlers read. */
export interface ServerConfig {
  /** The cluster's clock: request time, AGE cells, watch timeouts. */
  readonly clock: Clock;
  /** Largest request body (MaxRequestBodyBytes, 3 MiB). */
  readonly maxRequestBodyBytes: number;
  /** Watches without timeoutSeconds end after this × [1, 2) (--min-request-timeout, 1800 s). */
  readonly minRequestTimeoutSeconds: number;
  /** Unwritten watch output (bytes) after which a slow watch client is cut off. */
  readonly maxWatchBufferBytes: number;
  /** The randomness of watch timeouts (seeded: runs are repeatable). */
  readonly rng: SeededRandom;
}

/** Options of {@link RequestScope.context}. */
export interface ContextOptions {
  dryRun?: readonly string[];
  fieldManager?: string;
}

/** One resource request on its way through a handler. */
export class RequestScope {
  readonly url: URL;
  readonly warnings = new WarningRecorder();
  private readonly contexts: RequestContext[] = [];

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly route: ResourceRoute,
    readonly config: ServerConfig,
  ) {
    this.url = new URL(req.url ?? '/', 'http://localhost');
  }

  /** The query parameters. */
  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  /** The endpoint's group/version/kind (the subresource's kind for a subresource). */
  get kind(): GVK {
    const r = this.route.resource;
    return { group: r.group, version: r.version, kind: this.route.subresource?.kind ?? r.kind };
  }

  /** What the endpoint can convert its answers to: a Table when the resource has a printer. */
  get restrictions(): EndpointRestrictions {
    const table = hasTablePrinter(this.route.resource.resource) && this.kind.kind === this.route.resource.kind;
    return resourceEndpointRestrictions(table);
  }

  /** NegotiateOutputMediaType for this endpoint (406 when nothing in Accept can be served). */
  negotiateOutput(): MediaTypeOptions {
    return negotiateOutputMediaType(this.req, this.restrictions);
  }

  /** The body, up to the size limit (413 beyond). */
  body(): Promise<Buffer> {
    return readBody(this.req, this.config.maxRequestBodyBytes);
  }

  /** A registry context for this request; the warnings the registry adds to it are sent as headers. */
  context(opts: ContextOptions = {}): RequestContext {
    const ctx: RequestContext = { namespace: this.route.namespace, now: this.config.clock.now(), warnings: [] };
    if (opts.dryRun && opts.dryRun.length > 0) ctx.dryRun = true;
    if (opts.fieldManager !== undefined) ctx.fieldManager = opts.fieldManager;
    this.contexts.push(ctx);
    return ctx;
  }

  /** Moves the registry's warnings into the recorder. */
  private collectWarnings(): void {
    for (const ctx of this.contexts) {
      this.warnings.addAll(ctx.warnings);
      if (ctx.warnings) ctx.warnings.length = 0;
    }
  }

  /** Sets the Warning headers gathered so far (before a stream writes its own head). */
  flushWarnings(): void {
    this.collectWarnings();
    this.warnings.apply(this.res);
  }

  /**
   * transformResponseObject + WriteObjectNegotiated: the result as negotiated (as is, a Table, or
   * PartialObjectMetadata), with the warnings, as JSON or YAML.
   */
  respond(code: number, result: KubernetesObject | KubernetesList<KubernetesObject>, options: MediaTypeOptions): void {
    const typed = Array.isArray((result as { items?: unknown }).items) ? result : withTypeMeta(result as KubernetesObject, this.kind);
    const body = transformResponseObject(typed, options, { resource: this.route.resource.resource, now: this.config.clock.now(), query: this.query });
    this.flushWarnings();
    writeObject(this.res, code, body, { mediaType: options.mediaType, pretty: options.pretty });
  }

  /** Writes an error as a Status (ErrorNegotiated), with the warnings gathered so far. */
  fail(err: unknown): void {
    this.flushWarnings();
    writeStatus(this.res, err, errorFormatFor(this.req));
  }
}

/**
 * The object with `kind` and `apiVersion` first, as the versioning encoder writes every object it
 * serializes (it sets the TypeMeta of the version it encodes to).
 */
export function withTypeMeta(obj: KubernetesObject, gvk: GVK): KubernetesObject {
  const { kind, apiVersion, ...rest } = obj;
  return { kind: kind ?? gvk.kind, apiVersion: apiVersion ?? (gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`), ...rest };
}

/** A list in the apiserver's key order (TypeMeta, ListMeta, items), with `items: []` when empty. */
export function orderedList<T>(list: KubernetesList<T>): KubernetesList<T> {
  return { kind: list.kind, apiVersion: list.apiVersion, metadata: list.metadata, items: list.items ?? [] } as KubernetesList<T>;
}
