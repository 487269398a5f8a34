/**
 * Oversight reports: a person's subject access report lists every disclosure of their data with an
 * inclusion proof in a signed checkpoint, holding back covert purposes until their delay passes; the
 * agency usage report counts answers, persons, refusals and limit hits per day.
 */
import { canonicalEntryBytes, leafHash, parseCheckpoint, verifyInclusion } from '@need2know/audit';
import { dpopProof } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, ISSUER, testGateway, uniq } from './harness.js';
import { person, seed } from './disclosure-harness.js';

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function partner(gateway: ReturnType<typeof testGateway>, overrides: Record<string, unknown> = {}) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear' } } as never, ...overrides });
  await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 90 * 86_400 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const fetchRecord = async (id: string) => {
    const path = `/v1/records/person/${id}`;
    return gateway.request(path, {
      headers: { authorization: `DPoP ${token}`, dpop: await dpopProof(client.dpopKey, 'GET', `${ISSUER}${path}`, token, gateway.clock.now) },
    });
  };
  return { agencyId, purpose, fetchRecord };
}

describe('subject access report', () => {
  it('lists each disclosure with a verifiable inclusion proof, and shows covert ones only after their delay', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    const nationalId = String(300_000_000 + Math.floor(Math.random() * 99_999_999));
    await seed('person', [person(id, { national_id: nationalId })]);
    const tracers = await partner(gateway);
    const covert = await partner(gateway, { notificationDelayDays: 30 });
    expect((await tracers.fetchRecord(id)).status).toBe(200);
    expect((await tracers.fetchRecord(id)).status).toBe(200);
    expect((await covert.fetchRecord(id)).status).toBe(200);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));

    type Report = {
      checkpoint: string;
      withheld_for_now: number;
      disclosures: { agency: string; fields: Record<string, string>; log_index: number; log_entry: Record<string, unknown>; inclusion_proof: string[] }[];
    };
    const report = (await (
      await officer('POST', '/reports/subject-access', {
        national_id: nationalId.replace(/(\d{3})(?=\d)/g, '$1 '),
        reason: 'request by the person, letter 2026/11/0042',
      })
    ).json()) as Report;
    expect(report.disclosures.map((d) => d.agency)).toEqual([tracers.agencyId, tracers.agencyId]);
    expect(report.disclosures[0]?.fields).toEqual({ name_latin: 'clear' });
    expect(report.withheld_for_now).toBe(1);
    const { size, root } = parseCheckpoint(report.checkpoint);
    for (const d of report.disclosures) {
      expect(verifyInclusion(leafHash(canonicalEntryBytes(d.log_entry)), d.log_index, size, d.inclusion_proof.map(b64), root)).toBe(true);
    }

    gateway.clock.advance(31 * 86_400);
    const officerLater = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const later = (await (await officerLater('POST', '/reports/subject-access', { national_id: nationalId, reason: 'follow-up' })).json()) as Report;
    expect(later.disclosures.map((d) => d.agency).sort()).toEqual([tracers.agencyId, tracers.agencyId, covert.agencyId].sort());
    expect(later.withheld_for_now).toBe(0);
  });

  it('finds nothing for someone never disclosed, and says so the same way', async () => {
    const gateway = testGateway();
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const report = (await (await officer('POST', '/reports/subject-access', { national_id: '000000001', reason: 'request' })).json()) as {
      disclosures: unknown[];
      withheld_for_now: number;
    };
    expect(report).toMatchObject({ disclosures: [], withheld_for_now: 0 });
  });
});

describe('agency usage report', () => {
  it('counts answers, distinct persons, fields, refusals and rate-limit hits per day', async () => {
    const gateway = testGateway();
    const ids = [uniq('p'), uniq('p')];
    await seed(
      'person',
      ids.map((id) => person(id)),
    );
    const p = await partner(gateway, { requestsPerMinute: 4 });
    await p.fetchRecord(ids[0] as string);
    await p.fetchRecord(ids[0] as string);
    await p.fetchRecord(ids[1] as string);
    expect((await p.fetchRecord(uniq('missing'))).status).toBe(404); // probing counts against the limit too
    expect((await p.fetchRecord(ids[1] as string)).status).toBe(429);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const { rows } = (await (await officer('GET', `/reports/agency-usage?agency_id=${p.agencyId}&days=1`)).json()) as { rows: Record<string, unknown>[] };
    expect(rows).toEqual([
      expect.objectContaining({ agency: p.agencyId, purpose: p.purpose.id, disclosures: 3, persons: 2, fields_disclosed: 3, not_found: 1, rate_limited: 1 }),
    ]);
  });
});
