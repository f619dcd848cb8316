/**
 * Paging and resourceVersion parameters of list and watch: the continue token (the list's
 * resourceVersion and the last key served, opaque to clients) and resourceVersion parsing.
 */
import type { KubernetesList, KubernetesObject } from '../api/types.js';
import { newBadRequest, newResourceExpired } from '../errors/constructors.js';
import type { VersionedStore } from '../store/store.js';
import type { ResourceIdentity } from './strategy.js';

/** What a list page is cut by. */
export interface PageOptions {
  predicate?: (obj: KubernetesObject) => boolean;
  limit?: number;
  continue?: string;
}

const sortKey = (o: KubernetesObject): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/**
 * One page of a list in key order (the watch cache's answer): after the continue token's key, at most
 * `limit` items, with a continue token and `remainingItemCount` when more follow. A token older than
 * the watch window is 410 Expired.
 */
export function listPage<T extends KubernetesObject>(store: VersionedStore, id: ResourceIdentity, namespace: string | undefined, opts: PageOptions): KubernetesList<T> {
  let startAfter: string | undefined;
  if (opts.continue) {
    const tok = decodeContinue(opts.continue);
    if (tok.rv < store.oldestResourceVersion(id.resource)) {
      throw newResourceExpired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    startAfter = tok.start;
  }
  const res = store.list<T>(id.resource, namespace, opts.predicate as ((o: T) => boolean) | undefined);
  let items = startAfter === undefined ? res.items : res.items.filter((o) => sortKey(o) > startAfter);
  const meta: KubernetesList<T>['metadata'] = { resourceVersion: res.resourceVersion };
  if (opts.limit !== undefined && opts.limit > 0 && items.length > opts.limit) {
    const page = items.slice(0, opts.limit);
    meta.continue = encodeContinue(Number(res.resourceVersion), sortKey(page[page.length - 1]!));
    meta.remainingItemCount = items.length - opts.limit;
    items = page;
  }
  return { apiVersion: id.apiVersion, kind: `${id.kind}List`, metadata: meta, items };
}

/** Parses a resourceVersion parameter; anything but a non-negative integer is a 400. */
export function parseResourceVersion(rv: string): number {
  if (!/^\d+$/.test(rv)) throw newBadRequest(`invalid resource version: ${rv}`);
  return Number(rv);
}

/** The continue token of a page that ended at key `start`, read at `rv`. */
export function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

/** Reads a continue token; one that does not decode is a 400. */
export function decodeContinue(tok: string): { rv: number; start: string } {
  try {
    const o = JSON.parse(Buffer.from(tok, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof o.rv === 'number' && typeof o.start === 'string') return { rv: o.rv, start: o.start };
  } catch {
    /* fall through */
  }
  throw newBadRequest(`invalid continue token: ${tok}`);
}
