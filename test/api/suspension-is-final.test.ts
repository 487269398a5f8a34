/**
 * Finding "Suspension is final until approved otherwise": an officer suspended by a privacy officer
 * re-activated themselves by enrolling with a code they still held, because enrolment set the status
 * to active. Suspending now voids open codes, and enrolment never changes an officer's status: only
 * a re-activation approved by a second privacy officer does.
 */
import { describe, expect, it } from 'vitest';
import { testGateway } from './harness.js';
import { approvedOfficer, enrol, json, officerToken, twoOfficers } from './officer-harness.js';

describe('Suspension is final until approved otherwise', () => {
  it('suspending an officer voids the enrolment code they still hold', async () => {
    const gateway = testGateway();
    const { a, b, agencyId } = await twoOfficers(gateway);
    const { id, code } = await approvedOfficer(a, b, agencyId);
    expect((await a('PATCH', `/clients/${id}`, { status: 'suspended', reason: 'under investigation' })).status).toBe(200);
    const { res, officer } = await enrol(gateway, code, id, agencyId);
    expect(res.status).toBe(400);
    expect((await json<{ code: string }>(res)).code).toBe('invalid_enrolment_code');
    expect(await json<{ status: string; enrolled: boolean }>(a('GET', `/clients/${id}`))).toMatchObject({ status: 'suspended' });
    expect((await officerToken(gateway, officer)).status).toBe(401);
  });

  it("enrolling a new device never re-activates a suspended officer; a second officer's approval does", async () => {
    const gateway = testGateway();
    const { a, b, agencyId } = await twoOfficers(gateway);
    const { id, code } = await approvedOfficer(a, b, agencyId);
    expect((await enrol(gateway, code, id, agencyId)).res.status).toBe(201);
    expect((await a('PATCH', `/clients/${id}`, { status: 'suspended', reason: 'under investigation' })).status).toBe(200);

    // A new device for the suspended officer, approved by a second officer: the keys register, the
    // suspension stands.
    const asked = await json<{ pending_requests: string[] }>(a('POST', `/officers/${id}/enrolment-code`, { reason: 'lost laptop' }));
    const approved = await json<{ enrolment_code: string }>(b('POST', `/requests/${asked.pending_requests[0]}/approve`, { reason: 'checked' }));
    const device = await enrol(gateway, approved.enrolment_code, id, agencyId);
    expect(device.res.status).toBe(201);
    expect((await json<{ status: string }>(a('GET', `/clients/${id}`))).status).toBe('suspended');
    expect((await officerToken(gateway, device.officer)).status).toBe(401);

    // Re-activation is itself a request for a second officer.
    const resumed = await json<{ status: string; pending_requests: string[] }>(a('PATCH', `/clients/${id}`, { status: 'active', reason: 'cleared' }));
    expect(resumed.status).toBe('suspended');
    expect((await json<{ code: string }>(a('POST', `/requests/${resumed.pending_requests[0]}/approve`, { reason: 'self' }))).code).toBe('two_person_rule');
    expect((await officerToken(gateway, device.officer)).status).toBe(401);
    expect((await b('POST', `/requests/${resumed.pending_requests[0]}/approve`, { reason: 'investigation closed' })).status).toBe(200);
    expect((await officerToken(gateway, device.officer)).status).toBe(200);
  });
});
