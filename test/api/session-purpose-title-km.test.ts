/**
 * "`GET /v1/session` returns only the English purpose title": a partner or an officer's viewer that
 * checks its token learnt the purpose's title in English only, while `GET /v1/officer/grants` already
 * gave the Khmer one. The session now carries `purpose_title_km` beside it, as the privacy officer set
 * it last (null when the purpose has none, present all the same, as in the grants list), and only
 * the token's own purpose's.
 */
import { describe, expect, it } from 'vitest';
import { accessTokenFor, callResource, createClient, createGrant, testGateway, uniq } from './harness.js';
import { json, twoOfficers, type Admin, type Gateway } from './officer-harness.js';

const TITLE_KM = 'ការតាមដានអ្នកប៉ះពាល់ក្នុងពេលផ្ទុះជំងឺ';
const OTHER_TITLE_KM = 'ការពិនិត្យសំណុំរឿងមុនការជំនុំជម្រះ';

type Session = { purpose: string; purpose_title: string; purpose_title_km?: string | null };

const BODY = {
  title: 'Contact tracing during an outbreak',
  legal_basis: 'Synthetic legal basis',
  rules: { person: { name_latin: 'clear', phone: 'clear' } },
  actions: ['fetch'],
  reason_required: false,
};

/** A purpose registered through the admin API (as a privacy officer does), with a live grant to `agencyId`. */
async function purposeFor(gateway: Gateway, admin: Admin, agencyId: string, titleKm?: string): Promise<string> {
  const id = uniq('purpose');
  const created = await admin('POST', '/purposes', { id, ...BODY, agencies: [agencyId], ...(titleKm === undefined ? {} : { title_km: titleKm }) });
  expect(created.status).toBe(201);
  await createGrant(id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 96 * 3600 });
  return id;
}

/** `GET /v1/session` for a partner of `agencyId` holding a token for `purpose`. */
async function sessionOf(gateway: Gateway, agencyId: string, purpose: string): Promise<() => Promise<Session>> {
  const partner = await createClient('partner', agencyId);
  return async () => {
    const token = await accessTokenFor(gateway, partner, { type: 'record_access', purpose });
    const res = await callResource(gateway, partner, token, '/v1/session');
    expect(res.status).toBe(200);
    return json<Session>(res);
  };
}

describe('the session’s purpose title in Khmer', () => {
  it('gives the purpose’s Khmer title beside the English one, and null (present) where the purpose has none', async () => {
    const gateway = testGateway();
    const s = await twoOfficers(gateway);
    const withKm = await purposeFor(gateway, s.a, s.agencyId, TITLE_KM);
    const without = await purposeFor(gateway, s.a, s.agencyId);
    expect(await (await sessionOf(gateway, s.agencyId, withKm))()).toMatchObject({
      purpose: withKm,
      purpose_title: BODY.title,
      purpose_title_km: TITLE_KM,
    });
    const plain = await (await sessionOf(gateway, s.agencyId, without))();
    expect(plain).toMatchObject({ purpose: without, purpose_title: BODY.title });
    // Present and null, as in the officer's grants list: the reader knows to fall back to English.
    expect(plain).toHaveProperty('purpose_title_km', null);
  });

  it('follows the privacy officer’s wording change and its clearing, for a token issued before', async () => {
    const gateway = testGateway();
    const s = await twoOfficers(gateway);
    const id = await purposeFor(gateway, s.a, s.agencyId);
    const partner = await createClient('partner', s.agencyId);
    const token = await accessTokenFor(gateway, partner, { type: 'record_access', purpose: id });
    const titleOf = async () => {
      const res = await callResource(gateway, partner, token, '/v1/session');
      expect(res.status).toBe(200);
      return (await json<Session>(res)).purpose_title_km;
    };
    expect(await titleOf()).toBeNull();
    expect((await s.a('PUT', `/purposes/${id}`, { ...BODY, agencies: [s.agencyId], title_km: TITLE_KM, reason: 'Khmer title' })).status).toBe(200);
    expect(await titleOf()).toBe(TITLE_KM);
    expect((await s.a('PUT', `/purposes/${id}`, { ...BODY, agencies: [s.agencyId], title_km: null, reason: 'cleared' })).status).toBe(200);
    expect(await titleOf()).toBeNull();
  });

  it('names only the token’s own purpose, never another purpose of the same agency', async () => {
    const gateway = testGateway();
    const s = await twoOfficers(gateway);
    const mine = await purposeFor(gateway, s.a, s.agencyId, TITLE_KM);
    await purposeFor(gateway, s.a, s.agencyId, OTHER_TITLE_KM);
    const session = await (await sessionOf(gateway, s.agencyId, mine))();
    expect(session.purpose_title_km).toBe(TITLE_KM);
    expect(JSON.stringify(session)).not.toContain(OTHER_TITLE_KM);
  });
});
