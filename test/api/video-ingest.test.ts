/**
 * Video upload (issue 18): `POST /v1/ingest/media/videos` (the manifest first), chunks sealed as they
 * arrive, and a completion that checks every file against the manifest and logs the ingest with the
 * manifest's hash before the video is disclosable. Every refusal is a problem with a stable code and
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { selectUpload, selectVideo } from '../../gateway/src/store/d1/videos.js';
import { VIDEO_OBJECT_PREFIX } from '../../gateway/src/store/r2/video-store.js';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { sha256hex } from '../../gateway/src/platform/lib/digest.js';
import { videoManifestBytes } from '@need2know/schema/video-manifest';
import { gatewayEnv, testGateway } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { manifestOf, syntheticClip, videoOwner } from './video-harness.js';

const bucket = () => (gatewayEnv as unknown as { MEDIA: R2Bucket }).MEDIA;

/** Every stored object of upload `id`, its keys and text. */
async function objectsOf(id: string): Promise<{ key: string; text: string }[]> {
  const page = await bucket().list({ prefix: `${VIDEO_OBJECT_PREFIX}${id}/` });
  return Promise.all(page.objects.map(async (o) => ({ key: o.key, text: (await (await bucket().get(o.key))?.text()) ?? '' })));
}

describe('video upload', () => {
  it('stores each chunk sealed, logs the manifest hash before the video is named, and answers a second completion the same', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const manifest = await manifestOf(clip);
    const started = await owner.start({ record_type: 'case', record_id: owner.caseId, ref: owner.ref, manifest });
    expect(started.status).toBe(201);
    const opened = (await started.json()) as { upload_id: string; chunk_bytes: number; chunks: Record<string, number | null>; manifest_sha256: string };
    expect(opened).toMatchObject({ chunk_bytes: VIDEO_CHUNK_BYTES, chunks: { original: 2, redacted: 1, blurred: 1 } });
    expect(opened.manifest_sha256).toBe(await sha256hex(videoManifestBytes(manifest)));

    await owner.sendAll(opened.upload_id, clip);
    // Not named by its reference before completion: nothing is disclosable yet.
    expect(await selectVideo(gatewayEnv.DB, owner.ref)).toBeNull();
    // At rest: envelopes only, under a key naming no owner, record or reference.
    const objects = await objectsOf(opened.upload_id);
    expect(objects.map((o) => o.key.split('/').slice(0, 4).join('/')).sort()).toEqual(
      ['blurred/0', 'original/0', 'original/1', 'redacted/0'].map((k) => `${VIDEO_OBJECT_PREFIX}${opened.upload_id}/${k}`),
    );
    // Each key ends with the chunk's SHA-256 and 64 random bits drawn for the write: no object is ever overwritten,
    // so a chunk sent after completion can never replace a checked one.
    expect(objects.every((o) => /\/[0-9a-f]{64}\.[0-9a-f]{16}$/.test(o.key))).toBe(true);
    // Each object is one envelope and nothing else: its version, then base64url only, so no MP4 box
    // (binary, with its NUL bytes) is stored in clear. (A search for the text 'ftyp' in the base64url
    // would match by chance about once in a few hundred runs.)
    for (const o of objects) expect(o.text).toMatch(/^n2kf1\.[0-9]+(\.[A-Za-z0-9_-]+)+$/);

    const sizeBefore = await auditLog(gatewayEnv).size();
    const done = await owner.complete(opened.upload_id);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { log_index: number; manifest_sha256: string };
    expect(body).toMatchObject({ ref: owner.ref, manifest_sha256: opened.manifest_sha256, outcome: 'created', redaction: 'redacted' });
    expect(body.log_index).toBe(sizeBefore);
    const size = await auditLog(gatewayEnv).size();
    expect(await loggedEntry(auditLog(gatewayEnv), body.log_index, size)).toMatchObject({
      kind: 'media_ingest',
      content_type: 'video/mp4',
      bytes: clip.original.length,
      field: 'evidence',
      redaction: 'redacted',
      faces: 1,
      manifest_sha256: opened.manifest_sha256,
    });
    expect((await selectVideo(gatewayEnv.DB, owner.ref))?.id).toBe(opened.upload_id);

    // Completing again: the same answer, nothing logged twice.
    const again = await owner.complete(opened.upload_id);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ manifest_sha256: opened.manifest_sha256, log_index: body.log_index });
    expect(await auditLog(gatewayEnv).size()).toBe(size);
    // A completed upload's chunks no longer change.
    const late = await owner.chunk(opened.upload_id, 'blurred', 0, clip.blurred);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'upload_complete' });
  });

  it('takes a fail-safe clip without a redacted rendition, and logs it as blurred', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const done = await owner.uploadClip(syntheticClip(true));
    expect(done).toMatchObject({ redaction: 'blurred', outcome: 'created' });
  });

  it('replaces an earlier video of the same reference, which stays named until the new one is logged', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const first = await owner.uploadClip(syntheticClip(false, 1));
    const firstUpload = (await selectVideo(gatewayEnv.DB, owner.ref))?.id;
    const id = await owner.open(syntheticClip(false, 7));
    await owner.sendAll(id, syntheticClip(false, 7));
    expect((await selectVideo(gatewayEnv.DB, owner.ref))?.id).toBe(firstUpload);
    const res = await owner.complete(id);
    expect(await res.json()).toMatchObject({ outcome: 'replaced' });
    expect(first.outcome).toBe('created');
    expect((await selectVideo(gatewayEnv.DB, owner.ref))?.id).toBe(id);
    expect((await selectUpload(gatewayEnv.DB, firstUpload ?? ''))?.state).toBe('replaced');
  });
});
