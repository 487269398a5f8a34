/**
 * Finding: the ordinary 12-megapixel phone photo (4000 × 3000, 3–6 MB), what every officer takes,
 * was refused: the gateway decoded JPEG at full size only (≈ 20 MB per megapixel, in a Worker of
 * 128 MB), so it took no photo over 2048 × 2048 and no file over 2 MB. Now a large JPEG is decoded
 * at 1/2, 1/4 or 1/8 of its size in the DCT domain, faces are found and blurred on that picture,
 * the renditions are made at its size, and boxes and regions stay in the original's pixels; the
 * original is stored untouched. A header claiming more than 50 megapixels is refused as a
 * decompression bomb before anything is decoded: nothing stored, nothing logged.
 *
 * Finding: an unflagged original over what a sealed answer carries (4 MiB: a 12 MP phone photo often
 * is) was stored but never delivered: a partner whose purpose gives it in clear got the generic 404,
 * logged `not_found`. Now its picture at the working size is made at upload, sealed beside it, and
 * delivered in its place, logged as `scaled`; an item stored without such a copy is refused with
 * `media_too_large` (409), logged with that outcome.
 */
import { describe, expect, it } from 'vitest';
import sample1 from '@vladmandic/face-api/demo/sample1.jpg';
import { base64url } from 'jose';
import { encode } from 'jpeg-js';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { decodeJpeg, decodeJpegToFit } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { halvesJpeg, withFrameSize } from '../../gateway/src/services/media/decode/test-fixtures.js';
import { detectFaces } from '../../gateway/src/services/media/detect/face-detector.js';
import type { Box, DetectionManifest } from '../../gateway/src/services/media/detect/manifest.js';
import { TINY_FACE_DETECTOR } from '../../gateway/src/services/media/detect/models/tiny-face-detector.js';
import { SAMPLE_PHOTOS } from '../../gateway/src/services/media/detect/sample-faces.js';
import { DETECTOR_INPUT_SIZE, FACE_CONFIDENCE_FLOOR, REDACT_MARGIN, REDACT_SCORE_MIN } from '../../gateway/src/services/media/detect/thresholds.js';
import { inspectJpeg } from '../../gateway/src/services/media/jpeg.js';
import { MAX_DELIVERED_MEDIA_BYTES, MAX_MEDIA_PIXELS, MAX_ORIGINAL_PIXELS } from '../../gateway/src/services/media/limits.js';
import { widen } from '../../gateway/src/services/media/redact/redact-regions.js';
import { openMedia, type StoredRendition } from '../../gateway/src/services/media/seal-media.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';
import progressiveScene from './fixtures/progressive-scene-2560x1920.jpg';
import { gatewayEnv, testGateway } from './harness.js';
import { loggedEntry, logInclusion } from './log-harness.js';
import { storedChunks, storedItem } from './media-at-rest.js';
import { caseWith, mediaOwner, mediaPartner, photo, uniq } from './media-harness.js';

const JPEG = 'image/jpeg';
const SLOW = 300_000;
/** Mean absolute difference allowed outside the blurred boxes: re-encoding at the rendition's quality only. */
const MAX_MAD_OUTSIDE = 3;
/** Mean absolute difference allowed between a grainy picture and its re-encoding at the rendition's quality (grain costs a little more than a smooth scene; a blur, which takes the grain away, differs by 8 or more). */
const MAX_MAD_REENCODED_GRAIN = 5;
/** Mean absolute difference a hidden region must at least show: its detail pixelated and blurred away. */
const MIN_MAD_INSIDE = 8;

/** `image` resized to `width` × `height` by nearest neighbour, as RGBA. */
function resize(image: { width: number; height: number; data: Uint8Array }, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.floor((y * image.height) / height);
    for (let x = 0; x < width; x++) {
      const from = (sy * image.width + Math.floor((x * image.width) / width)) * 4;
      out.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return out;
}

/**
 * A 4000 × 3000 phone photo of three people (the detector package's sample1, stretched), as jpeg-js
 * encodes it; with `grain`, each channel shifted by up to ± `grain` / 2 levels (a sensor's noise,
 * which makes the file as large as a real phone's: ≈ 6 MB at 32).
 */
function phonePhoto(grain = 0): Uint8Array {
  const sample = decodeJpeg(new Uint8Array(sample1), { maxPixels: MAX_MEDIA_PIXELS }).image;
  const data = resize(sample, 4000, 3000);
  let s = 1;
  for (let i = 0; grain > 0 && i < data.length; i++) {
    if (i % 4 === 3) continue;
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, (data[i] as number) + ((s >>> 24) % grain) - grain / 2));
  }
  return new Uint8Array(encode({ width: 4000, height: 3000, data }, 90).data);
}

