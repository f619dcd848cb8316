import type { SeededRandom } from './random.js';

// apimachinery's rand.String alphabet: no vowels and no confusable characters ("bcdfghjklmnpqrstvwxz2456789").
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix of `n` characters from Kubernetes' alphabet. */
export function randomSuffix(rng: SeededRandom, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[rng.nextInt(ALPHABET.length)];
  return s;
}

/** The name `generateName` produces (names.SimpleNameGenerator): the base cut to 58 characters plus 5 random. */
export function generateName(rng: SeededRandom, base: string): string {
  const maxBase = 63 - 5;
  return (base.length > maxBase ? base.slice(0, maxBase) : base) + randomSuffix(rng, 5);
}
