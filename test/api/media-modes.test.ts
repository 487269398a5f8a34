/**
 * Finding: a purpose could not say how a photo leaves — a flagged photo went out blurred whole or as
 * its original, whatever the purpose was for, and the redacted rendition made at upload never left.
 * Now a purpose names a media mode per media field like any other field (`clear`, `redacted`,
 * `blurred`, `none`), and `POST /v1/media` releases what `renditionForMode` gives for it: the redacted
 * rendition (on which the detector finds no face) for a `redacted` purpose, the whole frame blurred
 * where no face was vouched for (the fail-safe), nothing for `none`, and under `clear` the original
 * of a flagged photo only with two leadership approvals (otherwise downgraded to its protected
 * rendition).
 */
import sample1 from '@vladmandic/face-api/demo/sample1.jpg';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { halvesJpeg } from '../../gateway/src/services/media/decode/test-fixtures.js';
import { detectFaces } from '../../gateway/src/services/media/detect/face-detector.js';
import { TINY_FACE_DETECTOR } from '../../gateway/src/services/media/detect/models/tiny-face-detector.js';
import { DETECTOR_INPUT_SIZE, FACE_CONFIDENCE_FLOOR, REDACT_SCORE_MIN } from '../../gateway/src/services/media/detect/thresholds.js';
import { inspectJpeg } from '../../gateway/src/services/media/jpeg.js';
import type { PurposeRules } from '@need2know/policy';
import { call, open } from './disclosure-harness.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { leadershipOfficers } from './officer-harness.js';
import { caseWith, mediaOwner, mediaPartner, photo, portraitPng, uniq } from './media-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

const JPEG = 'image/jpeg';
const PHOTO = new Uint8Array(sample1);
const SLOW = 120_000;

/** A case with three evidence photos, uploaded: a witness scene with three faces, an unflagged picture, and a flagged picture with no face in it. */
async function scene(gateway: ReturnType<typeof testGateway>) {
  const owner = await mediaOwner(gateway);
  const caseId = uniq('case');
  const refs = { faces: `media/case/${caseId}/witnesses.jpg`, plain: `media/case/${caseId}/street.png`, noFace: `media/case/${caseId}/wall.jpg` };
  await owner.seed('case', [caseWith(caseId, [photo(refs.faces, { shows_witness: true }), photo(refs.plain), photo(refs.noFace, { shows_minor: true })])]);
  const uploads = [
    { ref: refs.faces, bytes: PHOTO, type: JPEG },
    { ref: refs.plain, bytes: await portraitPng(7), type: 'image/png' },
    { ref: refs.noFace, bytes: halvesJpeg(320, 240), type: JPEG },
  ];
  for (const u of uploads) {
    const res = await owner.upload({ record_type: 'case', record_id: caseId, ref: u.ref, original: { bytes: u.bytes, type: u.type } });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  }
  return { caseId, refs };
}

/** A partner whose purpose discloses evidence in `mode`, and what its record answer names. */
async function partnerIn(gateway: ReturnType<typeof testGateway>, caseId: string, mode: string, opts: Parameters<typeof mediaPartner>[1] = {}) {
  const rules = { case: { case_number: 'clear', evidence: mode } } as unknown as PurposeRules;
  const partner = await mediaPartner(gateway, { rules, ...opts });
  const evidence = async () => {
    const d = await open(gateway, partner.client, await call(gateway, partner.client, partner.token, 'GET', `/v1/records/case/${caseId}`));
    return d.records?.[0]?.['evidence'] as { media_ref: string }[] | undefined;
  };
  return { ...partner, evidence };
}

/** Faces the detector is confident of on a JPEG. */
async function facesOn(jpeg: Uint8Array): Promise<number> {
  const found = await detectFaces(decodeJpeg(jpeg, { maxPixels: 4_200_000 }).image, TINY_FACE_DETECTOR, {
    inputSize: DETECTOR_INPUT_SIZE,
    scoreMin: REDACT_SCORE_MIN,
  });
  return found.faces.filter((f) => f.score >= FACE_CONFIDENCE_FLOOR).length;
}

