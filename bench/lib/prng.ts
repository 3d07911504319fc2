// Seeded pseudo-random numbers (mulberry32), so every run generates the same cluster. No Math.random anywhere.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` characters from `alphabet`. */
  chars(n: number, alphabet: string): string;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!,
    chance: (p: number): boolean => next() < p,
    chars: (n: number, alphabet: string): string => {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet.charAt(int(alphabet.length));
      return s;
    },
  };
}
