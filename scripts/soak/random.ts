/** The sandbox's seeded PRNG (mulberry32), so a soak run with the same seed draws the same faults. */
import { createRandom, type Random } from '../../src/sandbox/random.js';

export type { Random };
export const seededRandom: (seed: number) => Random = createRandom;

/** A whole number in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A random secret-looking string (tokens and passwords of a soak run). */
export function randomSecret(prefix: string): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
