import { isFieldSet, semanticDeepEqual, semanticFieldEqual } from '../../../lib/validation/equality.js';

describe('apiequality.Semantic.DeepEqual on JSON objects', () => {
  it('treats a missing value field as its zero value', () => {
    expect(semanticDeepEqual('Container', { name: 'a', stdin: false, workingDir: '' }, { name: 'a' })).toBe(true);
  });

  it('treats nil and empty lists and maps alike', () => {
    expect(semanticDeepEqual('Container', { name: 'a', env: [] }, { name: 'a' })).toBe(true);
    expect(semanticDeepEqual('PodSpec', { containers: [], nodeSelector: {} }, { containers: null })).toBe(true);
  });

  it('distinguishes a nil pointer from a pointer to a zero value', () => {
    expect(semanticFieldEqual('SecurityContext', 'privileged', false, undefined)).toBe(false);
    expect(semanticDeepEqual('Container', { name: 'a', lifecycle: {} }, { name: 'a' })).toBe(false);
  });

  it('compares quantities by value', () => {
    expect(semanticDeepEqual('ResourceRequirements', { limits: { cpu: '1000m' } }, { limits: { cpu: '1' } })).toBe(true);
    expect(semanticDeepEqual('ResourceRequirements', { limits: { cpu: '1' } }, { limits: { memory: '1' } })).toBe(false);
  });

  it('compares times by instant', () => {
    expect(semanticFieldEqual('meta.ObjectMeta', 'creationTimestamp', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00')).toBe(true);
  });

  it('keeps the kind of an IntOrString', () => {
    expect(semanticFieldEqual('TCPSocketAction', 'port', 80, '80')).toBe(false);
  });
});

describe('"set" for validateFieldAllowList (reflect.DeepEqual against the zero value)', () => {
  it('counts a non-nil empty list or map as set', () => {
    expect(isFieldSet('Container', 'ports', [])).toBe(true);
    expect(isFieldSet('Container', 'ports', null)).toBe(false);
  });

  it('counts a value struct as set only when a field inside is set', () => {
    expect(isFieldSet('Container', 'resources', {})).toBe(false);
    expect(isFieldSet('Container', 'resources', { limits: {} })).toBe(true);
  });

  it('counts any non-nil pointer as set', () => {
    expect(isFieldSet('Container', 'restartPolicy', '')).toBe(true);
    expect(isFieldSet('Container', 'lifecycle', {})).toBe(true);
  });
});
