/**
 * The field selectors each resource supports: the v1 field label conversion funcs (kubernetes
 * `pkg/apis/core/v1/conversion.go`; `runtime.DefaultMetaV1FieldSelectorConversion` for kinds without one)
 * and the values the registry serves for them (`pod.ToSelectableFields`, `event.ToSelectableFields`,
 * `NamespaceToSelectableFields`, `NodeToSelectableFields`, `SecretToSelectableFields`, `generic.ObjectMetaFieldsSet`).
 */
import type { Event, Namespace, Node, Pod, Secret } from 'kubernetes-types/core/v1.js';
import type { KubernetesObject } from '../api/types.js';
import { goQuote } from '../field/go-quote.js';
import { FieldSelector } from './field-selector.js';
import type { FieldSet } from './field-selector.js';
import { SelectorError } from './selector-error.js';

/** Reads one served field of an object. */
type Getter = (obj: KubernetesObject) => string;

/** What a resource accepts in a field selector and what it serves for each field. */
export interface FieldLabelSpec {
  /**
   * The conversion func: the field and value to match, or a {@link SelectorError} with the 400 message
   * (`field label not supported: X`, or the default `"X" is not a known field selector: …`).
   */
  convert(label: string, value: string): readonly [string, string];
  /** The served fields, each with its getter (a field not listed reads as ""). */
  readonly getters: Readonly<Record<string, Getter>>;
}

const name: Getter = (o) => o.metadata?.name ?? '';
const namespace: Getter = (o) => o.metadata?.namespace ?? '';
const pod = (o: KubernetesObject) => o as Pod;
const event = (o: KubernetesObject) => o as Event;

/** A conversion func that accepts a fixed list (plus renames) and rejects the rest as Kubernetes does. */
function acceptList(accepted: readonly string[], renames: Readonly<Record<string, string>> = {}) {
  const ok = new Set(accepted);
  return (label: string, value: string): readonly [string, string] => {
    if (ok.has(label)) return [label, value];
    const renamed = renames[label];
    if (renamed !== undefined) return [renamed, value];
    throw new SelectorError(`field label not supported: ${label}`);
  };
}

