/**
 * Finding "a signing-key rotation can go unlogged": the manual rotation changed the active key first
 * and wrote its administrative event afterwards, so an event that could not be written left a
 * rotation nobody could account for; the scheduled rotation wrote no event at all. Each rotation and
 * its event are now one transaction.
 */
import { describe, expect, it } from 'vitest';
import { SIGNING_KEY_ROTATION_AGE } from '../../gateway/src/platform/config.js';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { forgetCachedKeys } from '../../gateway/src/services/keys/token-signing.js';
import { jwks } from './forge.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { scheduledDeps } from './scheduled.js';

const activeKid = async () => (await gatewayEnv.DB.prepare("SELECT kid FROM signing_keys WHERE status = 'active'").first<{ kid: string }>())?.kid;

describe('A signing-key rotation cannot go unlogged', () => {
  it('a rotation whose administrative event cannot be written does not happen', async () => {
    const gateway = testGateway();
    const officer = await createClient('privacy_officer', await createAgency());
    const admin = await adminSession(gateway, officer);
    const before = await activeKid();
    expect(before).toBeDefined();
    await gatewayEnv.DB.prepare(
      "CREATE TRIGGER refuse_admin_events BEFORE INSERT ON admin_events BEGIN SELECT RAISE(ABORT, 'event store not writable'); END",
    ).run();
    try {
      expect((await admin('POST', '/signing-keys/rotate')).status).toBe(500);
      expect(await activeKid()).toBe(before);
    } finally {
      await gatewayEnv.DB.prepare('DROP TRIGGER refuse_admin_events').run();
      forgetCachedKeys();
    }

    const rotated = await admin('POST', '/signing-keys/rotate');
    expect(rotated.status).toBe(200);
    const now = await activeKid();
    expect(now).not.toBe(before);
    const event = await gatewayEnv.DB.prepare(
      "SELECT actor, target_id FROM admin_events WHERE action = 'signing_key.rotate' ORDER BY seq DESC LIMIT 1",
    ).first();
    expect(event).toEqual({ actor: officer.id, target_id: now });
  });
});

describe('The scheduled signing-key rotation is logged', () => {
  it('a key rotated by the scheduled job leaves its administrative event, by system', async () => {
    const gateway = testGateway();
    // The first key exists once anything asked for it.
    expect((await jwks(gateway)).keys.length).toBeGreaterThan(0);
    const active = await gatewayEnv.DB.prepare("SELECT kid, created_at FROM signing_keys WHERE status = 'active'").first<{ kid: string; created_at: number }>();
    if (active === null) throw new Error('no active key');
    forgetCachedKeys();
    const report = await runHousekeeping(...scheduledDeps(), active.created_at + SIGNING_KEY_ROTATION_AGE + 1);
    expect(report.rotatedKey).not.toBeNull();
    expect(await activeKid()).toBe(report.rotatedKey);
    const event = await gatewayEnv.DB.prepare(
      "SELECT actor, target_id FROM admin_events WHERE action = 'signing_key.rotate' ORDER BY seq DESC LIMIT 1",
    ).first();
    expect(event).toEqual({ actor: 'system', target_id: report.rotatedKey });
    // Carried into the tamper-evident log by the same run.
    expect((await runHousekeeping(...scheduledDeps(), active.created_at + SIGNING_KEY_ROTATION_AGE + 2)).loggedAdminEvents).toBe(0);
  });
});
