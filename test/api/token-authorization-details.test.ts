/**
 * What a client may ask the token endpoint for (RFC 9396 `authorization_details`, scope) and when:
 * one purpose of its own agency, inside a live grant; the right detail type for its kind; scope
 * `admin` for privacy officers only. Every refusal is a 400 with its RFC code and leaves no state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GrantStatus } from '@need2know/policy';
import { claimsOf, jwks, refusedWithoutTrace } from './forge.js';
import { createAgency, createClient, createGrant, createPurpose, partnerWithLiveGrant, requestToken, testGateway, type TestClient } from './harness.js';

beforeAll(async () => {
  await jwks(testGateway());
});

const details = (...entries: unknown[]) => ({ authorization_details: JSON.stringify(entries) });

async function setup() {
  const gateway = testGateway();
  const fixture = await partnerWithLiveGrant(gateway.clock);
  const refuse = async (params: Record<string, string>, as: TestClient = fixture.client) =>
    refusedWithoutTrace(() => requestToken(gateway, as, params), [`client:${as.id}`]);
  return { gateway, ...fixture, refuse };
}

describe('authorization_details shape', () => {
  it.each([
    ['malformed JSON', { authorization_details: '[{"type":"record_access",' }],
    ['an object, not an array', { authorization_details: '{"type":"record_access","purpose":"p"}' }],
    ['an empty array', { authorization_details: '[]' }],
    ['an unknown type', details({ type: 'record_export', purpose: 'p' })],
    ['an unknown member', details({ type: 'record_access', purpose: 'p', fields_all: true })],
  ])('%s → 400 invalid_authorization_details', async (_label, params) => {
    const { refuse } = await setup();
    expect(await refuse(params)).toMatchObject({ status: 400, error: 'invalid_authorization_details', cacheControl: 'no-store' });
  });

  it('two entries (two purposes in one token) → 400 invalid_authorization_details', async () => {
    const { refuse, purpose, agencyId } = await setup();
    const second = await createPurpose([agencyId]);
    expect(await refuse(details({ type: 'record_access', purpose: purpose.id }, { type: 'record_access', purpose: second.id }))).toMatchObject({
      status: 400,
      error: 'invalid_authorization_details',
    });
  });

  it('a partner without authorization_details → 400 invalid_request; with a scope → 400 invalid_scope', async () => {
    const { refuse, purpose } = await setup();
    expect(await refuse({})).toMatchObject({ status: 400, error: 'invalid_request' });
    expect(await refuse({ ...details({ type: 'record_access', purpose: purpose.id }), scope: 'admin' })).toMatchObject({ status: 400, error: 'invalid_scope' });
    expect(await refuse({ ...details({ type: 'record_access', purpose: purpose.id }), scope: 'records' })).toMatchObject({
      status: 400,
      error: 'invalid_scope',
    });
  });
});

describe('purposes', () => {
  it('an unknown purpose, another agency’s purpose and a retired one get the same answer', async () => {
    const { refuse, gateway, agencyId } = await setup();
    const otherAgency = await createAgency();
    const foreign = await createPurpose([otherAgency]);
    await createGrant(foreign.id, otherAgency, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 3600 });
    // Retired, although this agency still holds a live grant of it.
    const retired = await createPurpose([agencyId], { status: 'retired' });
    await createGrant(retired.id, agencyId, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 3600 });
    const answers = [];
    for (const purpose of ['no-such-purpose', foreign.id, retired.id]) {
      const r = await refuse(details({ type: 'record_access', purpose }));
      expect(r).toMatchObject({ status: 400, error: 'invalid_authorization_details' });
      answers.push(r);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('a request for nothing the purpose allows → 400 invalid_authorization_details', async () => {
    const { refuse, purpose } = await setup();
    expect(await refuse(details({ type: 'record_access', purpose: purpose.id, record_types: ['person'], fields: { person: ['national_id'] } }))).toMatchObject({
      status: 400,
      error: 'invalid_authorization_details',
    });
    expect(await refuse(details({ type: 'record_access', purpose: purpose.id, record_types: ['officer_discipline'] }))).toMatchObject({
      status: 400,
      error: 'invalid_authorization_details',
    });
    expect(
      await refuse(details({ type: 'record_access', purpose: purpose.id, record_types: ['constructor'], fields: { person: ['name_latin'] } })),
    ).toMatchObject({ status: 400, error: 'invalid_authorization_details' });
  });

  it('naming a grant of another agency → 400 invalid_grant', async () => {
    const { refuse, purpose, gateway } = await setup();
    const other = await createAgency();
    const theirs = await createGrant(purpose.id, other, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 3600 });
    expect(await refuse(details({ type: 'record_access', purpose: purpose.id, grant: theirs.id }))).toMatchObject({ status: 400, error: 'invalid_grant' });
  });
});

describe('client kinds', () => {
  it('a partner asking for record_ingest → 400 unauthorized_client', async () => {
    const { refuse } = await setup();
    expect(await refuse(details({ type: 'record_ingest', record_types: ['person'] }))).toMatchObject({ status: 400, error: 'unauthorized_client' });
  });

  it('a data owner gets ingest for its registered types only, and never record_access', async () => {
    const { gateway, refuse, purpose, agencyId } = await setup();
    const owner = await createClient('data_owner', agencyId, { ingestTypes: ['person', 'case'] });
    const ok = await requestToken(gateway, owner, details({ type: 'record_ingest', record_types: ['person'] }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { access_token: string; authorization_details: unknown };
    expect(body.authorization_details).toEqual([{ type: 'record_ingest', record_types: ['person'] }]);
    expect(claimsOf(body.access_token)).not.toHaveProperty('grant');
    expect(await refuse(details({ type: 'record_ingest', record_types: ['health_case'] }), owner)).toMatchObject({
      status: 400,
      error: 'invalid_authorization_details',
    });
    expect(await refuse(details({ type: 'record_access', purpose: purpose.id }), owner)).toMatchObject({ status: 400, error: 'unauthorized_client' });
  });

  it('a privacy officer gets an admin token for scope=admin, and nothing else', async () => {
    const { gateway, refuse, purpose, agencyId } = await setup();
    const officer = await createClient('privacy_officer', agencyId);
    const ok = await requestToken(gateway, officer, { scope: 'admin' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe('admin');
    expect(claimsOf(body.access_token)).toMatchObject({ scope: 'admin', client_id: officer.id });
    expect(claimsOf(body.access_token)).not.toHaveProperty('authorization_details');
    expect(await refuse({}, officer)).toMatchObject({ status: 400, error: 'invalid_scope' });
    expect(await refuse({ scope: 'admin records' }, officer)).toMatchObject({ status: 400, error: 'invalid_scope' });
    expect(await refuse(details({ type: 'record_access', purpose: purpose.id }), officer)).toMatchObject({
      status: 400,
      error: 'invalid_authorization_details',
    });
  });
});

describe('disclosure window', () => {
  const cases: [string, GrantStatus, number, number][] = [
    ['pending', 'pending', -60, 3600],
    ['suspended', 'suspended', -60, 3600],
    ['revoked', 'revoked', -60, 3600],
    ['expired', 'expired', -3600, -60],
    ['active but not yet started', 'active', 60, 3600],
    ['active but over (not yet marked expired)', 'active', -3600, 0],
    ['active but ending within seconds', 'active', -3600, 3],
  ];
  it.each(cases)('a %s grant → 400 invalid_grant', async (_label, status, from, to) => {
    const gateway = testGateway();
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId]);
    await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now + from, notAfter: gateway.clock.now + to }, { status });
    const refusal = await refusedWithoutTrace(
      () => requestToken(gateway, client, details({ type: 'record_access', purpose: purpose.id })),
      [`client:${client.id}`],
    );
    expect(refusal).toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('a grant becomes usable when its window opens, and stops when it ends', async () => {
    const gateway = testGateway();
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId]);
    await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now + 60, notAfter: gateway.clock.now + 600 });
    const ask = () => requestToken(gateway, client, details({ type: 'record_access', purpose: purpose.id }));
    expect((await ask()).status).toBe(400);
    gateway.clock.advance(60);
    expect((await ask()).status).toBe(200);
    gateway.clock.advance(540);
    expect((await ask()).status).toBe(400);
  });
});
