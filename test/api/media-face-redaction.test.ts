/**
 * Finding: a flagged photo went out as an unrecognisable smear of the whole picture,
 * useless as evidence. Now, at upload, the gateway finds the faces of a flagged photo and stores a
 * redacted rendition (faces blurred with a margin, scene kept) beside the untouched original, with
 * the detection behind it (detector, version, every box's score) sealed; a flagged photo on which
 * no face is found with confidence is marked to go out blurred (the fail-safe).
 */
import { describe, expect, it } from 'vitest';
import sample1 from '@vladmandic/face-api/demo/sample1.jpg';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { halvesJpeg } from '../../gateway/src/services/media/decode/test-fixtures.js';
import { inspectJpeg } from '../../gateway/src/services/media/jpeg.js';
import { detectFaces } from '../../gateway/src/services/media/detect/face-detector.js';
import type { DetectionManifest } from '../../gateway/src/services/media/detect/manifest.js';
import { TINY_FACE_DETECTOR } from '../../gateway/src/services/media/detect/models/tiny-face-detector.js';
import { DETECTOR_INPUT_SIZE, FACE_CONFIDENCE_FLOOR, REDACT_SCORE_MIN } from '../../gateway/src/services/media/detect/thresholds.js';
import { openMedia, type StoredRendition } from '../../gateway/src/services/media/seal-media.js';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { storedAtRest, storedChunks } from './media-at-rest.js';
import { gatewayEnv, testGateway } from './harness.js';
import { logInclusion } from './log-harness.js';
import { caseWith, mediaOwner, photo, uniq } from './media-harness.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';

const JPEG = 'image/jpeg';
const LIMIT = { maxPixels: 4_200_000 };
const PHOTO = new Uint8Array(sample1);

describe('media upload: faces of flagged photos redacted at ingest', () => {
  it('stores a redacted rendition with no face left, the original untouched, and the detection sealed', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/scene.jpg`;
    await owner.seed('case', [caseWith(id, [photo(ref, { shows_witness: true })])]);
    const log = auditLog(gatewayEnv);
    const before = await log.size();

    const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: PHOTO, type: JPEG } });
    expect(await res.json()).toMatchObject({
      flagged: true,
      width: 1920,
      height: 1280,
      redaction: { rendition: 'redacted', faces: 3, detector: 'tiny_face_detector (@vladmandic/face-api@1.7.15)' },
    });
    expect(await selectMedia(gatewayEnv.DB, ref)).toMatchObject({ protectedRendition: 'redacted', redacted: { contentType: JPEG } });

    const ring = await keyRing(keyRingSourceOf(gatewayEnv));
    const open = async (rendition: StoredRendition, contentType: string) =>
      openMedia(ring, { owner: owner.agency, ref, rendition, contentType: contentType as typeof JPEG }, await storedChunks(ref, rendition));
    // The original is the upload as it was, less its metadata (EXIF): not one pixel redacted.
    expect(await open('original', JPEG)).toEqual(inspectJpeg(PHOTO).stripped);
    // The redacted rendition: same size, and the same detector finds no face it is confident of.
    const redacted = decodeJpeg(await open('redacted', JPEG), LIMIT).image;
    expect([redacted.width, redacted.height]).toEqual([1920, 1280]);
    const again = await detectFaces(redacted, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
    expect(again.faces.filter((f) => f.score >= FACE_CONFIDENCE_FLOOR)).toEqual([]);
    // The detection behind it, sealed: detector, version and every box's score.
    const manifest = JSON.parse(new TextDecoder().decode(await open('detection', 'application/json'))) as DetectionManifest;
    expect(manifest).toMatchObject({ detector: 'tiny_face_detector', version: '@vladmandic/face-api@1.7.15', width: 1920, height: 1280 });
    expect(manifest.faces).toHaveLength(3);
    for (const face of manifest.faces) expect(face.score).toBeGreaterThanOrEqual(REDACT_SCORE_MIN);
    // Nothing of the detection or the picture in the clear at rest.
    expect(await storedAtRest(ref)).not.toContain('tiny_face_detector');

    // Logged before it was stored: how the faces were handled, never a box, a pixel or the reference.
    expect(await log.size()).toBe(before + 1);
    const entry = (await logInclusion(log, before, before + 1))?.entry;
    expect(entry).toMatchObject({ kind: 'media_ingest', redaction: 'redacted', faces: 3 });
    expect(JSON.stringify(entry)).not.toContain(ref);
    expect(JSON.stringify(entry)).not.toContain('score');
  }, 120_000);

  it('marks a flagged photo without a face it is sure of to go out blurred, and runs no detection on unflagged photos', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const [flagged, plain] = [`media/case/${id}/1.jpg`, `media/case/${id}/2.jpg`];
    await owner.seed('case', [caseWith(id, [photo(flagged, { shows_minor: true }), photo(plain)])]);

    const noFace = await owner.upload({ record_type: 'case', record_id: id, ref: flagged, original: { bytes: halvesJpeg(320, 240), type: JPEG } });
    expect(await noFace.json()).toMatchObject({ flagged: true, redaction: { rendition: 'blurred' } });
    expect(await selectMedia(gatewayEnv.DB, flagged)).toMatchObject({ protectedRendition: 'blurred', redacted: null, blurred: { by: 'gateway' } });
    expect(await storedChunks(flagged, 'redacted')).toEqual([]);
    expect(await storedChunks(flagged, 'detection')).toHaveLength(1);

    const unflagged = await owner.upload({ record_type: 'case', record_id: id, ref: plain, original: { bytes: PHOTO, type: JPEG } });
    expect(await unflagged.json()).toMatchObject({ flagged: false, redaction: null });
    expect(await selectMedia(gatewayEnv.DB, plain)).toMatchObject({ protectedRendition: null, redacted: null });
    expect(await storedChunks(plain, 'detection')).toEqual([]);
  }, 120_000);
});
