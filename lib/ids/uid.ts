import { v4 } from 'uuid';
import type { SeededRandom } from './random.js';

/** A version-4 UID drawn from the seeded generator. */
export function newUID(rng: SeededRandom): string {
  return v4({ random: rng.bytes(16) });
}
