import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CLIENT_SIGNING_ALGS, DPOP_MAX_AGE, DPOP_MAX_SKEW } from '../../platform/config.js';
import { sha256b64url } from '../../platform/lib/digest.js';
import { peekJwt } from './jwt-shape.js';

/** A refused DPoP proof; `reason` is for logs, the wire says `invalid_dpop_proof`. */
export class DpopError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`invalid_dpop_proof: ${reason}`);
    this.name = 'DpopError';
    this.reason = reason;
  }
}

/** A verified proof: the key's thumbprint and the single-use values the caller must spend. */
export interface VerifiedDpop {
  /** RFC 7638 SHA-256 thumbprint of the proof's public key (the token's `cnf.jkt`). */
  readonly jkt: string;
  /** The proof's public key (what `jkt` is the thumbprint of). */
  readonly jwk: JWK;
  readonly jti: string;
  /** When the proof's `jti` can be forgotten: after this, `iat` freshness refuses it anyway. */
  readonly replayUntil: number;
}

/**
 * The values of the `DPoP` request header. Repeated headers arrive joined by commas, which never
 * occur in a compact JWS, so splitting recovers them and lets the verifier refuse more than one.
 */
export function dpopHeaderValues(headers: Headers): string[] {
  const value = headers.get('dpop');
  return value === null ? [] : value.split(',').map((v) => v.trim());
}

/**
 * The `htu` form of a URL (RFC 9449 §4.3 item 9): scheme, host, port and path, without query or
 * fragment, with the default port dropped and scheme and host lower-cased by the URL parser.
 */
export function htuOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return null;
  }
}

/** Public keys of proofs seen by this isolate: a client signs every request with the same DPoP key. */
const KEY_CACHE_SIZE = 1024;
const embeddedKeys = new Map<string, { key: CryptoKey | Uint8Array; jkt: string }>();
const cacheId = (alg: unknown, jwk: unknown) => JSON.stringify([alg, jwk]);

/**
 * jose's `EmbeddedJWK`, remembering the imported key: its checks depend only on the header's `alg`
 * and `jwk`, so the same pair gets the same key (a key it refuses is never remembered).
 */
const embeddedKey: JWTVerifyGetKey = async (header, token) => {
  const id = cacheId(header.alg, header.jwk);
  const known = embeddedKeys.get(id);
  if (known !== undefined) return known.key;
  const key = await EmbeddedJWK(header, token);
  if (embeddedKeys.size >= KEY_CACHE_SIZE) embeddedKeys.clear();
  embeddedKeys.set(id, { key, jkt: await calculateJwkThumbprint(header.jwk as JWK, 'sha256') });
  return key;
};

/** RFC 7638 thumbprint of a proof's key, remembered with the key. */
async function thumbprintOf(jwk: JWK, alg: unknown): Promise<string> {
  return embeddedKeys.get(cacheId(alg, jwk))?.jkt ?? calculateJwkThumbprint(jwk, 'sha256');
}

/**
 * Verifies a DPoP proof (RFC 9449 §4.3) for a request with `method` to `url`. With `accessToken`,
 * also checks `ath` (§4.3 item 11) and, when `expectedJkt` is given, that the proof's key is the one
 * the token is bound to (§7.1). The `jti` is returned, not spent.
 */
export async function verifyDpopProof(
  headerValues: readonly string[],
  request: { method: string; url: string },
  now: number,
  bound?: { accessToken: string; expectedJkt: string },
): Promise<VerifiedDpop> {
  // §4.3 item 1: exactly one DPoP header.
  if (headerValues.length !== 1) throw new DpopError(headerValues.length === 0 ? 'missing DPoP header' : 'more than one DPoP header');
  const proof = headerValues[0] as string;
  const peek = peekJwt(proof);
  if (peek === null) throw new DpopError('not a well-formed JWS');
  // §4.3 items 4–6: typ, asymmetric alg from our list, public JWK in the header.
  if (peek.header.typ !== 'dpop+jwt') throw new DpopError('typ must be dpop+jwt');
  let payload: JWTPayload;
  let jwk: JWK;
  try {
    const result = await jwtVerify(proof, embeddedKey, { algorithms: [...CLIENT_SIGNING_ALGS], typ: 'dpop+jwt' });
    payload = result.payload;
    jwk = result.protectedHeader.jwk as JWK;
  } catch (err) {
    throw new DpopError(`signature or header rejected: ${(err as { code?: string }).code ?? 'unknown'}`);
  }
  if ('d' in jwk || 'k' in jwk) throw new DpopError('jwk must be a public key');
  // §4.2: jti, htm, htu, iat are required.
  const { jti, htm, htu, iat } = payload as { jti?: unknown; htm?: unknown; htu?: unknown; iat?: unknown };
  if (typeof jti !== 'string' || jti.length < 8 || jti.length > 256) throw new DpopError('jti missing or out of range');
  if (htm !== request.method) throw new DpopError('htm does not match the request method');
  const expected = htuOf(request.url);
  if (typeof htu !== 'string' || expected === null || htuOf(htu) !== expected) throw new DpopError('htu does not match the request URL');
  // §11.1: proofs are accepted only within a short time of their creation.
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new DpopError('iat missing');
  if (iat < now - DPOP_MAX_AGE || iat > now + DPOP_MAX_SKEW) throw new DpopError('iat outside the acceptable window');

  const jkt = await thumbprintOf(jwk, peek.header.alg);
  if (bound === undefined) {
    if (payload.ath !== undefined) throw new DpopError('ath not expected here');
  } else {
    const ath = await sha256b64url(bound.accessToken);
    if (payload.ath !== ath) throw new DpopError('ath does not match the access token');
    if (jkt !== bound.expectedJkt) throw new DpopError('proof key is not the key the token is bound to');
  }
  return { jkt, jwk, jti, replayUntil: iat + DPOP_MAX_AGE + DPOP_MAX_SKEW };
}
