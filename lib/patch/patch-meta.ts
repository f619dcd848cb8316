/**
 * Patch metadata: for every field of an API type, its patch strategy and merge key (what Go struct
 * tags `patchStrategy`/`patchMergeKey` say) and its list/map type (for apply). The apiserver looks
 * these up on the Go structs (PatchMetaFromStruct); we build the same Go type graph from the genuine
 * core/v1 OpenAPI v3 document, whose `x-kubernetes-patch-*` extensions are generated from those tags.
 */
import { StrategicMergePatchError } from './strategic-merge-patch-errors.js';
import { loadOpenApiSchemas, type OpenApiSchema } from './openapi-document.js';

/** A Go reflect.Kind, as `Kind.String()` prints it. */
export type GoKind = 'struct' | 'ptr' | 'map' | 'slice' | 'string' | 'bool' | 'int' | 'int32' | 'int64' | 'float32' | 'float64' | 'interface';

/** A field of a Go struct, with the tags the patch code reads. */
export interface GoField {
  readonly jsonName: string;
  readonly type: GoType;
  /** The raw `patchStrategy` tag (`merge`, `merge,retainKeys`, `replace`), or ''. */
  readonly patchStrategy: string;
  readonly patchMergeKey: string;
  /** `x-kubernetes-list-type`: atomic, set or map (server-side apply). */
  readonly listType?: string;
  readonly listMapKeys?: readonly string[];
  /** `x-kubernetes-map-type`: atomic or granular. */
  readonly mapType?: string;
  /** The schema default of a scalar field (apply uses it for list-map keys an item omits). */
  readonly defaultValue?: string | number | boolean;
}

/** A Go type: its kind, its name (`PodSpec`; '' when unnamed), element type and struct fields. */
export interface GoType {
  readonly kind: GoKind;
  readonly name: string;
  /** Element of a slice, pointer or map. */
  readonly elem?: GoType;
  /** Fields of a struct, in declaration order. */
  readonly fields?: readonly GoField[];
}

/** What a lookup returns about one field (strategicpatch.PatchMeta). */
export interface PatchMeta {
  readonly patchStrategies: readonly string[];
  readonly patchMergeKey: string;
}

/** The lookup interface of strategicpatch (LookupPatchMeta), which mergeMap walks down with the data. */
export interface LookupPatchMeta {
  /** Metadata of field `key` of this struct, and the schema of its value. */
  lookupPatchMetadataForStruct(key: string): [LookupPatchMeta, PatchMeta];
  /** Metadata of list field `key`, and the schema of its elements. */
  lookupPatchMetadataForSlice(key: string): [LookupPatchMeta, PatchMeta];
  /** The Go kind of the type (used in `cannot merge lists without merge key for <kind>`). */
  name(): string;
}

/** Finds the field the Go JSON decoder would use: exact name first, else the first case-insensitive match. */
export function findGoField(t: GoType, jsonName: string): GoField | undefined {
  const fields = t.fields ?? [];
  const exact = fields.find((f) => f.jsonName === jsonName);
  if (exact) return exact;
  const folded = jsonName.toLowerCase();
  return fields.find((f) => f.jsonName.toLowerCase() === folded);
}

/**
 * Patch metadata read from a Go type.
 * Ports k8s.io/apimachinery/pkg/util/strategicpatch/meta.go PatchMetaFromStruct and
 * third_party/forked/golang/json/fields.go LookupPatchMetadataForStruct (v0.32).
 */
export class PatchMetaFromStruct implements LookupPatchMeta {
  constructor(readonly type: GoType) {}

  lookupPatchMetadataForStruct(key: string): [LookupPatchMeta, PatchMeta] {
    const t = this.type.kind === 'ptr' && this.type.elem ? this.type.elem : this.type;
    if (t.kind !== 'struct') {
      throw new StrategicMergePatchError(`merging an object in json but data type is not struct, instead is: ${t.kind}`);
    }
    const f = findGoField(t, key);
    if (!f) throw new StrategicMergePatchError(`unable to find api field in struct ${t.name} for the json field ${JSON.stringify(key)}`);
    return [new PatchMetaFromStruct(f.type), { patchStrategies: f.patchStrategy.split(','), patchMergeKey: f.patchMergeKey }];
  }

  lookupPatchMetadataForSlice(key: string): [LookupPatchMeta, PatchMeta] {
    const [sub, meta] = this.lookupPatchMetadataForStruct(key);
    let t = (sub as PatchMetaFromStruct).type;
    switch (t.kind) {
      case 'slice': {
        const elem = t.elem as GoType;
        if (elem.kind === 'slice') throw new StrategicMergePatchError('unexpected slice of slice');
        return [new PatchMetaFromStruct(elem), meta];
      }
      case 'ptr':
        t = t.elem as GoType;
        if (t.kind === 'slice') t = t.elem as GoType;
        return [new PatchMetaFromStruct(t), meta];
      default:
        throw new StrategicMergePatchError(`expected slice or array type, but got: ${this.type.kind}`);
    }
  }

  name(): string {
    return this.type.kind;
  }
}

const scalar = (kind: GoKind): GoType => ({ kind, name: kind });
const sliceOf = (elem: GoType): GoType => ({ kind: 'slice', name: '', elem });
const mapOf = (elem: GoType): GoType => ({ kind: 'map', name: '', elem });

/** A struct type whose fields are built on first use, so recursive schemas are fine. */
function lazyStruct(name: string, build: () => GoField[]): GoType {
  let fields: GoField[] | undefined;
  return {
    kind: 'struct',
    name,
    get fields(): GoField[] {
      fields ??= build();
      return fields;
    },
  };
}

