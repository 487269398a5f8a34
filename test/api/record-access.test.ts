import { compactDecrypt, decodeProtectedHeader, importJWK, jwtVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { call, DisclosureError, gatewayJwks, open, person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

async function partner(
  gateway: ReturnType<typeof testGateway>,
  rules: Record<string, Record<string, string>>,
  overrides: Record<string, unknown> = {},
  grantOverrides: Record<string, unknown> = {},
) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: rules as never, ...overrides });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 96 * 3600 }, grantOverrides);
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  return { client, purpose, grant, token, agencyId };
}

const TRACING = { person: { name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised', address: 'generalised', national_id: 'none' } };

describe('record access: fetch', () => {
  it('returns only the granted fields, each in its mode, signed by the gateway and sealed to the partner', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id, { phone: '+85512345412', name_latin: 'Sok Chanthy' })]);
    const p = await partner(gateway, TRACING);
    const called = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    expect(called.status).toBe(200);
    expect(called.response.headers.get('content-type')).toBe('application/jose');
    const header = decodeProtectedHeader(called.body);
    expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'JWT', grant: p.grant.id, purpose: p.purpose.id });
    const d = await open(gateway, p.client, called);
    expect(d.purpose).toBe(p.purpose.id);
    expect(d.grant).toBe(p.grant.id);
    const [record] = d.records ?? [];
    expect(Object.keys(record ?? {}).sort()).toEqual(['address', 'date_of_birth', 'id', 'name_latin', 'phone']);
    expect(record?.name_latin).toBe('Sok Chanthy');
    expect(record?.phone).toBe('+855 ** *** 412');
    expect(JSON.stringify(record?.address)).not.toContain('12010101'); // no village
    expect(JSON.stringify(record)).not.toContain('1990-04-12'); // no day of birth
    expect(JSON.stringify(d)).not.toContain('national_id');
  });

  it('pseudonymises the record id when the purpose says so: stable for the agency, not the stored id', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway, { person: { id: 'pseudonym', name_latin: 'clear' } });
    const first = await open(gateway, p.client, await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`));
    const again = await open(gateway, p.client, await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`));
    expect(first.records?.[0]?.id).toMatch(/^psn_/);
    expect(first.records?.[0]?.id).toBe(again.records?.[0]?.id);
    expect(JSON.stringify(first)).not.toContain(id);
  });

  it("cannot be opened with another partner's key", async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway, TRACING);
    const other = await createClient('partner', await createAgency());
    const called = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    await expect(open(gateway, other, called)).rejects.toThrow(DisclosureError);
  });

  it('is bound to its request: the same answer presented for another request is refused', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway, TRACING);
    const first = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    const second = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    await expect(open(gateway, p.client, first, second.expectedHash)).rejects.toMatchObject({ code: 'ERR_DISCLOSURE_REQUEST_MISMATCH' });
  });

  it('opens with plain jose calls and the partner key, without the SDK', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway, TRACING);
    const called = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    const { plaintext } = await compactDecrypt(called.body, await importJWK(p.client.encryptionPrivateJwk, 'ECDH-ES'));
    const { payload, protectedHeader } = await jwtVerify(new TextDecoder().decode(plaintext), createLocalJWKSet(await gatewayJwks(gateway)), {
      issuer: ISSUER,
      audience: p.client.id,
      currentDate: new Date(gateway.clock.now * 1000),
    });
    expect(protectedHeader.typ).toBe('n2k-disclosure+jwt');
    expect(payload.request_hash).toBe(called.expectedHash);
    expect((payload.records as { id: string }[])[0]?.id).toBe(id);
  });

  it('answers a missing record and a record outside a case-specific grant identically', async () => {
    const gateway = testGateway();
    const inside = uniq('p');
    const outside = uniq('p');
    await seed('person', [person(inside), person(outside)]);
    const p = await partner(gateway, TRACING, {}, { recordIds: [inside] });
    const missing = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${uniq('p')}`);
    const hidden = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${outside}`);
    const allowed = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${inside}`);
    expect(missing.status).toBe(404);
    expect(hidden.status).toBe(404);
    const strip = (b: string) => ({ ...(JSON.parse(b) as Record<string, unknown>), instance: undefined });
    expect(strip(hidden.body)).toEqual(strip(missing.body));
    expect(allowed.status).toBe(200);
    await flushDisclosureIndex(storesOf(gatewayEnv)); // the log indexes its entries in D1 just behind the answer
    const logged = await gatewayEnv.DB.prepare('SELECT outcome, count(*) AS n FROM disclosures WHERE grant_id = ? GROUP BY outcome ORDER BY outcome')
      .bind(p.grant.id)
      .all<{ outcome: string; n: number }>();
    expect(logged.results).toEqual([
      { outcome: 'disclosed', n: 1 },
      { outcome: 'not_found', n: 2 },
    ]);
  });

  it('refuses a record type outside the grant, and never widens a purpose narrowed after the token was issued', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway, TRACING);
    expect((await call(gateway, p.client, p.token, 'GET', `/v1/records/case/${uniq('c')}`)).status).toBe(403);
    await gatewayEnv.DB.prepare('UPDATE purposes SET rules = ? WHERE id = ?')
      .bind(JSON.stringify({ person: { name_latin: 'clear' } }), p.purpose.id)
      .run();
    const d = await open(gateway, p.client, await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`));
    expect(Object.keys(d.records?.[0] ?? {}).sort()).toEqual(['id', 'name_latin']);
  });

  it('logs each disclosure with keyed subject hashes, never the record id or a value', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id, { name_latin: 'Loggable Name' })]);
    const p = await partner(gateway, TRACING);
    await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    await flushDisclosureIndex(storesOf(gatewayEnv)); // the log indexes its entries in D1 just behind the answer
    const row = await gatewayEnv.DB.prepare('SELECT * FROM disclosures WHERE grant_id = ?').bind(p.grant.id).first<Record<string, string>>();
    expect(row?.outcome).toBe('disclosed');
    expect(JSON.parse(row?.fields ?? '{}')).toMatchObject({ phone: 'masked' });
    expect(JSON.stringify(row)).not.toContain(id);
    expect(JSON.stringify(row)).not.toContain('Loggable');
    expect(JSON.parse(row?.subjects ?? '[]')).toHaveLength(1);
  });
});

