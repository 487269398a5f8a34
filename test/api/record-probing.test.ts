/**
 * "No difference in answer or timing that tells a partner whether a record it may not see exists":
 * under a case-specific grant, a record outside the grant and a record that does not exist get the
 * same answer, the same log outcome, and the same storage work — the same D1 statements returning
 * the same number of rows, the same Durable Object calls, and nothing opened — for fetch, search and
 * checks. (Timing is measured in `npm run bench:disclosure`; equal work is what makes it equal.)
 * The same traces pin a fetch to two storage round trips.
 */
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { tracedEnv } from '../bench/worker/trace-bindings.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;
// Phone in clear: a search may use only fields the purpose discloses in clear.
const RULES = { person: { name_latin: 'clear', phone: 'clear', national_id: 'predicate', red_notice: 'predicate' } };

async function caseSpecific(gateway: Gateway) {
  const inside = uniq('p');
  const outside = uniq('p');
  const insidePhone = `+85512${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const outsidePhone = `+85516${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await seed('person', [person(inside, { phone: insidePhone }), person(outside, { phone: outsidePhone, red_notice: true })]);
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: RULES as never });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, { recordIds: [inside] });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  return { inside, outside, outsidePhone, client, grant, token };
}

/** Sends one request with every storage call traced; returns the answer and the calls' names in order. */
async function traced(gateway: Gateway, s: Awaited<ReturnType<typeof caseSpecific>>, method: string, path: string, body?: unknown) {
  const calls: { name: string; start: number; ms: number }[] = [];
  const env = tracedEnv(gatewayEnv, calls);
  // The same request as `call` makes, but against the traced bindings.
  const called = await call(
    { ...gateway, request: (p: string, init: RequestInit = {}) => gateway.app.request(`${ISSUER}${p}`, init, env) },
    s.client,
    s.token,
    method,
    path,
    body,
  );
  const problem = called.status === 200 ? null : ({ ...(JSON.parse(called.body) as Record<string, unknown>), instance: undefined } as Record<string, unknown>);
  return { status: called.status, problem, names: calls.map((c) => c.name), called };
}

describe('a record outside a case-specific grant is indistinguishable from a missing one', () => {
  it('fetch: same 404, same log outcome, same storage calls and rows, nothing opened', async () => {
    const gateway = testGateway();
    const s = await caseSpecific(gateway);
    // Warm the per-isolate caches (signing keys, field keys) so both probes see the same state.
    expect((await traced(gateway, s, 'GET', `/v1/records/person/${s.inside}`)).status).toBe(200);
    const missing = await traced(gateway, s, 'GET', `/v1/records/person/${uniq('p')}`);
    const hidden = await traced(gateway, s, 'GET', `/v1/records/person/${s.outside}`);
    const missingAgain = await traced(gateway, s, 'GET', `/v1/records/person/${uniq('p')}`);
    expect(hidden.status).toBe(404);
    expect(hidden.problem).toEqual(missing.problem);
    expect(hidden.names).toEqual(missing.names);
    expect(missingAgain.names).toEqual(missing.names);
    // The batch read the caller's checks (client, grant, purpose) and no record row.
    // A disclosure is two storage round trips: the caller's checks with the record, then the log
    // (proof spent, limits counted, entry written in one call).
    const allowed = await traced(gateway, s, 'GET', `/v1/records/person/${s.inside}`);
    expect(allowed.names).toEqual(['d1.batch(5) rows=4', 'do.AUDIT_LOG.admitAndAppend']);
    expect(hidden.names).toEqual(['d1.batch(5) rows=3', 'do.AUDIT_LOG.admitAndAppend']);

    await flushDisclosureIndex(storesOf(gatewayEnv));
    const logged = await gatewayEnv.DB.prepare('SELECT outcome, count(*) AS n FROM disclosures WHERE grant_id = ? GROUP BY outcome ORDER BY outcome')
      .bind(s.grant.id)
      .all<{ outcome: string; n: number }>();
    expect(logged.results).toEqual([
      { outcome: 'disclosed', n: 2 },
      { outcome: 'not_found', n: 3 },
    ]);
  });

  it('search: a term that matches only a record outside the grant reads what a term matching nothing reads', async () => {
    const gateway = testGateway();
    const s = await caseSpecific(gateway);
    const search = (phone: string) => traced(gateway, s, 'POST', '/v1/records/person/search', { search: 'phone', terms: { phone } });
    await search('+85512000000');
    const nothing = await search('+85517000001');
    const hidden = await search(s.outsidePhone);
    expect(hidden.status).toBe(200);
    expect((await open(gateway, s.client, hidden.called)).records).toEqual([]);
    expect(hidden.names).toEqual(nothing.names);
    expect(hidden.names.filter((n) => n.startsWith('d1.all SELECT * FROM records'))).toEqual([]);
  });

  it('checks: a person outside the grant is read like an unknown one and answered the same', async () => {
    const gateway = testGateway();
    const s = await caseSpecific(gateway);
    const check = (personId: string) => traced(gateway, s, 'POST', '/v1/checks/red_notice', { subject: { person_id: personId } });
    await check(s.inside);
    const unknown = await check(uniq('p'));
    const hidden = await check(s.outside);
    expect(hidden.status).toBe(200);
    // Listed on a red notice, but outside the grant: "no", exactly like someone unknown.
    expect((await open(gateway, s.client, hidden.called)).answer).toBe(false);
    expect((await open(gateway, s.client, unknown.called)).answer).toBe(false);
    expect(hidden.names).toEqual(unknown.names);
    expect(hidden.names).toContainEqual(expect.stringMatching(/^d1\.all SELECT \* FROM records .* rows=0$/));
  });
});
