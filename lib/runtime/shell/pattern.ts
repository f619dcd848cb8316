/**
 * Shell pattern matching (`fnmatch(3)`): `*`, `?`, `[…]` with `!`/`^` negation and ranges, and
 * backslash for a literal character. Quoted text reaches here already backslash-escaped.
 */

/** Escapes the pattern characters of literal text (quoted parts of a word). */
export function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}

/** Whether `pattern` has an unescaped `*`, `?` or `[`. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Removes the escaping backslashes (the text a pattern stands for when it matches nothing). */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

const cache = new Map<string, RegExp>();

/** A regular expression for `pattern`; `pathname` keeps `*`, `?` and `[…]` from matching `/`. */
export function patternRegExp(pattern: string, pathname = false, anchored = true): RegExp {
  const key = `${pathname ? 'p' : 'n'}${anchored ? 'a' : 'u'}${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const any = pathname ? '[^/]' : '[\\s\\S]';
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === '*') re += `${any}*`;
    else if (c === '?') re += any;
    else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        let neg = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          neg = true;
          body = body.slice(1);
        }
        const cls = body.replace(/\\(.)/g, '$1').replace(/[\\\]^]/g, (x) => `\\${x}`)
          .replace(/\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit):\]/g, (_m, n: string) => POSIX_CLASSES[n] ?? '');
        re += neg ? `[^${cls}${pathname ? '/' : ''}]` : `[${cls}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  const out = new RegExp(anchored ? `^${re}$` : re, 'u');
  if (cache.size > 500) cache.clear();
  cache.set(key, out);
  return out;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};

function classEnd(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (p[i] === ']') return i;
  }
  return -1;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, (x) => `\\${x}`);
}

/** Whether `text` matches `pattern` as a whole (`case`, `[[ ]]`-free tests). */
export function matchPattern(pattern: string, text: string): boolean {
  try {
    return patternRegExp(pattern).test(text);
  } catch {
    return unescapePattern(pattern) === text;
  }
}

/** `${v%p}`, `${v%%p}`, `${v#p}`, `${v##p}`: removes the shortest or longest matching suffix or prefix. */
export function removeAffix(value: string, pattern: string, op: '%' | '%%' | '#' | '##'): string {
  const n = value.length;
  if (op === '#') for (let i = 0; i <= n; i++) if (matchPattern(pattern, value.slice(0, i))) return value.slice(i);
  if (op === '##') for (let i = n; i >= 0; i--) if (matchPattern(pattern, value.slice(0, i))) return value.slice(i);
  if (op === '%') for (let i = n; i >= 0; i--) if (matchPattern(pattern, value.slice(i))) return value.slice(0, i);
  if (op === '%%') for (let i = 0; i <= n; i++) if (matchPattern(pattern, value.slice(i))) return value.slice(0, i);
  return value;
}

/** `${v/p/r}` and `${v//p/r}`: replaces the first (or every) longest match of `pattern`. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  let out = '';
  let i = 0;
  while (i <= value.length) {
    let matched = -1;
    for (let j = value.length; j > i; j--) {
      if (matchPattern(pattern, value.slice(i, j))) {
        matched = j;
        break;
      }
    }
    if (matched < 0) {
      if (i < value.length) out += value[i];
      i++;
      continue;
    }
    out += replacement;
    i = matched;
    if (!all) return out + value.slice(i);
  }
  return out;
}
