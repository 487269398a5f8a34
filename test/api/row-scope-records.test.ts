/**
 * Row scope on grants (issue 16): a record outside the grant's places, dates or links is answered
 * exactly like a missing one — same status, body and code, same storage work, logged and counted
 * against the limits the same — searches never return it, and a check answers as for an unknown
 * person. Persons are reached through links ("victims in cases inside this scope").
 */
import type { Grant, RowScope } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { tracedEnv } from '../bench/worker/trace-bindings.js';
import { call, open, person, seed } from './disclosure-harness.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { caseWith } from './media-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;
const RULES = {
  case: { case_number: 'clear', criterion: 'clear', occurred_on: 'clear', place: 'clear' },
  person: { name_latin: 'clear', red_notice: 'predicate' },
};
const PHNOM_PENH = { province: '12', district: '1201', commune: '120101' };
const KANDAL = { province: '08', district: '0801', commune: '080101' };
/** Phnom Penh, offences since 1 March 2026, and the persons who are victims in those cases. */
const SCOPE: RowScope = { places: ['12'], from: '2026-03-01', until: null, links: ['victim_in_case'] };

function aCase(id: string, place: object, occurredOn: string, persons: { person_id: string; role: string }[] = []) {
  return { ...caseWith(id, [], persons), id, case_number: uniq('PP'), place, occurred_on: occurredOn };
}

async function scene(gateway: Gateway, grant: Partial<Grant> = { rowScope: SCOPE }, limits: { requestsPerMinute?: number } = {}) {
  const [victimIn, victimOut] = [uniq('p'), uniq('p')];
  const cases = {
    inside: aCase(uniq('c'), PHNOM_PENH, '2026-03-10', [{ person_id: victimIn, role: 'victim' }]),
    elsewhere: aCase(uniq('c'), KANDAL, '2026-03-10', [{ person_id: victimOut, role: 'victim' }]),
    before: aCase(uniq('c'), PHNOM_PENH, '2026-02-20'),
  };
  await seed('person', [person(victimIn, { red_notice: true }), person(victimOut, { red_notice: true })]);
  await seed('case', Object.values(cases));
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], {
    rules: RULES as never,
    requestsPerMinute: limits.requestsPerMinute ?? 1000,
    personsPerHour: 1000,
    officerRequestsPerMinute: 1000,
    officerPersonsPerHour: 1000,
  });
  const g = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, grant);
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
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
    return { status: called.status, problem, names: calls.map((c) => c.name.replace(/ rows=\d+$/, '')), called };
  };
  return { cases, victimIn, victimOut, client, grant: g, traced };
}

describe('row scope: a record outside is answered like a missing one', () => {
  it('fetch: same 404, body and code, same storage statements, logged as not found', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    expect((await s.traced('GET', `/v1/records/case/${s.cases.inside.id}`)).status).toBe(200); // warm the caches
    const missing = await s.traced('GET', `/v1/records/case/${uniq('c')}`);
    for (const outside of [s.cases.elsewhere, s.cases.before]) {
      const answered = await s.traced('GET', `/v1/records/case/${outside.id}`);
      expect(answered.status).toBe(404);
      expect(answered.problem).toEqual(missing.problem);
      expect(answered.problem?.code).toBe('not_found');
      expect(answered.names).toEqual(missing.names);
    }
    await flushDisclosureIndex(storesOf(gatewayEnv));
    const { results } = await gatewayEnv.DB.prepare("SELECT outcome FROM disclosures WHERE grant_id = ? AND action = 'fetch' ORDER BY outcome")
      .bind(s.grant.id)
      .all<{ outcome: string }>();
    expect(results.map((r) => r.outcome).filter((o) => o === 'not_found')).toHaveLength(3);
  });

  it('fetch: records outside count against the limits like missing ones', async () => {
    const gateway = testGateway();
    const s = await scene(gateway, { rowScope: SCOPE }, { requestsPerMinute: 3 });
    for (const outside of [s.cases.elsewhere, s.cases.before, s.cases.elsewhere])
      expect((await s.traced('GET', `/v1/records/case/${outside.id}`)).status).toBe(404);
    const next = await s.traced('GET', `/v1/records/case/${s.cases.inside.id}`);
    expect(next.status).toBe(429);
    expect(next.problem?.code).toBe('rate_limited');
  });

  it('search never returns a record outside, and costs what no match costs', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const search = (caseNumber: string) => s.traced('POST', '/v1/records/case/search', { search: 'case_number', terms: { case_number: caseNumber } });
    const inside = await search(String(s.cases.inside.case_number));
    expect(((await open(gateway, s.client, inside.called)).records as unknown[]).length).toBe(1);
    const none = await search(uniq('PP'));
    for (const outside of [s.cases.elsewhere, s.cases.before]) {
      const found = await search(String(outside.case_number));
      expect((await open(gateway, s.client, found.called)).records).toEqual([]);
      expect(found.names).toEqual(none.names);
    }
  });

  it('a person is reached only through a named link; a check on anyone else answers as for an unknown person', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const check = async (personId: string) =>
      (await open(gateway, s.client, (await s.traced('POST', '/v1/checks/red_notice', { subject: { person_id: personId } })).called)).answer;
    expect(await check(s.victimIn)).toBe(true);
    expect(await check(s.victimOut)).toBe(false);
    const known = await s.traced('GET', `/v1/records/person/${s.victimOut}`);
    const unknown = await s.traced('GET', `/v1/records/person/${uniq('p')}`);
    expect(known.status).toBe(404);
    expect(known.problem).toEqual(unknown.problem);
    expect(known.names).toEqual(unknown.names);
    expect((await s.traced('GET', `/v1/records/person/${s.victimIn}`)).status).toBe(200);
  });

  it('a criterion check counts only the cases inside the scope', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    await seed('case', [{ ...aCase(uniq('c'), KANDAL, '2026-03-10', [{ person_id: s.victimIn, role: 'victim' }]), criterion: 1 }]);
    const criterion = async (n: number) =>
      (await open(gateway, s.client, (await s.traced('POST', '/v1/checks/criterion', { subject: { person_id: s.victimIn }, criterion: n })).called)).answer;
    expect(await criterion(3)).toBe(true);
    expect(await criterion(1)).toBe(false);
  });

  it("a purpose narrowed below its grant's scope narrows what the grant discloses at once", async () => {
    const gateway = testGateway();
    const s = await scene(gateway, { rowScope: { places: ['12', '08'], from: null, until: null, links: [] } });
    expect((await s.traced('GET', `/v1/records/case/${s.cases.inside.id}`)).status).toBe(200);
    await gatewayEnv.DB.prepare('UPDATE purposes SET row_scope = ? WHERE id = (SELECT purpose_id FROM grants WHERE id = ?)')
      .bind(JSON.stringify({ places: ['08'], from: null, until: null, links: [] }), s.grant.id)
      .run();
    expect((await s.traced('GET', `/v1/records/case/${s.cases.inside.id}`)).status).toBe(404);
    expect((await s.traced('GET', `/v1/records/case/${s.cases.elsewhere.id}`)).status).toBe(200);
  });

  it('without a row scope the same records are disclosed (the control)', async () => {
    const gateway = testGateway();
    const s = await scene(gateway, {});
    expect((await s.traced('GET', `/v1/records/case/${s.cases.elsewhere.id}`)).status).toBe(200);
    expect((await open(gateway, s.client, (await s.traced('POST', '/v1/checks/red_notice', { subject: { person_id: s.victimOut } })).called)).answer).toBe(
      true,
    );
  });
});