describe('record access: search', () => {
  it('finds by a blind-indexed phone written any usual way, and only what the grant covers', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id, { phone: '+85597123456' })]);
    // Searched fields must be disclosed in clear (a match reveals the value): see search-disclosure-modes.test.ts.
    const p = await partner(gateway, { person: { name_latin: 'clear', phone: 'clear' } });
    const d = await open(
      gateway,
      p.client,
      await call(gateway, p.client, p.token, 'POST', '/v1/records/person/search', { search: 'phone', terms: { phone: '097 123 456' } }),
    );
    expect(d.records?.map((r) => r.id)).toEqual([id]);
    const none = await open(
      gateway,
      p.client,
      await call(gateway, p.client, p.token, 'POST', '/v1/records/person/search', { search: 'phone', terms: { phone: '097 000 000' } }),
    );
    expect(none.records).toEqual([]);
  });

  it('refuses a search over a field the purpose does not disclose', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, TRACING);
    const res = await call(gateway, p.client, p.token, 'POST', '/v1/records/person/search', { search: 'national_id', terms: { national_id: '012345678' } });
    expect(res.status).toBe(403);
  });
});

describe('record access: predicate checks', () => {
  const CHECKS = { person: { red_notice: 'predicate', blacklist: 'predicate', name_latin: 'clear' }, case: { criterion: 'predicate' } };

  it('answers red notice, blacklist-today and criterion checks yes or no, and no for unknown persons', async () => {
    const gateway = testGateway();
    const today = new Date(gateway.clock.now * 1000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const wanted = person(uniq('p'), { red_notice: true });
    const listed = person(uniq('p'), { blacklist: [{ list: 'drug_offence_officials', listed_from: `${year - 1}-01-01`, listed_until: `${year + 1}-12-31` }] });
    const formerly = person(uniq('p'), {
      blacklist: [{ list: 'drug_offence_officials', listed_from: `${year - 5}-01-01`, listed_until: `${year - 3}-12-31` }],
    });
    await seed('person', [wanted, listed, formerly]);
    await seed('case', [
      {
        id: uniq('c'),
        case_number: 'X-1',
        criterion: 2,
        offence: 'Drug dealing',
        occurred_on: '2026-01-10',
        place: { province: '12', district: '1201', commune: '120101' },
        status: 'reported',
        handling_unit: 'Unit',
        sensitivity: 'normal',
        persons: [{ person_id: wanted.id, role: 'suspect' }],
      },
    ]);
    const p = await partner(gateway, CHECKS, { actions: ['check'] });
    const ask = async (check: string, subject: unknown, criterion?: number) =>
      (
        await open(
          gateway,
          p.client,
          await call(gateway, p.client, p.token, 'POST', `/v1/checks/${check}`, { subject, ...(criterion === undefined ? {} : { criterion }) }),
        )
      ).answer;
    expect(await ask('red_notice', { national_id: wanted.national_id })).toBe(true);
    expect(await ask('red_notice', { national_id: listed.national_id })).toBe(false);
    expect(await ask('red_notice', { national_id: '999999999' })).toBe(false);
    expect(await ask('blacklist', { person_id: listed.id })).toBe(true);
    expect(await ask('blacklist', { person_id: formerly.id })).toBe(false);
    expect(await ask('criterion', { person_id: wanted.id }, 2)).toBe(true);
    expect(await ask('criterion', { person_id: wanted.id }, 1)).toBe(false);
    expect(await ask('criterion', { person_id: listed.id }, 2)).toBe(false);
  });

  it('refuses a check the purpose does not open', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, { person: { name_latin: 'clear' } }, { actions: ['check'] });
    expect((await call(gateway, p.client, p.token, 'POST', '/v1/checks/red_notice', { subject: { national_id: '012345678' } })).status).toBe(403);
  });
});

