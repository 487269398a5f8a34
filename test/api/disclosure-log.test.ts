/**
 * Who saw what: the disclosure log as privacy officers search it (GET /v1/admin/disclosures). Every
 * filter narrows, pages follow one another without overlap, each row is placed in the tamper-evident
 * log; partner systems and officers of agencies are refused; and no filter takes, and no row gives,
 * a person's identity (the index holds keyed hashes only).
 */
import { dpopProof } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { person, seed } from './disclosure-harness.js';
import {
  accessTokenFor,
  adminSession,
  callResource,
  createAgency,
  createClient,
  createGrant,
  createPurpose,
  gatewayEnv,
  ISSUER,
  testGateway,
  uniq,
} from './harness.js';
import { approvedOfficer, enrol, json, officerToken, twoOfficers } from './officer-harness.js';

type Row = {
  id: string;
  at: string;
  client: string;
  agency: string;
  grant: string;
  outcome: string;
  record_type: string;
  log_index: number | null;
  persons: number;
};
type Page = { disclosures: Row[]; next: string | null };

/** A partner with a live grant over persons, and a fetch of a person record under it. */
async function partner(gateway: ReturnType<typeof testGateway>) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear' } } as never });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 90 * 86_400 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const fetchRecord = async (id: string) => {
    const path = `/v1/records/person/${id}`;
    return gateway.request(path, {
      headers: { authorization: `DPoP ${token}`, dpop: await dpopProof(client.dpopKey, 'GET', `${ISSUER}${path}`, token, gateway.clock.now) },
    });
  };
  return { agencyId, client, token, purpose, grant, fetchRecord };
}

async function world() {
  const gateway = testGateway();
  const nationalId = String(400_000_000 + Math.floor(Math.random() * 99_999_999));
  const ids = [uniq('p'), uniq('p'), uniq('p')];
  await seed('person', [
    person(ids[0] as string, { national_id: nationalId, name_latin: 'Sokunthea Phan' }),
    person(ids[1] as string),
    person(ids[2] as string),
  ]);
  const p = await partner(gateway);
  for (const id of ids) expect((await p.fetchRecord(id)).status).toBe(200);
  expect((await p.fetchRecord(uniq('missing'))).status).toBe(404);
  const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
  return { gateway, p, officer, nationalId };
}

describe('the disclosure log (who saw what)', () => {
  it('narrows by every filter, pages without overlap, and places each row in the audit log', async () => {
    const { gateway, p, officer } = await world();
    const all = await json<Page>(officer('GET', `/disclosures?agency_id=${p.agencyId}`));
    expect(all.disclosures.map((r) => r.outcome).sort()).toEqual(['disclosed', 'disclosed', 'disclosed', 'not_found']);
    expect(all.disclosures.every((r) => r.agency === p.agencyId && r.client === p.client.id && r.record_type === 'person')).toBe(true);
    expect(all.disclosures.filter((r) => r.outcome === 'disclosed').map((r) => r.persons)).toEqual([1, 1, 1]);
    expect(all.next).toBeNull();

    const only = async (query: string) => (await json<Page>(officer('GET', `/disclosures?agency_id=${p.agencyId}&${query}`))).disclosures.length;
    expect(await only('outcome=not_found')).toBe(1);
    expect(await only(`client_id=${p.client.id}`)).toBe(4);
    expect(await only(`client_id=${uniq('someone')}`)).toBe(0);
    expect(await only(`purpose_id=${p.purpose.id}`)).toBe(4);
    expect(await only(`grant_id=${p.grant.id}`)).toBe(4);
    expect(await only('record_type=case')).toBe(0);
    const earlier = new Date((gateway.clock.now - 3600) * 1000).toISOString();
    const later = new Date((gateway.clock.now + 3600) * 1000).toISOString();
    expect(await only(`from=${encodeURIComponent(earlier)}&to=${encodeURIComponent(later)}`)).toBe(4);
    expect(await only(`to=${encodeURIComponent(earlier)}`)).toBe(0);
    expect(await only(`from=${encodeURIComponent(later)}`)).toBe(0);

    const first = await json<Page>(officer('GET', `/disclosures?agency_id=${p.agencyId}&limit=3`));
    expect(first.disclosures).toHaveLength(3);
    expect(first.next).not.toBeNull();
    const second = await json<Page>(officer('GET', `/disclosures?agency_id=${p.agencyId}&limit=3&cursor=${first.next}`));
    expect(second.next).toBeNull();
    expect([...first.disclosures, ...second.disclosures].map((r) => r.id)).toEqual(all.disclosures.map((r) => r.id));

    for (const row of all.disclosures) {
      expect(row.log_index).not.toBeNull();
      const proven = await json<{ entry: { id: string; kind: string } }>(
        officer('GET', `/v1/audit/proofs/inclusion?index=${row.log_index}&size=${(row.log_index ?? 0) + 1}`),
      );
      expect(proven.entry).toMatchObject({ kind: 'disclosure', id: row.id });
    }
  });

  it('refuses callers without a token, partner systems and officers of agencies', async () => {
    const { gateway, p } = await world();
    expect((await gateway.request('/v1/admin/disclosures')).status).toBe(401);
    const asPartner = await callResource(gateway, p.client, p.token, '/v1/admin/disclosures');
    expect([401, 403]).toContain(asPartner.status);
    expect(JSON.stringify(await asPartner.json())).not.toContain('"disclosures"');

    const { a, b, agencyId } = await twoOfficers(gateway);
    const { id, code } = await approvedOfficer(a, b, agencyId);
    const { res, officer } = await enrol(gateway, code, id, agencyId);
    expect(res.status).toBe(201);
    const token = ((await (await officerToken(gateway, officer)).json()) as { access_token: string }).access_token;
    const asOfficer = await callResource(gateway, officer, token, `/v1/admin/disclosures?agency_id=${agencyId}`);
    expect([401, 403]).toContain(asOfficer.status);
    expect(JSON.stringify(await asOfficer.json())).not.toContain('"disclosures"');
    // Nor can the officer's keys get an admin token.
    await expect(adminSession(gateway, officer)).rejects.toThrow(/admin token refused/);
  });

  it('takes no person as a filter and names none in its rows', async () => {
    const { p, officer, nationalId } = await world();
    for (const query of [`national_id=${nationalId}`, 'subject=abc', 'subjects=abc', `record_id=${uniq('p')}`, 'name=Sokunthea']) {
      const res = await officer('GET', `/disclosures?agency_id=${p.agencyId}&${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()) as { code: string }).toMatchObject({ code: 'validation_failed' });
    }
    const text = await (await officer('GET', `/disclosures?agency_id=${p.agencyId}`)).text();
    const { results } = await gatewayEnv.DB.prepare('SELECT subjects FROM disclosures WHERE agency_id = ?1').bind(p.agencyId).all<{ subjects: string }>();
    const hashes = results.flatMap((r) => JSON.parse(r.subjects) as string[]);
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(text).not.toContain(hash);
    expect(text).not.toContain(nationalId);
    expect(text).not.toContain('Sokunthea');
    expect(text).not.toContain('subjects');
  });
});
