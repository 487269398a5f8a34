/**
 * Row scope on grants (issue 16), the other ways a record is reached: a photo named by a record
 * outside the scope is as missing as the record; a person linked by national ID to a health case
 * inside the scope ("persons who appear in health cases inside this grant's scope") is reached, one
 * whose health case lies elsewhere is not.
 */
import { describe, expect, it } from 'vitest';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';
import { caseWith, mediaOwner, mediaPartner, photo, portraitPng } from './media-harness.js';

const KANDAL = { province: '08', district: '0801', commune: '080101' };

describe('row scope: media and links', () => {
  it('a photo of a case outside the scope is answered like a missing photo', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const [inside, outside] = [uniq('c'), uniq('c')];
    const [refIn, refOut] = [`media/${uniq('in')}.png`, `media/${uniq('out')}.png`];
    await owner.seed('case', [caseWith(inside, [photo(refIn)]), { ...caseWith(outside, [photo(refOut)]), place: KANDAL }]);
    for (const [id, ref] of [
      [inside, refIn],
      [outside, refOut],
    ] as const) {
      const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: await portraitPng(), type: 'image/png' } });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const partner = await mediaPartner(gateway, {
      rules: { case: { case_number: 'clear', evidence: 'clear' } },
      grant: { rowScope: { places: ['12'], from: null, until: null, links: [] } },
    });
    expect((await partner.media(refIn)).status).toBe(200);
    const missing = await partner.media(`media/${uniq('none')}.png`);
    const hidden = await partner.media(refOut);
    expect(hidden.status).toBe(404);
    expect(JSON.parse(hidden.body)).toEqual({
      ...(JSON.parse(missing.body) as object),
      instance: (JSON.parse(hidden.body) as { instance?: unknown }).instance,
    });
  });

  it('a person is reached through a health case inside the scope, and not through one elsewhere', async () => {
    const gateway = testGateway();
    const [near, far] = [uniq('p'), uniq('p')];
    const nationalIds = { near: String(100_000_000 + Math.floor(Math.random() * 8e8)), far: String(100_000_000 + Math.floor(Math.random() * 8e8)) };
    await seed('person', [person(near, { national_id: nationalIds.near, red_notice: true }), person(far, { national_id: nationalIds.far, red_notice: true })]);
    const healthCase = (nationalId: string, residence: object) => ({
      id: uniq('h'),
      national_id: nationalId,
      name_km: 'សុខ',
      name_latin: 'Sok',
      test_date: '2026-03-10',
      result: 'positive',
      residence,
    });
    await seed('health_case', [healthCase(nationalIds.near, { province: '12', district: '1201', commune: '120101' }), healthCase(nationalIds.far, KANDAL)]);
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId], {
      rules: { person: { name_latin: 'clear', red_notice: 'predicate' } } as never,
      personsPerHour: 1000,
      requestsPerMinute: 1000,
    });
    await createGrant(
      purpose.id,
      agencyId,
      { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 },
      { rowScope: { places: ['12'], from: '2026-03-01', until: null, links: ['person_in_health_case'] } },
    );
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const check = async (nationalId: string) =>
      (await open(gateway, client, await call(gateway, client, token, 'POST', '/v1/checks/red_notice', { subject: { national_id: nationalId } }))).answer;
    expect(await check(nationalIds.near)).toBe(true);
    expect(await check(nationalIds.far)).toBe(false);
    expect((await call(gateway, client, token, 'GET', `/v1/records/person/${near}`)).status).toBe(200);
    expect((await call(gateway, client, token, 'GET', `/v1/records/person/${far}`)).status).toBe(404);
  });
});