function scalarFor(type: string | undefined, format: string | undefined): GoType {
  switch (type) {
    case 'string': return scalar('string');
    case 'boolean': return scalar('bool');
    case 'integer': return scalar(format === 'int32' ? 'int32' : format === 'int64' ? 'int64' : 'int');
    case 'number': return scalar(format === 'float' || format === 'float32' ? 'float32' : 'float64');
    default: return { kind: 'interface', name: '' };
  }
}

const openApiTypes = new Map<string, GoType>();

/** The Go type behind an OpenAPI schema name (`io.k8s.api.core.v1.PodSpec` → struct PodSpec). */
export function goTypeForSchema(schemaName: string): GoType {
  let t = openApiTypes.get(schemaName);
  if (t) return t;
  const schema = loadOpenApiSchemas()[schemaName];
  if (!schema) throw new Error(`[kubesim] no OpenAPI schema ${schemaName}`);
  // Schemas without properties (Quantity, Time, IntOrString, RawExtension, FieldsV1) are Go structs too.
  t = lazyStruct(schemaName.slice(schemaName.lastIndexOf('.') + 1), () =>
    Object.entries(schema.properties ?? {}).map(([jsonName, p]) => fieldFromOpenApi(jsonName, p)));
  openApiTypes.set(schemaName, t);
  return t;
}

function typeFromOpenApi(s: OpenApiSchema): GoType {
  const ref = s.$ref ?? s.allOf?.[0]?.$ref;
  if (ref !== undefined) return goTypeForSchema(ref.replace('#/components/schemas/', ''));
  if (s.type === 'array') return sliceOf(s.items ? typeFromOpenApi(s.items) : scalarFor(undefined, undefined));
  if (s.type === 'object') return mapOf(s.additionalProperties ? typeFromOpenApi(s.additionalProperties) : scalarFor(undefined, undefined));
  return scalarFor(s.type, s.format);
}

function fieldFromOpenApi(jsonName: string, p: OpenApiSchema): GoField {
  return {
    jsonName,
    type: typeFromOpenApi(p),
    patchStrategy: p['x-kubernetes-patch-strategy'] ?? '',
    patchMergeKey: p['x-kubernetes-patch-merge-key'] ?? '',
    ...(p['x-kubernetes-list-type'] !== undefined && { listType: p['x-kubernetes-list-type'] }),
    ...(p['x-kubernetes-list-map-keys'] !== undefined && { listMapKeys: p['x-kubernetes-list-map-keys'] }),
    ...(p['x-kubernetes-map-type'] !== undefined && { mapType: p['x-kubernetes-map-type'] }),
    ...(['string', 'number', 'boolean'].includes(typeof p.default) && { defaultValue: p.default as string | number | boolean }),
  };
}

/** Group, version and kind of a served type. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const schemaByKind = new Map<string, string>();

/** The Go type of a kind served by the core/v1 document (Pod, Node, Namespace, Event, …). */
export function goTypeForKind(gvk: GroupVersionKind): GoType {
  const id = `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
  let name = schemaByKind.get(id);
  if (name === undefined) {
    const schemas = loadOpenApiSchemas();
    name = Object.keys(schemas).find((n) =>
      (schemas[n]?.['x-kubernetes-group-version-kind'] ?? []).some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind));
    if (name === undefined) throw new Error(`[kubesim] no OpenAPI schema for ${id}`);
    schemaByKind.set(id, name);
  }
  return goTypeForSchema(name);
}

/** The SMP lookup for a kind, as the apiserver builds it from the versioned Go type (`NewPatchMetaFromStruct(&v1.Pod{})`). */
export function patchMetaForKind(gvk: GroupVersionKind): LookupPatchMeta {
  return new PatchMetaFromStruct(goTypeForKind(gvk));
}

/** A field of a {@link TypeTable} entry: JSON-schema-like, plus Go type and tag hints. */
export interface TypeTableField {
  type?: string;
  format?: string;
  items?: TypeTableField;
  $ref?: string;
  ref?: string;
  goType?: string;
  additionalProperties?: TypeTableField;
  patchStrategy?: string;
  patchMergeKey?: string;
}

/** Go structs described as data (the format of the reference's smp-schema.json `types`). */
export type TypeTable = Record<string, { goName: string; fields: Record<string, TypeTableField> }>;

/**
 * The Go type graph of a {@link TypeTable}, rooted at `root`; lets test structs such as apimachinery's
 * MergeItem go through the same lookup as the API types.
 */
export function goTypeFromTable(table: TypeTable, root: string): GoType {
  const named = new Map<string, GoType>();
  const struct = (name: string): GoType => {
    let t = named.get(name);
    if (t) return t;
    const entry = table[name];
    if (!entry) throw new Error(`[kubesim] type table has no ${name}`);
    t = lazyStruct(entry.goName, () => Object.entries(entry.fields).map(([jsonName, f]) => ({
      jsonName, type: fieldType(f), patchStrategy: f.patchStrategy ?? '', patchMergeKey: f.patchMergeKey ?? '',
    })));
    named.set(name, t);
    return t;
  };
  const fieldType = (f: TypeTableField): GoType => {
    const ref = f.$ref ?? f.ref;
    if (f.goType === 'runtime.RawExtension') return lazyStruct('RawExtension', () => []);
    if (f.type === 'array') return sliceOf(f.items ? fieldType(f.items) : scalarFor(undefined, undefined));
    if (ref !== undefined) {
      const t = struct(ref);
      return f.goType?.startsWith('*') ? { kind: 'ptr', name: '', elem: t } : t;
    }
    if (f.type === 'object') return mapOf(f.additionalProperties ? fieldType(f.additionalProperties) : scalarFor(undefined, undefined));
    return scalarFor(f.type, f.format);
  };
  return struct(root);
}
