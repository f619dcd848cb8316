/**
 * The protobuf messages kubesim decodes, as data: for each message its fields in Go struct order (the
 * order JSON is written in), with their protobuf field numbers from k8s.io/api and
 * k8s.io/apimachinery `generated.proto` (v0.32). Add a kind by listing its messages; `kinds` maps the
 * kinds a request body may carry to their top-level message.
 *
 * Field notation `number:jsonName:type`; type is a scalar (`string`, `bytes`, `bool`, `int32`, `int64`,
 * `double`) or a message name, prefixed by `*` for a Go pointer (kept even when zero), `[]` for a list,
 * `{}` for a map with string keys, and suffixed by `!` for a scalar without `omitempty` (written even when
 * zero). The JSON name `...` is an embedded struct inlined into its parent's JSON (`json:",inline"`).
 */
import { podMessages } from './core-v1-pod.js';

/** Messages with a JSON form of their own (metav1.Time, resource.Quantity, intstr.IntOrString …). */
export const specialMessages = new Set(['Time', 'MicroTime', 'Quantity', 'IntOrString', 'FieldsV1', 'RawExtension']);

/** Regular messages: fields in Go struct order. */
export const messages: Readonly<Record<string, readonly string[]>> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1
  ObjectMeta: [
    '1:name:string', '2:generateName:string', '3:namespace:string', '4:selfLink:string', '5:uid:string', '6:resourceVersion:string',
    '7:generation:int64', '8:creationTimestamp:Time', '9:deletionTimestamp:*Time', '10:deletionGracePeriodSeconds:*int64',
    '11:labels:{}string', '12:annotations:{}string', '13:ownerReferences:[]OwnerReference', '14:finalizers:[]string',
    '17:managedFields:[]ManagedFieldsEntry',
  ],
  OwnerReference: ['5:apiVersion:string', '1:kind:string', '3:name:string', '4:uid:string', '6:controller:*bool', '7:blockOwnerDeletion:*bool'],
  DeleteOptions: [
    '1:gracePeriodSeconds:*int64', '2:preconditions:*Preconditions', '3:orphanDependents:*bool', '4:propagationPolicy:*string', '5:dryRun:[]string',
    '6:ignoreStoreReadErrorWithClusterBreakingPotential:*bool',
  ],
  Preconditions: ['1:uid:*string', '2:resourceVersion:*string'],
  LabelSelector: ['1:matchLabels:{}string', '2:matchExpressions:[]LabelSelectorRequirement'],
  LabelSelectorRequirement: ['1:key:string!', '2:operator:string!', '3:values:[]string'],
  ManagedFieldsEntry: ['1:manager:string', '2:operation:string', '3:apiVersion:string', '4:time:*Time', '6:fieldsType:string', '7:fieldsV1:*FieldsV1', '8:subresource:string'],
  // k8s.io/api/core/v1
  Namespace: ['1:metadata:ObjectMeta', '2:spec:NamespaceSpec', '3:status:NamespaceStatus'],
  NamespaceSpec: ['1:finalizers:[]string'],
  NamespaceStatus: ['1:phase:string', '2:conditions:[]NamespaceCondition'],
  NamespaceCondition: ['1:type:string', '2:status:string', '4:lastTransitionTime:Time', '5:reason:string', '6:message:string'],
  ...podMessages,
};

/** The top-level message of each kind a protobuf body may carry (core/v1). */
export const kinds: Readonly<Record<string, string>> = {
  Namespace: 'Namespace',
  Pod: 'Pod',
};

/** A parsed field of the table. */
export interface FieldSpec {
  readonly num: number;
  readonly name: string;
  /** Scalar or message name, without `*`, `[]`, `{}`. */
  readonly type: string;
  readonly pointer: boolean;
  readonly repeated: boolean;
  readonly map: boolean;
  /** A scalar without `omitempty`: its zero value is written too. */
  readonly keep: boolean;
  /** An embedded struct whose fields are inlined into the parent's JSON. */
  readonly inline: boolean;
}

const parsed = new Map<string, FieldSpec[]>();

/** The fields of a message, or undefined when the table does not have it. */
export function fieldsOf(message: string): readonly FieldSpec[] | undefined {
  const cached = parsed.get(message);
  if (cached) return cached;
  const raw = messages[message];
  if (!raw) return undefined;
  const fields = raw.map((f) => {
    const [num = '', name = '', t = ''] = f.split(':');
    const pointer = t.startsWith('*');
    const repeated = t.startsWith('[]');
    const map = t.startsWith('{}');
    const keep = t.endsWith('!');
    const type = t.replace(/^(\*|\[\]|\{\})/, '').replace(/!$/, '');
    return { num: Number(num), name, type, pointer, repeated, map, keep, inline: name === '...' };
  });
  parsed.set(message, fields);
  return fields;
}
