/**
 * Finding "a signing-key rotation can go unlogged": the manual rotation changed the active key first
 * and wrote its administrative event afterwards, so an event that could not be written left a
 * rotation nobody could account for. The rotation and its event are now one transaction.
 */
import { describe, expect, it } from 'vitest';
import { forgetCachedKeys } from '../../gateway/src/services/keys/token-signing.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';

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
