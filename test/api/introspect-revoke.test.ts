/**
 * Token introspection (RFC 7662) and revocation (RFC 7009): authenticated callers only; a client
 * learns about and revokes only its own tokens (privacy officers: any); the answer for another
 * client's token is indistinguishable from the answer for garbage.
 */
import { clientAssertion } from '@need2know/client';
import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE } from '../../gateway/src/platform/config.js';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { ASSERTION_TYPE, assertionWith, claimsOf, oauthRefusal, postForm, thumbprint, type Gateway } from './forge.js';
import { accessTokenFor, adminSession, callResource, createClient, gatewayEnv, ISSUER, partnerWithLiveGrant, testGateway, type TestClient } from './harness.js';
import { scheduledDeps } from './scheduled.js';

/** Calls an OAuth endpoint as `caller`, authenticated with a fresh assertion (or the given one). */
async function call(gateway: Gateway, caller: TestClient, path: '/oauth/introspect' | '/oauth/revoke', params: Record<string, string>, assertion?: string) {
  const form = new URLSearchParams({
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: assertion ?? (await clientAssertion(caller.id, caller.signingKey, ISSUER, gateway.clock.now)),
    ...params,
  });
  return postForm(gateway, path, form);
}

async function introspect(gateway: Gateway, caller: TestClient, token: string): Promise<Record<string, unknown>> {
  const response = await call(gateway, caller, '/oauth/introspect', { token });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

async function setup() {
  const gateway = testGateway();
  const fixture = await partnerWithLiveGrant(gateway.clock);
  const token = await accessTokenFor(gateway, fixture.client, { type: 'record_access', purpose: fixture.purpose.id });
  const other = await partnerWithLiveGrant(gateway.clock);
  const otherToken = await accessTokenFor(gateway, other.client, { type: 'record_access', purpose: other.purpose.id });
  return { gateway, ...fixture, token, other: other.client, otherToken };
}

describe('introspection (RFC 7662)', () => {
  it('describes the caller’s own live token, with its binding and details', async () => {
    const { gateway, client, purpose, grant, token } = await setup();
    const claims = claimsOf(token);
    expect(await introspect(gateway, client, token)).toEqual({
      active: true,
      token_type: 'DPoP',
      iss: ISSUER,
      aud: `${ISSUER}/v1`,
      sub: client.id,
      client_id: client.id,
      agency: client.agencyId,
      iat: claims.iat,
      exp: claims.exp,
      jti: claims.jti,
      cnf: { jkt: await thumbprint(client.dpopKey) },
      authorization_details: claims.authorization_details,
      purpose: purpose.id,
      grant: grant.id,
    });
  });

  it('says only {active:false} for another client’s token, garbage, an empty or forged token', async () => {
    const { gateway, client, otherToken, token } = await setup();
    const forged = new UnsecuredJWT(claimsOf(token)).encode();
    const at = token.length - 10; // inside the signature, where every bit counts
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    for (const t of [otherToken, 'garbage', '', 'a.b.c', forged, tampered]) {
      expect(await introspect(gateway, client, t)).toEqual({ active: false });
    }
  });

  it('reports a revoked, a suspended-grant, a suspended-client and an expired token inactive', async () => {
    const { gateway, client, token, grant, agencyId } = await setup();
    const officer = await createClient('privacy_officer', agencyId);
    const admin = await adminSession(gateway, officer);
    const second = await accessTokenFor(gateway, client, { type: 'record_access', purpose: grant.purposeId });
    const third = await accessTokenFor(gateway, client, { type: 'record_access', purpose: grant.purposeId });

    expect((await call(gateway, client, '/oauth/revoke', { token })).status).toBe(200);
    expect(await introspect(gateway, client, token)).toEqual({ active: false });
    expect(await introspect(gateway, client, second)).toMatchObject({ active: true });

    expect((await admin('POST', `/grants/${grant.id}/suspend`, { reason: 'review' })).status).toBe(200);
    expect(await introspect(gateway, client, second)).toEqual({ active: false });

    const otherFixture = await partnerWithLiveGrant(gateway.clock);
    const live = await accessTokenFor(gateway, otherFixture.client, { type: 'record_access', purpose: otherFixture.purpose.id });
    await gatewayEnv.DB.prepare("UPDATE clients SET status = 'suspended' WHERE id = ?").bind(otherFixture.client.id).run();
    expect(await introspect(gateway, officer, live)).toEqual({ active: false });

    gateway.clock.advance((claimsOf(third).exp as number) - gateway.clock.now + 6);
    expect(await introspect(gateway, officer, third)).toEqual({ active: false });
  });

  it('lets a privacy officer introspect any client’s token', async () => {
    const { gateway, token, client, agencyId } = await setup();
    const officer = await createClient('privacy_officer', agencyId);
    expect(await introspect(gateway, officer, token)).toMatchObject({ active: true, client_id: client.id });
  });

  it('requires client authentication, addressed to the issuer or this endpoint, used once', async () => {
    const { gateway, client, token } = await setup();
    expect(await oauthRefusal(await postForm(gateway, '/oauth/introspect', new URLSearchParams({ token })))).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    const toIntrospect = await assertionWith(client, gateway.clock.now, { claims: { aud: `${ISSUER}/oauth/introspect` } });
    expect((await call(gateway, client, '/oauth/introspect', { token }, toIntrospect)).status).toBe(200);
    expect(await oauthRefusal(await call(gateway, client, '/oauth/introspect', { token }, toIntrospect))).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    const toRevoke = await assertionWith(client, gateway.clock.now, { claims: { aud: `${ISSUER}/oauth/revoke` } });
    expect(await oauthRefusal(await call(gateway, client, '/oauth/introspect', { token }, toRevoke))).toMatchObject({ status: 401, error: 'invalid_client' });
  });

  it('refuses a request without a token parameter', async () => {
    const { gateway, client } = await setup();
    expect(await oauthRefusal(await call(gateway, client, '/oauth/introspect', {}))).toMatchObject({ status: 400, error: 'invalid_request' });
  });
});

describe('revocation (RFC 7009)', () => {
  it('revokes the caller’s own token at once, and again harmlessly', async () => {
    const { gateway, client, token } = await setup();
    const hints: Record<string, string>[] = [{ token_type_hint: 'access_token' }, {}];
    for (const hint of hints) {
      const response = await call(gateway, client, '/oauth/revoke', { token, ...hint });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(401);
    const row = await gatewayEnv.DB.prepare('SELECT client_id, expires_at FROM revoked_tokens WHERE jti = ?').bind(claimsOf(token).jti).first();
    expect(row).toEqual({ client_id: client.id, expires_at: claimsOf(token).exp });
  });

  it('keeps a revoked token refused for as long as it would verify, even after housekeeping purges', async () => {
    const { gateway, client, token } = await setup();
    expect((await call(gateway, client, '/oauth/revoke', { token })).status).toBe(200);
    const exp = claimsOf(token).exp as number;
    for (const at of [exp - 1, exp + 1, exp + CLOCK_TOLERANCE - 1]) {
      gateway.clock.now = at;
      await runHousekeeping(...scheduledDeps(), at);
      expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(401);
    }
  });

  it('answers 200 for garbage and for another client’s token, revoking nothing', async () => {
    const { gateway, client, other, otherToken } = await setup();
    const before = await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM revoked_tokens').first<{ n: number }>();
    for (const t of ['garbage', '', otherToken]) expect((await call(gateway, client, '/oauth/revoke', { token: t })).status).toBe(200);
    expect(await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM revoked_tokens').first<{ n: number }>()).toEqual(before);
    expect((await callResource(gateway, other, otherToken, '/v1/session')).status).toBe(200);
    expect(await introspect(gateway, other, otherToken)).toMatchObject({ active: true });
  });

  it('lets a privacy officer revoke any client’s token', async () => {
    const { gateway, client, token, agencyId } = await setup();
    const officer = await createClient('privacy_officer', agencyId);
    expect((await call(gateway, officer, '/oauth/revoke', { token })).status).toBe(200);
    expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(401);
  });

  it('requires client authentication and a token parameter', async () => {
    const { gateway, client, token } = await setup();
    expect(await oauthRefusal(await postForm(gateway, '/oauth/revoke', new URLSearchParams({ token })))).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    expect(await oauthRefusal(await call(gateway, client, '/oauth/revoke', {}))).toMatchObject({ status: 400, error: 'invalid_request' });
    expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(200);
  });
});
