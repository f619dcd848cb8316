/**
 * WATCH (`GET …?watch=true`, and the deprecated `/watch/` paths): the watch half of handlers/get.go
 * `ListResource` and `serveWatchHandler` — options, negotiation (JSON stream; Table events for
 * `kubectl get -w`, column definitions in the first event only), the timeout
 * (`timeoutSeconds`, else --min-request-timeout × [1, 2)), the watch-list bookmark blueprint, and the
 * watch cache's answer to a too old resourceVersion (an ERROR event, then end of stream).
 */
import type { KubernetesObject, WatchEvent } from '../../api/types.js';
import { newBadRequest } from '../../errors/constructors.js';
import { StatusError } from '../../errors/status-error.js';
import { negotiateOutputMediaType, negotiateWatchMediaType, tableOptionsFromQuery, type EndpointRestrictions } from '../negotiation.js';
import { listOptionsFromQuery, toListQuery, validateListOptions } from '../query-options.js';
import { fieldSelectorExactMatch } from '../request-info.js';
import { encodeJSON } from '../responses.js';
import { withTypeMeta, type RequestScope } from '../scope.js';
import { transformResponseObject } from '../transform.js';
import { streamWatch, streamWatchError } from '../watch.js';

const initialEventsEnd = 'k8s.io/initial-events-end';
const listBlueprint = 'k8s.io/initial-events-list-blueprint';

/** watchListEndpointRestrictions: a watch-list request cannot be served as Table events. */
function withoutTable(r: EndpointRestrictions): EndpointRestrictions {
  return {
    allowsMediaTypeTransform: (t, s, gvk) => (gvk?.kind === 'Table' ? false : r.allowsMediaTypeTransform(t, s, gvk)),
    allowsStreamSchema: (s) => r.allowsStreamSchema(s),
  };
}

/** Serves a watch; the response stays open until the watch ends. */
export function handleWatch(scope: RequestScope): void {
  const { route } = scope;
  const opts = listOptionsFromQuery(scope.query);
  opts.watch = true;
  validateListOptions(opts, true);
  // isListWatchRequest: sendInitialEvents with bookmarks (the WatchList feature is on in 1.32).
  const watchList = opts.sendInitialEvents === true && opts.allowWatchBookmarks === true;
  const restrictions = watchList ? withoutTable(scope.restrictions) : scope.restrictions;
  negotiateOutputMediaType(scope.req, restrictions);
  // A /watch/ path with a name watches that object: its name is a metadata.name field selector.
  if (route.name !== '') {
    if (opts.fieldSelector) {
      if (fieldSelectorExactMatch(opts.fieldSelector, 'metadata.name') !== route.name) throw newBadRequest("fieldSelector metadata.name doesn't match requested name");
    } else {
      opts.fieldSelector = `metadata.name=${route.name}`;
    }
  }
  const media = negotiateWatchMediaType(scope.req, restrictions);
  if (media.convert?.kind === 'Table') tableOptionsFromQuery(scope.query);

  let timeoutMs: number;
  if (opts.timeoutSeconds !== undefined && opts.timeoutSeconds !== 0) timeoutMs = opts.timeoutSeconds * 1000;
  else timeoutMs = scope.config.minRequestTimeoutSeconds * 1000 * (1 + scope.config.rng.nextUint32() / 2 ** 32);

  let watcher;
  try {
    watcher = route.rest.watch(scope.context(), toListQuery(opts));
  } catch (e) {
    if (e instanceof StatusError && e.code === 410) {
      scope.flushWarnings();
      streamWatchError(scope.res, e.status);
      return;
    }
    throw e;
  }
  scope.flushWarnings();

  const listKind = `${route.resource.kind}List`;
  const encode = (event: WatchEvent<KubernetesObject>, first: boolean): unknown => {
    if (event.type === 'ERROR') return event.object;
    let object = withTypeMeta(event.object, scope.kind);
    if (watchList && event.type === 'BOOKMARK' && object.metadata?.annotations?.[initialEventsEnd] === 'true') {
      object = withBlueprint(object, media.convert?.kind === 'PartialObjectMetadata' ? metadataListBlueprint(media.convert.version) : { kind: listKind, apiVersion: route.resource.version, metadata: {}, items: null });
    }
    if (!media.convert) return object;
    return transformResponseObject(object, media, { resource: route.resource.resource, now: scope.config.clock.now(), query: scope.query, noHeaders: !first });
  };
  streamWatch(scope.res, watcher, { encode, timeoutMs, clock: scope.config.clock, maxBufferBytes: scope.config.maxWatchBufferBytes });
}

/** The empty PartialObjectMetadataList a metadata-only watch list announces. */
const metadataListBlueprint = (version: string): object => ({ kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${version}`, metadata: {}, items: null });

/**
 * watchListTransformer: the initial-events-end bookmark carries the empty list the client should build,
 * base64 of its encoding, so a watch-list client knows the list type and resourceVersion.
 */
function withBlueprint(bookmark: KubernetesObject, list: object): KubernetesObject {
  const encoded = Buffer.from(encodeJSON(list)).toString('base64');
  const metadata = { ...bookmark.metadata, annotations: { ...bookmark.metadata?.annotations, [listBlueprint]: encoded } };
  return { ...bookmark, metadata };
}
