/**
 * "Sensitive case documents go out only with leadership's approval": a case marked
 * `sensitivity: sensitive` is disclosed only under a grant that asked for sensitive cases and that two
 * leadership officers approved. Under any other grant it is answered exactly like a missing record —
 * same status and body, same storage work, counted and logged the same — by fetch, by search, and
 * behind its media.
 */
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import type { Grant } from '@need2know/policy';
import { tracedEnv } from '../bench/worker/trace-bindings.js';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { call, open, seed } from './disclosure-harness.js';
import { caseWith, mediaOwner, photo, portraitPng } from './media-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;
const RULES = { case: { case_number: 'clear', criterion: 'clear', offence: 'clear', narrative: 'clear', sensitivity: 'clear', evidence: 'clear' } };
const NARRATIVE = 'Synthetic narrative of a sensitive case';

function aCase(id: string, caseNumber: string, sensitivity: 'normal' | 'sensitive', evidence: Record<string, unknown>[] = []) {
  return { ...caseWith(id, evidence), case_number: caseNumber, sensitivity, narrative: NARRATIVE };
}

/** A justice-like partner under a grant (as given), with a sensitive and a normal case stored. */
async function setup(gateway: Gateway, grant: Partial<Grant> = {}) {
  const sensitive = uniq('c');
  const normal = uniq('c');
  const sensitiveNumber = uniq('PP-S');
  const normalNumber = uniq('PP-N');
  await seed('case', [aCase(sensitive, sensitiveNumber, 'sensitive'), aCase(normal, normalNumber, 'normal')]);
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: RULES as never });
  const g = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, grant);
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  /** One request with every storage call traced: the answer and the calls' names in order. */
  const traced = async (method: string, path: string, body?: unknown) => {
    const calls: { name: string; start: number; ms: number }[] = [];
    const env = tracedEnv(gatewayEnv, calls);
    const called = await call(
      { ...gateway, request: (p: string, init: RequestInit = {}) => gateway.app.request(`${ISSUER}${p}`, init, env) },
      client,
      token,
      method,
      path,
      body,
    );
    const problem =
      called.status === 200 ? null : ({ ...(JSON.parse(called.body) as Record<string, unknown>), instance: undefined } as Record<string, unknown>);
    return { status: called.status, problem, names: calls.map((c) => c.name), called };
  };
  const fetchCase = (id: string) => traced('GET', `/v1/records/case/${id}`);
  const searchCase = (caseNumber: string) => traced('POST', '/v1/records/case/search', { search: 'case_number', terms: { case_number: caseNumber } });
  return { sensitive, normal, sensitiveNumber, normalNumber, client, grant: g, fetchCase, searchCase };
}

async function outcomes(grantId: string) {
  await flushDisclosureIndex(storesOf(gatewayEnv));
  const { results } = await gatewayEnv.DB.prepare('SELECT action, outcome, subjects FROM disclosures WHERE grant_id = ? ORDER BY action, outcome')
    .bind(grantId)
    .all<{ action: string; outcome: string; subjects: string }>();
  return results;
}

/** Two leadership officers approve `grantId` through the admin API. */
async function leadershipApproves(gateway: Gateway, grantId: string, officers = 2) {
  const agency = await createAgency();
  for (let i = 0; i < officers; i++) {
    const lead = await adminSession(gateway, await createClient('privacy_officer', agency, { roles: ['leadership'] }));
    expect((await lead('POST', `/grants/${grantId}/leadership-approve`, { reason: 'court review of the file' })).status).toBe(200);
  }
}

