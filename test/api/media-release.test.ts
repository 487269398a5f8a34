/**
 * Flagged media leave unblurred only when the purpose allows it, the grant asked for it, and two
 * different officers with the leadership role approved that grant; otherwise the record names them
 * `#redacted` (faces hidden, or the whole frame blurred where no face was found with confidence).
 */
import { describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, uniq } from './harness.js';
import { call, open, seed } from './disclosure-harness.js';

const EVIDENCE_RULES = { case: { case_number: 'clear', evidence: 'clear' } };

async function setup(gateway: ReturnType<typeof testGateway>, purposeAllows: boolean) {
  const id = uniq('c');
  await seed('case', [
    {
      id,
      case_number: 'PP-2026-0042',
      criterion: 3,
      offence: 'Domestic violence',
      occurred_on: '2026-02-01',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Unit',
      sensitivity: 'normal',
      evidence: [
        { media_ref: 'media/ok.jpg', kind: 'photo', shows_minor: false, shows_restrained: false },
        { media_ref: 'media/child.jpg', kind: 'photo', shows_minor: true, shows_restrained: false },
      ],
    },
  ]);
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: EVIDENCE_RULES as never, allowUnblurredMedia: purposeAllows });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, { mediaUnblurred: true });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const evidence = async () => {
    const d = await open(gateway, client, await call(gateway, client, token, 'GET', `/v1/records/case/${id}`));
    return (d.records?.[0]?.evidence ?? []) as { media_ref: string; redacted?: boolean }[];
  };
  return { grant, purpose, evidence };
}

describe('unblurred media', () => {
  it('stay protected until two leadership officers approve, then leave unblurred', async () => {
    const gateway = testGateway();
    const { grant, evidence } = await setup(gateway, true);
    const agency = await createAgency();
    const plain = await adminSession(gateway, await createClient('privacy_officer', agency));
    const lead1 = await adminSession(gateway, await createClient('privacy_officer', agency, { roles: ['leadership'] }));
    const lead2 = await adminSession(gateway, await createClient('privacy_officer', agency, { roles: ['leadership'] }));

    expect((await evidence()).map((e) => e.media_ref)).toEqual(['media/ok.jpg', 'media/child.jpg#redacted']);
    expect((await plain('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'x' })).status).toBe(403);
    expect((await lead1('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' })).status).toBe(200);
    expect((await lead1('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'again' })).status).toBe(409);
    expect((await evidence())[1]?.media_ref).toBe('media/child.jpg#redacted');
    expect((await lead2('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' })).status).toBe(200);
    expect((await evidence()).map((e) => e.media_ref)).toEqual(['media/ok.jpg', 'media/child.jpg']);
  });

  it('stay protected whatever the approvals when the purpose does not allow it', async () => {
    const gateway = testGateway();
    const { grant, evidence } = await setup(gateway, false);
    await gatewayEnv.DB.prepare('UPDATE grants SET leadership_approvals = ? WHERE id = ?')
      .bind(JSON.stringify(['lead-a', 'lead-b']), grant.id)
      .run();
    expect((await evidence())[1]).toMatchObject({ media_ref: 'media/child.jpg#redacted', redacted: true });
  });
});
