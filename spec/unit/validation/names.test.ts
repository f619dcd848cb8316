import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fieldPath } from '../../../lib/field/path.js';
import { aggregateText, errorText } from '../../../lib/field/errors.js';
import type { FieldError } from '../../../lib/field/errors.js';
import {
  isCIdentifier, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isHTTPHeaderName,
  isQualifiedName, isRelaxedEnvVarName, isValidLabelValue, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSLabel,
  nameIsDNSSubdomain, regexError, utf8Length, validateAnnotations, validateLabels, validateMetaNames, validatePathSegmentName,
  validateQualifiedName,
} from '../../../lib/validation/names.js';
import type { ValidateNameFunc } from '../../../lib/validation/names.js';
import { validateLabelSelector } from '../../../lib/validation/label-selector.js';

type Repeat = { $repeat: string; count: number };
type MapInput = Record<string, string | Repeat>;
interface Case {
  func: string;
  input: string | Record<string, unknown>;
  prefix?: boolean;
  path?: string;
  errors: string[];
  aggregate?: string;
  source: string;
}

const file = path.resolve(process.cwd(), '../shared/reference/selectors-and-names/name-validation-cases.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases;
const byFunc = (f: string): Case[] => cases.filter((c) => c.func === f);
const label = (c: Case): string => {
  const s = typeof c.input === 'string' ? c.input : JSON.stringify(c.input);
  return s.length > 60 ? `${s.slice(0, 40)}…(${s.length} chars)` : s;
};
const expand = (m: MapInput | undefined): Record<string, string> | undefined =>
  m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'string' ? v : v.$repeat.repeat(v.count)]));
const pathOf = (p: string) => {
  const [first, ...rest] = p.split('.');
  return fieldPath(first!, ...rest);
};
const texts = (errs: FieldError[]): string[] => errs.map(errorText);

const isFuncs: Record<string, (v: string) => string[]> = {
  IsDNS1123Label: isDNS1123Label,
  IsDNS1123Subdomain: isDNS1123Subdomain,
  IsDNS1035Label: isDNS1035Label,
  IsQualifiedName: isQualifiedName,
  IsValidLabelValue: isValidLabelValue,
};
const nameFuncs: Record<string, ValidateNameFunc> = {
  NameIsDNSSubdomain: nameIsDNSSubdomain,
  NameIsDNSLabel: nameIsDNSLabel,
  NameIsDNS1035Label: nameIsDNS1035Label,
  ValidatePathSegmentName: validatePathSegmentName,
};

describe('the reference file is fully replayed', () => {
  it('every case names a function this suite knows', () => {
    const known = new Set([...Object.keys(isFuncs), ...Object.keys(nameFuncs), 'ValidateLabels', 'ValidateAnnotations', 'ValidateObjectMeta', 'ValidateLabelSelector']);
    expect(cases.filter((c) => !known.has(c.func)).map((c) => c.func)).toEqual([]);
    expect(cases.length).toBeGreaterThan(300);
  });
});

describe.each(Object.keys(isFuncs))('%s returns apimachinery messages in order', (func) => {
  it.each(byFunc(func).map((c) => [label(c), c] as const))('%s', (_l, c) => {
    expect(isFuncs[func]!(c.input as string)).toEqual(c.errors);
  });
});

describe.each(Object.keys(nameFuncs).filter((f) => byFunc(f).length > 0))('%s (ValidateNameFunc, prefix = generateName)', (func) => {
  it.each(byFunc(func).map((c) => [`${label(c)} prefix=${String(c.prefix)}`, c] as const))('%s', (_l, c) => {
    expect(nameFuncs[func]!(c.input as string, c.prefix ?? false)).toEqual(c.errors);
  });
});

describe('ValidateLabels reports key and value problems at the map path', () => {
  it.each(byFunc('ValidateLabels').map((c) => [label(c), c] as const))('%s', (_l, c) => {
    expect(texts(validateLabels(expand(c.input as MapInput), pathOf(c.path!)))).toEqual(c.errors);
  });
});

describe('ValidateAnnotations checks lowercased keys and the 256 KiB byte total', () => {
  it.each(byFunc('ValidateAnnotations').map((c) => [label(c), c] as const))('%s', (_l, c) => {
    expect(texts(validateAnnotations(expand(c.input as MapInput), pathOf(c.path!)))).toEqual(c.errors);
  });
});

