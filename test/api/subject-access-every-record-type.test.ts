/**
 * Finding: "The subject access report leaves people out". It looked only at person records, so a
 * health case disclosed about a person was missing and the report said nothing went out. The report
 * must cover every record type that names the person: their person record, the cases that name it,
 * and the health cases that hold their national ID.
 */
import { dpopProof } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, ISSUER, testGateway, uniq, type TestClient } from './harness.js';
import { person, seed } from './disclosure-harness.js';

type Gateway = ReturnType<typeof testGateway>;
type Report = { disclosures: { agency: string; record_type: string; fields: Record<string, string> }[]; withheld_for_now: number };

const nationalIdNumber = () => String(300_000_000 + Math.floor(Math.random() * 99_999_999));

function healthCase(id: string, nationalId: string): Record<string, unknown> {
  return {
    id,
    national_id: nationalId,
    name_km: 'សុខ ចាន់ធី',
    name_latin: 'Sok Chanthy',
    test_date: '2026-11-20',
    result: 'positive',
    residence: { province: '12', district: '1201', commune: '120101' },
  };
}

function crimeCase(id: string, personId: string): Record<string, unknown> {
  return {
    id,
    case_number: 'PP-2026-0077',
    criterion: 1,
    offence: 'Snatching',
    occurred_on: '2026-10-01',
    place: { province: '12', district: '1201', commune: '120101' },
    status: 'reported',
    handling_unit: 'Unit',
    sensitivity: 'normal',
    persons: [{ person_id: personId, role: 'victim' }],
  };
}

/** A partner of its own agency under a live grant of a purpose with `rules`; fetches a record of a type. */
async function partner(gateway: Gateway, rules: Record<string, Record<string, string>>) {
  const agencyId = await createAgency();
  const client: TestClient = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: rules as never });
  await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 86_400 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const fetchRecord = async (type: string, id: string) => {
    const path = `/v1/records/${type}/${id}`;
    return gateway.request(path, {
      headers: { authorization: `DPoP ${token}`, dpop: await dpopProof(client.dpopKey, 'GET', `${ISSUER}${path}`, token, gateway.clock.now) },
    });
  };
  return { agencyId, fetchRecord };
}

describe('the subject access report covers every record type that names the person', () => {
  it('lists a health case disclosed about the person, beside their person record and a case naming them', async () => {
    const gateway = testGateway();
    const nationalId = nationalIdNumber();
    const [personId, healthId, caseId] = [uniq('p'), uniq('hc'), uniq('case')];
    await seed('person', [person(personId, { national_id: nationalId })]);
    await seed('health_case', [healthCase(healthId, nationalId)]);
    await seed('case', [crimeCase(caseId, personId)]);

    const tracers = await partner(gateway, { health_case: { test_date: 'clear', result: 'clear' } });
    const police = await partner(gateway, { person: { name_latin: 'clear' }, case: { case_number: 'clear', offence: 'clear' } });
    expect((await tracers.fetchRecord('health_case', healthId)).status).toBe(200);
    expect((await police.fetchRecord('person', personId)).status).toBe(200);
    expect((await police.fetchRecord('case', caseId)).status).toBe(200);

    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const res = await officer('POST', '/reports/subject-access', { national_id: nationalId, reason: 'request by the person, letter 2026/12/0007' });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.disclosures.map((d) => `${d.agency}:${d.record_type}`).sort()).toEqual(
      [`${police.agencyId}:case`, `${police.agencyId}:person`, `${tracers.agencyId}:health_case`].sort(),
    );
    expect(report.disclosures.find((d) => d.record_type === 'health_case')?.fields).toEqual({ test_date: 'clear', result: 'clear' });
  });

  it('lists a health case of someone with no person record at all', async () => {
    const gateway = testGateway();
    const nationalId = nationalIdNumber();
    const healthId = uniq('hc');
    await seed('health_case', [healthCase(healthId, nationalId)]);
    const tracers = await partner(gateway, { health_case: { result: 'clear' } });
    expect((await tracers.fetchRecord('health_case', healthId)).status).toBe(200);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const report = (await (await officer('POST', '/reports/subject-access', { national_id: nationalId, reason: 'request by the person' })).json()) as Report;
    expect(report.disclosures).toEqual([expect.objectContaining({ agency: tracers.agencyId, record_type: 'health_case' })]);
  });

  it('does not list someone else’s health case', async () => {
    const gateway = testGateway();
    const [mine, theirs] = [nationalIdNumber(), nationalIdNumber()];
    const healthId = uniq('hc');
    await seed('health_case', [healthCase(healthId, theirs)]);
    const tracers = await partner(gateway, { health_case: { result: 'clear' } });
    expect((await tracers.fetchRecord('health_case', healthId)).status).toBe(200);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const report = (await (await officer('POST', '/reports/subject-access', { national_id: mine, reason: 'request by the person' })).json()) as Report;
    expect(report.disclosures).toEqual([]);
  });
});
