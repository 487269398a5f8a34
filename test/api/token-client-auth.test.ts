/**
 * Client authentication at the token endpoint: `private_key_jwt` (RFC 7523 §3) and nothing else.
 * Every defective assertion is `invalid_client` with 401 and a challenge, and leaves no state.
 */
import { clientAssertion, dpopProof } from '@need2know/client';
import { base64url, generateKeyPair, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE } from '../../gateway/src/platform/config.js';
import { ASSERTION_TYPE, assertionWith, jwks, newJti, oauthRefusal, refusedWithoutTrace, sign } from './forge.js';
import { createClient, gatewayEnv, ISSUER, partnerWithLiveGrant, requestToken, testGateway, tokenForm, TOKEN_ENDPOINT, type TestClient } from './harness.js';

beforeAll(async () => {
  await jwks(testGateway());
});

async function setup() {
  const gateway = testGateway();
  const fixture = await partnerWithLiveGrant(gateway.clock);
  const params = { authorization_details: JSON.stringify([{ type: 'record_access', purpose: fixture.purpose.id }]) };
  /** Sends a token request with `assertion` (or a form built by `edit`) and expects a traceless 401 invalid_client. */
  const expectInvalidClient = async (opts: { assertion?: string; edit?: (form: URLSearchParams) => void; as?: TestClient }) => {
    const client = opts.as ?? fixture.client;
    const form = await tokenForm(client, params, gateway.clock.now, opts.assertion);
    opts.edit?.(form);
    let challenge: string | null = null;
    const refusal = await refusedWithoutTrace(async () => {
      const response = await requestToken(gateway, client, params, { form });
      challenge = response.headers.get('www-authenticate');
      return response;
    }, [`client:${client.id}`]);
    // One generic answer whatever failed: no oracle for which clients exist or which check tripped.
    expect(refusal).toMatchObject({ status: 401, error: 'invalid_client', description: 'Client authentication failed.', cacheControl: 'no-store' });
    expect(challenge).toMatch(/error="invalid_client"/);
  };
  return { gateway, ...fixture, params, expectInvalidClient };
}

