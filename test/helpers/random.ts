/** A small seeded random generator and draws from it, the same sequence on every machine (for the fuzz scripts). */

export type Random = () => number;

/** mulberry32. */
export function generator(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const integer = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));
export const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];
export const chance = (random: Random, probability: number): boolean => random() < probability;

/** `size` of the values, in a random order. */
export function subset<T>(random: Random, values: readonly T[], size: number): T[] {
  const shuffled = values.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled.slice(0, size);
}
