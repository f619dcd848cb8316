import { SeededRandom } from '../ids/random.js';

/** The seeded source of UIDs and generated names shared by a cluster. */
export interface Ids {
  readonly rng: SeededRandom;
}

/** Ids from a seed. */
export function createIds(seed: number): Ids {
  return { rng: new SeededRandom(seed) };
}
