/**
 * Helpers for tests of officers and the registry's two-person rule: two privacy officers, an officer
 * registered by one and approved by the other, and a viewer's enrolment.
 */
import { dpopProof, ephemeralDpopKey, generateClientKeys, signingKeyFromJwk } from '@need2know/client';
import { adminSession, createAgency, createClient, createGrant, createPurpose, ISSUER, requestToken, testGateway, uniq, type TestClient } from './harness.js';

export type Gateway = ReturnType<typeof testGateway>;
export type Admin = Awaited<ReturnType<typeof adminSession>>;
export const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

/** Two privacy officers and a partner agency with a live grant. */
export async function twoOfficers(gateway: Gateway) {
  const office = await createAgency();
  const a = await adminSession(gateway, await createClient('privacy_officer', office));
  const b = await adminSession(gateway, await createClient('privacy_officer', office));
  const agencyId = await createAgency();
  const purpose = await createPurpose([agencyId]);
  await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 96 * 3600 });
  return { a, b, agencyId, purpose };
}

/** What a viewer does on enrolment: make keys, prove the signing key with a DPoP proof, register. */
export async function enrol(gateway: Gateway, code: string, officerId: string, agencyId: string): Promise<{ res: Response; officer: TestClient }> {
  const keys = await generateClientKeys();
  const signingKey = await signingKeyFromJwk(keys.private.signing);
  const proof = await dpopProof(signingKey, 'POST', `${ISSUER}/v1/enrol`, undefined, gateway.clock.now);
  const res = await gateway.request('/v1/enrol', {
    method: 'POST',
    headers: { 'content-type': 'application/json', dpop: proof },
    body: JSON.stringify({ code, encryption_jwk: keys.public.encryption }),
  });
  return {
    res,
    officer: { id: officerId, agencyId, kind: 'partner', signingKey, encryptionPrivateJwk: keys.private.encryption, dpopKey: await ephemeralDpopKey() },
  };
}

/** An officer registered by `a`, approved by `b`; returns the code the approval handed `b`. */
export async function approvedOfficer(a: Admin, b: Admin, agencyId: string): Promise<{ id: string; code: string }> {
  const id = uniq('officer');
  const created = await json<{ pending_requests: string[] }>(a('POST', '/officers', { id, agency_id: agencyId, name: 'Chenda Keo', reason: 'new tracer' }));
  const approved = await json<{ enrolment_code: string }>(
    b('POST', `/requests/${created.pending_requests[0]}/approve`, { reason: 'appointment letter checked' }),
  );
  return { id, code: approved.enrolment_code };
}

/** Asks for an officer-viewer token (the officer's keys authenticate, and the officer is active). */
export const officerToken = (gateway: Gateway, officer: TestClient) => requestToken(gateway, officer, { scope: 'officer' });

/** Registers `n` active privacy officers with the leadership role; their ids, for a grant's leadership approvals. */
export async function leadershipOfficers(n = 2): Promise<string[]> {
  const office = await createAgency();
  return Promise.all(Array.from({ length: n }, async () => (await createClient('privacy_officer', office, { roles: ['leadership'] })).id));
}
