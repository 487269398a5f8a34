/**
 * Strict, dependency-free base64url (RFC 4648 §5) without padding: the one base64url of the
 * project (the packages, the gateway and its tools call it).
 *
 * Decoding is canonical: exactly one string decodes to a given byte array. Padding, whitespace,
 * the `+/` alphabet, a length ≡ 1 (mod 4) and non-zero trailing bits are all refused, so an
 * envelope cannot be re-spelled without changing its bytes (no malleability outside the AEAD).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Char code → 6-bit value; 0xff marks a character outside the alphabet. */
const DECODE = new Uint8Array(256).fill(0xff);
/** 6-bit value → char code. */
const ENCODE = new Uint8Array(64);
for (let i = 0; i < ALPHABET.length; i++) {
  DECODE[ALPHABET.charCodeAt(i)] = i;
  ENCODE[i] = ALPHABET.charCodeAt(i);
}

// The output is ASCII, so writing char codes to bytes and decoding them once is exact, and much
// cheaper than building the string a character at a time.
const ascii = new TextDecoder();

/** base64url of `bytes`, without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  const n = bytes.length;
  const full = n - (n % 3);
  const out = new Uint8Array((full / 3) * 4 + (n === full ? 0 : n - full + 1));
  let o = 0;
  let i = 0;
  for (; i < full; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o] = ENCODE[v >>> 18] as number;
    out[o + 1] = ENCODE[(v >>> 12) & 63] as number;
    out[o + 2] = ENCODE[(v >>> 6) & 63] as number;
    out[o + 3] = ENCODE[v & 63] as number;
    o += 4;
  }
  if (n - full === 1) {
    const v = bytes[i] as number;
    out[o] = ENCODE[v >>> 2] as number;
    out[o + 1] = ENCODE[(v & 3) << 4] as number;
  } else if (n - full === 2) {
    const v = ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
    out[o] = ENCODE[v >>> 10] as number;
    out[o + 1] = ENCODE[(v >>> 4) & 63] as number;
    out[o + 2] = ENCODE[(v & 15) << 2] as number;
  }
  return ascii.decode(out);
}

/** 6-bit value of the character at `i`, or 0xff when it is not in the alphabet. */
function sextet(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 256 ? (DECODE[c] as number) : 0xff;
}

/**
 * Bytes of a canonical unpadded base64url string, or `undefined` when `s` is not one.
 * Callers turn `undefined` into the error that fits their input (envelope or configuration).
 */
export function decodeBase64url(s: string): Uint8Array | undefined {
  const rest = s.length % 4;
  if (rest === 1) return undefined;
  const full = s.length - rest;
  const out = new Uint8Array((full / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = sextet(s, i),
      b = sextet(s, i + 1),
      c = sextet(s, i + 2),
      d = sextet(s, i + 3);
    if ((a | b | c | d) > 63) return undefined;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = v & 0xff;
    o += 3;
  }
  if (rest === 2) {
    const a = sextet(s, full),
      b = sextet(s, full + 1);
    // RFC 4648 §3.5: the unused low bits must be zero for a canonical encoding.
    if ((a | b) > 63 || (b & 0x0f) !== 0) return undefined;
    out[o] = (a << 2) | (b >> 4);
  } else if (rest === 3) {
    const a = sextet(s, full),
      b = sextet(s, full + 1),
      c = sextet(s, full + 2);
    if ((a | b | c) > 63 || (c & 0x03) !== 0) return undefined;
    out[o] = (a << 2) | (b >> 4);
    out[o + 1] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return out;
}
