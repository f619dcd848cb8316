/**
 * The label selector lexer of apimachinery `pkg/labels/selector.go` (`Lexer.Lex`, `scanIDOrKeyword`,
 * `scanSpecialSymbol`). It works on UTF-16 units; every character it treats specially is ASCII, so the
 * tokens are the ones Go's byte-wise lexer produces.
 */

/** Token kinds (`Token`). */
export const Token = {
  EndOfString: 'EndOfString',
  ClosedPar: 'ClosedPar',
  Comma: 'Comma',
  DoesNotExist: 'DoesNotExist',
  DoubleEquals: 'DoubleEquals',
  Equals: 'Equals',
  GreaterThan: 'GreaterThan',
  Identifier: 'Identifier',
  In: 'In',
  LessThan: 'LessThan',
  NotEquals: 'NotEquals',
  NotIn: 'NotIn',
  OpenPar: 'OpenPar',
} as const;
/** One of {@link Token}. */
export type Token = (typeof Token)[keyof typeof Token];

/** A token and the text it was read from (`ScannedItem`). */
export interface ScannedItem {
  readonly tok: Token;
  readonly literal: string;
}

/** `string2token`: the literal spellings. */
const string2token = new Map<string, Token>([
  [')', Token.ClosedPar],
  [',', Token.Comma],
  ['!', Token.DoesNotExist],
  ['==', Token.DoubleEquals],
  ['=', Token.Equals],
  ['>', Token.GreaterThan],
  ['in', Token.In],
  ['<', Token.LessThan],
  ['!=', Token.NotEquals],
  ['notin', Token.NotIn],
  ['(', Token.OpenPar],
]);

/** `isWhitespace`: space, tab, CR, LF. */
const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
/** `isSpecialSymbol`: `= ! ( ) , > <`. */
const isSpecialSymbol = (c: number): boolean =>
  c === 0x3d || c === 0x21 || c === 0x28 || c === 0x29 || c === 0x2c || c === 0x3e || c === 0x3c;

/**
 * Splits a selector into tokens, ending with one EndOfString. Like Go's `read`, a NUL character ends the
 * input; a run of special characters becomes the longest known token (`>=` is `>` then `=`).
 */
export function lex(s: string): ScannedItem[] {
  const items: ScannedItem[] = [];
  const n = s.length;
  let pos = 0;
  // Go's read() yields 0 past the end, so the NUL character and end of input are the same thing.
  const at = (i: number): number => (i < n ? s.charCodeAt(i) : 0);
  for (;;) {
    while (isWhitespace(at(pos))) pos++;
    const c = at(pos);
    if (c === 0) {
      items.push({ tok: Token.EndOfString, literal: '' });
      return items;
    }
    const start = pos;
    if (isSpecialSymbol(c)) {
      let last: ScannedItem | undefined;
      let end = pos;
      while (isSpecialSymbol(at(end))) {
        const buf = s.slice(start, end + 1);
        const tok = string2token.get(buf);
        if (tok) {
          last = { tok, literal: buf };
          end++;
        } else if (last) break;
        else end++;
      }
      // Every single special character is a token, so `last` is always set here.
      items.push(last!);
      pos = start + last!.literal.length;
    } else {
      while (at(pos) !== 0 && !isSpecialSymbol(at(pos)) && !isWhitespace(at(pos))) pos++;
      const lit = s.slice(start, pos);
      items.push({ tok: string2token.get(lit) ?? Token.Identifier, literal: lit });
    }
  }
}
