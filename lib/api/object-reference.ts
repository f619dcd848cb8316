import type { KubernetesObject, ObjectReference } from './types.js';

/** `ref.GetReference` / `GetPartialReference`: a reference to an object, optionally to a field of it (`spec.containers{app}`). */
export function objectReference(obj: KubernetesObject, kind: string, apiVersion = 'v1', fieldPath?: string): ObjectReference {
  const m = obj.metadata ?? {};
  const ref: ObjectReference = { kind };
  if (m.namespace) ref.namespace = m.namespace;
  if (m.name) ref.name = m.name;
  if (m.uid) ref.uid = m.uid;
  ref.apiVersion = apiVersion;
  if (m.resourceVersion) ref.resourceVersion = m.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}
