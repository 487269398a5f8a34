/**
 * Nothing from an anonymous caller is kept forever: a refused token request logs only validated,
 * bounded values (a registered client's id, or a keyed hash of what was claimed), and one source can
 * add only so many refusals to the log per minute. A case-specific grant's record ids reach the
 * log only as keyed hashes.
 */
import { describe, expect, it } from 'vitest';
import { subjectHashes } from '../../gateway/src/services/access/subjects.js';
import { REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE } from '../../gateway/src/platform/config.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import {
  accessTokenFor,
  createAgency,
  createClient,
  createGrant,
  createPurpose,
  gatewayEnv,
  requestToken,
  TestClock,
  testGateway,
  tokenForm,
  uniq,
} from './harness.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';

const log = () => gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main'));

/** The log entries appended since `before`. */
async function entriesSince(before: number): Promise<Record<string, unknown>[]> {
  const size = await log().size();
  const out: Record<string, unknown>[] = [];
  for (let i = before; i < size; i++) {
    const found = (await log().inclusion(i, size)) as { entry: Record<string, unknown> } | null;
    if (found !== null) out.push(found.entry);
  }
  return out;
}

/** A gateway whose clock stands `minutes` ahead, so each test counts in its own minute. */
function gatewayAt(minutes: number) {
  const clock = new TestClock();
  clock.advance(minutes * 60);
  return testGateway(clock);
}

/** A token request no one could authenticate: a form with `client_id` and no assertion. */
function anonymousRefusal(gateway: ReturnType<typeof testGateway>, clientId: string, source: string) {
  return gateway.request('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': source },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString(),
  });
}

describe('nothing from an anonymous caller is kept forever', () => {
  it('a refused token request logs a keyed hash of an unknown client_id, never the text sent', async () => {
    const gateway = gatewayAt(10);
    const typed = `Sok Chanthy, national ID 012345678, ${'lives in Phnom Penh '.repeat(700)}`.slice(0, 14_000);
    const before = await log().size();
    const res = await anonymousRefusal(gateway, typed, '198.51.100.1');
    expect(res.status).toBe(401);
    const entries = await entriesSince(before);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ kind: 'token', outcome: 'refused', client: null, error: 'invalid_client' });
    expect(entry?.client_hash).toMatch(/^psn_[A-Za-z0-9_-]{22}$/);
    const text = JSON.stringify(entry);
    expect(text).not.toContain('Chanthy');
    expect(text).not.toContain('012345678');
    expect(text.length).toBeLessThan(400);
    // The same claim hashes the same, so oversight can still see one caller trying again.
    await anonymousRefusal(gateway, typed, '198.51.100.1');
    const [again] = await entriesSince(before + 1);
    expect(again?.client_hash).toBe(entry?.client_hash);
  });

  it('a registered client refused keeps its id; names the caller chose are not repeated in the reason', async () => {
    const gateway = gatewayAt(20);
    const agencyId = await createAgency();
    const partner = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId]);
    await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const before = await log().size();
    const details = [{ type: 'record_access', purpose: purpose.id, fields: { 'Sok Chanthy 012345678': ['name_latin'] } }];
    expect((await requestToken(gateway, partner, { authorization_details: JSON.stringify(details) })).status).toBe(400);
    const form = await tokenForm(partner, {}, gateway.clock.now);
    form.append('Sok_Chanthy_012345678', 'a');
    form.append('Sok_Chanthy_012345678', 'b');
    expect((await requestToken(gateway, partner, {}, { form })).status).toBe(400);
    const [invalid, repeated] = await entriesSince(before);
    expect(invalid).toMatchObject({ kind: 'token', outcome: 'refused', client: partner.id, error: 'invalid_authorization_details' });
    expect(repeated).toMatchObject({ kind: 'token', outcome: 'refused', error: 'invalid_request', reason: 'parameter repeated' });
    expect(JSON.stringify([invalid, repeated])).not.toContain('Chanthy');
  });

  it(`one source adds at most ${REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE} refusals a minute; others are still logged, and the next minute again`, async () => {
    const gateway = gatewayAt(30);
    const before = await log().size();
    const statuses = [];
    for (let i = 0; i < REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE + 15; i++) statuses.push((await anonymousRefusal(gateway, `probe-${i}`, '203.0.113.7')).status);
    expect(statuses.every((s) => s === 401)).toBe(true); // every refusal is answered as always
    expect(await log().size()).toBe(before + REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE);
    await anonymousRefusal(gateway, 'probe-other', '203.0.113.8');
    expect(await log().size()).toBe(before + REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE + 1);
    gateway.clock.advance(61);
    await anonymousRefusal(gateway, 'probe-later', '203.0.113.7');
    expect(await log().size()).toBe(before + REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE + 2);
  });

  it("a case-specific grant's token puts keyed hashes of its record ids in the log, never the ids", async () => {
    const gateway = gatewayAt(40);
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId]);
    const recordIds = [uniq('case-secret'), uniq('person-secret')];
    await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, { recordIds });
    const before = await log().size();
    await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const issued = (await entriesSince(before)).find((e) => e.kind === 'token' && e.outcome === 'issued');
    const text = JSON.stringify(issued);
    for (const id of recordIds) expect(text).not.toContain(id);
    const [detail] = (issued?.authorization_details ?? []) as { record_id_hashes?: string[]; record_ids?: unknown }[];
    expect(detail?.record_ids).toBeUndefined();
    expect(detail?.record_id_hashes).toEqual(subjectHashes(await keyRing(keyRingSourceOf(gatewayEnv)), recordIds));
  });
});
