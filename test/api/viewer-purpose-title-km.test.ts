/**
 * "The viewer's purpose title is still English": the officer's viewer lists its grants from
 * `GET /v1/officer/grants`, which named each purpose by its English title only, so a viewer in
 * Khmer named the purpose in English. The list now carries the purpose's Khmer title beside it
 * (null when the purpose has none, and the viewer falls back to English), as the privacy officer
 * set it last, and only for the officer's own agency's grants.
 */
import { describe, expect, it } from 'vitest';
import { callResource, createAgency, createGrant, testGateway, uniq } from './harness.js';
import { approvedOfficer, enrol, json, officerToken, twoOfficers, type Gateway } from './officer-harness.js';

const TITLE_KM = 'ការតាមដានអ្នកប៉ះពាល់ក្នុងពេលផ្ទុះជំងឺ';

type Listed = { grants: { grant: string; purpose: string; purpose_title: string; purpose_title_km: string | null }[] };

/** A purpose registered through the admin API (as a privacy officer does), with a live grant to `agencyId`. */
async function purposeWithGrant(gateway: Gateway, admin: Awaited<ReturnType<typeof twoOfficers>>['a'], agencyId: string, titleKm?: string) {
  const id = uniq('purpose');
  const body = {
    title: 'Contact tracing during an outbreak',
    legal_basis: 'Synthetic legal basis',
    rules: { person: { name_latin: 'clear', phone: 'clear' } },
    actions: ['fetch'],
    agencies: [agencyId],
    reason_required: false,
  };
  const created = await admin('POST', '/purposes', { id, ...body, ...(titleKm === undefined ? {} : { title_km: titleKm }) });
  expect(created.status).toBe(201);
  const grant = await createGrant(id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 96 * 3600 });
  return { id, body, grant };
}

/** An officer of `agencyId`, enrolled, and a `GET /v1/officer/grants` in their name. */
async function officerOf(gateway: Gateway, s: Awaited<ReturnType<typeof twoOfficers>>, agencyId: string) {
  const { id, code } = await approvedOfficer(s.a, s.b, agencyId);
  const { officer } = await enrol(gateway, code, id, agencyId);
  return async () => {
    const token = (await json<{ access_token: string }>(officerToken(gateway, officer))).access_token;
    const res = await callResource(gateway, officer, token, '/v1/officer/grants');
    expect(res.status).toBe(200);
    return json<Listed>(res);
  };
}

describe('the viewer’s purpose title in Khmer', () => {
  it('lists each grant with its purpose’s Khmer title, null where the purpose has none', async () => {
    const gateway = testGateway();
    const s = await twoOfficers(gateway);
    const withKm = await purposeWithGrant(gateway, s.a, s.agencyId, TITLE_KM);
    const without = await purposeWithGrant(gateway, s.a, s.agencyId);
    const list = await officerOf(gateway, s, s.agencyId);
    const { grants } = await list();
    expect(grants.find((g) => g.grant === withKm.grant.id)).toMatchObject({
      purpose: withKm.id,
      purpose_title: 'Contact tracing during an outbreak',
      purpose_title_km: TITLE_KM,
    });
    const plain = grants.find((g) => g.grant === without.grant.id);
    expect(plain).toMatchObject({ purpose: without.id, purpose_title: 'Contact tracing during an outbreak' });
    // Present and null, not missing: the viewer knows to fall back to the English title.
    expect(plain).toHaveProperty('purpose_title_km', null);
  });

  it('follows the privacy officer’s wording change at once, and its clearing', async () => {
    const gateway = testGateway();
    const s = await twoOfficers(gateway);
    const p = await purposeWithGrant(gateway, s.a, s.agencyId);
    const list = await officerOf(gateway, s, s.agencyId);
    const titleOf = async () => (await list()).grants.find((g) => g.grant === p.grant.id)?.purpose_title_km;
    expect(await titleOf()).toBeNull();
    expect((await s.a('PUT', `/purposes/${p.id}`, { ...p.body, title_km: TITLE_KM, reason: 'Khmer title' })).status).toBe(200);
    expect(await titleOf()).toBe(TITLE_KM);
    expect((await s.a('PUT', `/purposes/${p.id}`, { ...p.body, title_km: null, reason: 'cleared' })).status).toBe(200);
    expect(await titleOf()).toBeNull();
  });

  it('names no purpose of another agency, in either language', async () => {
    const gateway = testGateway();
    const s = await twoOfficers(gateway);
    const other = await createAgency();
    const theirs = await purposeWithGrant(gateway, s.a, other, TITLE_KM);
    const { grants } = await (await officerOf(gateway, s, s.agencyId))();
    expect(grants.map((g) => g.purpose)).not.toContain(theirs.id);
    expect(JSON.stringify(grants)).not.toContain(TITLE_KM);
  });
});
