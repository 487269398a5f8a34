/** Byte helpers shared by the envelopes, key derivation and blind indexes. Internal. */

const encoder = new TextEncoder();

/** Matches an unpaired UTF-16 surrogate, which TextEncoder would silently turn into U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `s` is well-formed UTF-16, so that UTF-8 encoding is lossless and injective. */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** UTF-8 bytes of a string that the caller has checked with {@link isWellFormed}. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** 4-byte big-endian encoding of an unsigned 32-bit integer. */
export function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, false);
  return out;
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
  const view = new DataView(out.buffer);
  let at = 0;
  for (const item of items) {
    view.setUint32(at, item.length, false);
    out.set(item, at + 4);
    at += 4 + item.length;
  }
  return out;
}
