/** A small seeded random source (mulberry32) with the distributions the world model needs. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Uniform pick from a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Pick by weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Poisson-distributed count with mean lambda. */
  poisson(lambda: number): number;
  /** Exponentially distributed value with the given mean. */
  exponential(mean: number): number;
  /** Random identifier of `length` characters from `alphabet`. */
  id(length: number, alphabet?: string): string;
}

/** Meteor's Random.id() alphabet, so ids look like Rocket.Chat's 17-character ids. */
export const METEOR_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** FNV-1a over the string forms of `parts`: derives independent seeds for (seed, department, hour) slots. */
export function deriveSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    // Separator so ("ab","c") and ("a","bc") differ.
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a deterministic random source from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick,
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i] as T;
      }
      return items[items.length - 1] as T;
    },
    poisson(lambda) {
      // Knuth's method is fine for the small per-hour rates used here; split large rates to avoid underflow.
      let count = 0;
      let remaining = lambda;
      while (remaining > 0) {
        const step = Math.min(remaining, 30);
        remaining -= step;
        const limit = Math.exp(-step);
        let p = next();
        while (p > limit) {
          count++;
          p *= next();
        }
      }
      return count;
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    id(length, alphabet = METEOR_ID_ALPHABET) {
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
}
