/**
 * The own property `key` of a lookup table, never one inherited from `Object.prototype`: user input
 * such as a command named `toString` or `constructor` must not find JavaScript internals.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
