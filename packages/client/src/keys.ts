import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { SigningKeyPair } from './proofs.js';

/** A client's key material as stored by its operator: private JWKs, never sent anywhere. */
export interface ClientKeyFile {
  readonly signing: JWK;
  readonly encryption: JWK;
}

/**
 * Generates a client's long-lived keys: an Ed25519 signing key (assertions) and a P-256 ECDH key
 * that deliveries are sealed to. Returns the private JWKs (for the operator's key file) and the
 * public JWKs (for registration). `kid`s are RFC 7638 thumbprints.
 */
export async function generateClientKeys(): Promise<{ private: ClientKeyFile; public: ClientKeyFile }> {
  const sig = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const enc = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const sigPublic = await exportJWK(sig.publicKey);
  const encPublic = await exportJWK(enc.publicKey);
  const sigKid = await calculateJwkThumbprint(sigPublic);
  const encKid = await calculateJwkThumbprint(encPublic);
  return {
    private: {
      signing: { ...(await exportJWK(sig.privateKey)), kid: sigKid, alg: 'EdDSA', use: 'sig' },
      encryption: { ...(await exportJWK(enc.privateKey)), kid: encKid, alg: 'ECDH-ES', use: 'enc' },
    },
    public: {
      signing: { ...sigPublic, kid: sigKid, alg: 'EdDSA', use: 'sig' },
      encryption: { ...encPublic, kid: encKid, alg: 'ECDH-ES', use: 'enc' },
    },
  };
}

/** The public half of a private JWK (drops every private member). */
export function publicJwkOf(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, k: _k, ...pub } = jwk;
  return pub;
}

/** Imports a private signing JWK (Ed25519 or P-256) as a non-extractable key pair for jose. */
export async function signingKeyFromJwk(jwk: JWK): Promise<SigningKeyPair> {
  const alg = jwk.kty === 'EC' ? 'ES256' : 'EdDSA';
  const privateKey = (await importJWK(jwk, alg, { extractable: false })) as CryptoKey;
  return { privateKey, publicJwk: { ...publicJwkOf(jwk), alg }, alg };
}

/** A fresh, non-extractable key pair for DPoP proofs (one per session, never stored). */
export async function ephemeralDpopKey(alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<SigningKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), alg }, alg };
}
