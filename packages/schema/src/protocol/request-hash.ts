import { encodeBase64url } from '@need2know/crypto';
import { canonicalJson } from './canonical-json.js';

/** What binds a disclosure to the request it answers (like X-Road's request hash). */
export interface RequestBinding {
  readonly method: string;
  /** Path and query, query parameters sorted (see {@link requestTarget}). */
  readonly target: string;
  /** SHA-256 of the request body, base64url (of the empty string for GET). */
  readonly bodyHash: string;
  /** `jti` of the request's DPoP proof: unique per request, known to the client that made it. */
  readonly dpopJti: string;
}

/** SHA-256 of `data`, base64url without padding. */
export async function sha256Base64url(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return encodeBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** Path plus query with parameters sorted, so equal requests hash equally. */
export function requestTarget(url: URL): string {
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  return query === '' ? url.pathname : `${url.pathname}?${query}`;
}

/**
 * The request hash carried in every disclosure: SHA-256 (base64url) over the canonical JSON of the
 * binding. The gateway computes it from the request it received; the client recomputes it from the
 * request it sent and refuses a response that does not match, so a response cannot be replayed as
 * the answer to another query.
 */
export function requestHash(binding: RequestBinding): Promise<string> {
  return sha256Base64url(canonicalJson({ body: binding.bodyHash, dpop_jti: binding.dpopJti, method: binding.method.toUpperCase(), target: binding.target }));
}
