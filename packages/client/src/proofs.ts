import { base64url, SignJWT, type JWK } from 'jose';

/** A signing key pair usable with jose: the private key and its public JWK (with `alg`). */
export interface SigningKeyPair {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly alg: 'EdDSA' | 'ES256';
}

const randomJti = () => base64url.encode(crypto.getRandomValues(new Uint8Array(16)));
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A `private_key_jwt` client assertion (RFC 7523 §3): iss = sub = client id, aud = the issuer,
 * single-use `jti`, valid for one minute.
 */
export async function clientAssertion(clientId: string, key: SigningKeyPair, audience: string, now = nowSeconds()): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, ...(key.publicJwk.kid === undefined ? {} : { kid: key.publicJwk.kid }) })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .setJti(randomJti())
    .sign(key.privateKey);
}

/** SHA-256 of the access token, base64url: the `ath` claim of a DPoP proof (RFC 9449 §4.2). */
export async function accessTokenHash(accessToken: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken))));
}

/**
 * A DPoP proof (RFC 9449 §4.2) for one request: `htm`, `htu` (without query or fragment), a fresh
 * `jti`, `iat`, and `ath` when presenting an access token.
 */
export async function dpopProof(key: SigningKeyPair, htm: string, url: string, accessToken?: string, now = nowSeconds()): Promise<string> {
  const u = new URL(url);
  const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ...jwk } = key.publicJwk;
  return new SignJWT({ htm, htu: `${u.protocol}//${u.host}${u.pathname}`, ...(accessToken === undefined ? {} : { ath: await accessTokenHash(accessToken) }) })
    .setProtectedHeader({ alg: key.alg, typ: 'dpop+jwt', jwk })
    .setIssuedAt(now)
    .setJti(randomJti())
    .sign(key.privateKey);
}
