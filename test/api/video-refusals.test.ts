/**
 * Video upload refusals (issue 18): each is an RFC 9457 problem with a stable code and changes
 * nothing — no upload opened, no chunk stored, nothing logged, no video named.
 */
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { VIDEO_CHUNK_BYTES, VIDEO_UPLOAD_LIFETIME } from '../../gateway/src/services/video/limits.js';
import { mp4Box } from '../../gateway/src/services/video/test-clip.js';
import { selectChunks, selectUpload, selectVideo } from '../../gateway/src/store/d1/videos.js';
import { VIDEO_OBJECT_PREFIX } from '../../gateway/src/store/r2/video-store.js';
import { MAX_VIDEO_ORIGINAL_BYTES } from '@need2know/policy';
import { accessTokenFor, callResource, gatewayEnv, testGateway } from './harness.js';
import { mediaPartner } from './media-harness.js';
import { scheduledDeps } from './scheduled.js';
import { manifestOf, syntheticClip, videoOwner } from './video-harness.js';

const bucket = () => (gatewayEnv as unknown as { MEDIA: R2Bucket }).MEDIA;
const objectCount = async (id: string) => (await bucket().list({ prefix: `${VIDEO_OBJECT_PREFIX}${id}/` })).objects.length;
const uploadsFor = async (ref: string) =>
  (await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM video_uploads WHERE ref = ?').bind(ref).first<{ n: number }>())?.n ?? 0;

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { code: string };
  expect(body.code).toBe(code);
  return body;
}