describe('client authentication', () => {
  it('accepts an assertion addressed to the issuer or to the token endpoint', async () => {
    const { gateway, client, params } = await setup();
    for (const aud of [ISSUER, TOKEN_ENDPOINT, [TOKEN_ENDPOINT, 'https://other.test']]) {
      const assertion = await assertionWith(client, gateway.clock.now, { claims: { aud } });
      expect((await requestToken(gateway, client, params, { assertion })).status).toBe(200);
    }
  });

  it('refuses a request without an assertion, or with another assertion type', async () => {
    const { expectInvalidClient } = await setup();
    await expectInvalidClient({ edit: (f) => f.delete('client_assertion') });
    await expectInvalidClient({ edit: (f) => f.delete('client_assertion_type') });
    await expectInvalidClient({ edit: (f) => f.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer') });
  });

  it('refuses a client secret, even beside a valid assertion', async () => {
    const { expectInvalidClient } = await setup();
    await expectInvalidClient({ edit: (f) => f.set('client_secret', 'hunter2') });
  });

  it('refuses an unknown client and a suspended one', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { claims: { iss: 'no-such-client', sub: 'no-such-client' } }) });
    const other = await createClient('partner', client.agencyId);
    await gatewayEnv.DB.prepare("UPDATE clients SET status = 'suspended' WHERE id = ?").bind(other.id).run();
    await expectInvalidClient({ as: other });
  });

  it('refuses an assertion addressed to anyone else, including the resource audience', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    for (const aud of ['https://evil.test', `${ISSUER}/v1`, `${ISSUER}/oauth/introspect/x`, 'https://gateway.test.evil.test', undefined]) {
      await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { claims: { aud } }) });
    }
  });

  it('refuses an expired, not-yet-valid or long-lived assertion', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    const now = gateway.clock.now;
    const cases: Record<string, unknown>[] = [
      { iat: now - 120, exp: now - 10 }, // expired beyond the clock tolerance
      { nbf: now + 60, exp: now + 120 }, // not yet valid
      { exp: now + 3600 }, // valid far too long for a one-shot credential
      { iat: undefined, exp: now + 3600 }, // the same, with no iat to measure from
      { iat: now - 600, exp: now + 30 }, // issued long ago: lifetime from iat too long
      { exp: undefined }, // never expires
    ];
    for (const claims of cases) await expectInvalidClient({ assertion: await assertionWith(client, now, { claims }) });
  });

  it('refuses alg none', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    const now = gateway.clock.now;
    const none = new UnsecuredJWT({ jti: newJti() })
      .setIssuer(client.id)
      .setSubject(client.id)
      .setAudience(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .encode();
    await expectInvalidClient({ assertion: none });
    // The same, with a non-empty signature part so it passes the shape check.
    await expectInvalidClient({ assertion: `${none}${base64url.encode('sig')}` });
  });

  it("refuses HS256 keyed with the client's own public key (algorithm confusion)", async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    const jwk = client.signingKey.publicJwk;
    const secrets = [base64url.decode(jwk.x as string), new TextEncoder().encode(jwk.x as string), new TextEncoder().encode(JSON.stringify(jwk))];
    for (const secret of secrets) {
      await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { alg: 'HS256', key: secret }) });
    }
  });

  it('refuses an assertion signed by another key, even one claiming the registered kid', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { key: privateKey }) });
    const ec = await generateKeyPair('ES256');
    await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { key: ec.privateKey, alg: 'ES256' }) });
  });

  it('refuses iss ≠ sub, and a client_id that names someone else', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    const other = await createClient('partner', client.agencyId);
    await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { claims: { sub: other.id } }) });
    await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { claims: { iss: other.id } }) });
    await expectInvalidClient({ edit: (f) => f.set('client_id', other.id) });
  });

  it('refuses other JWT types presented as assertions (at+jwt, dpop+jwt)', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT', 'dpop+jwt']) {
      await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { header: { typ } }) });
    }
  });

  it('refuses an assertion without a usable jti', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    for (const jti of [undefined, 'short', 'x'.repeat(257), 12345678, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], { length: 10 }]) {
      await expectInvalidClient({ assertion: await assertionWith(client, gateway.clock.now, { claims: { jti } }) });
    }
  });

  it('refuses a replayed assertion, with a fresh DPoP proof', async () => {
    const { gateway, client, params } = await setup();
    const assertion = await clientAssertion(client.id, client.signingKey, ISSUER, gateway.clock.now);
    expect((await requestToken(gateway, client, params, { assertion })).status).toBe(200);
    gateway.clock.advance(10);
    const proof = await dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, gateway.clock.now);
    expect(await oauthRefusal(await requestToken(gateway, client, params, { assertion, proof }))).toMatchObject({ status: 401, error: 'invalid_client' });
  });

  it('refuses a replayed assertion for as long as it verifies, clock tolerance included', async () => {
    const { gateway, client, params } = await setup();
    const exp = gateway.clock.now + 60;
    const assertion = await assertionWith(client, gateway.clock.now, { claims: { exp } });
    expect((await requestToken(gateway, client, params, { assertion })).status).toBe(200);
    for (const at of [exp - 1, exp, exp + CLOCK_TOLERANCE - 1]) {
      gateway.clock.now = at;
      const proof = await dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, at);
      expect(await oauthRefusal(await requestToken(gateway, client, params, { assertion, proof }))).toMatchObject({ status: 401, error: 'invalid_client' });
    }
  });

  it('refuses a replayed assertion at the introspection endpoint once spent at the token endpoint', async () => {
    const { gateway, client, params } = await setup();
    const assertion = await clientAssertion(client.id, client.signingKey, ISSUER, gateway.clock.now);
    const response = await requestToken(gateway, client, params, { assertion });
    const { access_token } = (await response.json()) as { access_token: string };
    const form = new URLSearchParams({ client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, token: access_token });
    const again = await gateway.request('/oauth/introspect', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(await oauthRefusal(again)).toMatchObject({ status: 401, error: 'invalid_client' });
  });

  it('refuses an ES256 assertion without kid when the client registered only an Ed25519 key', async () => {
    const { gateway, client, expectInvalidClient } = await setup();
    const now = gateway.clock.now;
    const forged = await sign(
      { iss: client.id, sub: client.id, aud: ISSUER, iat: now, exp: now + 60, jti: newJti() },
      { alg: 'ES256' },
      (await generateKeyPair('ES256')).privateKey,
    );
    await expectInvalidClient({ assertion: forged });
  });
});
