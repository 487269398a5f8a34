/**
 * xoshiro128** 1.1, a small, fast 32-bit generator with 128 bits of state, by David Blackman and
 * Sebastiano Vigna: "Scrambled Linear Pseudorandom Number Generators", ACM Transactions on Mathematical
 * Software 47(4), 2021; reference C code at https://prng.di.unimi.it/xoshiro128starstar.c.
 * Not cryptographic — it only has to make the same synthetic data from the same seed, quickly.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator with the given state; the state must not be all zero (use {@link streamRng}). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) throw new TypeError('xoshiro128** state must not be all zero');
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n). The bias for n far below 2^32 is negligible here. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new TypeError('pick from an empty list');
    return item;
  }

  /** An element chosen with probability proportional to its weight (see {@link cumulative}). */
  weighted<T>(table: Weighted<T>): T {
    const x = this.float() * table.total;
    // Linear scan: tables here have at most a few dozen entries.
    for (let i = 0; i < table.bounds.length; i++) if (x < (table.bounds[i] ?? 0)) return table.items[i] as T;
    return table.items[table.items.length - 1] as T;
  }
}

/** Items with cumulative weights, for {@link Rng.weighted}. Build once with {@link cumulative}. */
export interface Weighted<T> {
  readonly items: readonly T[];
  readonly bounds: readonly number[];
  readonly total: number;
}

/** A weighted table from `[item, weight]` pairs. */
export function cumulative<T>(entries: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  let total = 0;
  const bounds = entries.map(([, weight]) => (total += weight));
  return { items: entries.map(([item]) => item), bounds, total };
}

/** A 128-bit seed key, four 32-bit words, derived from a seed of any length. */
export type SeedKey = readonly [number, number, number, number];

/** The seed key of `seed`: FNV-1a over its UTF-16 units under four offset bases, each finalised by {@link fmix32}. */
export function seedKey(seed: string): SeedKey {
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((basis) => {
    let h = basis;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    return fmix32(h ^ seed.length);
  });
  return [words[0] ?? 0, words[1] ?? 0, words[2] ?? 0, words[3] ?? 0];
}

/**
 * An independent generator for item `index` of stream `stream` (one stream per record type), so that
 * any record can be made on its own, in any order, and always comes out the same.
 */
export function streamRng(key: SeedKey, stream: number, index: number): Rng {
  const base = fmix32(Math.imul(index + 1, 0x9e3779b9) ^ fmix32(stream + 0x632be5ab));
  const rng = new Rng(
    fmix32(key[0] ^ base) || 1,
    fmix32(key[1] ^ Math.imul(base, 0x85ebca6b) ^ 0x27d4eb2f),
    fmix32(key[2] ^ (base + 0x165667b1)),
    fmix32(key[3] ^ rotl(base, 13) ^ 0x9e3779b9),
  );
  // Let the state mix before use: neighbouring indices start from related states.
  rng.next();
  rng.next();
  return rng;
}

/** MurmurHash3's 32-bit finaliser (Austin Appleby, public domain): every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