describe('ValidateObjectMetaAccessor order: generateName, name, namespace, labels, annotations', () => {
  it.each(byFunc('ValidateObjectMeta').map((c) => [label(c), c] as const))('%s', (_l, c) => {
    const input = c.input as {
      name?: string; generateName?: string; namespace?: string; namespaced: boolean; nameFunc: string;
      labels?: MapInput; annotations?: MapInput;
    };
    const p = pathOf(c.path!);
    // The part of ValidateObjectMetaAccessor this module owns, followed by its labels and annotations steps.
    const errs = [
      ...validateMetaNames(input, input.namespaced, nameFuncs[input.nameFunc]!, p),
      ...validateLabels(expand(input.labels), p.child('labels')),
      ...validateAnnotations(expand(input.annotations), p.child('annotations')),
    ];
    expect(texts(errs)).toEqual(c.errors);
    if (c.aggregate !== undefined) expect(aggregateText(errs)).toBe(c.aggregate);
  });
});

describe('ValidateLabelSelector (meta/v1): operator/values, key, values', () => {
  it.each(byFunc('ValidateLabelSelector').map((c) => [label(c), c] as const))('%s', (_l, c) => {
    expect(texts(validateLabelSelector(c.input as never, {}, pathOf(c.path!)))).toEqual(c.errors);
  });
});

describe('apimachinery checks not covered by the reference file', () => {
  it('RegexError puts two spaces before "or" and none without examples', () => {
    expect(regexError('m', 'x', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'x')");
    expect(regexError('m', 'x')).toBe("m (regex used for validation is 'x')");
  });
  it('IsCIdentifier accepts C identifiers only', () => {
    expect(isCIdentifier('_my_Name1')).toEqual([]);
    expect(isCIdentifier('1abc')).toEqual([
      "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')",
    ]);
  });
  it('IsEnvVarName rejects a leading digit and chdir names', () => {
    expect(isEnvVarName('MY.env-name_1')).toEqual([]);
    expect(isEnvVarName('1A')).toHaveLength(1);
    expect(isEnvVarName('..a')).toEqual(["must not start with '..'"]);
    expect(isEnvVarName('.')).toEqual(["must not be '.'"]);
  });
  it('IsRelaxedEnvVarName allows printable ASCII except =', () => {
    expect(isRelaxedEnvVarName('1 a:b')).toEqual([]);
    expect(isRelaxedEnvVarName('a=b')).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
  });
  it('IsConfigMapKey checks length, charset and chdir prefixes', () => {
    expect(isConfigMapKey('key.name_1')).toEqual([]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
    expect(isConfigMapKey('a b')[0]).toMatch(/^a valid config key must consist of alphanumeric characters, '-', '_' or '\.' \(e\.g\. 'key\.name',  or/);
  });
  it('IsValidPortName reports every broken rule in Go order', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('-very--long-name--')).toEqual([
      'must be no more than 15 characters', 'must not contain consecutive hyphens', 'must not begin or end with a hyphen',
    ]);
    expect(isValidPortName('80')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('HTTP')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)',
    ]);
  });
  it('IsValidPortNum is 1..65535 inclusive', () => {
    expect(isValidPortNum(65535)).toEqual([]);
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
  });
  it('IsHTTPHeaderName allows alphanumerics and dashes', () => {
    expect(isHTTPHeaderName('X-Header-1')).toEqual([]);
    expect(isHTTPHeaderName('X_Header')).toHaveLength(1);
  });
  it('lengths are counted in UTF-8 bytes as Go len does', () => {
    expect(utf8Length('aé😀')).toBe(1 + 2 + 4);
    expect(isValidLabelValue('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
  });
  it('NameIsDNS1035Label masks a trailing dash of a generateName and needs a leading letter', () => {
    expect(nameIsDNS1035Label('svc-', true)).toEqual([]);
    expect(nameIsDNS1035Label('svc-', false)).toHaveLength(1);
    expect(nameIsDNS1035Label('1svc', false)).toHaveLength(1);
  });
  it('ValidateQualifiedName emits one Invalid per message', () => {
    expect(texts(validateQualifiedName('a/b/c', 'spec.x'))).toHaveLength(1);
    expect(texts(validateQualifiedName('', 'spec.x'))).toHaveLength(2);
  });
});
