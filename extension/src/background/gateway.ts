import {
  GatewayError,
  GatewaySession,
  openDisclosure,
  sendRetryingUnavailable,
  statedReasonHeaders,
  type Disclosure,
  type SigningKeyPair,
  type StatedReason,
  type UnavailableRetry,
} from '@need2know/client';
import { requestHash, requestTarget, sha256Base64url } from '@need2know/schema';
import { base64url, compactDecrypt, decodeJwt } from 'jose';
import { GATEWAY_URL } from '../lib/config.js';
import type { OfficerKeys } from '../lib/keystore.js';

/**
 * The officer's sessions with the gateway: one per purpose and grant (tokens are purpose-bound),
 * plus one for the officer's own grant list. Tokens live in memory only; when the service worker
 * stops they are gone and new ones are asked for with the stored keys.
 */
const sessions = new Map<string, Promise<GatewaySession>>();

const pair = (p: CryptoKeyPair, jwk: OfficerKeys['signingJwk']): SigningKeyPair => ({ privateKey: p.privateKey, publicJwk: jwk, alg: 'ES256' });

export function session(keys: OfficerKeys, under: { purpose: string; grant: string } | 'officer'): Promise<GatewaySession> {
  const name = under === 'officer' ? `officer:${keys.profile.officer_id}` : `${keys.profile.officer_id}:${under.purpose}:${under.grant}`;
  let s = sessions.get(name);
  if (s === undefined) {
    s = GatewaySession.open({
      issuer: GATEWAY_URL,
      clientId: keys.profile.officer_id,
      signingKey: pair(keys.signing, keys.signingJwk),
      dpopKey: pair(keys.dpop, keys.dpopJwk),
      request: under === 'officer' ? { scope: 'officer' } : { authorizationDetails: [{ type: 'record_access', purpose: under.purpose, grant: under.grant }] },
    });
    // A refused session is not kept: the next attempt asks again (the grant may have changed).
    s.catch(() => sessions.delete(name));
    sessions.set(name, s);
  }
  return s;
}

/**
 * Runs `call` in the session for `under`; if the gateway refuses the token (expired, revoked, grant
 * changed), forgets the session and tries once more with a new token, so the officer sees the real
 * reason (e.g. the grant is no longer live) rather than a stale-token error.
 */
export async function withSession<T>(
  keys: OfficerKeys,
  under: { purpose: string; grant: string } | 'officer',
  call: (s: GatewaySession) => Promise<T>,
): Promise<T> {
  try {
    return await call(await session(keys, under));
  } catch (err) {
    if (!(err instanceof GatewayError) || err.status !== 401) throw err;
    sessions.clear();
    return call(await session(keys, under));
  }
}

/** Forgets every session (the officer re-enrolled, or a token was refused). */
export function forgetSessions(): void {
  sessions.clear();
}

/**
 * A record or photo answered 503 (the gateway not ready yet, or a proxy in front of it dropping the
 * request) is asked for again twice, after about half a second and a second (a `Retry-After` up to
 * 2 s), before the officer sees the error: a photo of a case otherwise stays an error for a moment's
 * unavailability. Asking again is a new logged view of the same data, never more data.
 */
const VIEWER_RETRY: UnavailableRetry = { attempts: 3, firstRetryMs: 500, maxRetryAfterS: 2 };

/**
 * Calls a record route and opens its sealed answer: decrypts the JWE with the officer's
 * non-extractable key, verifies the gateway's signature and that the answer is bound to this request.
 * `stated` is what the officer stated for it (a reference and a reason), sent as headers.
 */
export async function callSealed(
  keys: OfficerKeys,
  under: { purpose: string; grant: string },
  method: string,
  path: string,
  body?: unknown,
  stated?: StatedReason,
): Promise<{ disclosure: Disclosure; id: string }> {
  return withSession(keys, under, (s) => sealedCall(s, keys, method, path, body, stated));
}

async function sealedCall(
  s: GatewaySession,
  keys: OfficerKeys,
  method: string,
  path: string,
  body?: unknown,
  stated: StatedReason = {},
): Promise<{ disclosure: Disclosure; id: string }> {
  const text = body === undefined ? '' : JSON.stringify(body);
  let jti = '';
  // Each attempt has its own DPoP proof; the answer is bound to the last one's `jti`.
  const res = await sendRetryingUnavailable(
    () =>
      s.fetch(path, {
        method,
        ...(body === undefined ? {} : { body: text }),
        // The reference and reason the officer stated travel as N2K-Reference / N2K-Reason (not part of the request hash).
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...statedReasonHeaders(stated) },
        onProof: (proof) => {
          jti = String(decodeJwt(proof).jti);
        },
      }),
    VIEWER_RETRY,
  );
  if (!res.ok) throw await GatewayError.from(res);
  const expected = await requestHash({ method, target: requestTarget(new URL(path, GATEWAY_URL)), bodyHash: await sha256Base64url(text), dpopJti: jti });
  const disclosure = await openDisclosure(await res.text(), {
    decryptionKey: keys.encryption.privateKey,
    issuer: GATEWAY_URL,
    audience: keys.profile.officer_id,
    requestHash: expected,
  });
  return { disclosure, id: res.headers.get('n2k-disclosure-id') ?? String(disclosure.jti) };
}

/** Opens a compact JWE sealed to the officer (ECDH-ES) and parses its JSON. */
export async function unsealToOfficer<T>(keys: OfficerKeys, jwe: string): Promise<T> {
  const { plaintext } = await compactDecrypt(jwe, keys.encryption.privateKey);
  return JSON.parse(new TextDecoder().decode(plaintext)) as T;
}

/** Opens a payload sealed under a viewer key (`dir` + A256GCM) with the released `oct` key. */
export async function openWithViewerKey<T>(jwe: string, k: string): Promise<T> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(base64url.decode(k)), 'AES-GCM', false, ['decrypt']);
  const { plaintext } = await compactDecrypt(jwe, key);
  return JSON.parse(new TextDecoder().decode(plaintext)) as T;
}
