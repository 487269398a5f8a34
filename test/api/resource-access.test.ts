/**
 * Protected resources (RFC 9449 §7, RFC 9068 §4): a request needs a gateway-signed, DPoP-bound
 * access token of the right kind plus a fresh proof by its key; revocation, suspension and the
 * window's end take effect on the very next request. Refusals are RFC 9457 problems with a stable
 * `code` and a `WWW-Authenticate: DPoP` challenge.
 */
import { clientAssertion, dpopProof, ephemeralDpopKey } from '@need2know/client';
import { base64url, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ASSERTION_TYPE, claimsOf, gatewaySigned, jwks, postForm, problemOf, proofWith, thumbprint } from './forge.js';
import { accessTokenFor, adminSession, callResource, createClient, ISSUER, partnerWithLiveGrant, requestToken, testGateway } from './harness.js';

async function setup() {
  const gateway = testGateway();
  const fixture = await partnerWithLiveGrant(gateway.clock);
  const token = await accessTokenFor(gateway, fixture.client, { type: 'record_access', purpose: fixture.purpose.id });
  return { gateway, ...fixture, token };
}

async function expectRefused(response: Response, status: 401 | 403, code: 'invalid_token' | 'invalid_dpop_proof' | 'insufficient_scope') {
  const p = await problemOf(response);
  expect({ status: p.status, code: p.code }).toEqual({ status, code });
  expect(p.type).toBe('application/problem+json');
  expect(p.body.type).toBe(`urn:need2know:problem:${code}`);
  expect(p.challenge).toMatch(new RegExp(`^DPoP error="${code}"`));
  expect(response.headers.get('cache-control')).toBe('no-store');
}

describe('a valid token and proof', () => {
  it('opens /v1/session, which shows exactly what the token allows', async () => {
    const { gateway, client, purpose, grant, token } = await setup();
    const response = await callResource(gateway, client, token, '/v1/session');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      client_id: client.id,
      agency: client.agencyId,
      purpose: purpose.id,
      grant: grant.id,
      record_types: ['health_case', 'person'],
      fields: { person: ['address', 'date_of_birth', 'name_km', 'name_latin', 'phone'] },
      token_expires_at: new Date((claimsOf(token).exp as number) * 1000).toISOString().replace('.000Z', 'Z'),
    });
  });
});

describe('the request', () => {
  it('refuses the Bearer scheme and a missing Authorization header (invalid_token)', async () => {
    const { gateway, client, token } = await setup();
    const proof = await dpopProof(client.dpopKey, 'GET', `${ISSUER}/v1/session`, token, gateway.clock.now);
    await expectRefused(await gateway.request('/v1/session', { headers: { authorization: `Bearer ${token}`, dpop: proof } }), 401, 'invalid_token');
    // No credentials at all: the challenge names the scheme without an error (RFC 6750 §3.1).
    const bare = await gateway.request('/v1/session', { headers: { dpop: proof } });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('DPoP algs="EdDSA Ed25519 ES256"');
    expect(((await bare.json()) as { code: string }).code).toBe('invalid_token');
    await expectRefused(await gateway.request('/v1/session', { headers: { authorization: `DPoP ${token} extra`, dpop: proof } }), 401, 'invalid_token');
  });

  it('refuses a missing proof (invalid_dpop_proof)', async () => {
    const { gateway, token } = await setup();
    await expectRefused(await gateway.request('/v1/session', { headers: { authorization: `DPoP ${token}` } }), 401, 'invalid_dpop_proof');
  });

  it('refuses a proof for another URL or another method', async () => {
    const { gateway, client, token } = await setup();
    for (const [htm, url] of [
      ['GET', `${ISSUER}/v1/admin/grants`],
      ['GET', 'https://evil.test/v1/session'],
      ['POST', `${ISSUER}/v1/session`],
      ['GET', `${ISSUER}/oauth/token`],
    ] as const) {
      await expectRefused(
        await callResource(gateway, client, token, '/v1/session', { proof: await dpopProof(client.dpopKey, htm, url, token, gateway.clock.now) }),
        401,
        'invalid_dpop_proof',
      );
    }
  });

  it('refuses a proof by another key than the one the token is bound to (cnf.jkt)', async () => {
    const { gateway, client, token } = await setup();
    const thief = { ...client, dpopKey: await ephemeralDpopKey() };
    await expectRefused(await callResource(gateway, thief, token, '/v1/session'), 401, 'invalid_dpop_proof');
  });

  it('refuses a proof whose ath is for another token, or has none', async () => {
    const { gateway, client, token } = await setup();
    const url = `${ISSUER}/v1/session`;
    await expectRefused(
      await callResource(gateway, client, token, '/v1/session', { proof: await dpopProof(client.dpopKey, 'GET', url, `${token}x`, gateway.clock.now) }),
      401,
      'invalid_dpop_proof',
    );
    await expectRefused(
      await callResource(gateway, client, token, '/v1/session', { proof: await dpopProof(client.dpopKey, 'GET', url, undefined, gateway.clock.now) }),
      401,
      'invalid_dpop_proof',
    );
  });

  it('refuses a replayed proof, and a stale one', async () => {
    const { gateway, client, token } = await setup();
    const proof = await dpopProof(client.dpopKey, 'GET', `${ISSUER}/v1/session`, token, gateway.clock.now);
    expect((await callResource(gateway, client, token, '/v1/session', { proof })).status).toBe(200);
    await expectRefused(await callResource(gateway, client, token, '/v1/session', { proof }), 401, 'invalid_dpop_proof');
    const stale = await proofWith(client.dpopKey, gateway.clock.now - 61, { htm: 'GET', htu: `${ISSUER}/v1/session`, accessToken: token });
    await expectRefused(await callResource(gateway, client, token, '/v1/session', { proof: stale }), 401, 'invalid_dpop_proof');
  });
});

