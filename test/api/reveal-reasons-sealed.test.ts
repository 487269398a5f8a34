/**
 * Reveal reasons typed by officers may name people: they are stored sealed like any sensitive field,
 * named in the log by a keyed hash (not an unkeyed one a guess could confirm), opened where oversight
 * reads them (the view trace), carried across a field-key rotation, and reasons stored in clear
 * before are sealed by the scheduled job.
 */
import { describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { sha256b64url } from '../../gateway/src/platform/lib/digest.js';
import { retireOldFieldKeys, rewrapBatch, rotateFieldKeys } from '../../gateway/src/services/records/rewrap.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { call, open } from './disclosure-harness.js';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway } from './harness.js';
import { scheduledDeps } from './scheduled.js';
import { caseWith, MEDIA_RULES, mediaOwner, photo, portraitPng, uniq } from './media-harness.js';

type Gateway = ReturnType<typeof testGateway>;
const REASON = 'to identify the victim Sok Chanthy for the protection referral';

/** An officer viewing a case with a victim's photo, under a grant two leadership officers approved for originals. */
async function scene(gateway: Gateway) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const ref = `media/case/${caseId}/1.png`;
  await owner.seed('case', [caseWith(caseId, [photo(ref, { shows_victim: true })])]);
  expect((await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: await portraitPng(3), type: 'image/png' } })).status).toBe(200);
  const agencyId = await createAgency();
  const officer = await createClient('officer', agencyId);
  const purpose = await createPurpose([agencyId], { rules: MEDIA_RULES, allowUnblurredMedia: true });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, { mediaUnblurred: true });
  const leadership = await createAgency();
  for (let i = 0; i < 2; i++) {
    const lead = await adminSession(gateway, await createClient('privacy_officer', leadership, { roles: ['leadership'] }));
    expect((await lead('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' })).status).toBe(200);
  }
  const admin = await adminSession(gateway, await createClient('privacy_officer', leadership));
  const token = await accessTokenFor(gateway, officer, { type: 'record_access', purpose: purpose.id });
  const fetched = await call(gateway, officer, token, 'GET', `/v1/records/case/${caseId}?delivery=viewer`);
  const d = await open(gateway, officer, fetched);
  const view = JSON.parse((await call(gateway, officer, token, 'POST', '/v1/views', { epoch: d.viewer_key?.epoch, disclosure_id: d.jti })).body) as {
    view_id: string;
  };
  const reveal = await call(gateway, officer, token, 'POST', '/v1/reveals', { view_id: view.view_id, media_ref: ref, reason: REASON });
  expect(reveal.status).toBe(201);
  const { reveal_id: revealId, log_index: logIndex } = JSON.parse(reveal.body) as { reveal_id: string; log_index: number };
  const trace = async () => ((await (await admin('GET', `/views/${view.view_id}`)).json()) as { reveals: { reason: string }[] }).reveals.map((r) => r.reason);
  return { admin, viewId: view.view_id, revealId, logIndex, trace, grantId: grant.id, officerId: officer.id };
}

const stored = (id: string) =>
  gatewayEnv.DB.prepare('SELECT reason, key_version FROM viewer_reveals WHERE id = ?').bind(id).first<{ reason: string; key_version: number }>();

describe('reveal reasons are sealed like any sensitive field', () => {
  it('stored sealed, logged by a keyed hash, read back by oversight', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const row = await stored(s.revealId);
    expect(row?.reason).toMatch(/^n2kf1\.\d+\./);
    expect(row?.reason).not.toContain('Chanthy');
    expect(row?.key_version).toBeGreaterThan(0);
    const proof = (await (await s.admin('GET', `/v1/audit/proofs/inclusion?index=${s.logIndex}&size=${s.logIndex + 1}`)).json()) as {
      entry: Record<string, unknown>;
    };
    expect(proof.entry).toMatchObject({ kind: 'viewer', event: 'reveal', view: s.viewId });
    expect(proof.entry.reason_hash).not.toBe(await sha256b64url(REASON));
    expect(JSON.stringify(proof.entry)).not.toContain('Chanthy');
    expect(await s.trace()).toEqual([REASON]);
  });

  it('survive a field-key rotation: re-wrapped with the records, still read after the old keys are retired', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const before = (await stored(s.revealId))?.key_version ?? 0;
    await rotateFieldKeys(storesWithKeysOf(gatewayEnv), gateway.clock.now);
    for (let i = 0; i < 50 && (await rewrapBatch(storesWithKeysOf(gatewayEnv), 200)).remaining > 0; i++);
    expect((await stored(s.revealId))?.key_version).toBe(before + 1);
    expect((await retireOldFieldKeys(storesWithKeysOf(gatewayEnv), gateway.clock.now + 120)).retired).toBe(true);
    expect(await s.trace()).toEqual([REASON]);
  });

  it('a reason stored in clear before is sealed by the scheduled job', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const legacy = crypto.randomUUID();
    await gatewayEnv.DB.prepare(
      'INSERT INTO viewer_reveals (id, at, view_id, officer_id, grant_id, media_hash, reason, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
      .bind(legacy, gateway.clock.now + 1, s.viewId, s.officerId, s.grantId, 'x', 'an older reason naming Sok Chanthy', s.logIndex)
      .run();
    expect((await stored(legacy))?.key_version).toBe(0);
    expect((await runHousekeeping(...scheduledDeps(), gateway.clock.now)).sealedRevealReasons).toBeGreaterThan(0);
    expect((await stored(legacy))?.reason).not.toContain('Chanthy');
    expect(await s.trace()).toEqual([REASON, 'an older reason naming Sok Chanthy']);
  });
});
