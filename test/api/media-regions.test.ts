/**
 * Finding: the data owner could not hide what the face detector does not find — a number plate, a
 * tattoo, an ID card, a screen, the restraints, a face it missed — nor take away a box it drew over a
 * poster; a redacted photo left with all of that visible. Now `PUT /v1/ingest/media/regions` takes
 * boxes with a reason each (and face boxes taken away, with a reason), logs every one of them (no
 * pixel, free text only as a keyed hash), and re-makes the redacted rendition from the sealed
 * original, which is never altered. Bad edits are refused with stable codes and change nothing.
 */
import sample1 from '@vladmandic/face-api/demo/sample1.jpg';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import type { PurposeRules } from '@need2know/policy';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { storedChunks } from './media-at-rest.js';
import { callResource, gatewayEnv, testGateway } from './harness.js';
import { loggedEntry, logInclusion } from './log-harness.js';
import { caseWith, mediaOwner, mediaPartner, photo, portraitPng, uniq } from './media-harness.js';

const JPEG = 'image/jpeg';
const PHOTO = new Uint8Array(sample1);
const SLOW = 120_000;
const REDACTED_RULES = { case: { case_number: 'clear', evidence: 'redacted' } } as unknown as PurposeRules;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Applied {
  redaction: string;
  faces: (Box & { face: number; score: number; removed: boolean })[];
}

/** A witness scene uploaded by its owner, and a partner whose purpose discloses evidence redacted. */
async function scene(gateway: ReturnType<typeof testGateway>, bytes: Uint8Array = PHOTO, type = JPEG) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const ref = `media/case/${caseId}/scene.${type === JPEG ? 'jpg' : 'png'}`;
  await owner.seed('case', [caseWith(caseId, [photo(ref, { shows_witness: true })])]);
  const up = await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes, type } });
  if (up.status !== 200) throw new Error(`upload failed: ${up.status} ${await up.text()}`);
  return { owner, caseId, ref };
}

/** Mean absolute difference of two same-size RGBA pictures over the pixels `inside` selects. */
function mad(a: Uint8Array, b: Uint8Array, width: number, inside: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    const p = i / 4;
    if (!inside(p % width, Math.floor(p / width))) continue;
    sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0)) + Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)) + Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0));
    n += 3;
  }
  return n === 0 ? 0 : sum / n;
}

const within = (b: Box, pad: number) => (x: number, y: number) => x >= b.x - pad && x < b.x + b.width + pad && y >= b.y - pad && y < b.y + b.height + pad;

