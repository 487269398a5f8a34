/**
 * Limits per officer as well as per grant: every client under a grant (an officer's viewer or a
 * system) has its own requests per minute and distinct persons per hour, set on the purpose, beside
 * the grant's totals. Exceeding either is refused with a 429 problem that names the limit, carries
 * Retry-After, and is logged.
 */
import { generateClientKeys, signingKeyFromJwk, ephemeralDpopKey } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { auditLog, flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { randomToken } from '../../gateway/src/platform/lib/random.js';
import { insertClient } from '../../gateway/src/store/d1/clients.js';
import {
  accessTokenFor,
  adminSession,
  createAgency,
  createClient,
  createGrant,
  createPurpose,
  gatewayEnv,
  testGateway,
  uniq,
  type TestClient,
} from './harness.js';
import { loggedEntry } from './log-harness.js';
import { call, person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;
const RULES = { person: { name_latin: 'clear', phone: 'masked' } };

/** An enrolled officer of `agencyId` (a client of kind `officer`, as enrolment leaves it). */
async function officer(agencyId: string): Promise<TestClient> {
  const keys = await generateClientKeys();
  const id = uniq('officer');
  const now = Math.floor(Date.now() / 1000);
  await insertClient(gatewayEnv.DB, {
    id,
    kind: 'officer',
    agencyId,
    name: `Officer ${id}`,
    signingJwks: { keys: [keys.public.signing] },
    encryptionJwk: keys.public.encryption,
    ingestTypes: [],
    roles: [],
    status: 'active',
    etag: randomToken(),
    createdAt: now,
    updatedAt: now,
  }).run();
  return {
    id,
    agencyId,
    kind: 'partner',
    signingKey: await signingKeyFromJwk(keys.private.signing),
    encryptionPrivateJwk: keys.private.encryption,
    dpopKey: await ephemeralDpopKey(),
  };
}

async function scene(
  gateway: Gateway,
  limits: { requestsPerMinute: number; personsPerHour: number; officerRequestsPerMinute: number; officerPersonsPerHour: number },
) {
  const agencyId = await createAgency();
  const purpose = await createPurpose([agencyId], { rules: RULES as never, ...limits });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 96 * 3600 });
  const reader = async (client: TestClient) => {
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    return (id: string) => call(gateway, client, token, 'GET', `/v1/records/person/${id}`);
  };
  return { agencyId, purpose, grant, reader };
}

/** The `limit` of each refusal the log holds for `grantId`, oldest first. */
async function refusalsLogged(grantId: string): Promise<string[]> {
  await flushDisclosureIndex(storesOf(gatewayEnv));
  const { results } = await gatewayEnv.DB.prepare("SELECT log_index FROM disclosures WHERE grant_id = ? AND outcome = 'rate_limited' ORDER BY log_index")
    .bind(grantId)
    .all<{ log_index: number }>();
  const log = auditLog(gatewayEnv);
  const size = await log.size();
  return Promise.all(results.map(async (r) => String((await loggedEntry(log, r.log_index, size)).limit)));
}

