/**
 * The token endpoint (RFC 6749 §4.4 with RFC 7523, RFC 9449, RFC 9396, RFC 9068) and the metadata a
 * client discovers it by (RFC 8414, RFC 7517): what a valid request gets, what every malformed
 * request gets, and that a refused request spends nothing.
 */
import { clientAssertion, dpopProof } from '@need2know/client';
import { calculateJwkThumbprint, createLocalJWKSet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_OAUTH_BODY_BYTES } from '../../gateway/src/platform/config.js';
import { claimsOf, headerOf, jwks, oauthRefusal, postForm, refusedWithoutTrace, spentNonces, tableCounts, thumbprint } from './forge.js';
import { createGrant, createPurpose, ISSUER, partnerWithLiveGrant, requestToken, testGateway, tokenForm, TOKEN_ENDPOINT } from './harness.js';

const details = (d: Record<string, unknown>) => ({ authorization_details: JSON.stringify([d]) });

beforeAll(async () => {
  // The first signing key is created on first use; create it now so row counts stay still below.
  await jwks(testGateway());
});

describe('metadata (RFC 8414) and JWKS (RFC 7517)', () => {
  it('publishes the authorization server metadata for the issuer', async () => {
    const response = await testGateway().request('/.well-known/oauth-authorization-server');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const m = (await response.json()) as Record<string, unknown>;
    expect(m).toMatchObject({
      issuer: ISSUER,
      token_endpoint: TOKEN_ENDPOINT,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      introspection_endpoint: `${ISSUER}/oauth/introspect`,
      revocation_endpoint: `${ISSUER}/oauth/revoke`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      introspection_endpoint_auth_methods_supported: ['private_key_jwt'],
      revocation_endpoint_auth_methods_supported: ['private_key_jwt'],
      authorization_details_types_supported: ['record_access', 'record_ingest', 'stats_access'],
      scopes_supported: ['admin', 'officer'],
    });
    expect(Array.isArray(m.response_types_supported)).toBe(true);
    for (const key of [
      'token_endpoint_auth_signing_alg_values_supported',
      'dpop_signing_alg_values_supported',
      'introspection_endpoint_auth_signing_alg_values_supported',
    ]) {
      const algs = m[key] as string[];
      expect(algs).toContain('ES256');
      expect(algs.some((a) => a === 'none' || a.startsWith('HS'))).toBe(false);
    }
  });

  it('publishes public Ed25519 keys only, each with its RFC 7638 thumbprint as kid', async () => {
    const gateway = testGateway();
    const response = await gateway.request('/.well-known/jwks.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const { keys } = await jwks(gateway);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key).not.toHaveProperty(priv);
      expect(key.kid).toBe(await calculateJwkThumbprint({ kty: key.kty, crv: key.crv, x: key.x }));
    }
  });
});