describe('media disclosure modes chosen per purpose', () => {
  it(
    'a `redacted` purpose gets the redacted rendition, on which the detector finds no face; blurred wherever no face was vouched for',
    async () => {
      const gateway = testGateway();
      const { caseId, refs } = await scene(gateway);
      const partner = await partnerIn(gateway, caseId, 'redacted');

      // The record names every reference capped at `#redacted`, flagged or not.
      expect((await partner.evidence())?.map((e) => e.media_ref)).toEqual([`${refs.faces}#redacted`, `${refs.plain}#redacted`, `${refs.noFace}#redacted`]);
      const redacted = await partner.fetchMedia(`${refs.faces}#redacted`);
      expect(redacted.media).toMatchObject({ rendition: 'redacted', content_type: JPEG });
      const bytes = base64url.decode(redacted.media.data);
      expect(bytes).not.toEqual(inspectJpeg(PHOTO).stripped);
      expect(await facesOn(PHOTO)).toBeGreaterThan(0);
      expect(await facesOn(bytes)).toBe(0);
      // Dropping the suffix never widens: still the redacted rendition; `#blurred` is the whole frame.
      expect((await partner.fetchMedia(refs.faces)).media.rendition).toBe('redacted');
      expect((await partner.fetchMedia(`${refs.faces}#blurred`)).media.rendition).toBe('blurred');
      // Fail-safe: no face found on a flagged photo, or a photo never examined (unflagged), goes out blurred.
      expect((await partner.fetchMedia(refs.noFace)).media.rendition).toBe('blurred');
      expect((await partner.fetchMedia(refs.plain)).media.rendition).toBe('blurred');

      await flushDisclosureIndex(storesOf(gatewayEnv));
      const { results } = await gatewayEnv.DB.prepare("SELECT fields FROM disclosures WHERE grant_id = ? AND action = 'media' ORDER BY at, rowid")
        .bind(partner.grant.id)
        .all<{ fields: string }>();
      expect(JSON.parse(results[0]?.fields as string)).toEqual({ evidence: 'redacted' });
    },
    SLOW,
  );

  it(
    '`blurred` blurs every photo, even under approved originals; `none` gives no media at all',
    async () => {
      const gateway = testGateway();
      const { caseId, refs } = await scene(gateway);
      const [leadA, leadB] = (await leadershipOfficers(2)) as [string, string];
      const approved = { purpose: { allowUnblurredMedia: true }, grant: { mediaUnblurred: true, leadershipApprovals: [leadA, leadB] } };

      const blurred = await partnerIn(gateway, caseId, 'blurred', approved);
      expect((await blurred.evidence())?.every((e) => e.media_ref.endsWith('#blurred'))).toBe(true);
      for (const ref of Object.values(refs)) expect((await blurred.fetchMedia(ref)).media.rendition).toBe('blurred');

      const none = await partnerIn(gateway, caseId, 'none', approved);
      expect(await none.evidence()).toBeUndefined();
      for (const ref of Object.values(refs)) for (const asked of [ref, `${ref}#redacted`, `${ref}#blurred`]) expect((await none.media(asked)).status).toBe(404);
    },
    SLOW,
  );

  it(
    '`clear` releases a flagged original only with two leadership approvals; otherwise it is downgraded to the protected rendition',
    async () => {
      const gateway = testGateway();
      const { caseId, refs } = await scene(gateway);
      const [leadA, leadB] = (await leadershipOfficers(2)) as [string, string];

      const unapproved = await partnerIn(gateway, caseId, 'clear', {
        purpose: { allowUnblurredMedia: true },
        grant: { mediaUnblurred: true, leadershipApprovals: [leadA] },
      });
      expect((await unapproved.evidence())?.map((e) => e.media_ref)).toEqual([`${refs.faces}#redacted`, refs.plain, `${refs.noFace}#redacted`]);
      expect((await unapproved.fetchMedia(refs.faces)).media.rendition).toBe('redacted');
      expect((await unapproved.fetchMedia(refs.noFace)).media.rendition).toBe('blurred');
      expect((await unapproved.fetchMedia(refs.plain)).media.rendition).toBe('original');

      const approved = await partnerIn(gateway, caseId, 'clear', {
        purpose: { allowUnblurredMedia: true },
        grant: { mediaUnblurred: true, leadershipApprovals: [leadA, leadB] },
      });
      expect((await approved.evidence())?.map((e) => e.media_ref)).toEqual(Object.values(refs));
      const original = await approved.fetchMedia(refs.faces);
      expect(original.media.rendition).toBe('original');
      expect(base64url.decode(original.media.data)).toEqual(inspectJpeg(PHOTO).stripped);
    },
    SLOW,
  );

  it('a purpose names a media mode only on a media field, and the OpenAPI document lists the modes', async () => {
    const gateway = testGateway();
    const agencyId = await createAgency();
    const admin = await adminSession(gateway, await createClient('privacy_officer', agencyId));
    const purpose = (rules: unknown) => ({
      id: uniq('purpose'),
      title: 'Court review',
      legal_basis: 'Code of criminal procedure',
      rules,
      actions: ['fetch'],
      agencies: [agencyId],
    });

    expect((await admin('POST', '/purposes', purpose({ case: { case_number: 'clear', evidence: 'redacted' }, person: { photo_ref: 'blurred' } }))).status).toBe(
      201,
    );
    for (const [rules, path] of [
      [{ person: { name_latin: 'blurred' } }, 'rules.person.name_latin'],
      [{ case: { case_number: 'redacted' } }, 'rules.case.case_number'],
    ] as const) {
      const res = await admin('POST', '/purposes', purpose(rules));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; issues: unknown[] };
      expect(body.code).toBe('validation_failed');
      expect(body.issues).toEqual([expect.objectContaining({ path, code: 'mode_not_allowed' })]);
    }
    const doc = (await (await gateway.request('/openapi.json')).json()) as { components: { schemas: Record<string, unknown> } };
    expect(JSON.stringify(doc.components.schemas['PurposeRules'])).toContain('"redacted"');
    expect(JSON.stringify(doc.components.schemas['PurposeRules'])).toContain('"blurred"');
  });
});
