/**
 * The red-notice check does the same work for an unknown person and a known-but-unlisted one: the
 * same storage statements (one round trip to find the person either way) and the same number of
 * field decryptions (a miss opens a stand-in), so neither the answer nor its cost tells whether the
 * gateway knows someone.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tracedEnv } from '../bench/worker/trace-bindings.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';

/**
 * Field openings, counted where every sealed text field ends: the crypto package decodes each opened
 * field with its one strict decoder (fatal, keeping a BOM), which nothing else in the gateway uses.
 * The spy passes every call through: the real crypto runs.
 */
const decodes = vi.spyOn(TextDecoder.prototype, 'decode');
const fieldOpenings = () => decodes.mock.contexts.filter((d) => d instanceof TextDecoder && d.fatal && d.ignoreBOM).length;
// The gateway's test files share one runtime: the spy (and what it recorded) must not outlive this file.
afterAll(() => decodes.mockRestore());

type Gateway = ReturnType<typeof testGateway>;
const RULES = { person: { name_latin: 'clear', red_notice: 'predicate' } };

async function scene(gateway: Gateway) {
  const known = uniq('p');
  const nationalId = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
  await seed('person', [person(known, { national_id: nationalId, red_notice: false })]);
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: RULES as never, requestsPerMinute: 1000, personsPerHour: 1000 });
  await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  return { known, nationalId, client, token };
}

/** One check with its D1 statements (rows returned left out) and the decryptions it made. */
async function traced(gateway: Gateway, s: Awaited<ReturnType<typeof scene>>, subject: Record<string, string>) {
  const calls: { name: string; start: number; ms: number }[] = [];
  const env = tracedEnv(gatewayEnv, calls);
  const before = fieldOpenings();
  const called = await call(
    { ...gateway, request: (p: string, init: RequestInit = {}) => gateway.app.request(`${ISSUER}${p}`, init, env) },
    s.client,
    s.token,
    'POST',
    '/v1/checks/red_notice',
    { subject },
  );
  const decryptions = fieldOpenings() - before;
  const answer = (await open(gateway, s.client, called)).answer;
  return { answer, decryptions, statements: calls.map((c) => c.name.replace(/ rows=\d+$/, '')) };
}

describe('the red-notice check costs the same for a known and an unknown person', () => {
  it('by national ID: same statements, same decryptions, same answer', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    await traced(gateway, s, { national_id: s.nationalId }); // warm the per-isolate caches
    const known = await traced(gateway, s, { national_id: s.nationalId });
    const unknown = await traced(gateway, s, { national_id: '999999998' });
    expect(known.answer).toBe(false);
    expect(unknown.answer).toBe(false);
    expect(unknown.statements).toEqual(known.statements);
    expect(known.decryptions).toBeGreaterThan(0);
    expect(unknown.decryptions).toBe(known.decryptions);
  });

  it('by person id: same statements, same decryptions, same answer', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    await traced(gateway, s, { person_id: s.known });
    const known = await traced(gateway, s, { person_id: s.known });
    const unknown = await traced(gateway, s, { person_id: uniq('p') });
    expect([known.answer, unknown.answer]).toEqual([false, false]);
    expect(unknown.statements).toEqual(known.statements);
    expect(known.decryptions).toBeGreaterThan(0);
    expect(unknown.decryptions).toBe(known.decryptions);
  });
});