describe('PUT /v1/ingest/media/regions', () => {
  it(
    'hides a region with its reason, logs it without pixels or text, re-makes the redacted rendition and never alters the original',
    async () => {
      const gateway = testGateway();
      const { owner, ref } = await scene(gateway);
      const partner = await mediaPartner(gateway, { rules: REDACTED_RULES });
      const before = decodeJpeg(base64url.decode((await partner.fetchMedia(ref)).media.data), { maxPixels: 4_200_000 }).image;
      const originalChunks = await storedChunks(ref, 'original');

      // A plate-sized box in whichever corner holds no face.
      const faces = ((await (await owner.regions({ ref, regions: [] })).json()) as Applied).faces;
      const corners: Box[] = [
        { x: 40, y: 40, width: 320, height: 160 },
        { x: 1560, y: 40, width: 320, height: 160 },
        { x: 40, y: 1080, width: 320, height: 160 },
        { x: 1560, y: 1080, width: 320, height: 160 },
      ];
      const plate = corners.find((c) => faces.every((f) => !within(c, 400)(f.x, f.y) && !within(c, 400)(f.x + f.width, f.y + f.height))) as Box;
      expect(plate).toBeDefined();
      const log = auditLog(gatewayEnv);
      const size = await log.size();

      const res = await owner.regions({
        ref,
        regions: [
          { ...plate, reason: 'plate' },
          { ...plate, reason: 'other', note: 'Poster naming the witness Sok Dara' },
        ],
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ref, regions: 2, removed_faces: 0, redaction: 'redacted' });

      // Logged first: the boxes and reasons, the free text as a keyed hash only, no pixel, no reference.
      expect(await log.size()).toBe(size + 1);
      const entry = await loggedEntry(log, size, size + 1);
      expect(entry).toMatchObject({
        kind: 'media_regions',
        field: 'evidence',
        redaction: 'redacted',
        removed_faces: [],
        regions: [
          { ...plate, reason: 'plate', note_hash: null },
          { ...plate, reason: 'other' },
        ],
      });
      expect(JSON.stringify(entry)).not.toContain('Sok Dara');
      expect(JSON.stringify(entry)).not.toContain(ref);

      // The region is blurred in the redacted rendition; away from it, nothing changed.
      const after = decodeJpeg(base64url.decode((await partner.fetchMedia(ref)).media.data), { maxPixels: 4_200_000 }).image;
      expect(mad(before.data, after.data, after.width, within(plate, 0))).toBeGreaterThan(2);
      expect(mad(before.data, after.data, after.width, (x, y) => !within(plate, 96)(x, y))).toBe(0);
      // The original is untouched: the very same sealed chunks.
      expect(await storedChunks(ref, 'original')).toEqual(originalChunks);
      expect(await selectMedia(gatewayEnv.DB, ref)).toMatchObject({ regions: 2, protectedRendition: 'redacted' });
    },
    SLOW,
  );

  it(
    'taking away every confident face box, with a reason, falls back to blurring the whole frame',
    async () => {
      const gateway = testGateway();
      const { owner, ref } = await scene(gateway);
      const faces = ((await (await owner.regions({ ref, regions: [] })).json()) as Applied).faces;
      const res = await owner.regions({ ref, regions: [], removed_faces: faces.map((f) => ({ face: f.face, reason: 'not_a_face' })) });
      expect(await res.json()).toMatchObject({ redaction: 'blurred', removed_faces: faces.length });
      const partner = await mediaPartner(gateway, { rules: REDACTED_RULES });
      expect((await partner.fetchMedia(ref)).media.rendition).toBe('blurred');
      // Restoring the detector's redaction is an empty set.
      expect(await (await owner.regions({ ref, regions: [] })).json()).toMatchObject({ redaction: 'redacted' });
      expect((await partner.fetchMedia(ref)).media.rendition).toBe('redacted');
    },
    SLOW,
  );

  it(
    'refuses outsiders, partners, another agency and bad edits with stable codes, and changes and logs nothing',
    async () => {
      const gateway = testGateway();
      const { owner, ref } = await scene(gateway, await portraitPng(3), 'image/png');
      const other = await mediaOwner(gateway);
      const partner = await mediaPartner(gateway);
      const row = await selectMedia(gatewayEnv.DB, ref);
      const log = auditLog(gatewayEnv);
      const size = await log.size();
      const box = { x: 1, y: 1, width: 10, height: 10, reason: 'tattoo' };
      const body = JSON.stringify({ ref, regions: [box] });
      const json = { 'content-type': 'application/json' };

      const outsider = await gateway.request('/v1/ingest/media/regions', { method: 'PUT', body, headers: json });
      expect(outsider.status).toBe(401);
      const asPartner = await callAs(gateway, partner, body);
      expect([401, 403]).toContain(asPartner.status);
      const stranger = await other.regions({ ref, regions: [box] });
      expect([stranger.status, ((await stranger.json()) as { code: string }).code]).toEqual([404, 'not_found']);
      expect((await other.regions({ ref: `media/case/${uniq('none')}/1.png`, regions: [box] })).status).toBe(404);

      const refused = async (edit: Record<string, unknown>, code: string) => {
        const res = await owner.regions({ ref, ...edit });
        expect(res.status).toBe(422);
        const p = (await res.json()) as { code: string; issues: { code: string }[] };
        expect([p.code, p.issues[0]?.code]).toEqual(['validation_failed', code]);
      };
      await refused({ regions: [{ ...box, x: 90, width: 10 }] }, 'region_outside_image');
      await refused({ regions: [{ ...box, reason: 'birthmark' }] }, 'unknown_reason');
      await refused({ regions: Array.from({ length: 65 }, () => box) }, 'too_many_regions');
      await refused({ regions: [{ ...box, reason: 'other' }] }, 'note_required');
      await refused({ regions: [{ ...box, note: 'x'.repeat(201) }] }, 'note_too_long');
      await refused({ regions: [], removed_faces: [{ face: 99, reason: 'not_a_face' }] }, 'unknown_face');

      expect(await log.size()).toBe(size);
      expect(await selectMedia(gatewayEnv.DB, ref)).toEqual(row);
      expect(await storedChunks(ref, 'regions')).toEqual([]);
    },
    SLOW,
  );

  it('refuses regions on a photo never examined for faces (not flagged at upload)', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const caseId = uniq('case');
    const ref = `media/case/${caseId}/street.png`;
    await owner.seed('case', [caseWith(caseId, [photo(ref)])]);
    expect((await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: await portraitPng(2), type: 'image/png' } })).status).toBe(
      200,
    );
    const res = await owner.regions({ ref, regions: [{ x: 0, y: 0, width: 5, height: 5, reason: 'plate' }] });
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([409, 'media_not_examined']);
  });
});