describe('a sensitive case under a grant without leadership approval is answered like a missing record', () => {
  it('fetch: same 404 and body, same storage calls and rows, logged as not found', async () => {
    const gateway = testGateway();
    const s = await setup(gateway);
    // Warm the per-isolate caches so every probe sees the same state.
    expect((await s.fetchCase(s.normal)).status).toBe(200);
    const missing = await s.fetchCase(uniq('c'));
    const hidden = await s.fetchCase(s.sensitive);
    expect(missing.status).toBe(404);
    expect(hidden.status).toBe(404);
    expect(hidden.problem).toEqual(missing.problem);
    expect(hidden.names).toEqual(missing.names);
    expect(hidden.called.body).not.toContain(NARRATIVE);
    expect((await outcomes(s.grant.id)).filter((o) => o.outcome === 'not_found')).toEqual([
      { action: 'fetch', outcome: 'not_found', subjects: '[]' },
      { action: 'fetch', outcome: 'not_found', subjects: '[]' },
    ]);
  });

  it('search: the sensitive case is not found, with the same storage work as a case number that matches nothing', async () => {
    const gateway = testGateway();
    const s = await setup(gateway);
    expect((await open(gateway, s.client, (await s.searchCase(s.normalNumber)).called)).records).toHaveLength(1);
    const nothing = await s.searchCase(uniq('PP-X'));
    const hidden = await s.searchCase(s.sensitiveNumber);
    expect(hidden.status).toBe(200);
    expect((await open(gateway, s.client, hidden.called)).records).toEqual([]);
    expect(hidden.names).toEqual(nothing.names);
  });

  it('stays hidden when the grant did not ask for sensitive cases, even with two leadership approvals (for unblurred media)', async () => {
    const gateway = testGateway();
    const s = await setup(gateway, { mediaUnblurred: true });
    await leadershipApproves(gateway, s.grant.id);
    expect((await s.fetchCase(s.sensitive)).status).toBe(404);
  });

  it('stays hidden with one leadership approval, and is disclosed, by fetch and by search, after the second', async () => {
    const gateway = testGateway();
    const s = await setup(gateway, { sensitiveCases: true });
    await leadershipApproves(gateway, s.grant.id, 1);
    expect((await s.fetchCase(s.sensitive)).status).toBe(404);
    await leadershipApproves(gateway, s.grant.id, 1);
    const fetched = await open(gateway, s.client, (await s.fetchCase(s.sensitive)).called);
    expect(fetched.records?.[0]).toMatchObject({ id: s.sensitive, sensitivity: 'sensitive', narrative: NARRATIVE });
    const found = await open(gateway, s.client, (await s.searchCase(s.sensitiveNumber)).called);
    expect(found.records?.map((r) => r.id)).toEqual([s.sensitive]);
    // Under the approved grant a missing case is still 404, and costs what a sensitive one would (one read more than elsewhere).
    expect((await s.fetchCase(uniq('c'))).status).toBe(404);
  });

  it('the admin API records the ask: a grant is created with sensitive_cases and leadership may approve it', async () => {
    const gateway = testGateway();
    const agency = await createAgency();
    const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const purpose = await createPurpose([agency], { rules: RULES as never });
    const body = {
      purpose_id: purpose.id,
      agency_id: agency,
      not_before: new Date((gateway.clock.now - 60) * 1000).toISOString(),
      not_after: new Date((gateway.clock.now + 3600) * 1000).toISOString(),
      data_life_seconds: 600,
    };
    const created = await admin('POST', '/grants', { ...body, sensitive_cases: true });
    expect(created.status).toBe(201);
    const grant = (await created.json()) as { id: string; sensitive_cases: boolean };
    expect(grant.sensitive_cases).toBe(true);
    await leadershipApproves(gateway, grant.id);
    // A grant that asks leadership for nothing cannot be approved by it.
    const plain = (await (await admin('POST', '/grants', body)).json()) as { id: string; sensitive_cases: boolean };
    expect(plain.sensitive_cases).toBe(false);
    const lead = await adminSession(gateway, await createClient('privacy_officer', agency, { roles: ['leadership'] }));
    expect((await lead('POST', `/grants/${plain.id}/leadership-approve`, { reason: 'nothing to approve' })).status).toBe(409);
    // A purpose that discloses no cases cannot be asked for sensitive cases.
    const persons = await createPurpose([agency], { rules: { person: { name_latin: 'clear' } } as never });
    expect((await admin('POST', '/grants', { ...body, purpose_id: persons.id, sensitive_cases: true })).status).toBe(400);
  });
});

describe('the media of a sensitive case', () => {
  it('are answered like missing media under a grant leadership did not approve for sensitive cases', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const sensitive = uniq('c');
    const normal = uniq('c');
    const refs = { sensitive: `media/case/${sensitive}/1.png`, normal: `media/case/${normal}/1.png` };
    await owner.seed('case', [
      aCase(sensitive, uniq('PP-S'), 'sensitive', [photo(refs.sensitive)]),
      aCase(normal, uniq('PP-N'), 'normal', [photo(refs.normal)]),
    ]);
    for (const [id, ref] of [
      [sensitive, refs.sensitive],
      [normal, refs.normal],
    ] as const) {
      expect((await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: await portraitPng(), type: 'image/png' } })).status).toBe(200);
    }
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId], { rules: RULES as never });
    await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const media = (ref: string) => call(gateway, client, token, 'POST', '/v1/media', { ref });
    expect((await media(refs.normal)).status).toBe(200);
    const hidden = await media(refs.sensitive);
    const missing = await media(`media/case/${uniq('c')}/1.png`);
    expect(hidden.status).toBe(404);
    expect({ ...JSON.parse(hidden.body), instance: undefined }).toEqual({ ...JSON.parse(missing.body), instance: undefined });
  });
});
