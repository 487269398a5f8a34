/**
 * "Narrowing takes effect at once, as documented": every request is decided against the purpose,
 * grant and client as they are now; the token only says which purpose and grant it is for. A token
 * issued before a privacy officer removed an action or the agency from the purpose, or retired it,
 * is refused on its next request, and introspection answers from the same rule (`active: false`, or
 * only what is still allowed).
 */
import { clientAssertion } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { ASSERTION_TYPE, postForm } from './forge.js';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, gatewayEnv, ISSUER, testGateway, uniq, type TestClient } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;
const RULES = { person: { name_latin: 'clear', phone: 'clear', date_of_birth: 'generalised' } };

async function introspect(gateway: Gateway, caller: TestClient, token: string): Promise<Record<string, unknown>> {
  const form = new URLSearchParams({
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: await clientAssertion(caller.id, caller.signingKey, ISSUER, gateway.clock.now),
    token,
  });
  const response = await postForm(gateway, '/oauth/introspect', form);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** A partner with a live grant of a purpose a privacy officer (created through the admin API) can narrow, and a token issued before. */
async function setup(actions: string[] = ['fetch', 'search']) {
  const gateway = testGateway();
  const agency = await createAgency();
  const other = await createAgency();
  const partner = await createClient('partner', agency);
  const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
  const body = {
    title: 'Tracing',
    legal_basis: 'Test basis',
    rules: RULES,
    actions: ['fetch', 'search'],
    agencies: [agency, other],
    requests_per_minute: 60,
    persons_per_hour: 200,
    // Narrowing is what is tested here, not stated reasons (a purpose disclosing persons requires them by default).
    reason_required: false,
  };
  const id = uniq('purpose');
  expect((await admin('POST', '/purposes', { id, ...body })).status).toBe(201);
  await createGrant(id, agency, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, partner, { type: 'record_access', purpose: id, actions });
  const p = uniq('p');
  const phone = `+85512${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await seed('person', [person(p, { phone })]);
  const fetch = () => call(gateway, partner, token, 'GET', `/v1/records/person/${p}`);
  const search = () => call(gateway, partner, token, 'POST', '/v1/records/person/search', { search: 'phone', terms: { phone } });
  /** Narrows the purpose through the admin API (applies at once: 200). */
  const narrow = async (change: Record<string, unknown>) => {
    const res = await admin('PUT', `/purposes/${id}`, { ...body, ...change, reason: 'narrowed' });
    expect(res.status).toBe(200);
  };
  return { gateway, partner, token, id, fetch, search, narrow, other };
}

/** Disclosures logged under the purpose, by outcome. */
async function logged(purposeId: string) {
  await flushDisclosureIndex(storesOf(gatewayEnv));
  const { results } = await gatewayEnv.DB.prepare('SELECT action, outcome FROM disclosures WHERE purpose_id = ? ORDER BY action, outcome')
    .bind(purposeId)
    .all<{ action: string; outcome: string }>();
  return results;
}

describe('narrowing a purpose takes effect at once for tokens issued before', () => {
  it('removing an action: the next search under an older token is refused, fetch still works, introspection reports only fetch', async () => {
    const s = await setup();
    expect((await s.search()).status).toBe(200);
    await s.narrow({ actions: ['fetch'] });

    const refused = await s.search();
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'insufficient_scope' });
    const fetched = await s.fetch();
    expect(fetched.status).toBe(200);
    expect((await open(s.gateway, s.partner, fetched)).records).toHaveLength(1);
    const session = await call(s.gateway, s.partner, s.token, 'GET', '/v1/session');
    expect(JSON.parse(session.body)).toMatchObject({ actions: ['fetch'] });
    const answer = await introspect(s.gateway, s.partner, s.token);
    expect(answer).toMatchObject({ active: true, authorization_details: [{ type: 'record_access', purpose: s.id, actions: ['fetch'] }] });
    // The refused search disclosed nothing and is not on the log as a disclosure.
    expect(await logged(s.id)).toEqual([
      { action: 'fetch', outcome: 'disclosed' },
      { action: 'search', outcome: 'disclosed' },
    ]);
  });

  it('removing the only action a token holds: refused, and introspection says active: false', async () => {
    const s = await setup(['search']);
    expect((await s.search()).status).toBe(200);
    expect(await introspect(s.gateway, s.partner, s.token)).toMatchObject({ active: true });
    await s.narrow({ actions: ['fetch'] });
    expect((await s.search()).status).toBe(403);
    expect((await s.fetch()).status).toBe(403);
    expect(await introspect(s.gateway, s.partner, s.token)).toEqual({ active: false });
  });

  it('removing the agency: the older token fetches and searches nothing, and introspection says active: false', async () => {
    const s = await setup();
    expect((await s.fetch()).status).toBe(200);
    await s.narrow({ agencies: [s.other] });
    for (const refused of [await s.fetch(), await s.search()]) {
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'insufficient_scope' });
    }
    expect(await introspect(s.gateway, s.partner, s.token)).toEqual({ active: false });
  });

  it('retiring the purpose: refused, and introspection says active: false (as every resource route does)', async () => {
    const s = await setup();
    expect((await s.fetch()).status).toBe(200);
    await s.narrow({ status: 'retired' });
    expect((await s.fetch()).status).toBe(403);
    expect((await s.search()).status).toBe(403);
    expect(await introspect(s.gateway, s.partner, s.token)).toEqual({ active: false });
  });

  it('dropping a field or disclosing it less: the older token gets the narrower answer, and introspection says so', async () => {
    const s = await setup();
    await s.narrow({ rules: { person: { name_latin: 'clear', date_of_birth: 'generalised' } } });
    const fetched = await s.fetch();
    const [record] = (await open(s.gateway, s.partner, fetched)).records as Record<string, unknown>[];
    expect(record).not.toHaveProperty('phone');
    expect(record).toHaveProperty('name_latin');
    // Searching by the dropped field is refused (nothing of it is disclosed any more).
    expect((await s.search()).status).toBe(403);
    expect(await introspect(s.gateway, s.partner, s.token)).toMatchObject({
      active: true,
      authorization_details: [{ fields: { person: ['date_of_birth', 'name_latin'] } }],
    });
  });
});