describe('the token', () => {
  it('is refused once expired (beyond the clock tolerance)', async () => {
    const { gateway, client, token } = await setup();
    const exp = claimsOf(token).exp as number;
    gateway.clock.now = exp - 1;
    expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(200);
    gateway.clock.now = exp + 6;
    await expectRefused(await callResource(gateway, client, token, '/v1/session'), 401, 'invalid_token');
  });

  it('is refused when forged: alg none, HS256 keyed with the gateway public key, a foreign key reusing a published kid', async () => {
    const { gateway, client, token } = await setup();
    const claims = claimsOf(token);
    const { keys } = await jwks(gateway);
    const published = keys[0];
    if (published === undefined) throw new Error('no published key');
    const forged: string[] = [new UnsecuredJWT(claims).encode(), `${new UnsecuredJWT(claims).encode()}c2ln`];
    for (const secret of [
      base64url.decode(published.x as string),
      new TextEncoder().encode(JSON.stringify(published)),
      new TextEncoder().encode(published.x as string),
    ]) {
      forged.push(await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: published.kid }).sign(secret));
    }
    const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    forged.push(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: published.kid }).sign(foreign.privateKey));
    forged.push(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' }).sign(foreign.privateKey));
    for (const t of forged) await expectRefused(await callResource(gateway, client, t, '/v1/session'), 401, 'invalid_token');
  });

  it('is refused when signed by the gateway key but with the wrong aud, iss, typ or binding', async () => {
    const { gateway, client, token } = await setup();
    const claims = claimsOf(token);
    const now = gateway.clock.now;
    // Control: an unaltered copy signed the same way is accepted, so each refusal below is the defect's.
    expect((await callResource(gateway, client, await gatewaySigned({ ...claims, jti: `${claims.jti}c` }, {}, now), '/v1/session')).status).toBe(200);
    const defects: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ aud: ISSUER }, {}],
      [{ aud: 'https://other.test/v1' }, {}],
      [{ iss: 'https://evil.test' }, {}],
      [{ iss: `${ISSUER}/` }, {}],
      [{}, { typ: 'JWT' }],
      [{}, { typ: 'dpop+jwt' }],
      [{}, { typ: undefined }],
      [{ cnf: undefined }, {}],
      [{ cnf: { jkt: 42 } }, {}],
      [{ exp: undefined }, {}],
      [{ iat: now + 600, exp: now + 900 }, {}], // issued in the future: not yet valid
      [{ iat: now - 700, exp: now + 100 }, {}], // issued longer ago than any token may live
      [{ nbf: now + 600 }, {}],
    ];
    for (const [claimChange, headerChange] of defects) {
      const t = await gatewaySigned({ ...claims, ...claimChange, jti: `${claims.jti}${Math.random()}` }, headerChange, now);
      await expectRefused(await callResource(gateway, client, t, '/v1/session'), 401, 'invalid_token');
    }
  });

  it('is refused at once after the client revokes it (RFC 7009)', async () => {
    const { gateway, client, token } = await setup();
    const form = new URLSearchParams({
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await clientAssertion(client.id, client.signingKey, ISSUER, gateway.clock.now),
      token,
    });
    expect((await postForm(gateway, '/oauth/revoke', form)).status).toBe(200);
    await expectRefused(await callResource(gateway, client, token, '/v1/session'), 401, 'invalid_token');
  });
});

