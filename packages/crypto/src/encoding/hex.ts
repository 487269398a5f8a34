/** Lower-case hex (RFC 4648 §8, base16): the one hex encoding of the project. */

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Lower-case hex of `bytes`.
 *
 * @example encodeHex(new Uint8Array([0, 255])) // '00ff'
 */
export function encodeHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Bytes of a lower- or upper-case even-length hex string, or `undefined` if it is not hex. */
export function decodeHex(hex: string): Uint8Array | undefined {
  if (!HEX.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