describe('issuing a token', () => {
  it('issues a DPoP-bound, purpose-bound JWT access token (RFC 9068) for the granted subset', async () => {
    const gateway = testGateway();
    const { client, purpose, grant } = await partnerWithLiveGrant(gateway.clock);
    const response = await requestToken(gateway, client, details({ type: 'record_access', purpose: purpose.id }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number; authorization_details: unknown[] };
    expect(body.token_type).toBe('DPoP');
    expect(body).not.toHaveProperty('refresh_token');

    const header = headerOf(body.access_token);
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'EdDSA' });
    const published = await jwks(gateway);
    expect(published.keys.map((k) => k.kid)).toContain(header.kid);
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(published), {
      algorithms: ['EdDSA'],
      typ: 'at+jwt',
      issuer: ISSUER,
      audience: `${ISSUER}/v1`,
      currentDate: new Date(gateway.clock.now * 1000),
    });

    expect(payload).toMatchObject({
      sub: client.id,
      client_id: client.id,
      agency: client.agencyId,
      purpose: purpose.id,
      grant: grant.id,
      iat: gateway.clock.now,
    });
    expect(payload.cnf).toEqual({ jkt: await thumbprint(client.dpopKey) });
    expect(typeof payload.jti).toBe('string');
    const lifetime = (payload.exp as number) - (payload.iat as number);
    expect(lifetime).toBe(body.expires_in);
    expect(lifetime).toBeLessThanOrEqual(purpose.maxTokenLifetime);
    expect(lifetime).toBeGreaterThan(0);

    const expected = {
      type: 'record_access',
      purpose: purpose.id,
      grant: grant.id,
      record_types: ['health_case', 'person'],
      fields: { person: ['address', 'date_of_birth', 'name_km', 'name_latin', 'phone'], health_case: ['contacts', 'result', 'test_date'] },
      actions: ['check', 'fetch', 'search'],
      disclosure: {
        person: { address: 'generalised', date_of_birth: 'generalised', name_km: 'clear', name_latin: 'clear', phone: 'clear' },
        health_case: { contacts: 'masked', result: 'clear', test_date: 'clear' },
      },
      window_ends: grant.notAfter,
    };
    expect(body.authorization_details).toEqual([expected]);
    expect(payload.authorization_details).toEqual([expected]);
  });

  it('cuts down over-asking to what the purpose allows, never widening it', async () => {
    const gateway = testGateway();
    const { client, purpose } = await partnerWithLiveGrant(gateway.clock);
    const response = await requestToken(
      gateway,
      client,
      details({
        type: 'record_access',
        purpose: purpose.id,
        record_types: ['person', 'case'],
        fields: { person: ['name_latin', 'national_id', 'sex'], case: ['narrative'] },
        actions: ['fetch'],
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; authorization_details: unknown[] };
    expect(body.authorization_details).toMatchObject([
      { record_types: ['person'], fields: { person: ['name_latin'] }, actions: ['fetch'], disclosure: { person: { name_latin: 'clear' } } },
    ]);
    expect(JSON.stringify(claimsOf(body.access_token))).not.toMatch(/national_id|"sex"|narrative/);
  });

  it('never lets a token outlive the window: a grant ending in 90 s gives at most 90 s', async () => {
    const gateway = testGateway();
    const { client, agencyId } = await partnerWithLiveGrant(gateway.clock);
    const purpose = await createPurpose([agencyId]);
    const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 90 });
    const response = await requestToken(gateway, client, details({ type: 'record_access', purpose: purpose.id }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBeLessThanOrEqual(90);
    expect(claimsOf(body.access_token).exp).toBeLessThanOrEqual(grant.notAfter);
  });
});

describe('malformed requests (RFC 6749 §5.2)', () => {
  async function refusal(build: (form: URLSearchParams) => { body: string; headers?: Record<string, string> }) {
    const gateway = testGateway();
    const { client, purpose } = await partnerWithLiveGrant(gateway.clock);
    const form = await tokenForm(client, details({ type: 'record_access', purpose: purpose.id }), gateway.clock.now);
    const proof = await dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, gateway.clock.now);
    const { body, headers } = build(form);
    return refusedWithoutTrace(() => postForm(gateway, '/oauth/token', body, { dpop: proof, ...headers }), [`client:${client.id}`]);
  }

  it.each(['authorization_code', 'password', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer'])(
    'grant_type=%s → 400 unsupported_grant_type',
    async (grantType) => {
      const r = await refusal((form) => (form.set('grant_type', grantType), { body: form.toString() }));
      expect(r).toMatchObject({ status: 400, error: 'unsupported_grant_type', cacheControl: 'no-store' });
      expect(r.contentType).toMatch(/^application\/json/);
    },
  );

  it('no grant_type → 400 invalid_request', async () => {
    expect(await refusal((form) => (form.delete('grant_type'), { body: form.toString() }))).toMatchObject({ status: 400, error: 'invalid_request' });
  });

  it('a repeated parameter → 400 invalid_request', async () => {
    for (const name of ['grant_type', 'client_assertion', 'authorization_details']) {
      expect(await refusal((form) => ({ body: `${form.toString()}&${name}=${encodeURIComponent(form.get(name) ?? '')}` }))).toMatchObject({
        status: 400,
        error: 'invalid_request',
      });
    }
  });

  it('a JSON body, or no content type → 400 invalid_request', async () => {
    expect(await refusal((form) => ({ body: JSON.stringify(Object.fromEntries(form)), headers: { 'content-type': 'application/json' } }))).toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
    expect(await refusal((form) => ({ body: form.toString(), headers: { 'content-type': 'text/plain' } }))).toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
  });

  it(`a body over ${MAX_OAUTH_BODY_BYTES} bytes → 400 invalid_request`, async () => {
    expect(await refusal((form) => (form.set('padding', 'x'.repeat(MAX_OAUTH_BODY_BYTES)), { body: form.toString() }))).toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
  });
});

