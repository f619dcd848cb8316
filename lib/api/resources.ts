/**
 * The resource table: every resource and subresource kubesim serves, described once. Discovery
 * (`/api/v1`, aggregated `/api`), request routing and the registry read it from here, so what
 * `kubectl api-resources` prints is what the server answers.
 *
 * Values are those of kube-apiserver 1.32 for core/v1 (installer.go registers them from each REST
 * storage: kind, verbs from the interfaces it implements, `ShortNamesProvider`, `CategoriesProvider`,
 * `SingularNameProvider`).
 */

/** The Kubernetes API verbs a resource may serve, as discovery lists them. */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** A subresource (`pods/status`, `pods/exec`, …) of a resource. */
export interface SubresourceInfo {
  /** The subresource name (`status`). */
  readonly name: string;
  /** Kind of its request/response object (`Pod`, `PodExecOptions`, `Binding`). */
  readonly kind: string;
  /** Group and version of `kind` when they differ from the parent's (as APIResource.group/version). */
  readonly group?: string;
  readonly version?: string;
  /** Verbs, sorted as discovery prints them. */
  readonly verbs: readonly Verb[];
}

/** A top-level resource of a group version. */
export interface ResourceInfo {
  /** API group, `''` for core. */
  readonly group: string;
  /** Version (`v1`). */
  readonly version: string;
  /** Plural resource name (`pods`). */
  readonly resource: string;
  /** Lower-case singular (`pod`). */
  readonly singularName: string;
  readonly kind: string;
  /** Kind of its list (`PodList`). */
  readonly listKind: string;
  readonly namespaced: boolean;
  /** Verbs, sorted as discovery prints them. */
  readonly verbs: readonly Verb[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly subresources: readonly SubresourceInfo[];
  /**
   * `discovery.StorageVersionHash(group, version, kind)`: base64 of the first 8 bytes of
   * sha256("group/version/Kind"); present only for resources with storage.
   */
  readonly storageVersionHash?: string;
}

const objectVerbs: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const statusVerbs: readonly Verb[] = ['get', 'patch', 'update'];

/** Every resource kubesim serves, in discovery order (sorted by name). */
export const resources: readonly ResourceInfo[] = [
  {
    group: '', version: 'v1', resource: 'bindings', singularName: 'binding', kind: 'Binding', listKind: 'BindingList',
    namespaced: true, verbs: ['create'], shortNames: [], categories: [], subresources: [],
  },
  {
    group: '', version: 'v1', resource: 'events', singularName: 'event', kind: 'Event', listKind: 'EventList',
    namespaced: true, verbs: objectVerbs, shortNames: ['ev'], categories: [], subresources: [],
    storageVersionHash: 'r2yiGXH7wu8=',
  },
  {
    // The namespace registry implements no CollectionDeleter: no deletecollection.
    group: '', version: 'v1', resource: 'namespaces', singularName: 'namespace', kind: 'Namespace', listKind: 'NamespaceList',
    namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], categories: [],
    subresources: [
      { name: 'finalize', kind: 'Namespace', verbs: ['update'] },
      { name: 'status', kind: 'Namespace', verbs: statusVerbs },
    ],
    storageVersionHash: 'Q3oi5N2YM8M=',
  },
  {
    group: '', version: 'v1', resource: 'nodes', singularName: 'node', kind: 'Node', listKind: 'NodeList',
    namespaced: false, verbs: objectVerbs, shortNames: ['no'], categories: [],
    subresources: [{ name: 'status', kind: 'Node', verbs: statusVerbs }],
    storageVersionHash: 'XwShjMxG9Fs=',
  },
  {
    group: '', version: 'v1', resource: 'pods', singularName: 'pod', kind: 'Pod', listKind: 'PodList',
    namespaced: true, verbs: objectVerbs, shortNames: ['po'], categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: statusVerbs },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'status', kind: 'Pod', verbs: statusVerbs },
    ],
    storageVersionHash: 'xPOwRZ+Yhw8=',
  },
];

/** The group versions kubesim serves under `/api` (core) — `/apis` serves none. */
export const legacyGroupVersions: readonly string[] = ['v1'];

/** The resource `group/version/resource` names, or undefined when it is not served. */
export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return resources.find((r) => r.group === group && r.version === version && r.resource === resource);
}

/** The subresource `name` of `r`, or undefined. */
export function findSubresource(r: ResourceInfo, name: string): SubresourceInfo | undefined {
  return r.subresources.find((s) => s.name === name);
}

/** The resource whose objects have `kind` in `group`/`version`, or undefined. */
export function resourceForKind(group: string, version: string, kind: string): ResourceInfo | undefined {
  return resources.find((r) => r.group === group && r.version === version && r.kind === kind);
}

/** Every resource of one group version, in the table's (name) order. */
export function resourcesOf(group: string, version: string): ResourceInfo[] {
  return resources.filter((r) => r.group === group && r.version === version);
}

/** `v1` for core, `group/version` otherwise (schema.GroupVersion.String). */
export function groupVersionString(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