describe('PUT /v1/ingest/media with regions', () => {
  it(
    'applies regions sent with the photo before it is stored, logged with the upload in one append',
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const caseId = uniq('case');
      const ref = `media/case/${caseId}/arrest.png`;
      await owner.seed('case', [caseWith(caseId, [photo(ref, { shows_restrained: true })])]);
      const log = auditLog(gatewayEnv);
      const size = await log.size();
      const regions = JSON.stringify({ regions: [{ x: 2, y: 60, width: 30, height: 20, reason: 'restraints' }], removed_faces: [] });
      const res = await owner.upload({ record_type: 'case', record_id: caseId, ref, original: { bytes: await portraitPng(5), type: 'image/png' }, regions });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ flagged: true, regions: 1 });
      expect(await log.size()).toBe(size + 2);
      expect((await logInclusion(log, size, size + 2))?.entry).toMatchObject({ kind: 'media_ingest' });
      expect((await logInclusion(log, size + 1, size + 2))?.entry).toMatchObject({
        kind: 'media_regions',
        regions: [{ x: 2, y: 60, width: 30, height: 20, reason: 'restraints', note_hash: null }],
      });
      expect(await selectMedia(gatewayEnv.DB, ref)).toMatchObject({ regions: 1 });
      expect(await storedChunks(ref, 'regions')).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'refuses the whole upload for bad regions or regions on an unflagged photo: nothing stored, nothing logged',
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const caseId = uniq('case');
      const [flagged, plain] = [`media/case/${caseId}/1.png`, `media/case/${caseId}/2.png`];
      await owner.seed('case', [caseWith(caseId, [photo(flagged, { shows_minor: true }), photo(plain)])]);
      const log = auditLog(gatewayEnv);
      const size = await log.size();
      const png = { bytes: await portraitPng(4), type: 'image/png' };
      const upload = (ref: string, regions: string) => owner.upload({ record_type: 'case', record_id: caseId, ref, original: png, regions });
      const outside = await upload(flagged, JSON.stringify({ regions: [{ x: 90, y: 0, width: 10, height: 10, reason: 'plate' }], removed_faces: [] }));
      expect([outside.status, ((await outside.json()) as { issues: { code: string }[] }).issues[0]?.code]).toEqual([422, 'region_outside_image']);
      const notJson = await upload(flagged, '{regions');
      expect([notJson.status, ((await notJson.json()) as { issues: { code: string }[] }).issues[0]?.code]).toEqual([422, 'invalid_json']);
      const unflagged = await upload(plain, JSON.stringify({ regions: [{ x: 1, y: 1, width: 5, height: 5, reason: 'plate' }], removed_faces: [] }));
      expect([unflagged.status, ((await unflagged.json()) as { code: string }).code]).toEqual([409, 'media_not_examined']);
      expect(await log.size()).toBe(size);
      expect(await selectMedia(gatewayEnv.DB, flagged)).toBeNull();
      expect(await selectMedia(gatewayEnv.DB, plain)).toBeNull();
    },
    SLOW,
  );
});

/** The regions route called with a partner's record-access token. */
async function callAs(gateway: ReturnType<typeof testGateway>, partner: Awaited<ReturnType<typeof mediaPartner>>, body: string): Promise<Response> {
  return callResource(gateway, partner.client, partner.token, '/v1/ingest/media/regions', {
    method: 'PUT',
    body,
    headers: { 'content-type': 'application/json' },
  });
}
