/**
 * Finding: flagged JPEGs — what every phone and police camera produces — were refused
 * unless the owner sent a blurred copy, because the gateway could not decode them. Now every photo
 * is decoded here; a JPEG the gateway cannot or will not decode is refused with a problem document
 * naming the decoder's stable code, and nothing is stored or logged as ingested.
 */
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { halvesJpeg, JPEG_CMYK, withFrameSize } from '../../gateway/src/services/media/decode/test-fixtures.js';
import { decodeJpeg } from '../../gateway/src/services/media/decode/decode-jpeg.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { openMedia } from '../../gateway/src/services/media/seal-media.js';
import { JPEG_BASELINE, JPEG_PROGRESSIVE } from '../../gateway/src/services/media/test-fixtures.js';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { storedChunks } from './media-at-rest.js';
import { gatewayEnv, testGateway } from './harness.js';
import { caseWith, mediaOwner, photo, portraitPng, uniq } from './media-harness.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';

const JPEG = 'image/jpeg';
const LIMIT = { maxPixels: 4_000_000 };

describe('media upload: every photo decoded by the gateway', () => {
  it('takes flagged baseline and progressive JPEGs and makes their blurred renditions itself', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const refs = [`media/case/${id}/1.jpg`, `media/case/${id}/2.jpg`];
    await owner.seed('case', [
      caseWith(
        id,
        refs.map((ref) => photo(ref, { shows_victim: true })),
      ),
    ]);
    for (const [ref, bytes] of [
      [refs[0], JPEG_BASELINE],
      [refs[1], JPEG_PROGRESSIVE],
    ] as const) {
      const res = await owner.upload({ record_type: 'case', record_id: id, ref: ref as string, original: { bytes, type: JPEG } });
      expect(await res.json()).toMatchObject({ flagged: true, width: 17, height: 9, blurred: { content_type: JPEG, by: 'gateway' } });
    }
  });

  it('turns a photo upright by its EXIF orientation, and the original keeps only that of its EXIF', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/1.jpg`;
    await owner.seed('case', [caseWith(id, [photo(ref, { shows_minor: true })])]);
    const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes: halvesJpeg(32, 16, 6), type: JPEG } });
    expect(await res.json()).toMatchObject({ width: 16, height: 32 });
    const row = await selectMedia(gatewayEnv.DB, ref);
    const ring = await keyRing(keyRingSourceOf(gatewayEnv));
    const open = async (rendition: 'original' | 'blurred') =>
      openMedia(ring, { owner: owner.agency, ref, rendition, contentType: JPEG }, await storedChunks(ref, rendition));
    expect(row).toMatchObject({ width: 16, height: 32 });
    expect(decodeJpeg(await open('blurred'), LIMIT)).toMatchObject({ orientation: 1, image: { width: 16, height: 32 } });
    expect(decodeJpeg(await open('original'), LIMIT)).toMatchObject({ orientation: 6, image: { width: 16, height: 32 } });
  });

  it('refuses a truncated, corrupt, CMYK or mislabelled JPEG and a decompression bomb with a stable code, storing and logging nothing', async () => {
    const gateway = testGateway();
    const owner = await mediaOwner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/1.jpg`;
    await owner.seed('case', [caseWith(id, [photo(ref, { shows_restrained: true })])]);
    const log = auditLog(gatewayEnv);
    const before = await log.size();
    const corrupt = JPEG_BASELINE.slice();
    corrupt.set([0xff, 0x99], corrupt.length - 10);
    const cases: [Uint8Array, string, number, string][] = [
      [JPEG_BASELINE.subarray(0, JPEG_BASELINE.length - 30), JPEG, 422, 'ERR_IMAGE_TRUNCATED'],
      [corrupt, JPEG, 422, 'ERR_IMAGE_CORRUPT'],
      [JPEG_CMYK, JPEG, 422, 'ERR_IMAGE_CMYK'],
      [await portraitPng(), JPEG, 422, 'content_type_mismatch'],
      [withFrameSize(JPEG_BASELINE, 60_000, 60_000), JPEG, 413, 'ERR_IMAGE_TOO_LARGE'],
    ];
    for (const [bytes, type, status, code] of cases) {
      const res = await owner.upload({ record_type: 'case', record_id: id, ref, original: { bytes, type } });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status, issues: [{ path: 'original', code }] });
    }
    expect(await selectMedia(gatewayEnv.DB, ref)).toBeNull();
    expect(await log.size()).toBe(before);
  });
});
