/**
 * Interoperability: an off-the-shelf, certified OAuth client (panva/oauth4webapi) — not the
 * project's SDK — discovers the gateway (RFC 8414), authenticates with private_key_jwt (RFC 7523),
 * gets a DPoP-bound token (RFC 9449) for authorization_details (RFC 9396), validates the response,
 * and calls a protected resource with a DPoP proof. Its requests are routed into the app in-process.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../../gateway/src/platform/lib/random.js';
import { insertClient } from '../../gateway/src/store/d1/clients.js';
import { claimsOf } from './forge.js';
import { createAgency, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';

/** Registers a partner whose signing key was made outside the SDK; returns its id and private key. */
async function registerPartner(agencyId: string, alg: 'ES256' | 'Ed25519' = 'ES256') {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const encryption = await exportJWK((await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true })).publicKey);
  const id = uniq('partner');
  const now = Math.floor(Date.now() / 1000);
  await insertClient(gatewayEnv.DB, {
    id,
    kind: 'partner',
    agencyId,
    name: 'Third-party tracing system',
    signingJwks: { keys: [{ ...jwk, kid, alg: alg === 'ES256' ? 'ES256' : 'EdDSA', use: 'sig' }] },
    encryptionJwk: encryption,
    ingestTypes: [],
    roles: [],
    status: 'active',
    etag: randomToken(),
    createdAt: now,
    updatedAt: now,
  }).run();
  return { id, privateKey, kid };
}

/** The library's fetch hook, as every request made here calls it (discovery, token endpoint, protected resource). */
type RouteFetch = (url: string, options: oauth.CustomFetchOptions<string, oauth.ProtectedResourceRequestBody>) => Promise<Response>;

/**
 * Routes the library's requests into the app. oauth4webapi stamps assertions and proofs with the
 * real clock, so the gateway's test clock is set to real time on each request.
 */
function realTimeRoute(gateway: ReturnType<typeof testGateway>): RouteFetch {
  return async (url, options) => {
    gateway.clock.now = Math.floor(Date.now() / 1000);
    return gateway.app.request(url, { method: options.method, headers: options.headers, body: options.body ?? null, redirect: options.redirect }, gatewayEnv);
  };
}

describe('oauth4webapi as the client', () => {
  // oauth4webapi names Ed25519 signatures `Ed25519` (RFC 9864); keys registered as `EdDSA` must still verify them.
  it.each(['ES256', 'Ed25519'] as const)('discovers, gets a DPoP-bound token for one purpose, and reads /v1/session (%s keys)', async (alg) => {
    const gateway = testGateway();
    const route = realTimeRoute(gateway);

    const agencyId = await createAgency();
    const purpose = await createPurpose([agencyId]);
    const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const partner = await registerPartner(agencyId, alg);

    const issuer = new URL(ISSUER);
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.customFetch]: route }));
    expect(as.token_endpoint).toBe(`${ISSUER}/oauth/token`);
    expect(as.dpop_signing_alg_values_supported).toContain('ES256');

    const client: oauth.Client = { client_id: partner.id };
    const clientAuth = oauth.PrivateKeyJwt({ key: partner.privateKey, kid: partner.kid });
    const dpopKeys = await generateKeyPair(alg);
    const dpop = oauth.DPoP(client, dpopKeys);
    const details = [{ type: 'record_access', purpose: purpose.id, record_types: ['person'], fields: { person: ['name_latin', 'phone', 'national_id'] } }];

    const tokenResponse = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      clientAuth,
      { authorization_details: JSON.stringify(details) },
      { DPoP: dpop, [oauth.customFetch]: route },
    );
    const token = await oauth.processClientCredentialsResponse(as, client, tokenResponse);
    expect(token.token_type).toBe('dpop');
    expect(token.expires_in).toBeLessThanOrEqual(purpose.maxTokenLifetime);
    expect(token.authorization_details).toMatchObject([
      { type: 'record_access', purpose: purpose.id, grant: grant.id, fields: { person: ['name_latin', 'phone'] } },
    ]);
    expect(claimsOf(token.access_token).cnf).toEqual({ jkt: await calculateJwkThumbprint(await exportJWK(dpopKeys.publicKey)) });

    const session = await oauth.protectedResourceRequest(token.access_token, 'GET', new URL(`${ISSUER}/v1/session`), new Headers(), null, {
      DPoP: dpop,
      [oauth.customFetch]: route,
    });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ client_id: partner.id, purpose: purpose.id, grant: grant.id, fields: { person: ['name_latin', 'phone'] } });

    // The same library sees a refusal as a standard DPoP challenge.
    const otherKeys = oauth.DPoP(client, await generateKeyPair('ES256'));
    const refused = await oauth
      .protectedResourceRequest(token.access_token, 'GET', new URL(`${ISSUER}/v1/session`), new Headers(), null, {
        DPoP: otherKeys,
        [oauth.customFetch]: route,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    expect((refused as oauth.WWWAuthenticateChallengeError).status).toBe(401);
    expect((refused as oauth.WWWAuthenticateChallengeError).cause[0]).toMatchObject({ scheme: 'dpop', parameters: { error: 'invalid_dpop_proof' } });
  });

  it('reports a refused token request as an RFC 6749 error the library understands', async () => {
    const gateway = testGateway();
    const route = realTimeRoute(gateway);
    const agencyId = await createAgency();
    const partner = await registerPartner(agencyId);
    const issuer = new URL(ISSUER);
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.customFetch]: route }));
    const client: oauth.Client = { client_id: partner.id };
    const dpop = oauth.DPoP(client, await generateKeyPair('ES256'));
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.PrivateKeyJwt({ key: partner.privateKey, kid: partner.kid }),
      { authorization_details: JSON.stringify([{ type: 'record_access', purpose: 'no-such-purpose' }]) },
      { DPoP: dpop, [oauth.customFetch]: route },
    );
    const error = await oauth.processClientCredentialsResponse(as, client, response).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect((error as oauth.ResponseBodyError).error).toBe('invalid_authorization_details');
    expect((error as oauth.ResponseBodyError).status).toBe(400);
  });
});