describe('record access: limits', () => {
  it('refuses requests above the per-minute limit with 429 and Retry-After', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway, TRACING, { requestsPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`)).status).toBe(200);
    const refused = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${id}`);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    gateway.clock.advance(61);
    const p2 = await accessTokenFor(gateway, p.client, { type: 'record_access', purpose: p.purpose.id });
    expect((await call(gateway, p.client, p2, 'GET', `/v1/records/person/${id}`)).status).toBe(200);
  });

  it('refuses disclosing more distinct persons per hour than the purpose allows, and logs the refusal', async () => {
    const gateway = testGateway();
    const ids = [uniq('p'), uniq('p'), uniq('p')];
    await seed(
      'person',
      ids.map((id) => person(id)),
    );
    const p = await partner(gateway, TRACING, { personsPerHour: 2 });
    expect((await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${ids[0]}`)).status).toBe(200);
    expect((await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${ids[1]}`)).status).toBe(200);
    expect((await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${ids[0]}`)).status).toBe(200); // same person again
    const third = await call(gateway, p.client, p.token, 'GET', `/v1/records/person/${ids[2]}`);
    expect(third.status).toBe(429);
    await flushDisclosureIndex(storesOf(gatewayEnv)); // the log indexes its entries in D1 just behind the answer
    const row = await gatewayEnv.DB.prepare("SELECT count(*) AS n FROM disclosures WHERE grant_id = ? AND outcome = 'rate_limited'")
      .bind(p.grant.id)
      .first<{ n: number }>();
    expect(row?.n).toBe(1);
  });
});
