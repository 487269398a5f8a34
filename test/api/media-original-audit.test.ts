/**
 * Finding "Auditing a photo's original needs leadership approval": a privacy officer auditing a
 * redaction could only ever see the protected rendition, so a face the detector missed or a region
 * drawn in the wrong place could not be checked against the picture it hides, and nothing let
 * leadership allow that comparison. Now an officer asks, with a reason, to audit one photo's
 * original (`POST /v1/admin/media/original-audits`); two leadership officers, neither of them the
 * requester, approve it; for 24 hours from the second approval `POST /v1/admin/media/redaction`
 * with `rendition: original` returns the original beside the protected rendition to that officer,
 * for that photo, logging the opening (who, the approval, its reason) first. Anything less — one
 * approval, the requester's own, another officer, another photo, a lapsed or revoked approval — is
 * refused with `leadership_approval_required`, and nothing is disclosed or logged as an audit.
 */
import { decodeBase64 } from '@need2know/crypto';
import { describe, expect, it } from 'vitest';
import { adminSession, createAgency, createClient, testGateway, type TestClient } from './harness.js';
import { caseWith, mediaOwner, photo, portraitPng, uniq } from './media-harness.js';

const DAY = 24 * 3600;

interface Request {
  id: string;
  state: string;
  until: string | null;
  approvals: { by: string }[];
  approvals_in_force: string[];
  status: string;
}
interface Audit {
  shown: { rendition: string; data: string };
  original: { content_type: string; data: string; approval: string; until: string } | null;
  event_seq: number;
}
interface Events {
  events: { seq: number; actor: string; action: string; target_type: string; target_id: string; detail: Record<string, unknown> }[];
}
type Gateway = ReturnType<typeof testGateway>;

/** Two flagged photos of one owner, a requesting officer, another officer, three leadership officers. */
async function scene(gateway: Gateway) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const refs = [`media/case/${caseId}/witness-1.png`, `media/case/${caseId}/witness-2.png`];
  const bytes = [await portraitPng(3), await portraitPng(4)];
  await owner.seed('case', [
    caseWith(
      caseId,
      refs.map((ref) => photo(ref, { shows_witness: true })),
    ),
  ]);
  for (const [i, ref] of refs.entries()) {
    const up = await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: bytes[i] as Uint8Array, type: 'image/png' } });
    if (up.status !== 200) throw new Error(`upload failed: ${up.status} ${await up.text()}`);
  }
  const office = await createAgency();
  const officer = (roles: 'leadership'[] = []) => createClient('privacy_officer', office, { roles });
  const clients = {
    requester: await officer(),
    other: await officer(),
    lead1: await officer(['leadership']),
    lead2: await officer(['leadership']),
    lead3: await officer(['leadership']),
  };
  const as = (who: TestClient) => adminSession(gateway, who);
  return { owner: owner.agency, refs, bytes, clients, as };
}

const ask = async (
  admin: Awaited<ReturnType<typeof adminSession>>,
  owner: string,
  ref: string,
  reason = 'Complaint 7/2026: a witness says her face was left visible',
) => admin('POST', '/media/original-audits', { owner, ref, reason });
const approve = (admin: Awaited<ReturnType<typeof adminSession>>, id: string) =>
  admin('POST', `/media/original-audits/${id}/leadership-approve`, { reason: 'Complaint warrants it' });
const audit = (admin: Awaited<ReturnType<typeof adminSession>>, owner: string, ref: string) =>
  admin('POST', '/media/redaction', { owner, ref, rendition: 'original' });
const events = async (admin: Awaited<ReturnType<typeof adminSession>>, action: string) =>
  ((await (await admin('GET', '/events?limit=500')).json()) as Events).events.filter((e) => e.action === action);

/** Expects a refusal that discloses nothing: 403 `leadership_approval_required`, no picture, no audit logged. */
async function refused(admin: Awaited<ReturnType<typeof adminSession>>, owner: string, ref: string): Promise<void> {
  const before = (await events(admin, 'media.redaction_audit')).length;
  const res = await audit(admin, owner, ref);
  expect(res.status).toBe(403);
  const body = await res.text();
  expect(JSON.parse(body).code).toBe('leadership_approval_required');
  expect(body).not.toContain('"data"');
  expect((await events(admin, 'media.redaction_audit')).length).toBe(before);
}

/** A request by the requester for the first photo, approved by two leadership officers. */
async function approved(gateway: Gateway) {
  const s = await scene(gateway);
  const requester = await s.as(s.clients.requester);
  const res = await ask(requester, s.owner, s.refs[0] as string);
  expect(res.status).toBe(201);
  const request = (await res.json()) as Request;
  expect(request.state).toBe('awaiting');
  expect((await approve(await s.as(s.clients.lead1), request.id)).status).toBe(200);
  const second = await approve(await s.as(s.clients.lead2), request.id);
  expect(second.status).toBe(200);
  const inForce = (await second.json()) as Request;
  expect(inForce.state).toBe('in_force');
  return { ...s, requester, request: inForce };
}

/** Each test uploads two photos (each examined for faces at upload): seconds alone, more on a loaded machine. */
const SLOW = 60_000;