describe('grant, client and window state', () => {
  async function withOfficer() {
    const s = await setup();
    const officer = await createClient('privacy_officer', s.agencyId);
    return { ...s, admin: await adminSession(s.gateway, officer) };
  }

  it('suspending the grant stops the live token at once', async () => {
    const { gateway, client, token, grant, admin } = await withOfficer();
    expect((await admin('POST', `/grants/${grant.id}/suspend`, { reason: 'audit' })).status).toBe(200);
    await expectRefused(await callResource(gateway, client, token, '/v1/session'), 401, 'invalid_token');
  });

  it('suspending the client stops its live token at once', async () => {
    const { gateway, client, token, admin } = await withOfficer();
    expect((await admin('PATCH', `/clients/${client.id}`, { status: 'suspended', reason: 'key compromise' })).status).toBe(200);
    await expectRefused(await callResource(gateway, client, token, '/v1/session'), 401, 'invalid_token');
  });

  it('the end of the window stops a token that has not expired', async () => {
    const { gateway, client, token, grant, admin } = await withOfficer();
    const end = new Date((gateway.clock.now + 10) * 1000).toISOString();
    expect((await admin('POST', `/grants/${grant.id}/shorten`, { not_after: end, reason: 'outbreak over' })).status).toBe(200);
    expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(200);
    gateway.clock.advance(11);
    expect(claimsOf(token).exp as number).toBeGreaterThan(gateway.clock.now + 5);
    await expectRefused(await callResource(gateway, client, token, '/v1/session'), 401, 'invalid_token');
  });
});

describe('token kinds', () => {
  it('an ingest token or an admin token on a record route → 403 insufficient_scope', async () => {
    const { gateway, agencyId } = await setup();
    const owner = await createClient('data_owner', agencyId, { ingestTypes: ['person'] });
    const ingest = await requestToken(gateway, owner, { authorization_details: JSON.stringify([{ type: 'record_ingest', record_types: ['person'] }]) });
    const ingestToken = ((await ingest.json()) as { access_token: string }).access_token;
    await expectRefused(await callResource(gateway, owner, ingestToken, '/v1/session'), 403, 'insufficient_scope');
    const officer = await createClient('privacy_officer', agencyId);
    const adminToken = ((await (await requestToken(gateway, officer, { scope: 'admin' })).json()) as { access_token: string }).access_token;
    await expectRefused(await callResource(gateway, officer, adminToken, '/v1/session'), 403, 'insufficient_scope');
  });

  it('a gateway-signed token whose claims do not fit its client kind → 403 insufficient_scope', async () => {
    const { gateway, token, agencyId } = await setup();
    const now = gateway.clock.now;
    // A record_access token naming a data owner, and an officer token without scope admin: the token
    // service never issues these, so the middleware must not trust the claims alone.
    const owner = await createClient('data_owner', agencyId, { ingestTypes: ['person'] });
    const officer = await createClient('privacy_officer', agencyId);
    for (const [who, extra, path] of [
      [owner, {}, '/v1/session'],
      [officer, { scope: undefined }, '/v1/admin/grants'],
      [officer, { scope: 'records' }, '/v1/admin/grants'],
    ] as const) {
      const claims = {
        ...claimsOf(token),
        sub: who.id,
        client_id: who.id,
        jti: `forged-${Math.random()}`,
        cnf: { jkt: await thumbprint(who.dpopKey) },
        ...extra,
      };
      await expectRefused(await callResource(gateway, who, await gatewaySigned(claims, {}, now), path), 403, 'insufficient_scope');
    }
  });

  it('a partner or ingest token on an admin route → 403 insufficient_scope', async () => {
    const { gateway, client, token, agencyId } = await setup();
    for (const [method, path] of [
      ['GET', '/v1/admin/grants'],
      ['GET', '/v1/admin/events'],
      ['POST', '/v1/admin/signing-keys/rotate'],
    ] as const) {
      await expectRefused(await callResource(gateway, client, token, path, { method }), 403, 'insufficient_scope');
    }
    const owner = await createClient('data_owner', agencyId, { ingestTypes: ['person'] });
    const ingestToken = (
      (await (await requestToken(gateway, owner, { authorization_details: JSON.stringify([{ type: 'record_ingest', record_types: ['person'] }]) })).json()) as {
        access_token: string;
      }
    ).access_token;
    await expectRefused(await callResource(gateway, owner, ingestToken, '/v1/admin/grants'), 403, 'insufficient_scope');
  });
});
