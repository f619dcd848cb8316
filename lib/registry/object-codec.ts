/**
 * The request-body side of the generic store: decoding a body into the kind's Go struct
 * (serializer/json with strict decoding, handlers' transformDecodeError wording), the namespace and
 * name checks of the handlers (`rest.EnsureObjectNamespaceMatchesRequestNamespace`, `checkName`), and
 * the canonical form an object is stored in.
 */
import type { KubernetesObject, MutableObjectMeta } from '../api/types.js';
import { goStruct } from '../api/core-v1-schema.js';
import { newBadRequest } from '../errors/constructors.js';
import { goDecode, hasGoStruct, pruneUnknown } from './go-decode.js';
import type { RequestContext, ResourceIdentity, Strategy } from './strategy.js';

/** metav1.ObjectMeta's fields in Go declaration order (the order the apiserver writes them). */
const OBJECT_META_ORDER = goStruct('meta.ObjectMeta').fields.map((f) => f.name);

/** A plain deep copy of JSON data. */
export function clone<V>(v: V): V {
  return JSON.parse(JSON.stringify(v)) as V;
}

/** The kind's Go struct in `go-field-types.ts` (`core:Pod`, `sched:PriorityClass`). */
export function goRootOf(id: ResourceIdentity): string {
  return `${id.group === 'scheduling.k8s.io' ? 'sched' : 'core'}:${id.kind}`;
}

/**
 * Decodes a request body into a mutable copy, as the apiserver's JSON serializer decodes it into the Go
 * struct (the caller's object is never touched): a value of the wrong shape is a 400 `Pod in version
 * "v1" cannot be handled as a Pod: json: cannot unmarshal …`; unknown fields are dropped, and are a
 * 400 under `fieldValidation=Strict`, warnings under Warn (the default). A patched object was judged
 * by the patcher already (`fromPatch`).
 */
export function decodeRequestBody<T extends KubernetesObject>(id: ResourceIdentity, strategy: Strategy<T>, body: unknown, ctx: RequestContext, fromPatch = false): T {
  const kind = id.kind;
  const cannot = (why: string) => newBadRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${why}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw cannot('expected an object');
  const root = goRootOf(id);
  if (!fromPatch && hasGoStruct(root)) {
    const checked = goDecode(body, root);
    if (checked.error !== undefined) throw cannot(checked.error);
    const unknown = checked.unknownFields;
    if (unknown.length > 0 && ctx.fieldValidation === 'Strict') throw cannot(`strict decoding error: ${unknown.join(', ')}`);
    if (unknown.length > 0 && ctx.fieldValidation !== 'Ignore') (ctx.warnings ??= []).push(...unknown);
  }
  if (strategy.decode) return strategy.decode(body).object;
  return clone((hasGoStruct(root) ? pruneUnknown(body, root) : body) as T);
}

/**
 * The object as it is written and answered: kind and apiVersion first, the strategy's canonical form
 * (Go key order for pods; on create only, as updates start from a decoded body or the stored object)
 * and ObjectMeta keys in Go order, with a `resourceVersion` slot when `rv` is given (the store fills it in).
 */
export function canonicalObject<T extends KubernetesObject>(id: ResourceIdentity, strategy: Strategy<T>, obj: T, rv?: string, full = true): T {
  const canon = full && strategy.canonicalize ? strategy.canonicalize(obj) : obj;
  // What the apiserver stores and answers always says what it is: TypeMeta first.
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = canon as KubernetesObject & Record<string, unknown>;
  const out = { kind: id.kind, apiVersion: id.apiVersion, ...rest } as unknown as T;
  if (!out.metadata) return out;
  const meta: Record<string, unknown> = { ...out.metadata };
  if (rv !== undefined) meta['resourceVersion'] = rv;
  else delete meta['resourceVersion'];
  const ordered: Record<string, unknown> = {};
  for (const k of OBJECT_META_ORDER) if (meta[k] !== undefined) ordered[k] = meta[k];
  for (const [k, v] of Object.entries(meta)) if (!(k in ordered) && v !== undefined) ordered[k] = v;
  return { ...out, metadata: ordered } as T;
}

/** `rest.EnsureObjectNamespaceMatchesRequestNamespace`: fill in the request's namespace, clear it for cluster-scoped kinds, 400 on a mismatch. */
export function ensureObjectNamespace(meta: MutableObjectMeta, ctx: RequestContext, namespaced: boolean): void {
  if (!namespaced) {
    delete meta.namespace;
    return;
  }
  if (meta.namespace && meta.namespace !== ctx.namespace) {
    throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  meta.namespace = ctx.namespace;
}

/** handlers `checkName`: the object must carry the name of the URL (and may not name another namespace). */
export function checkName(obj: KubernetesObject, name: string, namespace: string): void {
  const objName = obj.metadata?.name ?? '';
  if (objName === '') throw newBadRequest(`the name of the object (${name} based on URL) was undeterminable: name must be provided`);
  if (objName !== name) throw newBadRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  const objNamespace = obj.metadata?.namespace ?? '';
  if (namespace !== '' && objNamespace !== '' && objNamespace !== namespace) {
    throw newBadRequest(`the namespace of the object (${objNamespace}) does not match the namespace on the request (${namespace})`);
  }
}
