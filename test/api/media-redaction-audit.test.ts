/**
 * Finding: a privacy officer could not see how a photo was redacted — which faces the detector
 * found, which boxes the data owner added or took away and why, and what partners actually receive —
 * so redactions could not be audited. Now `POST /v1/admin/media/redaction` shows a privacy officer the
 * protected rendition with the faces and regions, their reasons and who set them; it never returns
 * the original without a leadership approval in force (see media-original-audit.test.ts), answers a photo of another owner exactly
 * like a missing one, refuses every caller that is not a privacy officer, and records each audit as
 * an administrative event before answering.
 */
import sample1 from '@vladmandic/face-api/demo/sample1.jpg';
import { decodeBase64 } from '@need2know/crypto';
import { describe, expect, it } from 'vitest';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { accessTokenFor, adminSession, callResource, createAgency, createClient, requestToken, testGateway } from './harness.js';
import { caseWith, mediaOwner, mediaPartner, photo, uniq } from './media-harness.js';

const PHOTO = new Uint8Array(sample1);
const SLOW = 120_000;

interface Audit {
  ref: string;
  owner: string;
  protection: string | null;
  shown: { rendition: string; content_type: string; data: string };
  detection: {
    detector: string;
    version: string;
    faces: { face: number; x: number; y: number; width: number; height: number; score: number; removed: { reason: string; note: string | null } | null }[];
  } | null;
  regions: { set_by: string; set_at: string; regions: { x: number; y: number; width: number; height: number; reason: string; note: string | null }[] } | null;
  event_seq: number;
}
interface Events {
  events: { seq: number; actor: string; action: string; target_type: string; detail: Record<string, unknown> }[];
}

/** A witness photo (three faces) uploaded by its owner, with a plate region and a face taken away, and a privacy officer. */
async function scene(gateway: ReturnType<typeof testGateway>) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const ref = `media/case/${caseId}/witnesses.jpg`;
  await owner.seed('case', [caseWith(caseId, [photo(ref, { shows_witness: true })])]);
  const up = await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: PHOTO, type: 'image/jpeg' } });
  if (up.status !== 200) throw new Error(`upload failed: ${up.status} ${await up.text()}`);
  const edit = await owner.regions({
    ref,
    regions: [
      { x: 100, y: 900, width: 300, height: 120, reason: 'plate' },
      { x: 1500, y: 900, width: 200, height: 200, reason: 'other', note: 'a name badge' },
    ],
    removed_faces: [],
  });
  if (edit.status !== 200) throw new Error(`regions refused: ${edit.status} ${await edit.text()}`);
  const officer = await createClient('privacy_officer', await createAgency());
  return { owner, caseId, ref, officer, admin: await adminSession(gateway, officer) };
}

const audit = (admin: Awaited<ReturnType<typeof adminSession>>, body: Record<string, unknown>) => admin('POST', '/media/redaction', body);
const events = async (admin: Awaited<ReturnType<typeof adminSession>>) =>
  ((await (await admin('GET', '/events?limit=500')).json()) as Events).events.filter((e) => e.action === 'media.redaction_audit');

