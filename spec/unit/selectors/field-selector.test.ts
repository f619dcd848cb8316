import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FieldSelector, SelectorError, andSelectors, escapeValue, oneTermEqualSelector, parseFieldSelector, unescapeValue,
} from '../../../lib/selectors/field-selector.js';
import { FIELD_SELECTOR_NAME_MISMATCH, parseListSelectors, selectorBadRequestMessage } from '../../../lib/selectors/list-selectors.js';

interface Req { field: string; operator: string; value: string }
interface ParseCase { input: string; ok: boolean; string?: string; empty?: boolean; requirements?: Req[]; error?: string; source: string }
interface MatchCase { selector: string; fields: Record<string, string>; matches: boolean; source: string }
interface ApiCase {
  resource: string; fieldSelector: string; request: string; status: number; converted?: string;
  body?: { message: string; reason: string; code: number };
}
interface Cases { parse: ParseCase[]; match: MatchCase[]; apiserver: ApiCase[] }

const file = path.resolve(process.cwd(), '../shared/reference/selectors-and-names/field-selector-cases.json');
const cases = JSON.parse(readFileSync(file, 'utf8')) as Cases;
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorError);
    return (e as Error).message;
  }
  throw new Error('expected a SelectorError');
};

describe('fields.ParseSelector: sorted terms, escapes, String(), Empty(), Requirements()', () => {
  it.each(cases.parse.map((c) => [JSON.stringify(c.input), c] as const))('%s', (_l, c) => {
    if (c.ok) {
      const sel = parseFieldSelector(c.input);
      expect(sel.toString()).toBe(c.string);
      expect(sel.empty()).toBe(c.empty);
      expect(sel.requirements.map((r) => ({ field: r.field, operator: r.operator, value: r.value }))).toEqual(c.requirements);
    } else {
      expect(errorOf(() => parseFieldSelector(c.input))).toBe(c.error);
    }
  });
});

describe('field selector Matches: exact string compare, an absent field reads as ""', () => {
  it.each(cases.match.map((c) => [`${c.selector} on ${JSON.stringify(c.fields)}`, c] as const))('%s', (_l, c) => {
    expect(parseFieldSelector(c.selector).matches(c.fields)).toBe(c.matches);
  });
});

describe('list with ?fieldSelector=: parse, then the kind\'s field label conversion (400 on failure)', () => {
  it.each(cases.apiserver.map((c) => [`${c.resource} ${JSON.stringify(c.fieldSelector)}`, c] as const))('%s', (_l, c) => {
    const query = new URL(`http://x${c.request.replace(/^GET /, '')}`).searchParams;
    expect(query.get('fieldSelector')).toBe(c.fieldSelector);
    const namespaced = c.resource !== 'nodes' && c.resource !== 'namespaces';
    const q = { fieldSelector: query.get('fieldSelector') };
    if (c.status === 400) {
      expect(c.body?.reason).toBe('BadRequest');
      expect(selectorBadRequestMessage(q, c.resource, { namespaced })).toBe(c.body?.message);
    } else {
      expect(parseListSelectors(q, c.resource, { namespaced }).field.toString()).toBe(c.converted);
    }
  });
});

describe('field selector details', () => {
  it('EscapeValue and UnescapeValue round-trip the three escapes', () => {
    expect(escapeValue('a\\b,c=d')).toBe('a\\\\b\\,c\\=d');
    expect(unescapeValue(escapeValue('a\\b,c=d'))).toBe('a\\b,c=d');
  });
  it('an invalid escape names the full escaped character, even outside the BMP', () => {
    expect(errorOf(() => unescapeValue('\\😀'))).toBe('invalid field selector: invalid escape sequence: \\😀');
  });
  it('an unescaped comma in a value prints its code point', () => {
    expect(errorOf(() => unescapeValue('a,b'))).toBe('invalid field selector: unescaped character in value: 44');
  });
  it('RequiresExactMatch finds the first = term on the field', () => {
    const sel = parseFieldSelector('metadata.name!=a,metadata.name=b');
    expect(sel.requiresExactMatch('metadata.name')).toBe('b');
    expect(parseFieldSelector('metadata.name!=a').requiresExactMatch('metadata.name')).toBeUndefined();
  });
  it('Nothing matches nothing; AndSelectors joins terms', () => {
    expect(FieldSelector.nothing().matches({})).toBe(false);
    const both = andSelectors(oneTermEqualSelector('a', '1'), parseFieldSelector('b!=2'));
    expect(both.toString()).toBe('a=1,b!=2');
    expect(both.matches({ a: '1' })).toBe(true);
    expect(andSelectors(both, FieldSelector.nothing()).isNothing()).toBe(true);
  });
  it('a named watch turns an empty field selector into metadata.name=NAME', () => {
    expect(parseListSelectors({}, 'pods', { name: 'p1' }).field.toString()).toBe('metadata.name=p1');
    expect(parseListSelectors({ fieldSelector: 'metadata.name=p1' }, 'pods', { name: 'p1' }).field.toString()).toBe('metadata.name=p1');
  });
  it('a named watch rejects a field selector that does not pin the same name', () => {
    expect(selectorBadRequestMessage({ fieldSelector: 'metadata.name=p2' }, 'pods', { name: 'p1' })).toBe(FIELD_SELECTOR_NAME_MISMATCH);
    expect(selectorBadRequestMessage({ fieldSelector: 'spec.nodeName=n1' }, 'pods', { name: 'p1' })).toBe(
      "fieldSelector metadata.name doesn't match requested name",
    );
  });
  it('the label selector is decoded before the field selector, so its error wins', () => {
    expect(selectorBadRequestMessage({ labelSelector: 'x,', fieldSelector: 'foo=bar' }, 'pods')).toBe("found '', expected: identifier after ','");
  });
});
