import { StatusError } from '../../../lib/errors/status-error.js';
import { applyFieldValidation, fieldValidationDirective, pruneUnknownFields, registeredSchemaName, structFieldsOf } from '../../../lib/server/field-validation.js';

const pod = { group: '', version: 'v1', kind: 'Pod' };

describe('server-side field validation: known fields from the core/v1 OpenAPI document', () => {
  it('knows the fields of each struct along a path, and none of maps and free-form types', () => {
    const fields = structFieldsOf(pod)!;
    expect(fields([])).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(fields(['spec', 'containers', 0])).toContain('imagePullPolicy');
    expect(fields(['metadata', 'labels'])).toBeUndefined();
    expect(fields(['spec', 'containers', 0, 'resources', 'limits'])).toBeUndefined();
    expect(fields(['metadata', 'managedFields', 0, 'fieldsV1'])).toBeUndefined();
    expect(structFieldsOf({ group: '', version: 'v1', kind: 'NoSuchKind' })).toBeUndefined();
  });

  it('treats an empty directive as Warn', () => {
    expect(fieldValidationDirective('')).toBe('Warn');
    expect(fieldValidationDirective('Strict')).toBe('Strict');
  });

  it('Strict throws the 400 of the create handler, Warn warns once per error, Ignore does nothing', () => {
    const warnings: string[] = [];
    const errs = ['unknown field "spec.a"', 'duplicate field "kind"'];
    applyFieldValidation('Warn', errs, pod, 'Pod', (w) => warnings.push(w));
    applyFieldValidation('Ignore', errs, pod, 'Pod', (w) => warnings.push(w));
    expect(warnings).toEqual(errs);
    try {
      applyFieldValidation('Strict', errs, pod, 'Pod', () => undefined);
      throw new Error('did not throw');
    } catch (e) {
      expect((e as StatusError).status).toMatchObject({
        code: 400, reason: 'BadRequest', message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.a", duplicate field "kind"',
      });
    }
  });

  it('drops unknown fields as decoding into the Go struct does, inside lists and map values too', () => {
    const body = { spec: { containers: [{ name: 'c', nope: 1 }], overhead: { cpu: '1' }, nodeSelector: { anything: 'x' } }, nope: true };
    expect(pruneUnknownFields(body, pod)).toEqual({ spec: { containers: [{ name: 'c' }], overhead: { cpu: '1' }, nodeSelector: { anything: 'x' } } });
  });

  it('finds the schema of kinds the scheme registers, meta kinds included', () => {
    expect(registeredSchemaName(pod)).toBe('io.k8s.api.core.v1.Pod');
    expect(registeredSchemaName({ group: '', version: 'v1', kind: 'Status' })).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Status');
    expect(registeredSchemaName({ group: '', version: 'v2', kind: 'Pod' })).toBeUndefined();
  });
});
