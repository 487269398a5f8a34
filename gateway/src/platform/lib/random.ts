import { base64url } from 'jose';

/** `bytes` random bytes from the platform CSPRNG, base64url-encoded. */
export function randomToken(bytes = 16): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A new identifier with a readable prefix, e.g. `grt_3kq…` (96 random bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(12)}`;
}
