/**
 * Hand-built JWTs and inspection helpers for the conformance suites: assertions, DPoP proofs and
 * access tokens with chosen defects (the attacker's view), and reads of the state a request may leave.
 */
import type { SigningKeyPair } from '@need2know/client';
import { base64url, calculateJwkThumbprint, decodeProtectedHeader, SignJWT, type JWK } from 'jose';
import { activeSigningKey } from '../../gateway/src/services/keys/token-signing.js';
import { ACCESS_TOKEN_TYP } from '../../gateway/src/services/oauth/access-token.js';
import { gatewayEnv, ISSUER, TOKEN_ENDPOINT, type TestClient, type testGateway } from './harness.js';
import { keyRingSourceOf, storesOf } from '../../gateway/src/services/stores.js';

export type Gateway = ReturnType<typeof testGateway>;

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A fresh random `jti`. */
export const newJti = () => base64url.encode(crypto.getRandomValues(new Uint8Array(16)));

/** Signs `claims` with `header` (which must name `alg`) using `key`. */
export function sign(claims: Record<string, unknown>, header: { alg: string } & Record<string, unknown>, key: CryptoKey | Uint8Array): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(key);
}

/**
 * A client assertion (RFC 7523) for `client` at `now`: valid by default; `claims` and `header`
 * override (a value of `undefined` removes the claim); `key` signs instead of the client's key.
 */
export function assertionWith(
  client: TestClient,
  now: number,
  opts: { claims?: Record<string, unknown>; header?: Record<string, unknown>; key?: CryptoKey | Uint8Array; alg?: string } = {},
): Promise<string> {
  const claims = prune({ iss: client.id, sub: client.id, aud: ISSUER, iat: now, exp: now + 60, jti: newJti(), ...opts.claims });
  const header = {
    alg: opts.alg ?? client.signingKey.alg,
    ...(client.signingKey.publicJwk.kid === undefined ? {} : { kid: client.signingKey.publicJwk.kid }),
    ...opts.header,
  };
  return sign(claims, header, opts.key ?? client.signingKey.privateKey);
}

/** A DPoP proof by `key` at `now`: for POST to the token endpoint by default, with overrides. */
export async function proofWith(
  key: SigningKeyPair,
  now: number,
  opts: {
    htm?: string;
    htu?: string;
    accessToken?: string;
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    signWith?: CryptoKey | Uint8Array;
    alg?: string;
  } = {},
): Promise<string> {
  const { kid: _kid, alg: _alg, use: _use, ...jwk } = key.publicJwk;
  const ath =
    opts.accessToken === undefined
      ? undefined
      : base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(opts.accessToken))));
  const claims = prune({ htm: opts.htm ?? 'POST', htu: opts.htu ?? TOKEN_ENDPOINT, iat: now, jti: newJti(), ath, ...opts.claims });
  return sign(claims, { alg: opts.alg ?? key.alg, typ: 'dpop+jwt', jwk, ...opts.header }, opts.signWith ?? key.privateKey);
}

/** RFC 7638 thumbprint of a DPoP key: the `cnf.jkt` a token bound to it carries. */
export const thumbprint = (key: SigningKeyPair) => calculateJwkThumbprint(key.publicJwk as JWK, 'sha256');

/** Signs an access token with the gateway's own active key (for claim checks beyond the signature). */
export async function gatewaySigned(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  const { kid, key } = await activeSigningKey(storesOf(gatewayEnv), keyRingSourceOf(gatewayEnv), now);
  return sign(prune(claims), { alg: 'EdDSA', typ: ACCESS_TOKEN_TYP, kid, ...header }, key);
}

/** Decodes a JWT's claims (no verification: the token under test came from the gateway). */
export function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  return JSON.parse(new TextDecoder().decode(base64url.decode(part))) as Record<string, unknown>;
}

export const headerOf = (jwt: string) => decodeProtectedHeader(jwt);

/** POSTs a form to an OAuth endpoint. */
export async function postForm(gateway: Gateway, path: string, form: URLSearchParams | string, headers: Record<string, string> = {}): Promise<Response> {
  return gateway.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form.toString() });
}

/** The RFC 6749 §5.2 error of a refused OAuth response, with its status. */
export async function oauthRefusal(response: Response): Promise<{ status: number; error: unknown; description: unknown; cacheControl: string | null }> {
  const body = (await response.json()) as { error?: unknown; error_description?: unknown };
  return { status: response.status, error: body.error, description: body.error_description, cacheControl: response.headers.get('cache-control') };
}

/** A problem document (RFC 9457) response, checked for its media type. */
export async function problemOf(
  response: Response,
): Promise<{ status: number; code: unknown; type: string | null; challenge: string | null; body: Record<string, unknown> }> {
  const text = await response.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  return { status: response.status, code: body.code, type: response.headers.get('content-type'), challenge: response.headers.get('www-authenticate'), body };
}

const TABLES = ['agencies', 'clients', 'purposes', 'grants', 'grant_requests', 'signing_keys', 'revoked_tokens', 'admin_events'] as const;

/** Row counts of every registry table (to prove a refused request wrote nothing). */
export async function tableCounts(): Promise<Record<string, number>> {
  const results = await gatewayEnv.DB.batch<{ n: number }>(TABLES.map((t) => gatewayEnv.DB.prepare(`SELECT count(*) AS n FROM ${t}`)));
  return Object.fromEntries(TABLES.map((t, i) => [t, results[i]?.results[0]?.n ?? -1]));
}

/** Number of spent nonces remembered in the replay guard of `scope` (e.g. `client:<id>`). */
export function spentNonces(scope: string): Promise<number> {
  return gatewayEnv.REPLAY_GUARD.get(gatewayEnv.REPLAY_GUARD.idFromName(scope)).size();
}

/** The published JWKS. */
export async function jwks(gateway: Gateway): Promise<{ keys: (JWK & { kid: string })[] }> {
  return (await (await gateway.request('/.well-known/jwks.json')).json()) as { keys: (JWK & { kid: string })[] };
}

function prune(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/**
 * Sends a request that must be refused at an OAuth endpoint, and proves it left nothing behind: the
 * registry tables and the replay guards of `scopes` are exactly as before. Returns the refusal.
 */
export async function refusedWithoutTrace(
  send: () => Promise<Response>,
  scopes: readonly string[] = [],
): Promise<{ status: number; error: unknown; description: unknown; cacheControl: string | null; contentType: string | null }> {
  const before = { tables: await tableCounts(), spent: await Promise.all(scopes.map(spentNonces)) };
  const response = await send();
  const contentType = response.headers.get('content-type');
  const refusal = await oauthRefusal(response);
  const after = { tables: await tableCounts(), spent: await Promise.all(scopes.map(spentNonces)) };
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`refused request left state behind: ${JSON.stringify({ before, after })}`);
  return { ...refusal, contentType };
}
