/**
 * Structural equality of JSON data (key order ignored). Used to detect no-op writes, which the
 * apiserver does not persist.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  let bn = 0;
  for (const k in bo) if (bo[k] !== undefined) bn++;
  let an = 0;
  for (const k of ak) {
    const av = (a as Record<string, unknown>)[k];
    if (av === undefined) continue;
    an++;
    if (!deepEqual(av, bo[k])) return false;
  }
  return an === bn;
}