describe('no state left behind', () => {
  it('a request refused after authentication spends neither the assertion nor the proof', async () => {
    const gateway = testGateway();
    const { client, purpose, agencyId } = await partnerWithLiveGrant(gateway.clock);
    const pendingPurpose = await createPurpose([agencyId]);
    await createGrant(pendingPurpose.id, agencyId, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 3600 }, { status: 'pending' });
    const assertion = await clientAssertion(client.id, client.signingKey, ISSUER, gateway.clock.now);
    const proof = await dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, gateway.clock.now);
    const scope = `client:${client.id}`;
    const send = (params: Record<string, string>) => requestToken(gateway, client, params, { assertion, proof });

    const refusals = [
      [details({ type: 'record_access', purpose: 'no-such-purpose' }), 'invalid_authorization_details'],
      [details({ type: 'record_access', purpose: purpose.id, fields: { person: ['national_id'] }, record_types: ['person'] }), 'invalid_authorization_details'],
      [details({ type: 'record_access', purpose: pendingPurpose.id }), 'invalid_grant'],
      [details({ type: 'record_ingest', record_types: ['person'] }), 'unauthorized_client'],
      [{ ...details({ type: 'record_access', purpose: purpose.id }), scope: 'admin' }, 'invalid_scope'],
    ] as const;
    for (const [params, error] of refusals) {
      expect(await refusedWithoutTrace(() => send(params), [scope])).toMatchObject({ status: 400, error });
    }
    expect(await spentNonces(scope)).toBe(0);

    const before = await tableCounts();
    const ok = await send(details({ type: 'record_access', purpose: purpose.id }));
    expect(ok.status).toBe(200);
    expect(await spentNonces(scope)).toBe(2);
    expect(await tableCounts()).toEqual(before);
  });

  it('a replay refusal spends nothing else: the fresh half of the request stays usable', async () => {
    const gateway = testGateway();
    const { client, purpose } = await partnerWithLiveGrant(gateway.clock);
    const params = details({ type: 'record_access', purpose: purpose.id });
    const now = gateway.clock.now;
    const [a1, a2, a3] = await Promise.all([1, 2, 3].map(() => clientAssertion(client.id, client.signingKey, ISSUER, now)));
    const [p1, p2, p3] = await Promise.all([1, 2, 3].map(() => dpopProof(client.dpopKey, 'POST', TOKEN_ENDPOINT, undefined, now)));

    expect((await requestToken(gateway, client, params, { assertion: a1, proof: p1 })).status).toBe(200);
    expect(await oauthRefusal(await requestToken(gateway, client, params, { assertion: a2, proof: p1 }))).toMatchObject({
      status: 400,
      error: 'invalid_dpop_proof',
    });
    expect(await oauthRefusal(await requestToken(gateway, client, params, { assertion: a1, proof: p2 }))).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    expect((await requestToken(gateway, client, params, { assertion: a2, proof: p2 })).status).toBe(200);
    expect(await oauthRefusal(await requestToken(gateway, client, params, { assertion: a2, proof: p3 }))).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    expect((await requestToken(gateway, client, params, { assertion: a3, proof: p3 })).status).toBe(200);
  });
});
