import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { MAX_JWT_BYTES } from '../../platform/config.js';

/**
 * Reads a compact JWS's header and claims WITHOUT verifying it, after checking its size and shape.
 * Only for routing (which client's keys to use); every decision waits for signature verification.
 * Returns null for anything that is not a well-formed, size-bounded three-part JWS.
 */
export function peekJwt(jwt: string): { header: ProtectedHeaderParameters; claims: JWTPayload } | null {
  if (jwt.length === 0 || jwt.length > MAX_JWT_BYTES) return null;
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jwt)) return null;
  try {
    return { header: decodeProtectedHeader(jwt), claims: decodeJwt(jwt) };
  } catch {
    return null;
  }
}
