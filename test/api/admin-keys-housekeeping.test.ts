/**
 * Signing-key rotation (tokens signed before keep verifying until they expire; new tokens carry the
 * new kid) and the scheduled housekeeping job (expires grants whose window ended, withdraws their
 * open requests, and is idempotent).
 */
import { describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { forgetCachedKeys } from '../../gateway/src/services/keys/token-signing.js';
import { headerOf, jwks, tableCounts } from './forge.js';
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
  testGateway,
} from './harness.js';
import { scheduledDeps } from './scheduled.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('signing-key rotation', () => {
  it('keeps earlier tokens verifying, publishes both keys, and signs new tokens with the new key', async () => {
    const gateway = testGateway();
    const { client, purpose, agencyId } = await partnerWithLiveGrant(gateway.clock);
    const admin = await adminSession(gateway, await createClient('privacy_officer', agencyId));
    const before = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const oldKid = headerOf(before).kid;

    const rotated = await admin('POST', '/signing-keys/rotate');
    expect(rotated.status).toBe(200);
    const { keys } = (await rotated.json()) as { keys: { kid: string; status: string; publish_until: string | null }[] };
    const active = keys.filter((k) => k.status === 'active');
    expect(active).toHaveLength(1);
    const newKid = active[0]?.kid;
    expect(newKid).not.toBe(oldKid);
    expect(keys.find((k) => k.kid === oldKid)).toMatchObject({ status: 'retired', publish_until: expect.any(String) });

    const published = (await jwks(gateway)).keys.map((k) => k.kid);
    expect(published).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect((await callResource(gateway, client, before, '/v1/session')).status).toBe(200);

    const after = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    expect(headerOf(after).kid).toBe(newKid);
    expect((await callResource(gateway, client, after, '/v1/session')).status).toBe(200);

    const events = (await (await admin('GET', `/events?target_id=${newKid}`)).json()) as { events: { action: string }[] };
    expect(events.events.map((e) => e.action)).toEqual(['signing_key.rotate']);

    // Once every token the old key signed has expired, it leaves the JWKS.
    gateway.clock.now = Date.parse(keys.find((k) => k.kid === oldKid)?.publish_until ?? '') / 1000 + 1;
    forgetCachedKeys();
    expect((await jwks(gateway)).keys.map((k) => k.kid)).not.toContain(oldKid);
    expect((await jwks(gateway)).keys.map((k) => k.kid)).toContain(newKid);
  });

  it('refuses rotation to anyone but a privacy officer', async () => {
    const gateway = testGateway();
    const { client, purpose } = await partnerWithLiveGrant(gateway.clock);
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const before = await tableCounts();
    expect((await callResource(gateway, client, token, '/v1/admin/signing-keys/rotate', { method: 'POST' })).status).toBe(403);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('housekeeping', () => {
  it('expires a grant whose window ended, withdraws its open request, and changes nothing on a second run', async () => {
    const gateway = testGateway();
    const agencyId = await createAgency();
    const admin = await adminSession(gateway, await createClient('privacy_officer', agencyId));
    const purpose = await createPurpose([agencyId]);
    const now = gateway.clock.now;
    const ending = await createGrant(purpose.id, agencyId, { notBefore: now - 60, notAfter: now + 100 });
    const lasting = await createGrant(purpose.id, agencyId, { notBefore: now - 60, notAfter: now + 3600 });
    const extend = await admin('POST', `/grants/${ending.id}/extend`, { not_after: iso(now + 7200), reason: 'more time' });
    expect(extend.status).toBe(200);

    const first = await runHousekeeping(...scheduledDeps(), now + 200);
    expect(first.expiredGrants).toContain(ending.id);
    expect(first.expiredGrants).not.toContain(lasting.id);
    expect(first.rotatedKey).toBeNull();

    const grant = (await (await admin('GET', `/grants/${ending.id}`)).json()) as {
      status: string;
      live: boolean;
      requests: { status: string; decided_by: string | null }[];
    };
    expect(grant).toMatchObject({ status: 'expired', live: false });
    expect(grant.requests).toEqual([expect.objectContaining({ status: 'withdrawn', decided_by: 'system' })]);
    expect((await (await admin('GET', `/grants/${lasting.id}`)).json()) as { status: string }).toMatchObject({ status: 'active' });
    const { events } = (await (await admin('GET', `/events?target_id=${ending.id}`)).json()) as { events: { action: string; actor: string }[] };
    expect(events.slice(-2)).toMatchObject([
      { action: 'grant.expire', actor: 'system' },
      { action: 'grant.shred_keys', actor: 'system' },
    ]);

    const snapshot = async () => ({
      counts: await tableCounts(),
      grants: (await gatewayEnv.DB.prepare('SELECT * FROM grants ORDER BY id').all()).results,
      requests: (await gatewayEnv.DB.prepare('SELECT * FROM grant_requests ORDER BY id').all()).results,
    });
    const before = await snapshot();
    // Nothing reported and nothing changed: the report may grow new duties, each must be idle.
    const second = await runHousekeeping(...scheduledDeps(), now + 200);
    expect(second).toMatchObject({ expiredGrants: [], purgedRevocations: 0, rotatedKey: null });
    for (const value of Object.values(second)) expect(Array.isArray(value) ? value : [value].filter((v) => v !== null && v !== 0)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('an expired grant stays ended: no token, no operation', async () => {
    const gateway = testGateway();
    const { client, purpose, grant, agencyId } = await partnerWithLiveGrant(gateway.clock);
    const admin = await adminSession(gateway, await createClient('privacy_officer', agencyId));
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const { expiredGrants } = await runHousekeeping(...scheduledDeps(), grant.notAfter);
    expect(expiredGrants).toContain(grant.id);
    expect((await callResource(gateway, client, token, '/v1/session')).status).toBe(401);
    for (const [op, body] of [
      ['extend', { not_after: iso(grant.notAfter + 3600) }],
      ['resume', {}],
      ['suspend', {}],
    ] as const) {
      const response = await admin('POST', `/grants/${grant.id}/${op}`, body);
      expect(response.status).toBe(409);
      expect(((await response.json()) as { code: string }).code).toBe('invalid_transition');
    }
  });
});
