import type { KubernetesObject } from '../api/types.js';
import type { FieldError } from '../field/errors.js';

/** What a registry call knows of its request (the apiserver's request context, reduced). */
export interface RequestContext {
  /** The namespace of the request path ('' for cluster-scoped requests). */
  namespace: string;
  /** Clock time of the request, ms. */
  now: number;
  /** `dryRun=All`: run everything, store nothing. */
  dryRun?: boolean;
  /** `fieldManager` (defaults from the user agent as the apiserver does). */
  fieldManager?: string;
  /** `fieldValidation`: Strict rejects unknown or duplicate fields (400), Warn (default) warns, Ignore drops them. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Warnings the request produced (the HTTP door sends them as `Warning` headers). */
  warnings?: string[];
}

/**
 * A resource's behaviour in the generic store (apiserver `rest.RESTCreateStrategy`,
 * `RESTUpdateStrategy`, `RESTDeleteStrategy`). Hooks that prepare get a mutable copy; validators get
 * the candidate and return errors, never throw.
 */
export interface Strategy<T extends KubernetesObject> {
  readonly namespaced: boolean;
  /** Pods and most core resources allow an update without resourceVersion. */
  readonly allowUnconditionalUpdate: boolean;
  /**
   * Decoding a request body into the typed object: unknown fields are dropped and reported (Strict
   * rejects them, Warn warns), and the object takes its canonical form. Without it, a JSON copy.
   */
  decode?(body: unknown): { object: T; unknownFields: readonly string[] };
  /** Records the write in `metadata.managedFields` (the field manager), after PrepareForUpdate. */
  updateManagedFields?(obj: T, old: T, ctx: RequestContext, subresource: string): void;
  /** API defaulting (SetDefaults_*), run on every decoded request body before anything else. */
  defaults?(obj: T): void;
  /** Mutating admission on create (ServiceAccount, DefaultTolerationSeconds, Priority …). */
  admitCreate?(obj: T, ctx: RequestContext): void;
  /** Mutating admission on update (subresource '' for the resource itself), before the resourceVersion check. */
  admitUpdate?(obj: T, old: T, ctx: RequestContext, subresource: string): void;
  /** Validating admission on update, after validation passed (throws a 403 StatusError). */
  validateUpdateAdmission?(obj: T, old: T, ctx: RequestContext, subresource: string): void;
  /** PrepareForCreate: reset status and other server-owned fields. */
  prepareForCreate(obj: T, ctx: RequestContext): void;
  /** Validate on create (object meta included). */
  validate(obj: T, ctx: RequestContext): FieldError[];
  /** PrepareForUpdate: copy from `old` what this endpoint may not change. */
  prepareForUpdate(obj: T, old: T, ctx: RequestContext): void;
  /** ValidateUpdate (object meta update included). */
  validateUpdate(obj: T, old: T, ctx: RequestContext): FieldError[];
  /** `Canonicalize`: the object's canonical form before it is stored (pods: Go key order). Returns a new object. */
  canonicalize?(obj: T): T;
  /** Whether an object being deleted has nothing left holding it (default: no metadata.finalizers). */
  isFinalized?(obj: T): boolean;
  /** Graceful deletion: the grace period to apply, or undefined to delete at once. */
  checkGracefulDelete?(obj: T, requestedGrace: number | undefined): number | undefined;
}

/** The identity of a resource as the registry serves it. */
export interface ResourceIdentity {
  /** Plural resource (`pods`). */
  resource: string;
  /** Kind (`Pod`). */
  kind: string;
  /** `v1` for the core group. */
  apiVersion: string;
  /** API group ('' for core). */
  group: string;
}
