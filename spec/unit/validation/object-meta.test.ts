import type { ObjectMeta } from '../../../lib/api/types.js';
import { errorText, type FieldError } from '../../../lib/field/errors.js';
import { fieldPath } from '../../../lib/field/path.js';
import { nameIsDNSSubdomain } from '../../../lib/validation/names.js';
import {
  validateCommonFieldsOnCreate, validateCommonFieldsOnUpdate, validateObjectMeta, validateObjectMetaUpdate,
} from '../../../lib/validation/object-meta.js';

const texts = (errs: readonly FieldError[]): string[] => errs.map(errorText);
const meta = fieldPath('metadata');
const create = (m: ObjectMeta): string[] => texts(validateObjectMeta(m, true, nameIsDNSSubdomain, meta));
const update = (n: ObjectMeta, o: ObjectMeta): string[] => texts(validateObjectMetaUpdate(n, o, meta));
const old: ObjectMeta = { name: 'web', namespace: 'ns', uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-02T03:04:05Z' };

describe('ValidateObjectMeta (create)', () => {
  it('accepts a named, namespaced object', () => {
    expect(create({ name: 'web', namespace: 'ns' })).toEqual([]);
  });

  it('requires a name or generateName', () => {
    expect(create({ namespace: 'ns' })).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('checks the name with the resource name function (DNS subdomain for pods)', () => {
    expect(create({ name: 'Web', namespace: 'ns' })).toEqual([
      `metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('checks generateName as a prefix before the name (a trailing dash is fine)', () => {
    expect(create({ name: 'web-abcde', generateName: 'web-', namespace: 'ns' })).toEqual([]);
    expect(texts(validateObjectMeta({ name: 'x', generateName: 'Web-', namespace: 'ns' }, true, nameIsDNSSubdomain, meta))[0]).toMatch(/^metadata\.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/);
  });

  it('requires a namespace for namespaced objects', () => {
    expect(create({ name: 'web' })).toEqual(['metadata.namespace: Required value']);
  });

  it('rejects a negative generation', () => {
    expect(create({ name: 'web', namespace: 'ns', generation: -1 })).toEqual(['metadata.generation: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('reports bad labels at the labels map', () => {
    expect(create({ name: 'web', namespace: 'ns', labels: { a: 'b c' } })[0]).toMatch(/^metadata\.labels: Invalid value: "b c": a valid label must be an empty string/);
  });

  it('reports bad annotation keys at the annotations map', () => {
    expect(create({ name: 'web', namespace: 'ns', annotations: { 'a b': 'x' } })[0]).toMatch(/^metadata\.annotations: Invalid value: "a b": name part must consist of/);
  });

  it('requires apiVersion, kind, name and uid of owner references', () => {
    expect(create({ name: 'web', namespace: 'ns', ownerReferences: [{ apiVersion: '', kind: '', name: '', uid: '' }] })).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
  });

  it('allows only one controller owner reference', () => {
    const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: name, controller: true });
    expect(create({ name: 'web', namespace: 'ns', ownerReferences: [ref('a'), ref('b')] })).toHaveLength(1);
    expect(validateObjectMeta({ name: 'web', namespace: 'ns', ownerReferences: [ref('a'), ref('b')] }, true, nameIsDNSSubdomain, meta)[0]!.detail).toBe(
      'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    );
  });

  it('rejects an unqualified finalizer that is not a standard one', () => {
    expect(create({ name: 'web', namespace: 'ns', finalizers: ['kubernetes', 'custom', 'example.com/x'] })).toEqual([
      'metadata.finalizers[1]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('rejects orphan and foregroundDeletion together', () => {
    expect(create({ name: 'web', namespace: 'ns', finalizers: ['orphan', 'foregroundDeletion'] })[0]).toMatch(
      /^metadata\.finalizers: Invalid value: .*: finalizer orphan and foregroundDeletion cannot be both set$/,
    );
  });

  it('applies the path-segment rule in the generic create checks', () => {
    expect(texts(validateCommonFieldsOnCreate({ name: 'a/b', namespace: 'ns' }, true))).toEqual(['metadata.name: Invalid value: "a/b": may not contain \'/\'']);
  });
});

describe('ValidateObjectMetaUpdate', () => {
  it('accepts an unchanged object with a resourceVersion', () => {
    expect(update({ ...old }, old)).toEqual([]);
  });

  it('requires a resourceVersion on update', () => {
    expect(update({ ...old, resourceVersion: '' }, old)).toEqual(['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
  });

  it.each([
    ['name', 'api', 'metadata.name: Invalid value: "api": field is immutable'],
    ['namespace', 'other', 'metadata.namespace: Invalid value: "other": field is immutable'],
    ['uid', 'u2', 'metadata.uid: Invalid value: "u2": field is immutable'],
  ] as const)('makes %s immutable', (key, value, text) => {
    expect(update({ ...old, [key]: value }, old)).toEqual([text]);
  });

  it('makes creationTimestamp immutable and prints it as a Go time', () => {
    expect(update({ ...old, creationTimestamp: '2025-01-01T00:00:00Z' }, old)).toEqual([
      'metadata.creationTimestamp: Invalid value: 2025-01-01 00:00:00 +0000 UTC: field is immutable',
    ]);
  });

  it('may not clear a deletionTimestamp (nil prints as "null")', () => {
    const deleting = { ...old, deletionTimestamp: '2024-02-01T00:00:00Z', deletionGracePeriodSeconds: 30 };
    expect(update({ ...deleting, deletionTimestamp: undefined }, deleting)).toEqual(['metadata.deletionTimestamp: Invalid value: "null": field is immutable']);
    expect(update({ ...deleting, deletionGracePeriodSeconds: 0 }, deleting)).toEqual(['metadata.deletionGracePeriodSeconds: Invalid value: 0: field is immutable']);
  });

  it('refuses new finalizers once the object is being deleted', () => {
    const deleting = { ...old, deletionTimestamp: '2024-02-01T00:00:00Z', finalizers: ['a.io/x'] };
    expect(update({ ...deleting, finalizers: ['a.io/x', 'b.io/y'] }, deleting)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
    ]);
    expect(update({ ...deleting, finalizers: [] }, deleting)).toEqual([]);
  });

  it('may not decrement the generation', () => {
    expect(update({ ...old, generation: 1 }, { ...old, generation: 2 })).toEqual(['metadata.generation: Invalid value: 1: must not be decremented']);
  });

  it('runs the generic create and update checks for rest.BeforeUpdate', () => {
    expect(texts(validateCommonFieldsOnUpdate({ ...old, uid: 'u2' }, old, true))).toEqual(['metadata.uid: Invalid value: "u2": field is immutable']);
  });
});