describe("Auditing a photo's original needs leadership approval", { timeout: SLOW }, () => {
  it('with two leadership approvals in force, the requester sees the original beside the rendition, and the opening is logged first with the approval and its reason', async () => {
    const gateway = testGateway();
    const { owner, refs, bytes, clients, requester, request } = await approved(gateway);
    const res = await audit(requester, owner, refs[0] as string);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Audit;
    expect(['redacted', 'blurred']).toContain(body.shown.rendition);
    expect(body.original?.content_type).toBe('image/png');
    expect(body.original?.approval).toBe(request.id);
    expect(body.original?.until).toBe(request.until);
    expect(decodeBase64(body.original?.data ?? '')).toEqual(bytes[0]);
    expect(body.shown.data).not.toBe(body.original?.data);

    const opened = (await events(requester, 'media.redaction_audit')).find((e) => e.seq === body.event_seq);
    expect(opened).toMatchObject({
      actor: clients.requester.id,
      target_type: 'media',
      detail: { owner, original: true, approval: request.id, reason: 'Complaint 7/2026: a witness says her face was left visible' },
    });
    // The request and each approval are on the log too, naming the request.
    const steps = [
      ...(await events(requester, 'media.original_audit.request')),
      ...(await events(requester, 'media.original_audit.leadership_approve')),
    ].filter((e) => e.target_id === request.id);
    expect(steps.map((e) => e.actor)).toEqual([clients.requester.id, clients.lead1.id, clients.lead2.id]);
  });

  it('one leadership approval only is refused', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const requester = await s.as(s.clients.requester);
    const request = (await (await ask(requester, s.owner, s.refs[0] as string)).json()) as Request;
    await refused(requester, s.owner, s.refs[0] as string);
    expect((await approve(await s.as(s.clients.lead1), request.id)).status).toBe(200);
    await refused(requester, s.owner, s.refs[0] as string);
  });

  it('the requester approving their own request is refused, and so is an officer without the leadership role or the same leader twice', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    // A leadership officer asks: their own word cannot count.
    const leader = await s.as(s.clients.lead1);
    const request = (await (await ask(leader, s.owner, s.refs[0] as string)).json()) as Request;
    const own = await approve(leader, request.id);
    expect(own.status).toBe(403);
    expect(((await own.json()) as { code: string }).code).toBe('two_person_rule');
    const notLeader = await approve(await s.as(s.clients.other), request.id);
    expect(notLeader.status).toBe(403);
    expect(((await notLeader.json()) as { code: string }).code).toBe('forbidden');
    const lead2 = await s.as(s.clients.lead2);
    expect((await approve(lead2, request.id)).status).toBe(200);
    expect((await approve(lead2, request.id)).status).toBe(409);
    await refused(leader, s.owner, s.refs[0] as string);
    // A third leader makes two that count, none of them the requester's.
    expect((await approve(await s.as(s.clients.lead3), request.id)).status).toBe(200);
    expect((await audit(leader, s.owner, s.refs[0] as string)).status).toBe(200);
  });

  it('another officer is refused the original the approval covers', async () => {
    const gateway = testGateway();
    const { owner, refs, clients, as } = await approved(gateway);
    for (const who of [clients.other, clients.lead1]) await refused(await as(who), owner, refs[0] as string);
  });

  it('another photo of the same owner is refused to the requester', async () => {
    const gateway = testGateway();
    const { owner, refs, requester } = await approved(gateway);
    await refused(requester, owner, refs[1] as string);
  });

  it('an expired approval is refused: 24 hours after the second approval', async () => {
    const gateway = testGateway();
    const { owner, refs, clients, as, request } = await approved(gateway);
    gateway.clock.advance(DAY - 60);
    expect((await audit(await as(clients.requester), owner, refs[0] as string)).status).toBe(200);
    gateway.clock.advance(60);
    const requester = await as(clients.requester);
    await refused(requester, owner, refs[0] as string);
    // Lapsed for good: no further approval revives it.
    expect((await approve(await as(clients.lead3), request.id)).status).toBe(409);
    // A new request may be made.
    expect((await ask(requester, owner, refs[0] as string)).status).toBe(201);
  });

  it('a revoked approval is refused', async () => {
    const gateway = testGateway();
    const { owner, refs, clients, as, requester, request } = await approved(gateway);
    const res = await (await as(clients.other))('POST', `/media/original-audits/${request.id}/close`, { reason: 'Complaint withdrawn' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Request).status).toBe('revoked');
    await refused(requester, owner, refs[0] as string);
  });

  it('an approver suspended since no longer counts', async () => {
    const gateway = testGateway();
    const { owner, refs, clients, as, requester } = await approved(gateway);
    expect((await (await as(clients.other))('PATCH', `/clients/${clients.lead2.id}`, { status: 'suspended', reason: 'under investigation' })).status).toBe(200);
    await refused(requester, owner, refs[0] as string);
  });

  it('a request without a reason, for an unknown photo or another owner’s, or while one is open, is refused and changes nothing', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const requester = await s.as(s.clients.requester);
    const before = (await events(requester, 'media.original_audit.request')).length;
    expect((await requester('POST', '/media/original-audits', { owner: s.owner, ref: s.refs[0] })).status).toBe(400);
    expect((await ask(requester, s.owner, s.refs[0] as string, '   ')).status).toBe(400);
    expect((await ask(requester, s.owner, s.refs[0] as string, 'x'.repeat(501))).status).toBe(400);
    const unknown = await ask(requester, s.owner, 'media/case/none/nothing.png');
    const otherOwner = await ask(requester, (await mediaOwner(gateway)).agency, s.refs[0] as string);
    expect(unknown.status).toBe(404);
    expect(otherOwner.status).toBe(404);
    expect(await unknown.text()).toBe(await otherOwner.text());
    expect((await events(requester, 'media.original_audit.request')).length).toBe(before);
    expect((await ask(requester, s.owner, s.refs[0] as string)).status).toBe(201);
    expect((await ask(requester, s.owner, s.refs[0] as string)).status).toBe(409);
    expect((await events(requester, 'media.original_audit.request')).length).toBe(before + 1);
  });
});
