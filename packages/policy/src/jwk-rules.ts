import type { JWK } from 'jose';

const B64URL = /^[A-Za-z0-9_-]+$/;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

function isPublic(jwk: JWK): boolean {
  return !PRIVATE_MEMBERS.some((m) => m in jwk);
}

/** A public key clients may sign assertions and DPoP proofs with: Ed25519 or P-256. */
export function isPublicSigningJwk(jwk: JWK): boolean {
  if (!isPublic(jwk) || typeof jwk.x !== 'string' || !B64URL.test(jwk.x)) return false;
  if (jwk.kty === 'OKP') return jwk.crv === 'Ed25519' && jwk.x.length === 43;
  if (jwk.kty === 'EC') return jwk.crv === 'P-256' && jwk.x.length === 43 && typeof jwk.y === 'string' && jwk.y.length === 43 && B64URL.test(jwk.y);
  return false;
}

/** A public key deliveries can be sealed to with ECDH-ES: P-256 or X25519. */
export function isPublicEncryptionJwk(jwk: JWK): boolean {
  if (!isPublic(jwk) || typeof jwk.x !== 'string' || !B64URL.test(jwk.x)) return false;
  if (jwk.kty === 'OKP') return jwk.crv === 'X25519' && jwk.x.length === 43;
  if (jwk.kty === 'EC') return jwk.crv === 'P-256' && jwk.x.length === 43 && typeof jwk.y === 'string' && jwk.y.length === 43 && B64URL.test(jwk.y);
  return false;
}
