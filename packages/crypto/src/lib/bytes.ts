/** Byte helpers shared by the envelopes, key derivation and blind indexes. Internal. */

const encoder = new TextEncoder();

/** Matches an unpaired UTF-16 surrogate, which TextEncoder would silently turn into U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Strings up to this length are encoded in JS: cheaper than a call into TextEncoder for short values. */
const SHORT_STRING = 64;

type WithIsWellFormed = { isWellFormed?: (this: string) => boolean };
const nativeIsWellFormed = (String.prototype as WithIsWellFormed).isWellFormed;

/** True when `s` is well-formed UTF-16, so that UTF-8 encoding is lossless and injective. */
export function isWellFormed(s: string): boolean {
  return nativeIsWellFormed === undefined ? !LONE_SURROGATE.test(s) : nativeIsWellFormed.call(s);
}

/**
 * UTF-8 bytes of `s`, or `undefined` when `s` is not well-formed (an unpaired surrogate would
 * otherwise become U+FFFD and let two different strings share one encoding).
 */
export function utf8Strict(s: string): Uint8Array | undefined {
  if (s.length > SHORT_STRING) return isWellFormed(s) ? encoder.encode(s) : undefined;
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c < 0xd800 || c > 0xdfff) length += 3;
    else if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else return undefined;
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out;
}

/** UTF-8 bytes of a string known to be well-formed (a constant, or one already checked). */
export function utf8(s: string): Uint8Array {
  return utf8Strict(s) ?? encoder.encode(s);
}

/** 4-byte big-endian encoding of an unsigned 32-bit integer. */
export function u32be(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/**
 * Unambiguous encoding of a sequence of byte strings: `u32be(len(x)) ‖ x` for each item, with no
 * separators. Every item is self-delimiting, so two different sequences (of any length) never
 * encode to the same bytes; unlike joining with a delimiter, no value can forge a boundary.
 */
export function lengthPrefixed(items: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const item of items) total += 4 + item.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const item of items) {
    const n = item.length;
    out[at] = n >>> 24;
    out[at + 1] = (n >>> 16) & 0xff;
    out[at + 2] = (n >>> 8) & 0xff;
    out[at + 3] = n & 0xff;
    out.set(item, at + 4);
    at += 4 + n;
  }
  return out;
}
