/**
 * Finding: the steps of a video upload did not re-check the token's scope. A chunk or a completion
 * sent with a token of the same client that no longer carries the upload's record type (a token
 * issued later with narrower `authorization_details`) was stored and completed as if the token
 * still allowed ingesting that type. Now both are refused 403 `insufficient_scope` and change
 * nothing; a cancel by the client that opened the upload still goes through (it only removes data).
 */
import { describe, expect, it } from 'vitest';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { selectChunks, selectUpload, selectVideo } from '../../gateway/src/store/d1/videos.js';
import { accessTokenFor, callResource, gatewayEnv, testGateway } from './harness.js';
import { contentDigest } from '@need2know/client';
import { expectProblem, logSize, syntheticClip, videoObjectCount, videoOwner } from './video-harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** The owner of a case video, and the same client's later token that carries `person` only (not `case`). */
async function ownerWithNarrowedToken(gateway: Gateway) {
  const owner = await videoOwner(gateway);
  const narrowed = await accessTokenFor(gateway, owner.client, { type: 'record_ingest', record_types: ['person'] });
  const path = (id: string) => `/v1/ingest/media/videos/${id}`;
  const asNarrowed = {
    chunk: async (id: string, file: string, n: number, bytes: Uint8Array) =>
      callResource(gateway, owner.client, narrowed, `${path(id)}/${file}/${n}`, {
        method: 'PUT',
        body: bytes as Uint8Array<ArrayBuffer>,
        headers: { 'content-type': 'application/octet-stream', 'content-digest': await contentDigest(bytes) },
      }),
    complete: (id: string) => callResource(gateway, owner.client, narrowed, `${path(id)}/complete`, { method: 'POST' }),
    cancel: (id: string) => callResource(gateway, owner.client, narrowed, path(id), { method: 'DELETE' }),
  };
  return { owner, asNarrowed };
}

describe('a video upload with a token that no longer carries its record type', () => {
  it('refuses a chunk with insufficient_scope, storing nothing; the full token still sends it', async () => {
    const gateway = testGateway();
    const { owner, asNarrowed } = await ownerWithNarrowedToken(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    const first = clip.original.subarray(0, VIDEO_CHUNK_BYTES);
    const size = await logSize();

    await expectProblem(await asNarrowed.chunk(id, 'original', 0, first), 403, 'insufficient_scope');
    await expectProblem(await asNarrowed.chunk(id, 'blurred', 0, clip.blurred), 403, 'insufficient_scope');
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    expect(await videoObjectCount(id)).toBe(0);
    expect(await logSize()).toBe(size);

    expect((await owner.chunk(id, 'original', 0, first)).status).toBe(200);
  });

  it('refuses the completion with insufficient_scope: no video, nothing logged; the full token then completes it', async () => {
    const gateway = testGateway();
    const { owner, asNarrowed } = await ownerWithNarrowedToken(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    await owner.sendAll(id, clip);
    const size = await logSize();

    await expectProblem(await asNarrowed.complete(id), 403, 'insufficient_scope');
    expect(await selectVideo(gatewayEnv.DB, owner.ref)).toBeNull();
    expect((await selectUpload(gatewayEnv.DB, id))?.state).toBe('open');
    expect(await logSize()).toBe(size);

    const done = await owner.complete(id);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ ref: owner.ref, outcome: 'created' });
    // A completion sent again with the narrowed token gets no answer about the stored video either.
    const after = await logSize();
    await expectProblem(await asNarrowed.complete(id), 403, 'insufficient_scope');
    expect(await logSize()).toBe(after);
  });

  it('lets the client that opened the upload cancel it with the narrowed token: chunks deleted, the cancel logged', async () => {
    const gateway = testGateway();
    const { owner, asNarrowed } = await ownerWithNarrowedToken(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    expect((await owner.chunk(id, 'blurred', 0, clip.blurred)).status).toBe(200);
    const size = await logSize();

    const res = await asNarrowed.cancel(id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ upload_id: id, chunks: 1, bytes: clip.blurred.length, log_index: size });
    expect(await videoObjectCount(id)).toBe(0);
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    expect(await logSize()).toBe(size + 1);
  });
});
