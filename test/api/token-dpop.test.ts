/**
 * DPoP proofs at the token endpoint (RFC 9449 §4.3, §5): exactly one fresh, well-formed proof for
 * this request, with a public key; every defect is 400 `invalid_dpop_proof` and leaves no state.
 */
import { clientAssertion, dpopProof, ephemeralDpopKey } from '@need2know/client';
import { base64url, exportJWK, generateKeyPair, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { DPOP_MAX_AGE, DPOP_MAX_SKEW } from '../../gateway/src/platform/config.js';
import { claimsOf, jwks, newJti, oauthRefusal, postForm, proofWith, refusedWithoutTrace, thumbprint } from './forge.js';
import { ISSUER, partnerWithLiveGrant, requestToken, testGateway, tokenForm, TOKEN_ENDPOINT } from './harness.js';

beforeAll(async () => {
  await jwks(testGateway());
});

async function setup() {
  const gateway = testGateway();
  const fixture = await partnerWithLiveGrant(gateway.clock);
  const params = { authorization_details: JSON.stringify([{ type: 'record_access', purpose: fixture.purpose.id }]) };
  const scopes = [`client:${fixture.client.id}`];
  const expectInvalidProof = async (proof: string | null) => {
    const refusal = await refusedWithoutTrace(() => requestToken(gateway, fixture.client, params, { proof }), scopes);
    expect(refusal).toMatchObject({ status: 400, error: 'invalid_dpop_proof', cacheControl: 'no-store' });
  };
  return { gateway, ...fixture, params, expectInvalidProof };
}

describe('DPoP at the token endpoint', () => {
  it('binds the token to an ES256 proof key as well as an Ed25519 one', async () => {
    const { gateway, client, params } = await setup();
    const key = await ephemeralDpopKey('ES256');
    const response = await requestToken(gateway, client, params, { proof: await dpopProof(key, 'POST', TOKEN_ENDPOINT, undefined, gateway.clock.now) });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    expect(claimsOf(access_token).cnf).toEqual({ jkt: await thumbprint(key) });
  });

  it('accepts a proof at the edges of its freshness window', async () => {
    const { gateway, client, params } = await setup();
    for (const offset of [-DPOP_MAX_AGE, DPOP_MAX_SKEW]) {
      const proof = await proofWith(client.dpopKey, gateway.clock.now + offset);
      expect((await requestToken(gateway, client, params, { proof })).status).toBe(200);
    }
  });

  it('refuses a request without a proof', async () => {
    const { expectInvalidProof } = await setup();
    await expectInvalidProof(null);
  });

  it('refuses two proofs', async () => {
    const { gateway, client, params } = await setup();
    const now = gateway.clock.now;
    const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
    headers.append('dpop', await proofWith(client.dpopKey, now));
    headers.append('dpop', await proofWith(client.dpopKey, now));
    const form = await tokenForm(client, params, now);
    const refusal = await refusedWithoutTrace(
      async () => gateway.request('/oauth/token', { method: 'POST', headers, body: form.toString() }),
      [`client:${client.id}`],
    );
    expect(refusal).toMatchObject({ status: 400, error: 'invalid_dpop_proof' });
  });

  it('refuses a proof for another method or another URL', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    const now = gateway.clock.now;
    for (const htm of ['GET', 'post', 'PUT']) await expectInvalidProof(await proofWith(client.dpopKey, now, { htm }));
    for (const htu of [
      `${ISSUER}/v1/session`,
      'https://evil.test/oauth/token',
      'http://gateway.test/oauth/token',
      `${ISSUER}/oauth/token/`,
      `${ISSUER}/oauth/introspect`,
      'oauth/token',
    ]) {
      await expectInvalidProof(await proofWith(client.dpopKey, now, { htu }));
    }
    await expectInvalidProof(await proofWith(client.dpopKey, now, { claims: { htu: undefined } }));
    await expectInvalidProof(await proofWith(client.dpopKey, now, { claims: { htm: undefined } }));
  });

  it(`refuses a proof older than ${DPOP_MAX_AGE} s or more than ${DPOP_MAX_SKEW} s ahead, or without iat`, async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    const now = gateway.clock.now;
    for (const iat of [now - DPOP_MAX_AGE - 1, now - 3600, now + DPOP_MAX_SKEW + 1, now + 3600]) await expectInvalidProof(await proofWith(client.dpopKey, iat));
    await expectInvalidProof(await proofWith(client.dpopKey, now, { claims: { iat: undefined } }));
    await expectInvalidProof(await proofWith(client.dpopKey, now, { claims: { iat: String(now) } }));
  });

  it('refuses a private key in the jwk header', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const privateJwk = await exportJWK(privateKey);
    await expectInvalidProof(await proofWith(client.dpopKey, gateway.clock.now, { header: { jwk: privateJwk }, signWith: privateKey }));
  });

  it('refuses a symmetric key in the jwk header, with HS256', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    const secret = crypto.getRandomValues(new Uint8Array(32));
    await expectInvalidProof(
      await proofWith(client.dpopKey, gateway.clock.now, { alg: 'HS256', header: { jwk: { kty: 'oct', k: base64url.encode(secret) } }, signWith: secret }),
    );
  });

  it('refuses alg none', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    const { kid: _k, alg: _a, ...jwk } = client.dpopKey.publicJwk;
    const none = new UnsecuredJWT({ htm: 'POST', htu: TOKEN_ENDPOINT, jti: newJti() }).setIssuedAt(gateway.clock.now).encode();
    const [, payload] = none.split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'dpop+jwt', jwk }));
    await expectInvalidProof(`${header}.${payload}.`);
    await expectInvalidProof(`${header}.${payload}.c2ln`);
  });

  it('refuses a proof signed by a key other than the one in its header', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    const other = await ephemeralDpopKey();
    await expectInvalidProof(await proofWith(client.dpopKey, gateway.clock.now, { signWith: other.privateKey }));
  });

  it('refuses a proof with the wrong typ or without a jwk', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    for (const typ of ['JWT', 'at+jwt', undefined]) await expectInvalidProof(await proofWith(client.dpopKey, gateway.clock.now, { header: { typ } }));
    await expectInvalidProof(await proofWith(client.dpopKey, gateway.clock.now, { header: { jwk: undefined } }));
  });

  it('refuses an ath claim at the token endpoint (no token is presented there)', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    await expectInvalidProof(await proofWith(client.dpopKey, gateway.clock.now, { accessToken: 'some-token' }));
  });

  it('refuses a proof without a usable jti', async () => {
    const { gateway, client, expectInvalidProof } = await setup();
    for (const jti of [undefined, 'short', 42, 'x'.repeat(257)])
      await expectInvalidProof(await proofWith(client.dpopKey, gateway.clock.now, { claims: { jti } }));
  });

  it('refuses a replayed proof, even with a fresh assertion', async () => {
    const { gateway, client, params } = await setup();
    const proof = await dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, gateway.clock.now);
    expect((await requestToken(gateway, client, params, { proof })).status).toBe(200);
    gateway.clock.advance(5);
    const form = await tokenForm(client, params, gateway.clock.now, await clientAssertion(client.id, client.signingKey, ISSUER, gateway.clock.now));
    expect(await oauthRefusal(await postForm(gateway, '/oauth/token', form, { dpop: proof }))).toMatchObject({ status: 400, error: 'invalid_dpop_proof' });
  });
});
