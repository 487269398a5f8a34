import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { CLIENT_SIGNING_ALGS, CLOCK_TOLERANCE, MAX_CLIENT_ASSERTION_LIFETIME } from '../../platform/config.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import { peekJwt } from './jwt-shape.js';

/** RFC 7523 §2.2: the only client assertion type accepted. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** JWT types that must never be accepted as a client assertion (cross-JWT confusion). */
const FOREIGN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'dpop+jwt', 'application/dpop+jwt']);

/** A client whose keys can verify an assertion. */
export interface AssertingClient {
  readonly id: string;
  readonly status: 'active' | 'suspended';
  readonly signingJwks: JSONWebKeySet;
}

/** A verified client assertion: who, and the single-use `jti` the caller must spend. */
export interface VerifiedAssertion<C> {
  readonly client: C;
  readonly jti: string;
  readonly exp: number;
}

/**
 * Authenticates a client by `private_key_jwt` (RFC 7523 §3, OpenID Connect Core §9). Every failure
 * is `invalid_client` on the wire; `reason` says which check failed. The `jti` is returned, not
 * spent: the caller spends it only when it is about to succeed, so a refused request leaves no state.
 *
 * @param audiences identifiers the assertion's `aud` may name (issuer, endpoint URLs)
 */
export async function verifyClientAssertion<C extends AssertingClient>(
  params: { assertionType: string | undefined; assertion: string | undefined; clientId: string | undefined },
  lookup: (clientId: string) => Promise<C | null>,
  audiences: readonly string[],
  now: number,
): Promise<VerifiedAssertion<C>> {
  if (params.assertionType !== JWT_BEARER_ASSERTION || params.assertion === undefined) {
    throw new OAuthError('invalid_client', 'private_key_jwt client authentication required');
  }
  const peek = peekJwt(params.assertion);
  if (peek === null) throw new OAuthError('invalid_client', 'assertion is not a well-formed JWS');
  if (typeof peek.header.typ === 'string' && FOREIGN_TYPES.has(peek.header.typ.toLowerCase())) {
    throw new OAuthError('invalid_client', 'assertion has a foreign JWT type');
  }
  const { iss, sub } = peek.claims;
  if (typeof iss !== 'string' || iss !== sub) throw new OAuthError('invalid_client', 'assertion iss and sub must both name the client');
  if (params.clientId !== undefined && params.clientId !== iss) throw new OAuthError('invalid_client', 'client_id does not match the assertion');

  const client = await lookup(iss);
  if (client === null) throw new OAuthError('invalid_client', 'unknown client');
  if (client.status !== 'active') throw new OAuthError('invalid_client', 'client is suspended');

  let payload: JWTPayload;
  try {
    // A registered key's `alg` would hide it from the other name of the same algorithm (EdDSA and
    // RFC 9864's Ed25519); which algorithms are acceptable is decided by `algorithms` below.
    const keys = { keys: client.signingJwks.keys.map(({ alg: _alg, ...key }) => key) };
    ({ payload } = await jwtVerify(params.assertion, createLocalJWKSet(keys), {
      algorithms: [...CLIENT_SIGNING_ALGS],
      issuer: iss,
      subject: iss,
      audience: [...audiences],
      requiredClaims: ['exp', 'jti'],
      currentDate: new Date(now * 1000),
      clockTolerance: CLOCK_TOLERANCE,
    }));
  } catch (err) {
    throw new OAuthError('invalid_client', `assertion rejected: ${err instanceof Error ? ((err as { code?: string }).code ?? err.name) : 'unknown'}`);
  }
  const exp = payload.exp as number;
  // RFC 7523 §3 item 4: the assertion must expire; here also soon, as it is a one-shot credential.
  if (exp - now > MAX_CLIENT_ASSERTION_LIFETIME + CLOCK_TOLERANCE) throw new OAuthError('invalid_client', 'assertion lifetime too long');
  if (typeof payload.iat === 'number' && exp - payload.iat > MAX_CLIENT_ASSERTION_LIFETIME + CLOCK_TOLERANCE) {
    throw new OAuthError('invalid_client', 'assertion lifetime too long');
  }
  const jti = payload.jti;
  // RFC 7519 §4.1.7: a string; a number or object would pass a length check by accident.
  if (typeof jti !== 'string' || jti.length < 8 || jti.length > 256)
    throw new OAuthError('invalid_client', 'assertion jti missing, not a string, or length out of range');
  return { client, jti, exp };
}
