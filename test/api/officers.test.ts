/**
 * Officers of partner agencies: registered by a privacy officer with a one-time enrolment code,
 * enrolled by their viewer with keys it made (proven by a DPoP proof), then reading under their
 * agency's grants through views that are logged before anything is shown.
 */
import { dpopProof, ephemeralDpopKey, generateClientKeys, signingKeyFromJwk } from '@need2know/client';
import { compactDecrypt, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { openViewerPayload } from '../../gateway/src/services/delivery/viewer-seal.js';
import {
  adminSession,
  accessTokenFor,
  callResource,
  createAgency,
  createClient,
  createGrant,
  createPurpose,
  gatewayEnv,
  ISSUER,
  requestToken,
  testGateway,
  uniq,
  type TestClient,
} from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';
import { leadershipOfficers } from './officer-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;
const RULES = { person: { name_latin: 'clear', name_km: 'clear', phone: 'masked' } };

const count = async (sql: string, ...args: unknown[]) =>
  (
    await gatewayEnv.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n ?? 0;

async function scene(gateway: Gateway, purposeOverrides: Record<string, unknown> = {}) {
  const agencyId = await createAgency();
  const office = await createAgency();
  const po = await createClient('privacy_officer', office);
  const admin = await adminSession(gateway, po);
  // Registering an officer and handing out a code need a second privacy officer, who receives the code.
  const second = await createClient('privacy_officer', office);
  const approver = await adminSession(gateway, second);
  const purpose = await createPurpose([agencyId], { rules: RULES as never, ...purposeOverrides });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 96 * 3600 });
  return { agencyId, admin, approver, second, po, purpose, grant };
}

/** What a viewer does on enrolment: make keys, prove the signing key with a DPoP proof, register. */
async function enrol(gateway: Gateway, code: string, officerId: string, agencyId: string): Promise<{ res: Response; officer: TestClient }> {
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

async function registerOfficer(s: Awaited<ReturnType<typeof scene>>) {
  const id = uniq('officer');
  const res = await s.admin('POST', '/officers', { id, agency_id: s.agencyId, name: 'Chenda Keo' });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { pending_requests: string[]; enrolled: boolean; status: string };
  expect(body).toMatchObject({ enrolled: false, status: 'suspended' });
  return { id, code: await approvedCode(s, body.pending_requests[0] as string) };
}

/** The code the second officer receives on approving a request that hands one out. */
async function approvedCode(s: Awaited<ReturnType<typeof scene>>, request: string): Promise<string> {
  const res = await s.approver('POST', `/requests/${request}/approve`, { reason: 'checked' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { enrolment_code: string }).enrolment_code;
}

describe('officer enrolment', () => {
  it('registers the keys the viewer made, once, and only the hash of the code is stored', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const { id, code } = await registerOfficer(s);
    expect(await count('SELECT count(*) AS n FROM enrolment_codes WHERE officer_id = ? AND code_hash = ?', id, code)).toBe(0);

    // Before enrolment the officer has no key: nothing authenticates as them.
    const early = await enrol(gateway, code, id, s.agencyId);
    const { res } = early;
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ officer_id: id, name: 'Chenda Keo', agency_id: s.agencyId, token_endpoint: `${ISSUER}/oauth/token` });

    // The code is spent: a second enrolment with it changes nothing.
    const events = await count('SELECT count(*) AS n FROM admin_events');
    const again = await enrol(gateway, code, id, s.agencyId);
    expect(again.res.status).toBe(400);
    expect(((await again.res.json()) as { code: string }).code).toBe('invalid_enrolment_code');
    expect(await count('SELECT count(*) AS n FROM admin_events')).toBe(events);
    const stored = await gatewayEnv.DB.prepare('SELECT signing_jwks, status FROM clients WHERE id = ?')
      .bind(id)
      .first<{ signing_jwks: string; status: string }>();
    expect(stored?.status).toBe('active');
    expect(JSON.parse(stored?.signing_jwks ?? '{}').keys[0].x).toBe(early.officer.signingKey.publicJwk.x);
  });

  it('refuses unknown codes, malformed codes and proofs for another URL alike', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const { id, code } = await registerOfficer(s);
    for (const bad of ['AAAAAA-AAAAAA-AAAAAA-AAAAAA', 'not a code', '']) {
      const { res } = await enrol(gateway, bad, id, s.agencyId);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toMatch(/invalid_enrolment_code|validation_failed/);
    }
    const keys = await generateClientKeys();
    const signingKey = await signingKeyFromJwk(keys.private.signing);
    const wrongUrl = await dpopProof(signingKey, 'POST', `${ISSUER}/oauth/token`, undefined, gateway.clock.now);
    const res = await gateway.request('/v1/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json', dpop: wrongUrl },
      body: JSON.stringify({ code, encryption_jwk: keys.public.encryption }),
    });
    expect(((await res.json()) as { code: string }).code).toBe('invalid_dpop_proof');
    // The code still works after all those refusals.
    expect((await enrol(gateway, code, id, s.agencyId)).res.status).toBe(201);
  });

  it('a code expires, and a new code voids the old one and the old device', async () => {
    const gateway = testGateway();
    const first0 = await scene(gateway);
    const { id, code } = await registerOfficer(first0);
    gateway.clock.advance(72 * 3600 + 1);
    expect((await enrol(gateway, code, id, first0.agencyId)).res.status).toBe(400);

    // Both officers sign in again: their earlier tokens have long expired.
    const admin = await adminSession(gateway, first0.po);
    const s = { ...first0, admin, approver: await adminSession(gateway, first0.second) };
    const reissued = (await (await admin('POST', `/officers/${id}/enrolment-code`, { reason: 'code expired' })).json()) as { pending_requests: string[] };
    const first = await enrol(gateway, await approvedCode(s, reissued.pending_requests[0] as string), id, s.agencyId);
    expect(first.res.status).toBe(201);
    expect((await requestToken(gateway, first.officer, { scope: 'officer' })).status).toBe(200);

    // A new device: the previous keys stop working at once.
    const next = (await (await admin('POST', `/officers/${id}/enrolment-code`, { reason: 'new laptop' })).json()) as { pending_requests: string[] };
    expect((await requestToken(gateway, first.officer, { scope: 'officer' })).status).toBe(401);
    expect((await enrol(gateway, await approvedCode(s, next.pending_requests[0] as string), id, s.agencyId)).res.status).toBe(201);
  });

  it('officers cannot be registered as ordinary clients', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const keys = await generateClientKeys();
    const res = await s.admin('POST', '/clients', {
      id: uniq('o'),
      kind: 'officer',
      agency_id: s.agencyId,
      name: 'x',
      signing_jwks: { keys: [keys.public.signing] },
      encryption_jwk: keys.public.encryption,
    });
    expect(res.status).toBe(400);
  });
});

