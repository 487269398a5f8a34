import { encodeBase64url } from '@need2know/crypto';

/** `bytes` random bytes from the platform CSPRNG, base64url-encoded. */
export function randomToken(bytes = 16): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A new identifier with a readable prefix, e.g. `grt_3kq…` (96 random bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(12)}`;
}
