/**
 * Strict, dependency-free base64url (RFC 4648 §5) without padding. Internal.
 *
 * Decoding is canonical: exactly one string decodes to a given byte array. Padding, whitespace,
 * the `+/` alphabet, a length ≡ 1 (mod 4) and non-zero trailing bits are all refused, so an
 * envelope cannot be re-spelled without changing its bytes (no malleability outside the AEAD).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Char code → 6-bit value, 0xff for characters outside the alphabet. */
const DECODE = new Uint8Array(128).fill(0xff);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Two-character table for 12-bit groups: halves the number of lookups when encoding. */
const PAIRS: string[] = [];
for (let i = 0; i < 4096; i++) PAIRS.push(ALPHABET.charAt(i >> 6) + ALPHABET.charAt(i & 63));

/** base64url of `bytes`, without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  const parts: string[] = [];
  const full = bytes.length - (bytes.length % 3);
  let i = 0;
  for (; i < full; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    parts.push((PAIRS[n >> 12] as string) + (PAIRS[n & 0xfff] as string));
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = (bytes[i] as number) << 4;
    parts.push(PAIRS[n] as string);
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 10) | ((bytes[i + 1] as number) << 2);
    parts.push((PAIRS[n >> 6] as string) + ALPHABET.charAt(n & 63));
  }
  return parts.join('');
}

function sextet(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? (DECODE[c] as number) : 0xff;
}

/**
 * Bytes of a canonical unpadded base64url string, or `undefined` when `s` is not one.
 * Callers turn `undefined` into the error that fits their input (envelope or configuration).
 */
export function decodeBase64url(s: string): Uint8Array | undefined {
  const rest = s.length % 4;
  if (rest === 1) return undefined;
  const out = new Uint8Array(((s.length - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  const full = s.length - rest;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = sextet(s, i), b = sextet(s, i + 1), c = sextet(s, i + 2), d = sextet(s, i + 3);
    if ((a | b | c | d) > 63) return undefined; // 0xff marks a character outside the alphabet
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest === 2) {
    const a = sextet(s, full), b = sextet(s, full + 1);
    // RFC 4648 §3.5: the unused low bits must be zero for a canonical encoding.
    if ((a | b) > 63 || (b & 0x0f) !== 0) return undefined;
    out[o] = (a << 2) | (b >> 4);
  } else if (rest === 3) {
    const a = sextet(s, full), b = sextet(s, full + 1), c = sextet(s, full + 2);
    if ((a | b | c) > 63 || (c & 0x03) !== 0) return undefined;
    out[o++] = (a << 2) | (b >> 4);
    out[o] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return out;
}