/** Mean absolute RGB difference of two same-size pictures over the pixels `mask` marks `inside` (1) or not (0). */
function mad(a: { data: Uint8Array }, b: { data: Uint8Array }, mask: Uint8Array, inside: 0 | 1): number {
  let sum = 0;
  let n = 0;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] !== inside) continue;
    for (let c = 0; c < 3; c++) sum += Math.abs((a.data[p * 4 + c] as number) - (b.data[p * 4 + c] as number));
    n += 3;
  }
  return sum / n;
}

/** Marks `box` (clipped) in a `width`-wide mask. */
function mark(mask: Uint8Array, width: number, box: Box): void {
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.ceil(box.y + box.height); y++)
    mask.fill(1, y * width + Math.max(0, Math.floor(box.x)), y * width + Math.min(width, Math.ceil(box.x + box.width)));
}

describe('media upload: photos larger than the gateway works on', () => {
  it(
    'accepts a 12-megapixel phone photo, blurs its faces and a region given in its own pixels on the picture decoded at half size, and keeps the original untouched',
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const id = uniq('case');
      const ref = `media/case/${id}/phone.jpg`;
      await owner.seed('case', [caseWith(id, [photo(ref, { shows_witness: true })])]);
      const log = auditLog(gatewayEnv);
      const before = await log.size();
      const PHOTO = phonePhoto();
      // A tattoo at the bottom left, away from the faces, in the original's pixels.
      const tattoo = { x: 400, y: 2300, width: 600, height: 500 };

      const res = await owner.upload({
        record_type: 'case',
        record_id: id,
        ref,
        original: { bytes: PHOTO, type: JPEG },
        regions: JSON.stringify({ regions: [{ ...tattoo, reason: 'tattoo' }], removed_faces: [] }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { width: number; height: number; bytes: number; redaction: { rendition: string; faces: number } };
      expect(body).toMatchObject({
        width: 4000,
        height: 3000,
        bytes: inspectJpeg(PHOTO).stripped.length,
        flagged: true,
        regions: 1,
        redaction: { rendition: 'redacted' },
      });

      const ring = await keyRing(keyRingSourceOf(gatewayEnv));
      const open = async (rendition: StoredRendition, contentType: string) =>
        openMedia(ring, { owner: owner.agency, ref, rendition, contentType: contentType as typeof JPEG }, await storedChunks(ref, rendition));
      // The original as uploaded, less its metadata: 12 megapixels, not one pixel changed.
      expect(await open('original', JPEG)).toEqual(inspectJpeg(PHOTO).stripped);

      // Faces in the original's pixels: every face counted by hand (stretched to 4000 × 3000) is in a box.
      const manifest = JSON.parse(new TextDecoder().decode(await open('detection', 'application/json'))) as DetectionManifest;
      expect(manifest).toMatchObject({ width: 4000, height: 3000 });
      const counted = (SAMPLE_PHOTOS[0]?.faces ?? []).map(([x, y]) => [(x * 4000) / 1920, (y * 3000) / 1280] as const);
      for (const [x, y] of counted) expect(manifest.faces.some((f) => x >= f.x && x <= f.x + f.width && y >= f.y && y <= f.y + f.height)).toBe(true);

      // Renditions at the working size (half), no face left that the detector is sure of.
      const working = decodeJpegToFit(PHOTO, { maxPixels: MAX_MEDIA_PIXELS, maxOriginalPixels: MAX_ORIGINAL_PIXELS });
      expect([working.scale, working.image.width, working.image.height]).toEqual([2, 2000, 1500]);
      const redacted = decodeJpeg(await open('redacted', JPEG), { maxPixels: MAX_MEDIA_PIXELS }).image;
      expect([redacted.width, redacted.height]).toEqual([2000, 1500]);
      expect(decodeJpeg(await open('blurred', JPEG), { maxPixels: MAX_MEDIA_PIXELS }).image).toMatchObject({ width: 2000, height: 1500 });
      const again = await detectFaces(redacted, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
      expect(again.faces.filter((f) => f.score >= FACE_CONFIDENCE_FLOOR)).toEqual([]);

      // The region hidden where the original's pixels put it (halved), the scene kept everywhere else.
      const half = (b: Box) => ({ x: b.x / 2, y: b.y / 2, width: b.width / 2, height: b.height / 2 });
      const hidden = new Uint8Array(2000 * 1500);
      mark(hidden, 2000, half(tattoo));
      const blurredAway = new Uint8Array(2000 * 1500);
      for (const face of manifest.faces) mark(blurredAway, 2000, widen(half(face), REDACT_MARGIN, 2000, 1500) as Box);
      mark(blurredAway, 2000, widen(half(tattoo), 0.1, 2000, 1500) as Box);
      expect(mad(redacted, working.image, hidden, 1)).toBeGreaterThan(MIN_MAD_INSIDE);
      expect(mad(redacted, working.image, blurredAway, 0)).toBeLessThan(MAX_MAD_OUTSIDE);

      // Logged before it was stored, the region with its reason in the original's pixels.
      expect(await log.size()).toBe(before + 2);
      expect((await logInclusion(log, before, before + 2))?.entry).toMatchObject({ kind: 'media_ingest', redaction: 'redacted', bytes: body.bytes });
      expect((await logInclusion(log, before + 1, before + 2))?.entry).toMatchObject({ kind: 'media_regions', regions: [{ ...tattoo, reason: 'tattoo' }] });
    },
    SLOW,
  );

  it(
    'accepts a progressive photo larger than the working size, decoded at half size',
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const id = uniq('case');
      const ref = `media/case/${id}/scene.jpg`;
      await owner.seed('case', [caseWith(id, [photo(ref, { shows_minor: true })])]);
      const bytes = new Uint8Array(progressiveScene);
      expect(inspectJpeg(bytes)).toMatchObject({ width: 2560, height: 1920 });

      const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes, type: JPEG } });
      expect(res.status).toBe(200);
      // No face in the scene: the flagged photo goes out blurred whole (the fail-safe), at half size.
      expect(await res.json()).toMatchObject({ width: 2560, height: 1920, flagged: true, redaction: { rendition: 'blurred', faces: 0 } });
      const ring = await keyRing(keyRingSourceOf(gatewayEnv));
      const blurred = openMedia(ring, { owner: owner.agency, ref, rendition: 'blurred', contentType: JPEG }, await storedChunks(ref, 'blurred'));
      expect(decodeJpeg(blurred, { maxPixels: MAX_MEDIA_PIXELS }).image).toMatchObject({ width: 1280, height: 960 });
    },
    SLOW,
  );

  it('refuses a 60-megapixel header as a decompression bomb, before decoding: nothing stored, nothing logged', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/bomb.jpg`;
    await owner.seed('case', [caseWith(id, [photo(ref)])]);
    const log = auditLog(gatewayEnv);
    const before = await log.size();

    const bomb = withFrameSize(halvesJpeg(64, 48), 10_000, 6_000);
    const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: bomb, type: JPEG } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'body_too_large', issues: [{ path: 'original', code: 'ERR_IMAGE_TOO_LARGE' }] });
    expect(await storedItem(ref)).toBeNull();
    expect(await log.size()).toBe(before);
    // 48 megapixels is a phone's photo, not a bomb: decoded (at 1/4), and refused here only because its data is missing.
    const claimed = await owner.upload({
      record_type: 'case',
      record_id: id,
      ref,
      original: { bytes: withFrameSize(halvesJpeg(64, 48), 8_000, 6_000), type: JPEG },
    });
    expect(claimed.status).toBe(422);
    expect(await claimed.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'original', code: 'ERR_IMAGE_CORRUPT' }] });
    expect(await storedItem(ref)).toBeNull();
    expect(await log.size()).toBe(before);
  });

  it(
    'delivers a 12-megapixel unflagged photo larger than an answer carries, under a clear purpose, as its picture at the working size: sealed, at most 2048 px, logged as scaled',
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const id = uniq('case');
      const ref = `media/case/${id}/phone.jpg`;
      await owner.seed('case', [caseWith(id, [photo(ref)])]);
      // A phone's 12 MP photo with a sensor's grain: over what an answer carries, as many are.
      const PHOTO = phonePhoto(32);
      expect(inspectJpeg(PHOTO).stripped.length).toBeGreaterThan(MAX_DELIVERED_MEDIA_BYTES);
      expect((await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: PHOTO, type: JPEG } })).status).toBe(200);
      expect(await storedItem(ref)).toMatchObject({ width: 4000, height: 3000, scaled: { contentType: JPEG, width: 2000, height: 1500 } });

      const partner = await mediaPartner(gateway);
      const log = auditLog(gatewayEnv);
      const before = await log.size();
      const { disclosure, media } = await partner.fetchMedia(ref);
      expect(media).toMatchObject({ ref, rendition: 'original', content_type: JPEG, scaled: { width: 2000, height: 1500 } });
      const delivered = base64url.decode(media.data);
      expect(delivered.length).toBeLessThanOrEqual(MAX_DELIVERED_MEDIA_BYTES);
      // The original's own picture at half size, upright, nothing blurred: what the gateway decodes it to.
      const picture = decodeJpeg(delivered, { maxPixels: MAX_MEDIA_PIXELS }).image;
      expect([picture.width, picture.height]).toEqual([2000, 1500]);
      const working = decodeJpegToFit(PHOTO, { maxPixels: MAX_MEDIA_PIXELS, maxOriginalPixels: MAX_ORIGINAL_PIXELS }).image;
      expect(mad(picture, working, new Uint8Array(2000 * 1500), 0)).toBeLessThan(MAX_MAD_REENCODED_GRAIN);
      // The sealed answer and the log name what left: the scaled original, logged before it left.
      expect(disclosure).toMatchObject({ action: 'media', disclosure: { evidence: 'scaled' } });
      expect(await log.size()).toBe(before + 1);
      expect(await loggedEntry(log, before, before + 1)).toMatchObject({
        kind: 'disclosure',
        action: 'media',
        record_type: 'case',
        fields: { evidence: 'scaled' },
        outcome: 'disclosed',
      });
    },
    SLOW,
  );

  it(
    'delivers an original over what an answer carries as its copy at the working size, and refuses one stored without such a copy with media_too_large, logged',
    async () => {
      const gateway = testGateway();
      const owner = await mediaOwner(gateway);
      const id = uniq('case');
      const [large, small] = [`media/case/${id}/large.jpg`, `media/case/${id}/small.jpg`];
      await owner.seed('case', [caseWith(id, [photo(large), photo(small)])]);
      // Noise at the highest quality: ≈ 5 MB for 1.2 megapixels, over what a delivery carries.
      const noise = new Uint8Array(1280 * 960 * 4);
      let s = 1;
      for (let i = 0; i < noise.length; i++) {
        s = (s * 1103515245 + 12345) >>> 0;
        noise[i] = s >>> 24;
      }
      const bytes = new Uint8Array(encode({ width: 1280, height: 960, data: noise }, 100).data);
      expect(bytes.length).toBeGreaterThan(MAX_DELIVERED_MEDIA_BYTES);
      expect((await owner.upload({ record_type: 'case', record_id: id, ref: large, original: { bytes, type: JPEG } })).status).toBe(200);
      expect((await owner.upload({ record_type: 'case', record_id: id, ref: small, original: { bytes: halvesJpeg(64, 48), type: JPEG } })).status).toBe(200);
      expect(await storedItem(small)).toMatchObject({ scaled: null });

      // Unflagged photos under a purpose that discloses evidence in clear: the small one whole, the large one re-encoded at its size.
      const partner = await mediaPartner(gateway);
      const whole = await partner.fetchMedia(small);
      expect(whole.media).not.toHaveProperty('scaled');
      expect(whole.disclosure).toMatchObject({ disclosure: { evidence: 'original' } });
      const copy = await partner.fetchMedia(large);
      expect(copy.media).toMatchObject({ rendition: 'original', content_type: JPEG, scaled: { width: 1280, height: 960 } });
      expect(decodeJpeg(base64url.decode(copy.media.data), { maxPixels: MAX_MEDIA_PIXELS }).image).toMatchObject({ width: 1280, height: 960 });

      // An item stored before such copies were made: never delivered whole, refused in words of its own and logged so.
      await gatewayEnv.DB.prepare('UPDATE media SET scaled_type = NULL, scaled_bytes = NULL, scaled_chunks = NULL WHERE ref = ?').bind(large).run();
      const log = auditLog(gatewayEnv);
      const before = await log.size();
      const refused = await partner.media(large);
      expect(refused.status).toBe(409);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'media_too_large' });
      expect(await log.size()).toBe(before + 1);
      expect(await loggedEntry(log, before, before + 1)).toMatchObject({
        kind: 'disclosure',
        action: 'media',
        record_type: 'case',
        subjects: [],
        fields: {},
        response_hash: '',
        outcome: 'media_too_large',
      });
    },
    SLOW,
  );
});
