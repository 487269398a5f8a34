/**
 * The grant lifecycle through the admin API, as two privacy officers: widening needs a second
 * officer (two-person rule), narrowing takes effect at once, and a partner's tokens follow the
 * grant's state on the very next request. Concurrent conflicting changes: exactly one wins, and
 * the admin event chain stays intact.
 */
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH } from '../../gateway/src/store/d1/admin-events.js';
import { oauthRefusal, problemOf, type Gateway } from './forge.js';
import {
  accessTokenFor,
  adminSession,
  callResource,
  createAgency,
  createClient,
  createGrant,
  createPurpose,
  gatewayEnv,
  partnerWithLiveGrant,
  requestToken,
  testGateway,
  uniq,
} from './harness.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

async function officers(gateway: Gateway, agencyId: string) {
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => createClient('privacy_officer', agencyId)));
  if (a === undefined || b === undefined || c === undefined) throw new Error('officers');
  return { a: await adminSession(gateway, a), b: await adminSession(gateway, b), c: await adminSession(gateway, c), ids: [a.id, b.id, c.id] };
}

async function ok<T = Record<string, unknown>>(response: Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

interface GrantOut {
  id: string;
  status: string;
  live: boolean;
  not_after: string;
  requests: { id: string; action: string; status: string; decided_by: string | null }[];
}
const openRequest = (g: GrantOut) => g.requests.find((r) => r.status === 'pending');

/** Verifies the whole admin event chain in D1: contiguous seq, each prev_hash the previous hash, each hash recomputed. */
async function verifyChain(): Promise<number> {
  const { results } = await gatewayEnv.DB.prepare('SELECT * FROM admin_events ORDER BY seq').all<Record<string, unknown>>();
  let prev = GENESIS_HASH;
  let seq = 0;
  for (const row of results) {
    const event = {
      seq: row.seq as number,
      at: row.at as number,
      actor: row.actor as string,
      action: row.action as string,
      targetType: row.target_type as string,
      targetId: row.target_id as string,
      detail: JSON.parse(row.detail as string) as Record<string, unknown>,
      prevHash: row.prev_hash as string,
    };
    expect(event.seq).toBe(++seq);
    expect(event.prevHash).toBe(prev);
    expect(row.hash).toBe(await eventHash(event));
    // The check is not vacuous: any change to an event changes its hash.
    expect(await eventHash({ ...event, detail: { ...event.detail, tampered: true } })).not.toBe(row.hash);
    prev = row.hash as string;
  }
  return results.length;
}

describe('grant lifecycle', () => {
  it('create → approve (second officer) → suspend → resume → extend → shorten → revoke', async () => {
    const gateway = testGateway();
    const now = gateway.clock.now;
    const office = await createAgency();
    const { a, b } = await officers(gateway, office);
    const partnerAgency = await createAgency();
    const partner = await createClient('partner', partnerAgency);

    const purposeId = uniq('purpose');
    await ok(
      a('POST', '/purposes', {
        id: purposeId,
        title: 'Contact tracing',
        legal_basis: 'Outbreak law, art. 4',
        rules: { person: { name_latin: 'clear', phone: 'masked', national_id: 'none' } },
        actions: ['fetch', 'search'],
        agencies: [partnerAgency],
        max_token_lifetime: 120,
      }),
      201,
    );
    const created = await ok<GrantOut>(
      a('POST', '/grants', {
        purpose_id: purposeId,
        agency_id: partnerAgency,
        not_before: iso(now - 60),
        not_after: iso(now + 3600),
        data_life_seconds: 600,
        note: 'outbreak 12',
      }),
      201,
    );
    expect(created).toMatchObject({ status: 'pending', live: false });
    const grantId = created.id;
    const tokenRequest = () => requestToken(gateway, partner, { authorization_details: JSON.stringify([{ type: 'record_access', purpose: purposeId }]) });
    expect(await oauthRefusal(await tokenRequest())).toMatchObject({ status: 400, error: 'invalid_grant' });

    const activation = openRequest(created);
    expect(activation).toMatchObject({ action: 'activate' });
    const selfApproval = await problemOf(await a('POST', `/grants/${grantId}/requests/${activation?.id}/approve`, {}));
    expect(selfApproval).toMatchObject({ status: 403, code: 'two_person_rule', type: 'application/problem+json' });
    expect(await ok<GrantOut>(b('POST', `/grants/${grantId}/requests/${activation?.id}/approve`, { reason: 'checked legal basis' }))).toMatchObject({
      status: 'active',
      live: true,
    });

    const token = await accessTokenFor(gateway, partner, { type: 'record_access', purpose: purposeId });
    expect((await callResource(gateway, partner, token, '/v1/session')).status).toBe(200);

    expect(await ok<GrantOut>(a('POST', `/grants/${grantId}/suspend`, { reason: 'complaint' }))).toMatchObject({ status: 'suspended', live: false });
    expect((await callResource(gateway, partner, token, '/v1/session')).status).toBe(401);
    expect(await oauthRefusal(await tokenRequest())).toMatchObject({ error: 'invalid_grant' });

    const resumed = await ok<GrantOut>(a('POST', `/grants/${grantId}/resume`, { reason: 'complaint resolved' }));
    expect(resumed.status).toBe('suspended');
    expect((await tokenRequest()).status).toBe(400);
    const resumeRequest = openRequest(resumed);
    expect((await problemOf(await a('POST', `/grants/${grantId}/requests/${resumeRequest?.id}/approve`, {}))).code).toBe('two_person_rule');
    expect(await ok<GrantOut>(b('POST', `/grants/${grantId}/requests/${resumeRequest?.id}/approve`, {}))).toMatchObject({ status: 'active' });
    expect((await callResource(gateway, partner, token, '/v1/session')).status).toBe(200);

    const extended = await ok<GrantOut>(a('POST', `/grants/${grantId}/extend`, { not_after: iso(now + 7200), reason: 'second wave' }));
    expect(extended.not_after).toBe(iso(now + 3600).replace('.000Z', 'Z'));
    expect((await problemOf(await a('POST', `/grants/${grantId}/requests/${openRequest(extended)?.id}/approve`, {}))).code).toBe('two_person_rule');
    expect((await ok<GrantOut>(b('POST', `/grants/${grantId}/requests/${openRequest(extended)?.id}/approve`, {}))).not_after).toBe(
      iso(now + 7200).replace('.000Z', 'Z'),
    );

    expect((await ok<GrantOut>(b('POST', `/grants/${grantId}/shorten`, { not_after: iso(now + 1800), reason: 'narrowed' }))).not_after).toBe(
      iso(now + 1800).replace('.000Z', 'Z'),
    );

    expect(await ok<GrantOut>(a('POST', `/grants/${grantId}/revoke`, { reason: 'done' }))).toMatchObject({ status: 'revoked', live: false });
    expect((await callResource(gateway, partner, token, '/v1/session')).status).toBe(401);
    expect(await oauthRefusal(await tokenRequest())).toMatchObject({ error: 'invalid_grant' });
    for (const op of ['suspend', 'resume', 'revoke'])
      expect((await problemOf(await b('POST', `/grants/${grantId}/${op}`, {}))).code).toBe('invalid_transition');

    const { events } = await ok<{ events: { action: string; actor: string }[] }>(a('GET', `/events?target_id=${grantId}`));
    expect(events.map((e) => e.action)).toEqual([
      'grant.create',
      'grant.approve',
      'grant.suspend',
      'grant.resume',
      'grant.approve',
      'grant.extend',
      'grant.approve',
      'grant.shorten',
      'grant.revoke',
      'grant.shred_keys',
    ]);
  });

  it('rejecting an activation ends the grant; the requester withdrawing does too', async () => {
    const gateway = testGateway();
    const { agencyId, purpose } = await partnerWithLiveGrant(gateway.clock);
    const { a, b } = await officers(gateway, agencyId);
    for (const [who, status] of [
      [b, 'rejected'],
      [a, 'withdrawn'],
    ] as const) {
      const g = await ok<GrantOut>(
        a('POST', '/grants', {
          purpose_id: purpose.id,
          agency_id: agencyId,
          not_before: iso(gateway.clock.now),
          not_after: iso(gateway.clock.now + 600),
          data_life_seconds: 60,
        }),
        201,
      );
      const after = await ok<GrantOut>(who('POST', `/grants/${g.id}/requests/${openRequest(g)?.id}/reject`, {}));
      expect(after.status).toBe('revoked');
      expect(after.requests[0]?.status).toBe(status);
    }
  });
});

describe('concurrent conflicting changes', () => {
  it('exactly one of two simultaneous changes wins; the other gets 409; the event chain verifies', async () => {
    const gateway = testGateway();
    const { agencyId, purpose, grant } = await partnerWithLiveGrant(gateway.clock);
    const { a, b, c, ids } = await officers(gateway, agencyId);
    const statuses = async (...calls: Promise<Response>[]) => (await Promise.all(calls)).map((r) => r.status).sort();

    // Two officers suspend the same active grant at once.
    expect(await statuses(a('POST', `/grants/${grant.id}/suspend`, {}), b('POST', `/grants/${grant.id}/suspend`, {}))).toEqual([200, 409]);

    // Two different officers approve the same activation at once.
    const pending = await ok<GrantOut>(
      a('POST', '/grants', {
        purpose_id: purpose.id,
        agency_id: agencyId,
        not_before: iso(gateway.clock.now),
        not_after: iso(gateway.clock.now + 3600),
        data_life_seconds: 60,
      }),
      201,
    );
    const reqId = openRequest(pending)?.id;
    expect(
      await statuses(b('POST', `/grants/${pending.id}/requests/${reqId}/approve`, {}), c('POST', `/grants/${pending.id}/requests/${reqId}/approve`, {})),
    ).toEqual([200, 409]);
    const approved = await ok<GrantOut>(a('GET', `/grants/${pending.id}`));
    expect(approved.status).toBe('active');
    expect(ids.slice(1)).toContain(approved.requests[0]?.decided_by);

    // Two officers ask to extend at once: one open request, never two.
    const other = await createGrant((await createPurpose([agencyId])).id, agencyId, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 3600 });
    expect(
      await statuses(
        a('POST', `/grants/${other.id}/extend`, { not_after: iso(gateway.clock.now + 7200) }),
        b('POST', `/grants/${other.id}/extend`, { not_after: iso(gateway.clock.now + 9000) }),
      ),
    ).toEqual([200, 409]);
    expect((await ok<GrantOut>(a('GET', `/grants/${other.id}`))).requests.filter((r) => r.status === 'pending')).toHaveLength(1);

    for (const id of [grant.id, pending.id]) {
      const { events } = await ok<{ events: { action: string }[] }>(a('GET', `/events?target_id=${id}`));
      expect(events.filter((e) => e.action === 'grant.suspend' || e.action === 'grant.approve')).toHaveLength(1);
    }
    expect(await verifyChain()).toBeGreaterThan(5);
  });

  it('many concurrent changes across grants never fork the chain', async () => {
    const gateway = testGateway();
    const { agencyId } = await partnerWithLiveGrant(gateway.clock);
    const { a, b } = await officers(gateway, agencyId);
    const purpose = await createPurpose([agencyId]);
    const grants = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 10, notAfter: gateway.clock.now + 3600 })),
    );
    const results = await Promise.all(
      grants.flatMap((g, i) => [(i % 2 ? a : b)('POST', `/grants/${g.id}/suspend`, {}), (i % 2 ? b : a)('POST', `/grants/${g.id}/revoke`, {})]),
    );
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    for (const [i, g] of grants.entries()) {
      expect(['suspended', 'revoked']).toContain((await ok<GrantOut>(a('GET', `/grants/${g.id}`))).status);
      // One event per change that won, none for those that lost; a won revocation also shreds the grant's viewer keys.
      const outcomes = results.slice(2 * i, 2 * i + 2);
      const won = outcomes.filter((r) => r.status === 200).length;
      const revoked = outcomes[1]?.status === 200 ? 1 : 0;
      expect((await ok<{ events: unknown[] }>(a('GET', `/events?target_id=${g.id}`))).events).toHaveLength(won + revoked);
    }
    await verifyChain();
  });
});
