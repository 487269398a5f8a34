/**
 * Finding "Leadership approvals stop counting when the approving officer is suspended or loses the
 * leadership role": flagged media stayed unblurred on a grant after one of its two leadership
 * approvers was suspended. An approval now counts only while its officer is active and holds the
 * role, judged on every request from who the approvers are now.
 */
import { describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, uniq } from './harness.js';
import { call, open, seed } from './disclosure-harness.js';
import { json } from './officer-harness.js';

async function scene(gateway: ReturnType<typeof testGateway>) {
  const id = uniq('c');
  await seed('case', [
    {
      id,
      case_number: 'PP-2026-0043',
      criterion: 3,
      offence: 'Domestic violence',
      occurred_on: '2026-02-01',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Unit',
      sensitivity: 'normal',
      evidence: [{ media_ref: 'media/child.jpg', kind: 'photo', shows_minor: true, shows_restrained: false }],
    },
  ]);
  const agencyId = await createAgency();
  const partner = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: { case: { case_number: 'clear', evidence: 'clear' } } as never, allowUnblurredMedia: true });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 }, { mediaUnblurred: true });
  const token = await accessTokenFor(gateway, partner, { type: 'record_access', purpose: purpose.id });
  const photo = async () => {
    const d = await open(gateway, partner, await call(gateway, partner, token, 'GET', `/v1/records/case/${id}`));
    return ((d.records?.[0]?.evidence ?? []) as { media_ref: string }[])[0]?.media_ref;
  };
  const office = await createAgency();
  const lead1 = await createClient('privacy_officer', office, { roles: ['leadership'] });
  const lead2 = await createClient('privacy_officer', office, { roles: ['leadership'] });
  const a = await adminSession(gateway, await createClient('privacy_officer', office));
  const b = await adminSession(gateway, await createClient('privacy_officer', office));
  for (const lead of [lead1, lead2])
    expect((await (await adminSession(gateway, lead))('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' })).status).toBe(200);
  expect(await photo()).toBe('media/child.jpg');
  return { grant, photo, lead1, lead2, a, b };
}

describe('Leadership approvals stop counting when the approving officer is suspended or loses the leadership role', () => {
  it('a suspended approver no longer counts, until a second officer approves re-activation', async () => {
    const gateway = testGateway();
    const { grant, photo, lead1, lead2, a, b } = await scene(gateway);
    expect((await a('PATCH', `/clients/${lead1.id}`, { status: 'suspended', reason: 'under investigation' })).status).toBe(200);
    expect(await photo()).toBe('media/child.jpg#redacted');
    expect((await json<{ leadership_approvals_in_force: string[] }>(a('GET', `/grants/${grant.id}`))).leadership_approvals_in_force).toEqual([lead2.id]);

    const resumed = await json<{ pending_requests: string[] }>(a('PATCH', `/clients/${lead1.id}`, { status: 'active', reason: 'cleared' }));
    expect(await photo()).toBe('media/child.jpg#redacted');
    expect((await b('POST', `/requests/${resumed.pending_requests[0]}/approve`, { reason: 'investigation closed' })).status).toBe(200);
    expect(await photo()).toBe('media/child.jpg');
  });

  it('an approver who loses the leadership role no longer counts', async () => {
    const gateway = testGateway();
    const { photo, lead2 } = await scene(gateway);
    // No admin route changes roles; the registry is changed as an operator would.
    await gatewayEnv.DB.prepare("UPDATE clients SET roles = '[]' WHERE id = ?").bind(lead2.id).run();
    expect(await photo()).toBe('media/child.jpg#redacted');
  });
});
