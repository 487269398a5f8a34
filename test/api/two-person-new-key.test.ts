/**
 * Finding "Two people for anything that gives a new key access": one privacy officer alone could
 * register a partner client, register an officer and take their enrolment code, or hand an officer a
 * new code, and so put a key of their choice on another agency's live grant. Every such path now
 * waits for a second privacy officer, and an enrolment code exists only once that officer approves
 * (it is shown to the approver alone).
 */
import { ephemeralDpopKey, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, requestToken, testGateway, uniq, type TestClient } from './harness.js';
import { approvedOfficer, enrol, json, officerToken, twoOfficers } from './officer-harness.js';

describe('Two people for anything that gives a new key access', () => {
  it('a new partner client cannot ask for tokens until a second privacy officer approves it', async () => {
    const gateway = testGateway();
    const { a, b, agencyId, purpose } = await twoOfficers(gateway);
    const keys = await generateClientKeys();
    const id = uniq('partner');
    const created = await json<{ status: string; pending_requests: string[] }>(
      a('POST', '/clients', {
        id,
        kind: 'partner',
        agency_id: agencyId,
        name: 'Attacker-held system',
        signing_jwks: { keys: [keys.public.signing] },
        encryption_jwk: publicJwkOf(keys.private.encryption),
      }),
    );
    expect(created.status).toBe('suspended');
    expect(created.pending_requests).toHaveLength(1);
    const partner: TestClient = {
      id,
      agencyId,
      kind: 'partner',
      signingKey: await signingKeyFromJwk(keys.private.signing),
      encryptionPrivateJwk: keys.private.encryption,
      dpopKey: await ephemeralDpopKey(),
    };
    const details = { authorization_details: JSON.stringify([{ type: 'record_access', purpose: purpose.id }]) };
    expect((await requestToken(gateway, partner, details)).status).toBe(401);
    // The requester alone cannot approve it.
    expect((await json<{ code: string }>(a('POST', `/requests/${created.pending_requests[0]}/approve`, { reason: 'self' }))).code).toBe('two_person_rule');
    expect((await requestToken(gateway, partner, details)).status).toBe(401);
    expect((await b('POST', `/requests/${created.pending_requests[0]}/approve`, { reason: 'agency letter checked' })).status).toBe(200);
    expect(await accessTokenFor(gateway, partner, { type: 'record_access', purpose: purpose.id })).toBeTruthy();
  });

  it('a new officer has no enrolment code until a second privacy officer approves, and the code goes to the approver', async () => {
    const gateway = testGateway();
    const { a, b, agencyId } = await twoOfficers(gateway);
    const id = uniq('officer');
    const res = await a('POST', '/officers', { id, agency_id: agencyId, name: 'Sock puppet', reason: 'new tracer' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown> & { pending_requests: string[] };
    expect(created).not.toHaveProperty('enrolment_code');
    expect(created).toMatchObject({ status: 'suspended', enrolled: false, code_expires_at: null });
    const request = created.pending_requests[0] as string;
    const self = await json<Record<string, unknown>>(a('POST', `/requests/${request}/approve`, { reason: 'self' }));
    expect(self.code).toBe('two_person_rule');
    expect(self).not.toHaveProperty('enrolment_code');

    const approved = await json<{ status: string; enrolment_code: string; code_expires_at: string }>(
      b('POST', `/requests/${request}/approve`, { reason: 'appointment letter checked' }),
    );
    expect(approved.status).toBe('approved');
    expect(approved.enrolment_code).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]{6}){3}$/);
    // The code is shown once: the request read again does not carry it.
    expect(JSON.stringify(await json(a('GET', '/requests?status=all')))).not.toContain(approved.enrolment_code);
    const { res: enrolled, officer } = await enrol(gateway, approved.enrolment_code, id, agencyId);
    expect(enrolled.status).toBe(201);
    expect((await officerToken(gateway, officer)).status).toBe(200);
  });

  it('a rejected registration leaves no code that could ever work', async () => {
    const gateway = testGateway();
    const { a, b, agencyId } = await twoOfficers(gateway);
    const id = uniq('officer');
    const created = await json<{ pending_requests: string[] }>(a('POST', '/officers', { id, agency_id: agencyId, name: 'Unknown person' }));
    const rejected = await json<Record<string, unknown>>(b('POST', `/requests/${created.pending_requests[0]}/reject`, { reason: 'no appointment letter' }));
    expect(rejected).toMatchObject({ status: 'rejected' });
    expect(rejected).not.toHaveProperty('enrolment_code');
    expect(await json<{ status: string; code_expires_at: null }>(a('GET', `/clients/${id}`))).toMatchObject({ status: 'suspended' });
  });

  it('a new enrolment code for an existing officer (re-keying) waits for a second officer; the old keys stop at once', async () => {
    const gateway = testGateway();
    const { a, b, agencyId } = await twoOfficers(gateway);
    const { id, code } = await approvedOfficer(a, b, agencyId);
    const first = await enrol(gateway, code, id, agencyId);
    expect((await officerToken(gateway, first.officer)).status).toBe(200);

    const res = await a('POST', `/officers/${id}/enrolment-code`, { reason: 'new laptop' });
    expect(res.status).toBe(200);
    const asked = (await res.json()) as Record<string, unknown> & { pending_requests: string[] };
    expect(asked).not.toHaveProperty('enrolment_code');
    expect(asked).toMatchObject({ enrolled: false, status: 'active' });
    expect((await officerToken(gateway, first.officer)).status).toBe(401);
    // Asking twice is refused while the first request is open.
    expect((await a('POST', `/officers/${id}/enrolment-code`, { reason: 'again' })).status).toBe(409);
    expect((await json<{ code: string }>(a('POST', `/requests/${asked.pending_requests[0]}/approve`, { reason: 'self' }))).code).toBe('two_person_rule');

    const approved = await json<{ enrolment_code: string }>(
      b('POST', `/requests/${asked.pending_requests[0]}/approve`, { reason: 'officer called from the agency line' }),
    );
    const second = await enrol(gateway, approved.enrolment_code, id, agencyId);
    expect(second.res.status).toBe(201);
    expect((await officerToken(gateway, second.officer)).status).toBe(200);
  });
});
