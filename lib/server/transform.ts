/**
 * The response transformations an Accept clause can ask for (handlers/response.go `doTransformObject`,
 * `asTable`, `asPartialObjectMetadata`, `asPartialObjectMetadataList`): a Table for `kubectl get`, or the
 * metadata alone. Applied after the registry answered and before the body is written.
 */
import type { KubernetesList, KubernetesObject, ListMeta } from '../api/types.js';
import { newNotAcceptable } from '../errors/constructors.js';
import { makeStatus, StatusError, StatusReason } from '../errors/status-error.js';
import { asPartialObjectMetadata, hasTablePrinter, tableListMetaOf, toTable } from '../printers/table.js';
import type { PartialObjectMetadataList, TableGroupVersion } from '../printers/table-types.js';
import { outputMediaTypes, tableOptionsFromQuery, type GroupVersionKind, type MediaTypeOptions } from './negotiation.js';

/** What a transformation needs besides the object. */
export interface TransformContext {
  /** The plural resource (`pods`), which picks the Table printer. */
  resource: string;
  /** Clock time in ms for AGE cells. */
  now: number;
  /** The request query (`includeObject`). */
  query: URLSearchParams;
  /** Watch events after the first carry no column definitions. */
  noHeaders?: boolean;
}

/** errNotAcceptable: a 406 with the handler's own message. */
const notAcceptable = (message: string): StatusError => new StatusError(makeStatus(406, StatusReason.NotAcceptable, message, {}));

const isList = (o: KubernetesObject | KubernetesList<KubernetesObject>): o is KubernetesList<KubernetesObject> =>
  Array.isArray((o as { items?: unknown }).items);

/** Go's `%T` of the internal object, as the 406 messages print it (`*core.PodList`). */
const goType = (o: KubernetesObject): string => `*core.${o.kind ?? 'Object'}`;

const tableGroupVersion = (gvk: GroupVersionKind): TableGroupVersion | undefined =>
  gvk.group === 'meta.k8s.io' && (gvk.version === 'v1' || gvk.version === 'v1beta1') ? `meta.k8s.io/${gvk.version}` : undefined;

/**
 * The body for `result` (an object or a list) under the negotiated options: as is, a Table, a
 * PartialObjectMetadata or a PartialObjectMetadataList. Status objects pass through. Throws 400 for a bad
 * `includeObject` and 406 for a conversion the result cannot take.
 */
export function transformResponseObject(
  result: KubernetesObject | KubernetesList<KubernetesObject>,
  options: MediaTypeOptions,
  ctx: TransformContext,
): unknown {
  if (result.kind === 'Status') return result;
  const target = options.convert;
  if (!target) {
    // An empty list is written with `items: []`, never null.
    return isList(result) ? { ...result, items: result.items ?? [] } : result;
  }
  const gv = tableGroupVersion(target);
  switch (target.kind) {
    case 'Table': {
      const { includeObject } = tableOptionsFromQuery(ctx.query);
      if (!gv) throw notAcceptable(`no Table exists in group version ${target.group}/${target.version}`);
      if (!hasTablePrinter(ctx.resource)) throw newNotAcceptable(outputMediaTypes);
      const list = isList(result);
      return toTable(ctx.resource, list ? result.items : [result], {
        now: ctx.now,
        includeObject,
        groupVersion: gv,
        noHeaders: ctx.noHeaders ?? false,
        listMeta: tableListMetaOf(result as { metadata?: ListMeta }, list),
      });
    }
    case 'PartialObjectMetadata':
      if (isList(result)) throw notAcceptable(`you requested PartialObjectMetadata, but the requested object is a list (${goType(result)})`);
      if (!gv) throw notAcceptable(`no PartialObjectMetadataList exists in group version ${target.group}/${target.version}`);
      return asPartialObjectMetadata(result, gv);
    case 'PartialObjectMetadataList': {
      if (!isList(result)) throw notAcceptable(`you requested PartialObjectMetadataList, but the requested object is not a list (${goType(result)})`);
      if (!gv) throw notAcceptable(`no PartialObjectMetadataList exists in group version ${target.group}/${target.version}`);
      const out: PartialObjectMetadataList = {
        kind: 'PartialObjectMetadataList',
        apiVersion: gv,
        metadata: tableListMetaOf(result, true),
        items: result.items.map((o) => asPartialObjectMetadata(o, gv)),
      };
      return out;
    }
    default:
      throw newNotAcceptable(outputMediaTypes);
  }
}
