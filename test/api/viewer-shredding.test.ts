/**
 * Windows that really end: a viewer-bound delivery opens only with the grant's viewer key, which the
 * gateway releases only while it exists, and destroys when the data life passes, when the window
 * ends, or when the grant is revoked. Time is simulated.
 */
import { compactDecrypt, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { openViewerPayload } from '../../gateway/src/services/delivery/viewer-seal.js';
import { epochLength } from '../../gateway/src/services/delivery/viewer-epochs.js';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
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
import { scheduledDeps } from './scheduled.js';
import { call, open, person, seed } from './disclosure-harness.js';

const RULES = { person: { name_latin: 'clear', phone: 'clear' } };
const HOUR = 3600;

async function setup(gateway: ReturnType<typeof testGateway>, window: { hours: number; dataLifeHours: number }) {
  const id = uniq('p');
  await seed('person', [person(id, { name_latin: 'Viewer Subject' })], gateway.clock.now);
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: RULES as never });
  const grant = await createGrant(
    purpose.id,
    agencyId,
    { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + window.hours * HOUR },
    { dataLife: window.dataLifeHours * HOUR },
  );
  return { id, client, purpose, grant, agencyId };
}

/** Opens delivery `disclosureId` in a logged view to get the viewer key of `epoch`; returns the key (opened with the client's key) or the HTTP status. */
async function viewerKey(
  gateway: ReturnType<typeof testGateway>,
  client: TestClient,
  token: string,
  epoch: number,
  disclosureId: string | undefined,
): Promise<string | number> {
  const res = await call(gateway, client, token, 'POST', '/v1/views', { epoch, disclosure_id: disclosureId });
  if (res.status !== 201) return res.status;
  const { key } = JSON.parse(res.body) as { key: string };
  const jwk = JSON.parse(new TextDecoder().decode((await compactDecrypt(key, await importJWK(client.encryptionPrivateJwk, 'ECDH-ES'))).plaintext)) as {
    k: string;
  };
  return jwk.k;
}

/** Viewer events `view_refused` of `grantId` in the log. */
async function refusedViews(grantId: string): Promise<number> {
  const log = gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main'));
  const size = await log.size();
  let n = 0;
  for (let i = Math.max(0, size - 20); i < size; i++) {
    const entry = ((await log.inclusion(i, size)) as { entry: Record<string, unknown> } | null)?.entry;
    if (entry?.kind === 'viewer' && entry.event === 'view_refused' && entry.grant === grantId) n++;
  }
  return n;
}

describe('viewer keys and crypto-shredding', () => {
  it('opens a viewer delivery while the key exists, and never again after the data life has passed', async () => {
    const gateway = testGateway();
    const s = await setup(gateway, { hours: 96, dataLifeHours: 8 });
    const token = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    const d = await open(gateway, s.client, await call(gateway, s.client, token, 'GET', `/v1/records/person/${s.id}?delivery=viewer`));
    expect(d.records).toBeUndefined(); // nothing readable without the viewer key
    expect(d.viewer_key).toMatchObject({ grant: s.grant.id, epoch: 0 });
    expect(d.viewer_key?.destroy_at).toBeLessThanOrEqual(gateway.clock.now + 8 * HOUR);

    const key = await viewerKey(gateway, s.client, token, 0, d.jti);
    expect(typeof key).toBe('string');
    const payload = (await openViewerPayload(d.sealed_payload as string, key as string)) as { records: { name_latin: string }[] };
    expect(payload.records[0]?.name_latin).toBe('Viewer Subject');

    // Eight hours later the epoch's key is gone: the viewer can no longer open what it holds.
    gateway.clock.advance(8 * HOUR + 1);
    const later = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    expect(await viewerKey(gateway, s.client, later, 0, d.jti)).toBe(410);
    // New deliveries use a new epoch's key; the old one does not come back.
    const fresh = await open(gateway, s.client, await call(gateway, s.client, later, 'GET', `/v1/records/person/${s.id}?delivery=viewer`));
    expect(fresh.viewer_key?.epoch).toBeGreaterThan(0);
    expect(await viewerKey(gateway, s.client, later, 0, d.jti)).toBe(410);
    // Every refused opening is on the log, as a view refused (key releases are views: see /v1/views).
    expect(await refusedViews(s.grant.id)).toBe(2);
  });

  it('destroys every key when the grant is revoked, at once', async () => {
    const gateway = testGateway();
    const s = await setup(gateway, { hours: 96, dataLifeHours: 24 });
    const token = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    const d = await open(gateway, s.client, await call(gateway, s.client, token, 'GET', `/v1/records/person/${s.id}?delivery=viewer`));
    const key = await viewerKey(gateway, s.client, token, d.viewer_key?.epoch ?? -1, d.jti);
    expect(typeof key).toBe('string');
    const officer = await createClient('privacy_officer', await createAgency());
    const admin = await adminSession(gateway, officer);
    expect((await admin('POST', `/grants/${s.grant.id}/revoke`, { reason: 'outbreak over' })).status).toBe(200);
    const vault = gatewayEnv.GRANT_KEYS.get(gatewayEnv.GRANT_KEYS.idFromName(s.grant.id));
    expect(await vault.heldEpochs()).toEqual([]);
    expect(await vault.keyFor(0, gateway.clock.now + HOUR, gateway.clock.now)).toBeNull(); // never re-created
    // The token dies with the grant, and the key is gone for any caller.
    expect((await call(gateway, s.client, token, 'POST', '/v1/views', { epoch: 0, disclosure_id: d.jti })).status).toBe(401);
  });

  it('the scheduled job expires a grant at its window end and destroys its keys; running it twice changes nothing more', async () => {
    const gateway = testGateway();
    const s = await setup(gateway, { hours: 4, dataLifeHours: 4 });
    const token = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    await open(gateway, s.client, await call(gateway, s.client, token, 'GET', `/v1/records/person/${s.id}?delivery=viewer`));
    gateway.clock.advance(4 * HOUR + 1);
    const first = await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    expect(first.expiredGrants).toContain(s.grant.id);
    expect(first.shreddedGrants).toContain(s.grant.id);
    const second = await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    expect(second.expiredGrants).not.toContain(s.grant.id);
    expect(second.shreddedGrants).not.toContain(s.grant.id);
    const vault = gatewayEnv.GRANT_KEYS.get(gatewayEnv.GRANT_KEYS.idFromName(s.grant.id));
    expect(await vault.heldEpochs()).toEqual([]);
  });

  it('keys never outlive the window, whatever the data life', async () => {
    const gateway = testGateway();
    const s = await setup(gateway, { hours: 2, dataLifeHours: 2 });
    const token = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    gateway.clock.advance(HOUR + 50 * 60); // 10 minutes before the window ends
    const late = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    const d = await open(gateway, s.client, await call(gateway, s.client, late, 'GET', `/v1/records/person/${s.id}?delivery=viewer`));
    expect(d.viewer_key?.destroy_at).toBeLessThanOrEqual(s.grant.notAfter);
    expect(epochLength(s.grant)).toBe(30 * 60);
    void token;
  });
});
