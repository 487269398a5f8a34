/**
 * Standard base64 with padding (RFC 4648 §4), the encoding of roots, signatures and keys in the audit
 * log's checkpoints, signed notes and proofs: the one base64 of the project.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 4648 §4 base64 of `bytes`, padded. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Bytes of a padded RFC 4648 §4 base64 string, or `undefined` when it is not canonical base64
 * (RFC 4648 §3.5: non-zero pad bits are refused, so each value has exactly one encoding).
 */
export function decodeBase64(s: string): Uint8Array | undefined {
  if (!BASE64.test(s)) return undefined;
  const binary = atob(s);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return encodeBase64(out) === s ? out : undefined;
}
