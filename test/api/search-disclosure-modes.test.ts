/**
 * "Search must not undo a field's disclosure mode": a search may use a field only where the purpose
 * discloses it in clear. Searching by a field disclosed as a pseudonym, a generalised or masked value
 * or a predicate is refused (403 `search_not_permitted`) and changes nothing — no log entry, nothing
 * counted. Misses count against the persons-per-hour limits too, as persons probed.
 */
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;

async function partner(gateway: Gateway, rules: Record<string, Record<string, string>>, personsPerHour = 200) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: rules as never, personsPerHour });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const search = (search: string, terms: Record<string, string>, type = 'person') =>
    call(gateway, client, token, 'POST', `/v1/records/${type}/search`, { search, terms });
  return { client, grant, token, search };
}

async function loggedFor(grantId: string): Promise<number> {
  await flushDisclosureIndex(storesOf(gatewayEnv));
  const row = await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM disclosures WHERE grant_id = ?').bind(grantId).first<{ n: number }>();
  return row?.n ?? 0;
}

const phone = () => `+85512${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

describe('a search may use only fields the purpose discloses in clear', () => {
  it('name + date of birth under pseudonymised names (the justice review): refused, so pseudonyms cannot be matched to people', async () => {
    const gateway = testGateway();
    const known = person(uniq('p'), { name_latin: 'Chan Sopheap', date_of_birth: '1988-02-03' });
    await seed('person', [known]);
    const p = await partner(gateway, { person: { name_latin: 'pseudonym', date_of_birth: 'generalised', sex: 'clear' } });
    const res = await p.search('name_dob', { name_latin: 'Chan Sopheap', date_of_birth: '1988-02-03' });
    expect(res.status).toBe(403);
    const problem = JSON.parse(res.body) as Record<string, unknown>;
    expect(problem).toMatchObject({ code: 'search_not_permitted', issues: [{ path: 'terms.name_latin' }, { path: 'terms.date_of_birth' }] });
    // No value is echoed back.
    expect(res.body).not.toContain('Sopheap');
    expect(await loggedFor(p.grant.id)).toBe(0);
  });

  it('name + date of birth where the birth date is only an age band (contact tracing): refused', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, { person: { name_latin: 'clear', date_of_birth: 'generalised' } });
    const res = await p.search('name_dob', { name_latin: 'Sok Chanthy', date_of_birth: '1990-04-12' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'search_not_permitted', issues: [{ path: 'terms.date_of_birth' }] });
  });

  it('masked phone, masked or predicate national id, pseudonymised case number: refused; the same fields in clear: answered', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    const number = phone();
    await seed('person', [person(id, { phone: number, national_id: '012345678' })]);
    for (const [rules, search, terms, type] of [
      [{ person: { name_latin: 'clear', phone: 'masked' } }, 'phone', { phone: number }, 'person'],
      [{ person: { name_latin: 'clear', national_id: 'masked' } }, 'national_id', { national_id: '012345678' }, 'person'],
      [{ person: { name_latin: 'clear', national_id: 'predicate' } }, 'national_id', { national_id: '012345678' }, 'person'],
      [{ case: { case_number: 'pseudonym', criterion: 'clear' } }, 'case_number', { case_number: 'PP-1' }, 'case'],
    ] as const) {
      const p = await partner(gateway, rules);
      const res = await p.search(search, terms, type);
      expect(res.status, `${search} under ${JSON.stringify(rules)}`).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'search_not_permitted' });
      expect(await loggedFor(p.grant.id)).toBe(0);
    }
    const clear = await partner(gateway, { person: { name_latin: 'clear', phone: 'clear', national_id: 'clear' } });
    expect((await open(gateway, clear.client, await clear.search('phone', { phone: number }))).records?.map((r) => r.id)).toEqual([id]);
    expect((await open(gateway, clear.client, await clear.search('national_id', { national_id: '012345678' }))).records?.map((r) => r.id)).toEqual([id]);
  });
});

describe('misses count against the persons-per-hour limit, as persons probed', () => {
  it('distinct misses use up the hourly persons; asking the same miss again costs no more', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, { person: { name_latin: 'clear', phone: 'clear' } }, 3);
    const probes = [phone(), phone(), phone()];
    for (const number of probes) expect((await p.search('phone', { phone: number })).status).toBe(200);
    // The same probe again (written another way) is the same person probed: no more cost.
    expect((await p.search('phone', { phone: probes[0]?.replace('+855', '0') ?? '' })).status).toBe(200);
    const fourth = await p.search('phone', { phone: phone() });
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.body)).toMatchObject({ code: 'rate_limited' });
  });

  it('a hit and a miss cost one person each', async () => {
    const gateway = testGateway();
    const number = phone();
    await seed('person', [person(uniq('p'), { phone: number })]);
    const p = await partner(gateway, { person: { name_latin: 'clear', phone: 'clear' } }, 2);
    expect((await p.search('phone', { phone: number })).status).toBe(200);
    expect((await p.search('phone', { phone: phone() })).status).toBe(200);
    expect((await p.search('phone', { phone: phone() })).status).toBe(429);
  });
});
