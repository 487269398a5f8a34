/**
 * Sources of uniform random integers for the noise samplers. Production uses the platform's CSPRNG
 * (`crypto.getRandomValues`, in workerd and Node alike); tests use a seeded generator so that a
 * statistical test is reproducible. Only integers are drawn: the samplers never touch floating point,
 * whose rounding leaks (Mironov, "On significance of the least significant bits for differential
 * privacy", CCS 2012).
 */
export interface RandomSource {
  /** A uniform integer in [0, 2³²). */
  uint32(): number;
}

/** Integers drawn per call to `crypto.getRandomValues` (amortises the call). */
const BUFFER_WORDS = 1024;
const TWO_32 = 4_294_967_296;
const TWO_21 = 2_097_152;

/** The platform CSPRNG, buffered. */
export function cryptoRandom(): RandomSource {
  const buffer = new Uint32Array(BUFFER_WORDS);
  let next = BUFFER_WORDS;
  return {
    uint32() {
      if (next === BUFFER_WORDS) {
        crypto.getRandomValues(buffer);
        next = 0;
      }
      return buffer[next++] as number;
    },
  };
}

/**
 * A seeded generator (xoshiro128**, seeded through SplitMix32 from the seed's characters) for tests
 * and reproducible examples. Not for production releases: anyone knowing the seed knows the noise.
 */
export function seededRandom(seed: string | number): RandomSource {
  let h = 0x9e3779b9;
  for (const ch of String(seed)) h = Math.imul(h ^ (ch.codePointAt(0) as number), 0x85ebca6b) >>> 0;
  const splitmix = () => {
    h = (h + 0x9e3779b9) >>> 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [splitmix(), splitmix(), splitmix(), splitmix()];
  return {
    uint32() {
      const [a, b, c, d] = s as [number, number, number, number];
      const result = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
      const t = (b << 9) >>> 0;
      let c2 = (c ^ a) >>> 0;
      let d2 = (d ^ b) >>> 0;
      const b2 = (b ^ c2) >>> 0;
      const a2 = (a ^ d2) >>> 0;
      c2 = (c2 ^ t) >>> 0;
      d2 = ((d2 << 11) | (d2 >>> 21)) >>> 0;
      s[0] = a2;
      s[1] = b2;
      s[2] = c2;
      s[3] = d2;
      return result;
    },
  };
}

/**
 * A uniform integer in [0, n) for 1 ≤ n ≤ 2⁵³, by rejection (no modulo bias).
 *
 * @example uniformInt(cryptoRandom(), 6) // a fair die, 0–5
 */
export function uniformInt(random: RandomSource, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 53) throw new TypeError('n must be an integer in [1, 2^53]');
  if (n <= TWO_32) {
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = random.uint32();
      if (x < limit) return x % n;
    }
  }
  const range = 2 ** 53;
  const limit = range - (range % n);
  for (;;) {
    const x = (random.uint32() % TWO_21) * TWO_32 + random.uint32();
    if (x < limit) return x % n;
  }
}