describe('an enrolled officer in the viewer', () => {
  async function enrolled(gateway: Gateway, purposeOverrides: Record<string, unknown> = {}) {
    const s = await scene(gateway, purposeOverrides);
    const { id, code } = await registerOfficer(s);
    const { officer } = await enrol(gateway, code, id, s.agencyId);
    return { ...s, officer };
  }

  it('lists the agency grants with their windows and the gateway clock', async () => {
    const gateway = testGateway();
    const s = await enrolled(gateway);
    const tokenRes = await requestToken(gateway, s.officer, { scope: 'officer' });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const res = await callResource(gateway, s.officer, token, '/v1/officer/grants');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      officer: { name: string };
      grants: { grant: string; state: string; not_after: string; may_reveal_media: boolean }[];
      server_time: string;
    };
    expect(body.officer.name).toBe('Chenda Keo');
    expect(body.grants).toEqual([expect.objectContaining({ grant: s.grant.id, state: 'live', may_reveal_media: false })]);
    expect(Date.parse(body.grants[0]?.not_after ?? '')).toBe(s.grant.notAfter * 1000);
    // An officer token is no record-access token, and a partner cannot ask for one.
    expect((await callResource(gateway, s.officer, token, '/v1/session')).status).toBe(403);
    const partner = await createClient('partner', s.agencyId);
    expect((await requestToken(gateway, partner, { scope: 'officer' })).status).toBe(400);
  });

  it('opens a record only through a logged view, reports blocked copying, and is stopped by suspension', async () => {
    const gateway = testGateway();
    const s = await enrolled(gateway);
    const recordId = uniq('p');
    await seed('person', [person(recordId, { name_km: 'កែវ ចិន្តា' })], gateway.clock.now);
    const token = await accessTokenFor(gateway, s.officer, { type: 'record_access', purpose: s.purpose.id });
    const session = (await (await callResource(gateway, s.officer, token, '/v1/session')).json()) as { client_name: string; kind: string };
    expect(session).toMatchObject({ client_name: 'Chenda Keo', kind: 'officer' });

    const fetched = await call(gateway, s.officer, token, 'GET', `/v1/records/person/${recordId}?delivery=viewer`);
    const d = await open(gateway, s.officer, fetched);
    const disclosureId = fetched.response.headers.get('n2k-disclosure-id');
    // Only a delivery this officer holds can be opened.
    expect((await call(gateway, s.officer, token, 'POST', '/v1/views', { epoch: 0, disclosure_id: crypto.randomUUID() })).status).toBe(404);
    const view = await call(gateway, s.officer, token, 'POST', '/v1/views', { epoch: d.viewer_key?.epoch, disclosure_id: disclosureId });
    expect(view.status).toBe(201);
    const opened = JSON.parse(view.body) as { view_id: string; key: string };
    expect(opened.view_id).toMatch(/^[A-Za-z0-9_-]{11}$/);
    const jwk = JSON.parse(
      new TextDecoder().decode((await compactDecrypt(opened.key, await importJWK(s.officer.encryptionPrivateJwk, 'ECDH-ES'))).plaintext),
    ) as { k: string };
    const payload = (await openViewerPayload(d.sealed_payload as string, jwk.k)) as { records: { name_km: string }[] };
    expect(payload.records[0]?.name_km).toBe('កែវ ចិន្តា');

    const trace = (await (await s.admin('GET', `/views/${opened.view_id}`)).json()) as {
      officer_id: string;
      officer_name: string;
      grant_id: string;
      log_index: number;
    };
    expect(trace).toMatchObject({ officer_id: s.officer.id, officer_name: 'Chenda Keo', grant_id: s.grant.id });

    const blocked = await call(gateway, s.officer, token, 'POST', '/v1/viewer-events', { view_id: opened.view_id, counts: { copy: 2, print: 1 } });
    expect(blocked.status).toBe(202);
    const { log_index } = JSON.parse(blocked.body) as { log_index: number };
    const proof = (await (await s.admin('GET', `/v1/audit/proofs/inclusion?index=${log_index}&size=${log_index + 1}`)).json()) as {
      entry: Record<string, unknown>;
    };
    expect(proof.entry).toMatchObject({ kind: 'viewer', event: 'blocked', view: opened.view_id, officer: s.officer.id, counts: { copy: 2, print: 1 } });
    // Someone else's (or a made-up) view is not found.
    expect((await call(gateway, s.officer, token, 'POST', '/v1/viewer-events', { view_id: 'AAAAAAAAAAA', counts: { copy: 1 } })).status).toBe(404);
    // Revealing needs a grant that allows unblurred media.
    expect(
      (
        await call(gateway, s.officer, token, 'POST', '/v1/reveals', {
          view_id: opened.view_id,
          media_ref: 'media/person/1.png',
          reason: 'identify the person at the checkpoint',
        })
      ).status,
    ).toBe(403);

    // Suspended: the next request fails.
    expect((await s.admin('PATCH', `/clients/${s.officer.id}`, { status: 'suspended', reason: 'left the unit' })).status).toBe(200);
    expect((await call(gateway, s.officer, token, 'POST', '/v1/views', { epoch: 0, disclosure_id: disclosureId })).status).toBe(401);
  });

  // The reveal of a real photo, its reason on the log and the original in its answer: media-reveal-original.test.ts.
  it('refuses a reveal without a reason, or of a photo the viewed record does not name, and logs neither', async () => {
    const gateway = testGateway();
    const s = await enrolled(gateway, { allowUnblurredMedia: true });
    await gatewayEnv.DB.prepare('UPDATE grants SET media_unblurred = 1, leadership_approvals = ? WHERE id = ?')
      .bind(JSON.stringify(await leadershipOfficers(2)), s.grant.id)
      .run();
    const recordId = uniq('p');
    await seed('person', [person(recordId)], gateway.clock.now);
    const token = await accessTokenFor(gateway, s.officer, { type: 'record_access', purpose: s.purpose.id });
    const fetched = await call(gateway, s.officer, token, 'GET', `/v1/records/person/${recordId}?delivery=viewer`);
    const view = JSON.parse(
      (await call(gateway, s.officer, token, 'POST', '/v1/views', { epoch: 0, disclosure_id: fetched.response.headers.get('n2k-disclosure-id') })).body,
    ) as { view_id: string };
    expect(
      (await call(gateway, s.officer, token, 'POST', '/v1/reveals', { view_id: view.view_id, media_ref: 'media/person/1.png', reason: 'short' })).status,
    ).toBe(400);
    const res = await call(gateway, s.officer, token, 'POST', '/v1/reveals', {
      view_id: view.view_id,
      media_ref: 'media/person/1.png',
      reason: 'identify the person at the checkpoint',
    });
    expect(res.status).toBe(404);
    const trace = (await (await s.admin('GET', `/views/${view.view_id}`)).json()) as { reveals: { reason: string }[] };
    expect(trace.reveals).toEqual([]);
  });

  it('says the key is destroyed once the window is over', async () => {
    const gateway = testGateway();
    const s = await enrolled(gateway);
    const recordId = uniq('p');
    await seed('person', [person(recordId)], gateway.clock.now);
    const token = await accessTokenFor(gateway, s.officer, { type: 'record_access', purpose: s.purpose.id });
    const fetched = await call(gateway, s.officer, token, 'GET', `/v1/records/person/${recordId}?delivery=viewer`);
    await gatewayEnv.DB.prepare('UPDATE grants SET not_after = ? WHERE id = ?')
      .bind(gateway.clock.now + 30, s.grant.id)
      .run();
    const { shredViewerKeys } = await import('../../gateway/src/services/delivery/viewer-seal.js');
    await shredViewerKeys(storesOf(gatewayEnv), s.grant.id);
    const res = await call(gateway, s.officer, token, 'POST', '/v1/views', { epoch: 0, disclosure_id: fetched.response.headers.get('n2k-disclosure-id') });
    expect(res.status).toBe(410);
    expect(JSON.parse(res.body).code).toBe('key_destroyed');
  });
});
