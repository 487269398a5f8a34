/**
 * A stated reason after the request (issue 16): the sealed reason opens to its text in the person's
 * subject access report, survives a field-key rotation, and the partner SDK sends it.
 */
import { generateClientKeys, PartnerClient, statedReasonHeaders, type StatedReason } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { retireOldFieldKeys, rewrapBatch, rotateFieldKeys } from '../../gateway/src/services/records/rewrap.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { insertClient } from '../../gateway/src/store/d1/clients.js';
import { adminSession, createAgency, createClient, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { disclosures, entriesDuring, REASON_KM, scene, TRACE } from './request-reason-harness.js';

describe('the subject access report', () => {
  it('shows who read the record for which case and why: the sealed reason opened to its text', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    expect((await s.fetch({ ...statedReasonHeaders({ reference: 'PP-2026-0412', reason: REASON_KM }), traceparent: TRACE })).status).toBe(200);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const report = (await (await officer('POST', '/reports/subject-access', { national_id: s.nationalId, reason: 'request by the person' })).json()) as {
      disclosures: { agency: string; reference: string | null; reason: string | null; traceparent: string | null; log_entry: Record<string, unknown> }[];
    };
    expect(report.disclosures).toHaveLength(1);
    expect(report.disclosures[0]).toMatchObject({ agency: s.agencyId, reference: 'PP-2026-0412', reason: REASON_KM, traceparent: TRACE });
    expect(report.disclosures[0]?.log_entry).toMatchObject({ reference: 'PP-2026-0412', reason_hash: expect.any(String) });
  });
});

describe('a sealed reason across a field-key rotation', () => {
  it('is re-wrapped with the records, holds back retiring the old keys until then, and still opens in the report after', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    expect((await s.fetch(statedReasonHeaders({ reference: 'PP-2026-0412', reason: REASON_KM }))).status).toBe(200);
    const stores = storesWithKeysOf(gatewayEnv);
    const versionOf = async () => (await gatewayEnv.DB.prepare('SELECT max(key_version) AS v FROM request_reasons').first<{ v: number }>())?.v ?? 0;
    const before = await versionOf();
    await rotateFieldKeys(stores, gateway.clock.now);
    for (let i = 0; i < 50 && (await rewrapBatch(stores, 200)).remaining > 0; i++);
    expect(await stores.requestReasons.countReasonsBelow(before + 1)).toBe(0);
    expect((await retireOldFieldKeys(stores, gateway.clock.now + 120)).retired).toBe(true);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const report = (await (await officer('POST', '/reports/subject-access', { national_id: s.nationalId, reason: 'request by the person' })).json()) as {
      disclosures: { reason: string | null }[];
    };
    expect(report.disclosures.map((d) => d.reason)).toEqual([REASON_KM]);
  });
});

describe('the partner SDK', () => {
  it('sends the stated reason with each record request (withReason), so a purpose that requires it answers', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    // A partner system holding its own key file, registered like any client.
    const keys = await generateClientKeys();
    const clientId = uniq('partner-sdk');
    await insertClient(gatewayEnv.DB, {
      id: clientId,
      kind: 'partner',
      agencyId: s.agencyId,
      name: 'Partner system (SDK)',
      signingJwks: { keys: [keys.public.signing] },
      encryptionJwk: keys.public.encryption,
      ingestTypes: [],
      roles: [],
      status: 'active',
      etag: uniq('etag'),
      createdAt: gateway.clock.now,
      updatedAt: gateway.clock.now,
    }).run();
    const partner = await PartnerClient.connect({
      issuer: ISSUER,
      clientId,
      signingJwk: keys.private.signing,
      encryptionJwk: keys.private.encryption,
      purpose: s.purpose.id,
      fetch: async (input, init) => gateway.app.request(input instanceof Request ? input : String(input), init, gatewayEnv),
    });
    await expect(partner.fetchRecord('person', s.id)).rejects.toMatchObject({ status: 400, code: 'reason_required' });
    const stated: StatedReason = { reference: 'PP-2026-0412', reason: REASON_KM, traceparent: TRACE };
    const logged = await entriesDuring(async () => {
      const { records } = await partner.withReason(stated).fetchRecord('person', s.id);
      expect(records).toHaveLength(1);
    });
    expect(disclosures(logged)[0]).toMatchObject({ outcome: 'disclosed', reference: 'PP-2026-0412', traceparent: TRACE, reason_hash: expect.any(String) });
  });
});