describe('limits per officer under one grant', () => {
  it('one officer spending its own requests per minute does not stop another; the grant total still applies', async () => {
    const gateway = testGateway();
    const ids = [uniq('p'), uniq('p')];
    await seed(
      'person',
      ids.map((id) => person(id)),
    );
    const s = await scene(gateway, { requestsPerMinute: 5, personsPerHour: 100, officerRequestsPerMinute: 2, officerPersonsPerHour: 100 });
    const [a, b, system] = [
      await s.reader(await officer(s.agencyId)),
      await s.reader(await officer(s.agencyId)),
      await s.reader(await createClient('partner', s.agencyId)),
    ];

    expect((await a(ids[0] as string)).status).toBe(200);
    expect((await a(ids[1] as string)).status).toBe(200);
    const refused = await a(ids[0] as string);
    expect(refused.status).toBe(429);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'rate_limited', limit: 'officer_requests_per_minute' });
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);

    // The other officer has its own budget.
    expect((await b(ids[0] as string)).status).toBe(200);
    expect((await b(ids[1] as string)).status).toBe(200);
    // A third client has budget of its own, but the grant's total of 5 is reached after one more.
    expect((await system(ids[0] as string)).status).toBe(200);
    const total = await system(ids[1] as string);
    expect(total.status).toBe(429);
    expect(JSON.parse(total.body)).toMatchObject({ code: 'rate_limited', limit: 'requests_per_minute' });

    expect(await refusalsLogged(s.grant.id)).toEqual(['officer_requests_per_minute', 'requests_per_minute']);

    // A minute later the windows have moved on.
    gateway.clock.advance(61);
    const fresh = await s.reader(await officer(s.agencyId));
    expect((await fresh(ids[0] as string)).status).toBe(200);
  });

  it('counts distinct persons per hour per officer and per grant', async () => {
    const gateway = testGateway();
    const ids = [uniq('p'), uniq('p'), uniq('p'), uniq('p')];
    await seed(
      'person',
      ids.map((id) => person(id)),
    );
    const s = await scene(gateway, { requestsPerMinute: 100, personsPerHour: 3, officerRequestsPerMinute: 100, officerPersonsPerHour: 2 });
    const [a, b] = [await s.reader(await officer(s.agencyId)), await s.reader(await officer(s.agencyId))];
    const [p0, p1, p2, p3] = ids as [string, string, string, string];

    expect((await a(p0)).status).toBe(200);
    expect((await a(p1)).status).toBe(200);
    expect((await a(p0)).status).toBe(200); // the same person again costs nothing more
    const own = await a(p2);
    expect(own.status).toBe(429);
    expect(JSON.parse(own.body)).toMatchObject({ limit: 'officer_persons_per_hour' });

    expect((await b(p2)).status).toBe(200); // b's own first person; the grant now has three
    const grantFull = await b(p3);
    expect(grantFull.status).toBe(429);
    expect(JSON.parse(grantFull.body)).toMatchObject({ limit: 'persons_per_hour' });
    expect(await refusalsLogged(s.grant.id)).toEqual(['officer_persons_per_hour', 'persons_per_hour']);
  });
});

describe('per-officer limits on the purpose', () => {
  it('default to half the grant totals, may not exceed them, and raising them waits for a second officer', async () => {
    const gateway = testGateway();
    const agency = await createAgency();
    const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const body = {
      title: 'Tracing',
      legal_basis: 'Test basis',
      rules: RULES,
      actions: ['fetch'],
      agencies: [agency],
      requests_per_minute: 61,
      persons_per_hour: 200,
    };

    const created = await admin('POST', '/purposes', { id: uniq('purpose'), ...body });
    expect(created.status).toBe(201);
    const purpose = (await created.json()) as { id: string; officer_requests_per_minute: number; officer_persons_per_hour: number };
    expect(purpose).toMatchObject({ officer_requests_per_minute: 31, officer_persons_per_hour: 100 });

    const above = await admin('POST', '/purposes', { id: uniq('purpose'), ...body, officer_requests_per_minute: 62 });
    expect(above.status).toBe(400);
    expect(await above.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'officer_requests_per_minute', code: 'above_grant_limit' }] });

    const narrowed = await admin('PUT', `/purposes/${purpose.id}`, {
      ...body,
      officer_requests_per_minute: 10,
      officer_persons_per_hour: 20,
      reason: 'one officer reads a few records at a time',
    });
    expect(narrowed.status).toBe(200);
    const widened = await admin('PUT', `/purposes/${purpose.id}`, {
      ...body,
      officer_requests_per_minute: 30,
      officer_persons_per_hour: 20,
      reason: 'busier days',
    });
    expect(widened.status).toBe(202);
    expect(await widened.json()).toMatchObject({ widenings: ['officer_requests_per_minute raised'] });
  });
});