describe('video upload refusals', () => {
  it('refuses a partner token and an ingest token for another record type, opening nothing', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const body = JSON.stringify({ record_type: 'case', record_id: owner.caseId, ref: owner.ref, manifest: await manifestOf(syntheticClip()) });
    const partner = await mediaPartner(gateway);
    const asPartner = await callResource(gateway, partner.client, partner.token, '/v1/ingest/media/videos', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await expectProblem(asPartner, 403, 'insufficient_scope');
    const personsOnly = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['person'] });
    const wrongType = await callResource(gateway, owner.client, personsOnly, '/v1/ingest/media/videos', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await expectProblem(wrongType, 403, 'insufficient_scope');
    expect(await uploadsFor(owner.ref)).toBe(0);
  });

  it('refuses bad manifests before any video byte: inconsistent, unknown keys, too large, too long', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const manifest = await manifestOf(syntheticClip());
    const start = (m: unknown) => owner.start({ record_type: 'case', record_id: owner.caseId, ref: owner.ref, manifest: m });
    const failSafe = await expectProblem(await start({ ...manifest, fail_safe: 'detection_unsure' }), 422, 'invalid_manifest');
    expect(failSafe).toMatchObject({ issues: [{ path: 'manifest.fail_safe', code: 'fail_safe_mismatch' }] });
    const outside = await start({ ...manifest, regions: [{ ...manifest.regions[0], x: 600 }] });
    expect(await expectProblem(outside, 422, 'invalid_manifest')).toMatchObject({ issues: [{ path: 'manifest.regions.0', code: 'box_outside_frame' }] });
    await expectProblem(await start({ ...manifest, extra: true }), 422, 'invalid_manifest');
    await expectProblem(await start({ ...manifest, version: 2 }), 422, 'invalid_manifest');
    const big = await start({ ...manifest, original: { ...manifest.original, bytes: MAX_VIDEO_ORIGINAL_BYTES + 1 } });
    expect(await expectProblem(big, 413, 'video_too_large')).toMatchObject({ issues: [{ path: 'manifest.original.bytes', code: 'too_large' }] });
    const long = await start({ ...manifest, source: { ...manifest.source, duration_ms: 5 * 60_000 + 1 } });
    expect(await expectProblem(long, 413, 'video_too_large')).toMatchObject({ issues: [{ code: 'too_long' }] });
    expect(await uploadsFor(owner.ref)).toBe(0);
  });

  it('refuses a reference the record does not name as a video, and a record of another owner', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const other = await videoOwner(gateway);
    const manifest = await manifestOf(syntheticClip());
    const photoCase = `${owner.caseId}-p`;
    await owner.seed('case', [
      {
        ...(await import('./media-harness.js')).caseWith(photoCase, [
          { media_ref: `${owner.ref}.jpg`, kind: 'photo', shows_minor: false, shows_restrained: false },
        ]),
      },
    ]);
    const notVideo = await owner.start({ record_type: 'case', record_id: photoCase, ref: `${owner.ref}.jpg`, manifest });
    expect(await expectProblem(notVideo, 422, 'validation_failed')).toMatchObject({ issues: [{ code: 'not_a_video' }] });
    await expectProblem(await other.start({ record_type: 'case', record_id: owner.caseId, ref: owner.ref, manifest }), 404, 'not_found');
    expect(await uploadsFor(owner.ref)).toBe(0);
  });

  it("refuses chunks to another owner's upload, out of range, of the wrong size, or not matching their digest, storing none", async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const other = await videoOwner(gateway);
    const clip = syntheticClip(true);
    const id = await owner.open(clip);
    const first = clip.original.subarray(0, VIDEO_CHUNK_BYTES);

    await expectProblem(await other.chunk(id, 'original', 0, first), 404, 'not_found');
    await expectProblem(await other.complete(id), 404, 'not_found');
    await expectProblem(await owner.chunk(id, 'original', 2, first), 422, 'chunk_out_of_range');
    // A fail-safe upload takes no redacted rendition.
    await expectProblem(await owner.chunk(id, 'redacted', 0, clip.blurred), 422, 'chunk_out_of_range');
    await expectProblem(await owner.chunk(id, 'thumbnail', 0, clip.blurred), 422, 'chunk_out_of_range');
    const longer = new Uint8Array(VIDEO_CHUNK_BYTES + 1);
    longer.set(first);
    await expectProblem(await owner.chunk(id, 'original', 0, longer), 413, 'chunk_size_mismatch');
    await expectProblem(await owner.chunk(id, 'original', 0, first.subarray(0, 1000)), 422, 'chunk_size_mismatch');
    const digestOfOther = `sha-256=:${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', clip.blurred))))}:`;
    await expectProblem(await owner.chunk(id, 'original', 0, first, { 'content-digest': digestOfOther }), 422, 'digest_mismatch');
    await expectProblem(await owner.chunk(id, 'original', 0, first, { 'content-digest': 'md5=:AAAA:' }), 400, 'digest_required');
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    expect(await objectCount(id)).toBe(0);
  });

  it('refuses a first chunk that is not MP4, and a rendition that is not fragmented', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const gif = new Uint8Array(clip.original.length);
    gif.set(new TextEncoder().encode('GIF89a'));
    const notMp4 = await owner.open({ ...clip, original: gif });
    await expectProblem(await owner.chunk(notMp4, 'original', 0, gif.subarray(0, VIDEO_CHUNK_BYTES)), 415, 'not_mp4');
    // A progressive MP4 (media data before moov): fine as an original, not as a stream.
    const ftyp = mp4Box('ftyp', new TextEncoder().encode('isom\0\0\x02\0isomiso2'));
    const progressive = new Uint8Array(clip.blurred.length);
    progressive.set([...ftyp, ...mp4Box('mdat', new Uint8Array(64))]);
    const notFragmented = await owner.open({ ...clip, blurred: progressive });
    await expectProblem(await owner.chunk(notFragmented, 'blurred', 0, progressive), 422, 'not_fragmented_mp4');
    expect(await objectCount(notMp4)).toBe(0);
    expect(await objectCount(notFragmented)).toBe(0);
  });

  it("refuses to complete with chunks missing or a file whose SHA-256 is not the manifest's, logging nothing and naming nothing", async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    await owner.chunk(id, 'original', 0, clip.original.subarray(0, VIDEO_CHUNK_BYTES));
    const size = await auditLog(gatewayEnv).size();
    const missing = await expectProblem(await owner.complete(id), 409, 'upload_incomplete');
    expect(missing).toMatchObject({ issues: [{ path: 'original', code: 'missing_chunks' }, { path: 'redacted' }, { path: 'blurred' }] });

    // Every chunk matches its own digest, but the blurred file is not the one the manifest states.
    const swapped = { ...clip, blurred: syntheticClip(false, 9).blurred };
    const manifest = await manifestOf(clip);
    const res = await owner.start({
      record_type: 'case',
      record_id: owner.caseId,
      ref: owner.ref,
      manifest: { ...manifest, renditions: { ...manifest.renditions, blurred: { ...manifest.renditions.blurred, bytes: swapped.blurred.length } } },
    });
    const other = ((await res.json()) as { upload_id: string }).upload_id;
    await owner.sendAll(other, swapped);
    expect(await expectProblem(await owner.complete(other), 422, 'hash_mismatch')).toMatchObject({ issues: [{ path: 'blurred', code: 'sha256' }] });
    expect(await auditLog(gatewayEnv).size()).toBe(size);
    expect(await selectVideo(gatewayEnv.DB, owner.ref)).toBeNull();
  });

  it('lets an unfinished upload expire: its chunks are refused, then swept with its rows', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    await owner.chunk(id, 'original', 0, clip.original.subarray(0, VIDEO_CHUNK_BYTES));
    expect(await objectCount(id)).toBe(1);
    gateway.clock.advance(VIDEO_UPLOAD_LIFETIME + 1);
    const token = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['case'] });
    const late = await callResource(gateway, owner.client, token, `/v1/ingest/media/videos/${id}/complete`, { method: 'POST' });
    await expectProblem(late, 410, 'upload_expired');
    const report = await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    expect(report.sweptVideoUploads).toBeGreaterThanOrEqual(1);
    expect(await objectCount(id)).toBe(0);
    expect(await selectUpload(gatewayEnv.DB, id)).toBeNull();
  });
});
