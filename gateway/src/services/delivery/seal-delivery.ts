import { CompactEncrypt, importJWK, SignJWT, type JWK } from 'jose';
import { GATEWAY_SIGNING_ALG } from '../../platform/config.js';
import type { Stores } from '../../store/ports/index.js';
import { activeSigningKey } from '../keys/token-signing.js';
import { identifiersOf, type Issuer } from '../oauth/issuer.js';

/** Media type of a sealed disclosure: a compact JWE whose plaintext is a signed JWT (RFC 7519 §5.2 nested JWT). */
export const DISCLOSURE_MEDIA_TYPE = 'application/jose';
/** `typ` of the inner signed disclosure. */
export const DISCLOSURE_TYP = 'n2k-disclosure+jwt';
/** Content encryption of deliveries (RFC 7518 §5.3). */
export const DELIVERY_ENC = 'A256GCM';

const recipientKeys = new Map<string, CryptoKey | Uint8Array>();

/** The recipient's public key, imported once per isolate (keyed by the JWK itself, so a re-key is a new entry). */
async function recipientKeyOf(jwk: JWK): Promise<CryptoKey | Uint8Array> {
  const id = JSON.stringify([jwk.kty, jwk.crv, jwk.x, jwk.y]);
  let key = recipientKeys.get(id);
  if (key === undefined) {
    if (recipientKeys.size >= 1024) recipientKeys.clear();
    key = await importJWK(jwk, 'ECDH-ES');
    recipientKeys.set(id, key);
  }
  return key;
}

/** The claims of a disclosure, besides the standard ones the gateway sets. */
export interface DisclosureClaims {
  readonly purpose: string;
  readonly grant: string;
  readonly request_hash: string;
  readonly [claim: string]: unknown;
}

/**
 * Signs `claims` as a JWT with `gateway`'s active key (verifiable with its JWKS) and encrypts it to the
 * recipient's registered key with ECDH-ES key agreement (RFC 7518 §4.6), so any standards-compliant
 * JOSE library opens it with the recipient's private key. The JWE protected header names the
 * recipient key, the grant and the purpose, so a recipient can route it before decrypting.
 *
 * @returns the compact JWE and the disclosure id (`jti`).
 */
export async function sealDelivery(
  stores: Pick<Stores, 'signingKeys'>,
  gateway: Issuer,
  now: number,
  recipient: { readonly clientId: string; readonly encryptionJwk: JWK },
  claims: DisclosureClaims,
  lifetime: number,
): Promise<{ jwe: string; jti: string }> {
  const { issuer } = identifiersOf(gateway.publicUrl);
  const { kid, key } = await activeSigningKey(stores, gateway.keys, now);
  const jti = crypto.randomUUID();
  const jws = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: GATEWAY_SIGNING_ALG, typ: DISCLOSURE_TYP, kid })
    .setIssuer(issuer)
    .setAudience(recipient.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .setJti(jti)
    .sign(key);
  const recipientKey = await recipientKeyOf(recipient.encryptionJwk);
  const jwe = await new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({
      alg: 'ECDH-ES',
      enc: DELIVERY_ENC,
      cty: 'JWT',
      ...(recipient.encryptionJwk.kid === undefined ? {} : { kid: recipient.encryptionJwk.kid }),
      grant: claims.grant,
      purpose: claims.purpose,
      sig_kid: kid,
    })
    .encrypt(recipientKey);
  return { jwe, jti };
}
