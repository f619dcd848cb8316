/** Reads and writes dotted paths with indexes (`spec.containers[0].image`, `spec.ephemeralContainers[*].name`) in JSON data. */
type Json = unknown;

function tokens(path: string): (string | number | '*')[] {
  const out: (string | number | '*')[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[[^\]]+\])*)$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[([^\]]+)\]/g)) out.push(idx[1] === '*' ? '*' : Number(idx[1]));
  }
  return out;
}

/** The value at `path` (an array for `[*]`), or undefined. */
export function getPath(obj: Json, path: string): Json {
  const walk = (cur: Json, toks: (string | number | '*')[]): Json => {
    if (toks.length === 0) return cur;
    const [t, ...rest] = toks;
    if (cur === null || cur === undefined) return undefined;
    if (t === '*') return (cur as Json[]).map((x) => walk(x, rest));
    return walk((cur as Record<string | number, Json>)[t as string | number], rest);
  };
  return walk(obj, tokens(path));
}

/** Sets `path` to `value`, creating objects on the way. */
export function setPath(obj: Json, path: string, value: Json): void {
  const toks = tokens(path);
  let cur = obj as Record<string | number, Json>;
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i] as string | number;
    if (cur[t] === undefined || cur[t] === null) cur[t] = typeof toks[i + 1] === 'number' ? [] : {};
    cur = cur[t] as Record<string | number, Json>;
  }
  cur[toks[toks.length - 1] as string | number] = value;
}
