// A small seeded pseudo-random generator (mulberry32), so the demo data is the same on every run.
// Not for anything secret: it only makes the seed deterministic.

export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** n distinct items (n ≤ items.length), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** A string of `length` decimal digits (leading zeros allowed unless `noLeadingZero`). */
  digits(length: number, noLeadingZero?: boolean): string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    sample<T>(items: readonly T[], n: number): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, n);
    },
    digits(length, noLeadingZero = false) {
      let s = "";
      for (let i = 0; i < length; i++) s += String(i === 0 && noLeadingZero ? int(1, 9) : int(0, 9));
      return s;
    },
  };
}

/** Deterministic cuid-like ids ("c" + 24 base-36 characters), from their own generator so that adding a row
 * never changes the data of the others. */
export function createIdGenerator(seed: number): () => string {
  const next = mulberry32(seed);
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  return () => {
    let s = "c";
    for (let i = 0; i < 24; i++) s += alphabet[Math.floor(next() * 36)];
    return s;
  };
}
