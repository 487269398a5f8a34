/**
 * View ids as the gateway issues them (`POST /v1/views`): 8 random bytes, base64url without padding,
 * so 11 characters whose last one carries 2 zero padding bits. Both trace marks carry the 8 bytes.
 */

/** Bytes in a view id: the 64 bits every trace mark carries. */
export const VIEW_ID_BYTES = 8;

/** Characters of a view id (⌈8 × 8 / 6⌉). */
export const VIEW_ID_LENGTH = 11;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Only the spelling the gateway issues: 11 base64url characters, the last with zero padding bits. */
const CANONICAL = /^[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]$/;

/** True when `viewId` is a view id in the gateway's canonical spelling. */
export function isViewId(viewId: string): boolean {
  return CANONICAL.test(viewId);
}

/**
 * The 8 bytes a view id spells. Throws `TypeError` for anything else: marking a view with an id the
 * gateway did not issue is a programming error, not bad input.
 */
export function viewIdToBytes(viewId: string): Uint8Array {
  if (!isViewId(viewId)) throw new TypeError('not a view id (11 base64url characters, as POST /v1/views returns)');
  const bytes = new Uint8Array(VIEW_ID_BYTES);
  let acc = 0;
  let bits = 0;
  let out = 0;
  for (const ch of viewId) {
    acc = ((acc << 6) | ALPHABET.indexOf(ch)) & 0xfff;
    bits += 6;
    if (bits >= 8 && out < VIEW_ID_BYTES) {
      bits -= 8;
      bytes[out++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}

/** The view id that spells `bytes` (exactly 8 of them). */
export function bytesToViewId(bytes: Uint8Array): string {
  if (bytes.length !== VIEW_ID_BYTES) throw new TypeError(`a view id is ${VIEW_ID_BYTES} bytes`);
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(acc >> bits) & 63];
    }
  }
  return out + ALPHABET[(acc << (6 - bits)) & 63];
}
