import { MAX_OAUTH_BODY_BYTES } from '../../platform/config.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import { readBounded } from '../../platform/lib/read-bounded.js';

/**
 * Reads an `application/x-www-form-urlencoded` body (RFC 6749 §3.2) of at most
 * {@link MAX_OAUTH_BODY_BYTES}, refusing repeated parameters (RFC 6749 §3.1, §3.2).
 */
export async function readOAuthForm(request: Request): Promise<Map<string, string>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new OAuthError('invalid_request', 'content type must be application/x-www-form-urlencoded');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_OAUTH_BODY_BYTES) throw new OAuthError('invalid_request', 'body too large');
  const buffer = await readLimited(request, MAX_OAUTH_BODY_BYTES);
  if (buffer === null) throw new OAuthError('invalid_request', 'body too large');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw new OAuthError('invalid_request', 'body is not UTF-8');
  }
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    // The reason is logged permanently: it names no parameter the caller chose.
    if (form.has(key)) throw new OAuthError('invalid_request', 'parameter repeated');
    form.set(key, value);
  }
  return form;
}

/** The body, or null when it exceeds `limit` bytes (stops reading at the limit). */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  return request.body === null ? new Uint8Array(0) : readBounded(request.body, limit);
}
