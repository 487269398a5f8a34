import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { CLOCK_TOLERANCE, GATEWAY_SIGNING_ALG, MAX_ACCESS_TOKEN_LIFETIME } from '../../platform/config.js';
import type { GatewayEnv } from '../../platform/env.js';
import type { Stores } from '../../store/ports/index.js';
import { activeSigningKey, forgetCachedKeys, publishedKeys } from '../keys/token-signing.js';
import { identifiersOf, type Issuer } from './issuer.js';
import { randomToken } from '../../platform/lib/random.js';
import type { GrantedDetail } from '@need2know/policy';
import { peekJwt } from './jwt-shape.js';

/** RFC 9068 §2.1: the media type of JWT access tokens. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** The claims of a need2know access token (RFC 9068 §2.2 plus RFC 9449 `cnf` and RFC 9396 details). */
export interface AccessTokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly sub: string;
  readonly client_id: string;
  readonly agency: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  readonly cnf: { readonly jkt: string };
  readonly authorization_details?: readonly GrantedDetail[];
  /** Top-level copies of the purpose and grant, for resource servers that do not read details. */
  readonly purpose?: string;
  readonly grant?: string;
  readonly scope?: string;
}

/** Issuer and audience identifiers derived from the gateway's public URL. */
export function identifiers(env: Pick<GatewayEnv, 'N2K_PUBLIC_URL'>): { issuer: string; audience: string; tokenEndpoint: string } {
  return identifiersOf(env.N2K_PUBLIC_URL);
}

/** Signs an access token with the active key. */
export async function issueAccessToken(
  stores: Pick<Stores, 'signingKeys'>,
  gateway: Issuer,
  now: number,
  input: { clientId: string; agency: string; jkt: string; lifetime: number; details?: readonly GrantedDetail[]; scope?: string },
): Promise<{ token: string; claims: AccessTokenClaims }> {
  const { issuer, audience } = identifiersOf(gateway.publicUrl);
  const access = input.details?.find((d) => d.type === 'record_access');
  const claims: AccessTokenClaims = {
    iss: issuer,
    aud: audience,
    sub: input.clientId,
    client_id: input.clientId,
    agency: input.agency,
    iat: now,
    exp: now + input.lifetime,
    jti: randomToken(16),
    cnf: { jkt: input.jkt },
    ...(input.details === undefined ? {} : { authorization_details: input.details }),
    ...(access === undefined ? {} : { purpose: access.purpose, grant: access.grant }),
    ...(input.scope === undefined ? {} : { scope: input.scope }),
  };
  const { kid, key } = await activeSigningKey(stores, gateway.keys, now);
  const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: GATEWAY_SIGNING_ALG, typ: ACCESS_TOKEN_TYP, kid }).sign(key);
  return { token, claims };
}

/** Verified tokens remembered per isolate: a partner presents the same token for minutes. */
const VERIFIED_CACHE_SIZE = 1024;
const verified = new Map<string, AccessTokenClaims>();

/**
 * Verifies an access token's signature and claims (RFC 9068 §4) against the keys `gateway` publishes:
 * `typ` at+jwt, our algorithm only, a published `kid`, our issuer and audience, inside its lifetime.
 * Returns null on any failure — the caller answers `invalid_token` without saying which check
 * failed. Revocation, grant state and the DPoP binding are checked by the caller.
 */
export async function verifyAccessToken(stores: Pick<Stores, 'signingKeys'>, gateway: Issuer, token: string, now: number): Promise<AccessTokenClaims | null> {
  const known = verified.get(token);
  // A remembered token is still checked against the clock (it may have expired since).
  if (known !== undefined && known.iss === identifiersOf(gateway.publicUrl).issuer && now < known.exp + CLOCK_TOLERANCE && known.iat <= now + CLOCK_TOLERANCE)
    return known;
  const claims = await verifyAccessTokenSignature(stores, gateway, token, now);
  if (claims !== null) {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(token, claims);
  }
  return claims;
}

async function verifyAccessTokenSignature(stores: Pick<Stores, 'signingKeys'>, gateway: Issuer, token: string, now: number): Promise<AccessTokenClaims | null> {
  const peek = peekJwt(token);
  if (peek === null) return null;
  const { issuer, audience } = identifiersOf(gateway.publicUrl);
  let keys = await publishedKeys(stores, gateway.keys, now);
  if (!keys.some((k) => k.kid === peek.header.kid)) {
    // Possibly signed by a key another isolate just created: look once more, uncached.
    forgetCachedKeys();
    keys = await publishedKeys(stores, gateway.keys, now);
  }
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys.map((k) => k.publicJwk) }), {
      algorithms: [GATEWAY_SIGNING_ALG],
      typ: ACCESS_TOKEN_TYP,
      issuer,
      audience,
      requiredClaims: ['exp', 'iat', 'jti', 'sub', 'client_id', 'cnf'],
      currentDate: new Date(now * 1000),
      clockTolerance: CLOCK_TOLERANCE,
      // A token issued in the future is not yet valid; one issued longer ago than any token lives is dead.
      maxTokenAge: MAX_ACCESS_TOKEN_LIFETIME,
    });
    const claims = payload as unknown as AccessTokenClaims;
    if (typeof claims.cnf?.jkt !== 'string') return null;
    return claims;
  } catch {
    return null;
  }
}