/** `DefaultMetaV1FieldSelectorConversion` */
function defaultConversion(label: string, value: string): readonly [string, string] {
  if (label === 'metadata.name' || label === 'metadata.namespace') return [label, value];
  throw new SelectorError(`${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
}

/** The podIP the internal object holds: v1 `status.podIP` wins over `podIPs[0]` (Convert_v1_PodStatus_To_core_PodStatus). */
function podIP(p: Pod): string {
  return p.status?.podIP || p.status?.podIPs?.[0]?.ip || '';
}

const podSpec: FieldLabelSpec = {
  // status.podIPs is accepted but never served, so it always reads "".
  convert: acceptList(
    ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName',
      'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
    { 'spec.host': 'spec.nodeName' },
  ),
  getters: {
    'metadata.name': name,
    'metadata.namespace': namespace,
    'spec.nodeName': (o) => pod(o).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => pod(o).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => pod(o).spec?.schedulerName ?? '',
    // v1 serviceAccount is the deprecated alias the conversion falls back to.
    'spec.serviceAccountName': (o) => pod(o).spec?.serviceAccountName || pod(o).spec?.serviceAccount || '',
    'spec.hostNetwork': (o) => String(pod(o).spec?.hostNetwork === true),
    'status.phase': (o) => pod(o).status?.phase ?? '',
    'status.podIP': (o) => podIP(pod(o)),
    'status.nominatedNodeName': (o) => pod(o).status?.nominatedNodeName ?? '',
  },
};

const eventSpec: FieldLabelSpec = {
  convert: acceptList([
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type',
    'metadata.namespace', 'metadata.name',
  ]),
  getters: {
    'involvedObject.kind': (o) => event(o).involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => event(o).involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => event(o).involvedObject?.name ?? '',
    'involvedObject.uid': (o) => event(o).involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => event(o).involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => event(o).involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => event(o).involvedObject?.fieldPath ?? '',
    reason: (o) => event(o).reason ?? '',
    // The v1 JSON name of ReportingController is reportingComponent.
    reportingComponent: (o) => event(o).reportingComponent ?? '',
    source: (o) => event(o).source?.component || event(o).reportingComponent || '',
    type: (o) => event(o).type ?? '',
    'metadata.name': name,
    'metadata.namespace': namespace,
  },
};

const namespaceSpec: FieldLabelSpec = {
  convert: acceptList(['metadata.name', 'status.phase']),
  // `name` is served for backward compatibility, but the conversion func rejects it.
  getters: { 'metadata.name': name, 'status.phase': (o) => (o as Namespace).status?.phase ?? '', name },
};

const nodeSpec: FieldLabelSpec = {
  convert: acceptList(['metadata.name', 'spec.unschedulable']),
  getters: { 'metadata.name': name, 'spec.unschedulable': (o) => String((o as Node).spec?.unschedulable === true) },
};

const secretSpec: FieldLabelSpec = {
  convert: acceptList(['type', 'metadata.namespace', 'metadata.name']),
  getters: { 'metadata.name': name, 'metadata.namespace': namespace, type: (o) => (o as Secret).type ?? '' },
};

const defaultNamespaced: FieldLabelSpec = { convert: defaultConversion, getters: { 'metadata.name': name, 'metadata.namespace': namespace } };
const defaultClusterScoped: FieldLabelSpec = { convert: defaultConversion, getters: { 'metadata.name': name } };

const specs: Readonly<Record<string, FieldLabelSpec>> = { pods: podSpec, events: eventSpec, namespaces: namespaceSpec, nodes: nodeSpec, secrets: secretSpec };

/**
 * The field label spec of a resource (plural, core/v1). Resources without their own conversion func use the
 * default one; `namespaced` decides whether they serve `metadata.namespace`.
 */
export function fieldLabelsFor(resource: string, namespaced = true): FieldLabelSpec {
  return (Object.hasOwn(specs, resource) ? specs[resource] : undefined) ?? (namespaced ? defaultNamespaced : defaultClusterScoped);
}

/** `runtime.Scheme.ConvertFieldLabel` for a resource: the converted pair, or a SelectorError. */
export function convertFieldLabel(resource: string, label: string, value: string, namespaced = true): readonly [string, string] {
  return fieldLabelsFor(resource, namespaced).convert(label, value);
}

/** The resource's selectable field set of an object (`*ToSelectableFields` / `GetAttrs`). */
export function toSelectableFields(resource: string, obj: KubernetesObject, namespaced = true): FieldSet {
  const spec = fieldLabelsFor(resource, namespaced);
  let entries = getterEntries.get(spec);
  if (!entries) getterEntries.set(spec, (entries = Object.entries(spec.getters)));
  const out: Record<string, string> = {};
  for (const [field, get] of entries) out[field] = get(obj);
  return out;
}

/** The getters of each spec as a list, computed once (listing 10k objects calls toSelectableFields 10k times). */
const getterEntries = new WeakMap<FieldLabelSpec, Array<[string, Getter]>>();

/** Applies the resource's conversion func to every term (`Selector.Transform(ConvertFieldLabel)`); may throw. */
export function convertFieldSelector(resource: string, selector: FieldSelector, namespaced = true): FieldSelector {
  const spec = fieldLabelsFor(resource, namespaced);
  return selector.transform((f, v) => spec.convert(f, v));
}

/**
 * A predicate equal to `selector.matches(toSelectableFields(resource, obj))` that reads only the fields the
 * selector names, for filtering large lists with one converted selector.
 */
export function compileFieldMatcher(resource: string, selector: FieldSelector, namespaced = true): (obj: KubernetesObject) => boolean {
  if (selector.isNothing()) return () => false;
  if (selector.empty()) return () => true;
  const getters = fieldLabelsFor(resource, namespaced).getters;
  const terms = selector.requirements.map((r) => ({
    get: Object.hasOwn(getters, r.field) ? getters[r.field] : undefined,
    value: r.value,
    equal: r.operator === '=',
  }));
  return (obj) => {
    for (const t of terms) {
      const got = t.get ? t.get(obj) : '';
      if ((got === t.value) !== t.equal) return false;
    }
    return true;
  };
}
