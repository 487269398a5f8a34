import { encodeBase64url, encodeHex } from '@need2know/crypto';

const encoder = new TextEncoder();

/** SHA-256 of `data`, base64url-encoded (no padding). */
export async function sha256b64url(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return encodeBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** SHA-256 of `data`, lower-case hex. */
export async function sha256hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return encodeHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * Compares two strings in time that depends only on their lengths, for secrets and MACs.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