describe('POST /v1/admin/media/redaction', () => {
  it(
    'shows a privacy officer the redacted rendition, the faces found and the regions with reasons and who set them, and records the audit first',
    async () => {
      const gateway = testGateway();
      const { owner, ref, officer, admin } = await scene(gateway);
      const res = await audit(admin, { owner: owner.agency, ref });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Audit;
      expect(body.protection).toBe('redacted');
      expect(body.shown.rendition).toBe('redacted');
      expect(body.shown.content_type).toBe('image/jpeg');
      expect(body.detection?.detector).toBe('tiny_face_detector');
      expect(body.detection?.version).toMatch(/^@vladmandic\/face-api@/);
      expect(body.detection?.faces.length).toBeGreaterThanOrEqual(3);
      expect(body.regions?.set_by).toBe(owner.client.id);
      expect(body.regions?.regions.map((r) => [r.reason, r.note])).toEqual([
        ['plate', null],
        ['other', 'a name badge'],
      ]);

      // The picture shown is the redaction: the faces the detector found differ from the original's.
      const shown = decodeJpeg(decodeBase64(body.shown.data) as Uint8Array, { maxPixels: 4_200_000 }).image;
      const original = decodeJpeg(PHOTO, { maxPixels: 4_200_000 }).image;
      const face = body.detection?.faces[0];
      if (face === undefined) throw new Error('no face');
      let diff = 0;
      for (let y = face.y; y < face.y + face.height; y++)
        for (let x = face.x; x < face.x + face.width; x++) {
          const i = (y * original.width + x) * 4;
          diff += Math.abs((shown.data[i] as number) - (original.data[i] as number));
        }
      expect(diff / (face.width * face.height)).toBeGreaterThan(10);

      const recorded = await events(admin);
      expect(recorded.map((e) => [e.seq, e.actor, e.target_type, e.detail['rendition'], e.detail['regions']])).toContainEqual([
        body.event_seq,
        officer.id,
        'media',
        'redacted',
        2,
      ]);
    },
    SLOW,
  );

  it(
    'never returns the original without a leadership approval in force, not even to a leadership officer; refusals record nothing',
    async () => {
      const gateway = testGateway();
      const { owner, ref, admin } = await scene(gateway);
      const leader = await adminSession(gateway, await createClient('privacy_officer', await createAgency(), { roles: ['leadership'] }));
      const before = (await events(admin)).length;
      for (const who of [admin, leader]) {
        const res = await audit(who, { owner: owner.agency, ref, rendition: 'original' });
        expect(res.status).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe('leadership_approval_required');
      }
      // A rendition the photo does not have is refused too (a redacted photo keeps its blurred one as well).
      const blurred = (await (await audit(admin, { owner: owner.agency, ref, rendition: 'blurred' })).json()) as Audit;
      expect(blurred.shown.rendition).toBe('blurred');
      expect((await events(admin)).length).toBe(before + 1);
    },
    SLOW,
  );

  it(
    'answers a photo of another owner exactly like an unknown reference',
    async () => {
      const gateway = testGateway();
      const { ref, admin } = await scene(gateway);
      const other = await mediaOwner(gateway);
      const before = (await events(admin)).length;
      const wrongOwner = await audit(admin, { owner: other.agency, ref });
      const unknown = await audit(admin, { owner: other.agency, ref: `media/case/${uniq('case')}/nothing.jpg` });
      expect(wrongOwner.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(await wrongOwner.text()).toBe(await unknown.text());
      expect((await events(admin)).length).toBe(before);
    },
    SLOW,
  );

  it(
    'refuses everyone who is not a privacy officer: the photo’s own data owner, a partner that receives it, another agency’s officer',
    async () => {
      const gateway = testGateway();
      const { owner, ref } = await scene(gateway);
      const body = JSON.stringify({ owner: owner.agency, ref });
      const init = { method: 'POST', body, headers: { 'content-type': 'application/json' } };
      const ownerToken = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['case'] });
      const partner = await mediaPartner(gateway);
      const officer = await createClient('officer', await createAgency());
      const officerToken = await (await requestToken(gateway, officer, { scope: 'officer' })).json();
      const callers = [
        { client: owner.client, token: ownerToken },
        { client: partner.client, token: partner.token },
        { client: officer, token: (officerToken as { access_token: string }).access_token },
      ];
      for (const { client, token } of callers) {
        expect(typeof token).toBe('string');
        const res = await callResource(gateway, client, token, '/v1/admin/media/redaction', init);
        expect([401, 403]).toContain(res.status);
        expect(JSON.stringify(await res.json())).not.toContain('"data"');
      }
      // No token at all.
      expect((await gateway.request('/v1/admin/media/redaction', init)).status).toBe(401);
    },
    SLOW,
  );
});
