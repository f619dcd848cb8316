import { decodeGoJson, goJsonSyntaxError } from '../../../lib/patch/go-json.js';
import { goFloat, goSprintS, goSprintV } from '../../../lib/patch/go-format.js';
import { sliceStable } from '../../../lib/patch/go-sort.js';

const syntax = (s: string) => goJsonSyntaxError(new TextEncoder().encode(s));

describe('request bodies fail with encoding/json scanner messages', () => {
  it.each([
    ['{"X": "foo", "Y"}', "invalid character '}' after object key"],
    ['[1, 2, 3+]', "invalid character '+' after array element"],
    ['{"X":12x}', "invalid character 'x' after object key:value pair"],
    ['[2, 3', 'unexpected end of JSON input'],
    ['{"F3": -}', "invalid character '}' in numeric literal"],
    ['', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{}x', "invalid character 'x' after top-level value"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ['nul', "invalid character ' ' in literal null (expecting 'l')"],
    ['tru3', "invalid character '3' in literal true (expecting 'e')"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['1e+', "invalid character ' ' in exponent of numeric literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
    ['\u0001', "invalid character '\\x01' looking for beginning of value"],
  ])('%j → %s', (input, message) => {
    expect(syntax(input)).toBe(message);
  });

  it('accepts every valid JSON value, surrounding space included', () => {
    for (const ok of ['0', '-0.5e+10', ' {"a":[1,true,false,null,"\\u00e9"]} ', '[]', '{}']) expect(syntax(ok)).toBeUndefined();
  });

  it('rejects nesting deeper than 10000 levels: exceeded max depth', () => {
    expect(syntax('['.repeat(10001))).toBe("invalid character '[' exceeded max depth");
  });
});

describe('strict decoding reports duplicate fields with sigs.k8s.io/json paths', () => {
  it('names nested and indexed fields: duplicate field "spec.containers[0].name"', () => {
    const { value, strictErrors } = decodeGoJson('{"spec":{"containers":[{"name":"a","name":"b"}]},"a":1,"a":2}');
    expect(value).toEqual({ spec: { containers: [{ name: 'b' }] }, a: 2 });
    expect(strictErrors).toEqual(['duplicate field "spec.containers[0].name"', 'duplicate field "a"']);
  });

  it('reports unknown struct fields where a struct is decoded, and does not look inside them', () => {
    const { strictErrors } = decodeGoJson('[{"op":"add","Op":"x","extra":{"a":1,"a":2}}]', {
      structFields: (p) => (p.length === 1 ? ['op', 'path', 'from', 'value'] : undefined),
    });
    expect(strictErrors).toEqual(['unknown field "[0].Op"', 'unknown field "[0].extra"']);
  });

  it('keeps a __proto__ key as plain data', () => {
    const { value } = decodeGoJson('{"__proto__":{"x":1}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('Go fmt renderings used in error texts', () => {
  it('prints maps with sorted keys and nil as <nil> (%v)', () => {
    expect(goSprintV({ value: 'b', name: 1, x: null, l: [1, 'a'] })).toBe('map[l:[1 a] name:1 value:b x:<nil>]');
  });
  it('prints non-strings under %s as %!s(type=value)', () => {
    expect(goSprintS(1)).toBe('%!s(int64=1)');
    expect(goSprintS(true)).toBe('%!s(bool=true)');
    expect(goSprintS(null)).toBe('%!s(<nil>)');
  });
  it('prints float64 with strconv shortest %g', () => {
    expect(goFloat(0.5)).toBe('0.5');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
  });
});

describe('sort.SliceStable is reproduced step for step', () => {
  it('is a stable sort for a consistent comparator, also past the 20-element insertion blocks', () => {
    const data = Array.from({ length: 75 }, (_, i) => ({ k: (i * 37) % 7, i }));
    const expected = [...data].sort((a, b) => a.k - b.k);
    sliceStable(data, (a, b) => a.k < b.k);
    expect(data).toEqual(expected);
  });
  it('follows Go for a comparator that is always true (insertion sort reverses)', () => {
    const data = [1, 2, 3, 4];
    sliceStable(data, () => true);
    expect(data).toEqual([4, 3, 2, 1]);
  });
});

describe('decoding deep documents', () => {
  it('decodes 10000 nested arrays, the deepest Go accepts', () => {
    const { value } = decodeGoJson(`${'['.repeat(10000)}${']'.repeat(10000)}`);
    let depth = 0;
    for (let v = value; Array.isArray(v); v = v[0] ?? null) depth++;
    expect(depth).toBe(10000);
  });
});
