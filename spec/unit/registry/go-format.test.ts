/**
 * How Go prints the untyped values the patch handlers quote in their 422s: `json.Marshal` of a map
 * (sorted keys, HTML escaping) and `%+v` (`map[k:v]`, floats in %g form).
 */
import { goMarshal, goSprint } from '../../../lib/registry/go-format.js';

describe('json.Marshal of map[string]interface{}', () => {
  it('sorts keys at every level and writes no spaces', () => {
    expect(goMarshal({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('escapes <, > and & as \\u003c, \\u003e, \\u0026', () => {
    expect(goMarshal({ cmd: 'a && b > c <d>' })).toBe('{"cmd":"a \\u0026\\u0026 b \\u003e c \\u003cd\\u003e"}');
  });
});

describe('fmt %+v of map[string]interface{}', () => {
  it('prints maps as map[k:v …] with sorted keys, slices as [a b], strings bare, nil as <nil>', () => {
    expect(goSprint({ spec: { containers: [{ name: 'a', image: 'b' }], x: null } })).toBe('map[spec:map[containers:[map[image:b name:a]] x:<nil>]]');
  });

  it('prints integers (decoded as int64) plainly and other numbers as float64 %v', () => {
    expect([goSprint(3), goSprint(1.5), goSprint(1234567.5), goSprint(0.00001), goSprint(-2.5e-7)]).toEqual(['3', '1.5', '1.2345675e+06', '1e-05', '-2.5e-07']);
  });
});
