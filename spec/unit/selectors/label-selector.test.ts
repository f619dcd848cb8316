import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  LabelSelector, Operator, SelectorError, newRequirement, parseInt64, parseLabelSelector, selectorFromSet,
} from '../../../lib/selectors/label-selector.js';
import { fieldPath } from '../../../lib/field/path.js';
import { lex } from '../../../lib/selectors/label-lexer.js';
import { parseListSelectors, selectorBadRequestMessage } from '../../../lib/selectors/list-selectors.js';

interface ParseCase { input: string; ok: boolean; string?: string; empty?: boolean; error?: string; source: string }
interface MatchCase { selector: string; labels: Record<string, string>; matches: boolean; source: string }
interface RequirementCase { key: string; operator: string; values: string[]; ok: boolean; string?: string; error?: string; source: string }
interface ExactCase { selector: string; label: string; found: boolean; value: string; source: string }
interface HttpCase {
  request: string; labelSelector: string; status: number; note?: string;
  body?: { kind: string; apiVersion: string; status: string; message: string; reason: string; code: number };
}
interface Cases { parse: ParseCase[]; match: MatchCase[]; requirement: RequirementCase[]; requiresExactMatch: ExactCase[]; http: HttpCase[] }

const file = path.resolve(process.cwd(), '../shared/reference/selectors-and-names/label-selector-cases.json');
const cases = JSON.parse(readFileSync(file, 'utf8')) as Cases;
const short = (s: string): string => (s.length > 70 ? `${s.slice(0, 50)}…(${s.length} chars)` : s);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorError);
    return (e as Error).message;
  }
  throw new Error('expected a SelectorError');
};

describe('labels.Parse: canonical String(), Empty() and exact error texts', () => {
  it.each(cases.parse.map((c) => [JSON.stringify(short(c.input)), c] as const))('%s', (_l, c) => {
    if (c.ok) {
      const sel = parseLabelSelector(c.input);
      expect(sel.toString()).toBe(c.string);
      expect(sel.empty()).toBe(c.empty);
    } else {
      expect(errorOf(() => parseLabelSelector(c.input))).toBe(c.error);
    }
  });
});

describe('Selector.Matches: every requirement must match the label set', () => {
  it.each(cases.match.map((c) => [`${c.selector} on ${JSON.stringify(c.labels)}`, c] as const))('%s', (_l, c) => {
    expect(parseLabelSelector(c.selector).matches(c.labels)).toBe(c.matches);
  });
});

describe('labels.NewRequirement validates key, operator, value count and values', () => {
  it.each(cases.requirement.map((c) => [`${short(c.key)} ${c.operator} ${JSON.stringify(c.values)}`, c] as const))('%s', (_l, c) => {
    if (c.ok) expect(newRequirement(c.key, c.operator, c.values).toString()).toBe(c.string);
    else expect(errorOf(() => newRequirement(c.key, c.operator, c.values))).toBe(c.error);
  });
});

describe('Selector.RequiresExactMatch pins a value only for =, == and single-valued in', () => {
  it.each(cases.requiresExactMatch.map((c) => [`${c.selector} / ${c.label}`, c] as const))('%s', (_l, c) => {
    const v = parseLabelSelector(c.selector).requiresExactMatch(c.label);
    expect(v !== undefined).toBe(c.found);
    expect(v ?? '').toBe(c.value);
  });
});

describe('list with ?labelSelector= answers 400 with the unwrapped parse error', () => {
  it.each(cases.http.map((c) => [c.request, c] as const))('%s', (_l, c) => {
    const query = new URL(`http://x${c.request.replace(/^GET /, '')}`).searchParams;
    expect(query.get('labelSelector')).toBe(c.labelSelector);
    const msg = selectorBadRequestMessage({ labelSelector: query.get('labelSelector') }, 'pods');
    if (c.status === 400) {
      expect(c.body?.reason).toBe('BadRequest');
      expect(msg).toBe(c.body?.message);
    } else {
      expect(msg).toBeUndefined();
      const canonical = /canonicalizes to "(.*)"/.exec(c.note ?? '')?.[1];
      expect(parseListSelectors({ labelSelector: c.labelSelector }, 'pods').label.toString()).toBe(canonical);
    }
  });
});

describe('lexer and matching details', () => {
  it('reads a run of special characters as the longest known token (no >= token)', () => {
    expect(lex('x>=1!==a').map((t) => t.literal)).toEqual(['x', '>', '=', '1', '!=', '=', 'a', '']);
  });
  it('treats a NUL character as the end of input, as Go read() does', () => {
    expect(parseLabelSelector('x\u0000=,,,').toString()).toBe('x');
  });
  it('labels inherited from Object.prototype are not label keys', () => {
    expect(parseLabelSelector('constructor').matches({})).toBe(false);
    expect(parseLabelSelector('!toString').matches({})).toBe(true);
  });
  it('Gt/Lt compare as int64, including values beyond 2^53', () => {
    const sel = parseLabelSelector('x>9007199254740993');
    expect(sel.matches({ x: '9007199254740994' })).toBe(true);
    expect(sel.matches({ x: '9007199254740993' })).toBe(false);
    expect(parseInt64('-9223372036854775808')).toBe(-(2n ** 63n));
    expect(parseInt64('9223372036854775808')).toBeUndefined();
  });
  it('Nothing matches no object and Everything matches all', () => {
    expect(LabelSelector.nothing().matches({})).toBe(false);
    expect(LabelSelector.nothing().empty()).toBe(false);
    expect(LabelSelector.everything().matches(undefined)).toBe(true);
  });
  it('SelectorFromSet builds sorted k=v requirements', () => {
    const sel = selectorFromSet({ b: '2', a: '1' });
    expect(sel.toString()).toBe('a=1,b=2');
    expect(sel.matches({ a: '1', b: '2', c: '3' })).toBe(true);
  });
  it('Add keeps requirements with the same key in insertion order', () => {
    const sel = LabelSelector.everything().add(newRequirement('x', Operator.Equals, ['b']), newRequirement('a', Operator.Exists, []), newRequirement('x', Operator.Equals, ['a']));
    expect(sel.toString()).toBe('a,x=b,x=a');
  });
  it('without a path, key errors carry the literal <nil> field; with one, that path', () => {
    expect(errorOf(() => parseLabelSelector('-x'))).toMatch(/^unable to parse requirement: <nil>: Invalid value: "-x": /);
    expect(errorOf(() => parseLabelSelector('-x', fieldPath('spec', 'selector')))).toMatch(/^unable to parse requirement: spec\.selector: Invalid value: "-x": /);
  });
});
