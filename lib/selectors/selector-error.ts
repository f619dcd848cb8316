/**
 * The error of a selector that does not parse, or names a field the resource does not serve. Its message is
 * exactly what kube-apiserver puts in the 400 BadRequest Status (`errors.NewBadRequest(err.Error())` in
 * apiserver `handlers/get.go` ListResource and `delete.go` DeleteCollection); the registry maps it to that 400.
 */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';

  constructor(message: string) {
    super(message);
  }
}

/** Whether an error is a {@link SelectorError} (a 400 BadRequest). */
export function isSelectorError(e: unknown): e is SelectorError {
  return e instanceof SelectorError;
}

/**
 * Joins several error texts the way `utilerrors.aggregate.Error` does: one alone is bare, repeats are
 * dropped (the first wins), several are `[a, b]`.
 */
export function aggregateMessages(msgs: readonly string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of msgs) {
    if (seen.has(m)) continue;
    seen.add(m);
    out.push(m);
  }
  return out.length === 1 ? out[0]! : `[${out.join(', ')}]`;
}

/** Sorts strings by UTF-8 byte order (= code point order), as Go's `sort.Strings` does. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above U+FFFF, which sort after every BMP character in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
