import { HASH_BYTES, MAX_TREE_SIZE } from '../constants.js';

/** Throws TypeError unless `n` is an integer in [0, 2^53). Internal. */
export function assertSize(n: unknown, what: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_TREE_SIZE) {
    throw new TypeError(`${what} must be a non-negative safe integer`);
  }
}

/** Throws TypeError unless `h` is a 32-byte Uint8Array. Internal. */
export function assertHash(h: unknown, what: string): asserts h is Uint8Array {
  if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES) throw new TypeError(`${what} must be a 32-byte Uint8Array`);
}

/** True when `n` is a power of two (n ≥ 1). */
export function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * The largest power of two strictly smaller than `n`, for n ≥ 2: the split point k of RFC 9162
 * §2.1.1 ("k is the largest power of two smaller than n"). Arithmetic, not bit shifts, so sizes
 * above 2^31 stay exact.
 */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
