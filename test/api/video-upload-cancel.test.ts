/**
 * Cancelling a video upload (issue 18): the data owner's client that opened an upload abandons it
 * with `DELETE /v1/ingest/media/videos/{id}`. Its sealed chunks are deleted at once (rows and R2
 * objects), the cancel is logged with what was dropped (counts, never content), and a repeated
 * cancel answers the same. Every refusal is a problem with a stable code and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { VIDEO_CHUNK_BYTES, VIDEO_UPLOAD_LIFETIME } from '../../gateway/src/services/video/limits.js';
import { selectChunks, selectUpload, selectVideo } from '../../gateway/src/store/d1/videos.js';
import { accessTokenFor, callResource, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { mediaPartner } from './media-harness.js';
import { scheduledDeps } from './scheduled.js';
import { expectProblem, logSize, syntheticClip, videoObjectCount, videoOwner } from './video-harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** An owner with an open upload of a clip holding two chunks (the original's first, the blurred rendition). */
async function halfSent(gateway: Gateway) {
  const owner = await videoOwner(gateway);
  const clip = syntheticClip();
  const id = await owner.open(clip);
  expect((await owner.chunk(id, 'original', 0, clip.original.subarray(0, VIDEO_CHUNK_BYTES))).status).toBe(200);
  expect((await owner.chunk(id, 'blurred', 0, clip.blurred)).status).toBe(200);
  expect(await videoObjectCount(id)).toBe(2);
  return { owner, clip, id };
}

describe('cancelling a video upload', () => {
  it('deletes the chunks at once, logs what was dropped, and answers a repeated cancel the same without logging again', async () => {
    const gateway = testGateway();
    const { owner, clip, id } = await halfSent(gateway);
    const before = await logSize();

    const res = await owner.cancel(id);
    expect(res.status).toBe(200);
    const body = await res.json();
    const dropped = { chunks: 2, bytes: VIDEO_CHUNK_BYTES + clip.blurred.length };
    expect(body).toEqual({ upload_id: id, ref: owner.ref, cancelled_at: gateway.clock.now, ...dropped, log_index: before });
    expect(await videoObjectCount(id)).toBe(0);
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    // The manifest (face boxes, regions) is erased with the chunks; the row waits for the sweeper.
    expect(await selectUpload(gatewayEnv.DB, id)).toMatchObject({ state: 'cancelled', manifest: '', logIndex: before });

    expect(await logSize()).toBe(before + 1);
    const entry = await loggedEntry(auditLog(gatewayEnv), before, before + 1);
    expect(entry).toMatchObject({ kind: 'media_upload_cancelled', client: owner.client.id, owner: owner.agency, record_type: 'case', field: 'evidence' });
    expect(entry).toMatchObject({ upload_id: id, ...dropped });
    // Keyed hashes only: neither the record's id nor the reference is in the entry.
    expect(JSON.stringify(entry)).not.toContain(owner.caseId);

    gateway.clock.advance(30);
    const again = await owner.cancel(id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
    expect(await logSize()).toBe(before + 1);

    // The reference is free: a new upload of it creates the video.
    expect(await owner.uploadClip(clip)).toMatchObject({ outcome: 'created' });
  });

  it('refuses a chunk and a completion of a cancelled upload with upload_cancelled, storing and logging nothing', async () => {
    const gateway = testGateway();
    const { owner, clip, id } = await halfSent(gateway);
    expect((await owner.cancel(id)).status).toBe(200);
    const size = await logSize();

    await expectProblem(await owner.chunk(id, 'original', 1, clip.original.subarray(VIDEO_CHUNK_BYTES)), 410, 'upload_cancelled');
    await expectProblem(await owner.chunk(id, 'original', 0, clip.original.subarray(0, VIDEO_CHUNK_BYTES)), 410, 'upload_cancelled');
    await expectProblem(await owner.complete(id), 410, 'upload_cancelled');
    expect(await videoObjectCount(id)).toBe(0);
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    expect(await logSize()).toBe(size);
    expect(await selectVideo(gatewayEnv.DB, owner.ref)).toBeNull();
  });

  it('refuses no token, a partner token, another client of the same owner, another owner and an unknown id, changing nothing', async () => {
    const gateway = testGateway();
    const { owner, clip, id } = await halfSent(gateway);
    const path = `/v1/ingest/media/videos/${id}`;
    const partner = await mediaPartner(gateway);
    const colleague = await createClient('data_owner', owner.agency, { ingestTypes: ['case'] });
    const colleagueToken = await accessTokenFor(gateway, colleague, { type: 'record_ingest', record_types: ['case'] });
    const stranger = await createClient('data_owner', await createAgency(), { ingestTypes: ['case'] });
    const strangerToken = await accessTokenFor(gateway, stranger, { type: 'record_ingest', record_types: ['case'] });
    const size = await logSize(); // after the tokens (each issue is logged)

    await expectProblem(await gateway.request(path, { method: 'DELETE' }), 401, 'invalid_token');
    await expectProblem(await callResource(gateway, partner.client, partner.token, path, { method: 'DELETE' }), 403, 'insufficient_scope');
    await expectProblem(await callResource(gateway, colleague, colleagueToken, path, { method: 'DELETE' }), 404, 'not_found');
    await expectProblem(await callResource(gateway, stranger, strangerToken, path, { method: 'DELETE' }), 404, 'not_found');
    await expectProblem(await owner.cancel('0123456789abcdef0123456789abcdef'), 404, 'not_found');
    await expectProblem(await owner.cancel('not-an-upload'), 404, 'not_found');

    expect(await videoObjectCount(id)).toBe(2);
    expect(await selectChunks(gatewayEnv.DB, id)).toHaveLength(2);
    expect(await logSize()).toBe(size);
    // Still the owner's to finish.
    await owner.sendAll(id, clip);
    expect((await owner.complete(id)).status).toBe(200);
  });

  it('refuses to cancel a completed upload (a stored video) with upload_complete, leaving the video and logging nothing', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    await owner.sendAll(id, clip);
    expect((await owner.complete(id)).status).toBe(200);
    const size = await logSize();

    await expectProblem(await owner.cancel(id), 409, 'upload_complete');
    expect(await selectVideo(gatewayEnv.DB, owner.ref)).toMatchObject({ id, state: 'complete' });
    expect(await videoObjectCount(id)).toBe(4);
    expect(await logSize()).toBe(size);
  });

  it('cancels an upload past its expiry at once instead of at the next sweep; the sweeper then forgets the cancelled row', async () => {
    const gateway = testGateway();
    const { owner, id } = await halfSent(gateway);
    gateway.clock.advance(VIDEO_UPLOAD_LIFETIME + 1);
    const token = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['case'] });
    const res = await callResource(gateway, owner.client, token, `/v1/ingest/media/videos/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ chunks: 2 });
    expect(await videoObjectCount(id)).toBe(0);
    const report = await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    expect(report.sweptVideoUploads).toBeGreaterThanOrEqual(1);
    expect(await selectUpload(gatewayEnv.DB, id)).toBeNull();
  });
});
