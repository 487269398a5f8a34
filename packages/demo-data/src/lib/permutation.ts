import { fmix32 } from './prng.js';

const ROUNDS = 4;

/**
 * A keyed permutation of [0, domain): a balanced Feistel network over the smallest even number of bits
 * covering the domain, with cycle walking to stay inside it (Black and Rogaway, "Ciphers with Arbitrary
 * Finite Domains", CT-RSA 2002). Distinct inputs give distinct outputs, which is how unique but
 * random-looking national IDs and service numbers come from record indices without remembering them.
 */
export function permute(value: number, domain: number, key: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value >= domain) throw new TypeError('value outside the permutation domain');
  const half = Math.ceil(Math.ceil(Math.log2(Math.max(2, domain))) / 2);
  const mask = (1 << half) - 1;
  let x = value;
  do x = feistel(x, mask, key);
  while (x >= domain);
  return x;
}

function feistel(x: number, mask: number, key: number): number {
  let left = Math.floor(x / (mask + 1));
  let right = x & mask;
  for (let round = 0; round < ROUNDS; round++) {
    const next = left ^ (fmix32(right ^ Math.imul(key ^ round, 0x9e3779b9)) & mask);
    left = right;
    right = next;
  }
  return left * (mask + 1) + right;
}
