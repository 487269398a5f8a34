/**
 * Only the client that opened a video upload may fill and complete it (issue 18). Another client of
 * the same data owner (a second system of the owner, or a stolen credential of a less trusted one)
 * holding an ingest token for the same record type is answered exactly like for an unknown upload —
 * the same status and problem document, whatever the upload's state — and changes nothing: no chunk
 * replaced, nothing completed, nothing logged under the opener's name.
 */
import { contentDigest } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { selectChunks, selectUpload, selectVideo } from '../../gateway/src/store/d1/videos.js';
import { accessTokenFor, callResource, createClient, gatewayEnv, testGateway } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { logSize, syntheticClip, videoObjectCount, videoOwner } from './video-harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** An upload id of the form the gateway draws, never drawn. */
const UNKNOWN = '0123456789abcdef0123456789abcdef';

/** The answer as another client sees it: status, content type and the problem document without its `instance` (the path). */
async function seen(res: Response) {
  const { instance: _path, ...body } = (await res.json()) as Record<string, unknown>;
  return { status: res.status, type: res.headers.get('content-type'), body };
}

/** A data owner with a case naming a video, and a second client of the same owner allowed to ingest cases. */
async function ownerAndColleague(gateway: Gateway) {
  const owner = await videoOwner(gateway);
  const colleague = await createClient('data_owner', owner.agency, { ingestTypes: ['person', 'case'] });
  const token = await accessTokenFor(gateway, colleague, { type: 'record_ingest', record_types: ['person', 'case'] });
  const call = (path: string, init: RequestInit) => callResource(gateway, colleague, token, path, init);
  const chunk = async (id: string, file: string, n: number, bytes: Uint8Array) =>
    call(`/v1/ingest/media/videos/${id}/${file}/${n}`, {
      method: 'PUT',
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream', 'content-digest': await contentDigest(bytes) },
    });
  const complete = (id: string) => call(`/v1/ingest/media/videos/${id}/complete`, { method: 'POST' });
  return { owner, colleague: { client: colleague, chunk, complete } };
}

describe('another client of the same owner and a video upload it did not open', () => {
  it("refuses another client's chunk exactly like an unknown upload, replacing nothing, in every state", async () => {
    const gateway = testGateway();
    const { owner, colleague } = await ownerAndColleague(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    await owner.sendAll(id, clip);
    const stored = await selectChunks(gatewayEnv.DB, id);
    const objects = await videoObjectCount(id);
    const size = await logSize();
    // A valid first chunk of another clip: the right size, digest and MP4 structure.
    const forged = syntheticClip(false, 7).original.subarray(0, VIDEO_CHUNK_BYTES);
    const unknown = await seen(await colleague.chunk(UNKNOWN, 'original', 0, forged));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found' } });

    expect(await seen(await colleague.chunk(id, 'original', 0, forged))).toEqual(unknown);
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual(stored);
    expect(await videoObjectCount(id)).toBe(objects);
    expect(await logSize()).toBe(size);

    // The opener's chunks are intact: its completion checks them against the manifest and stores the video.
    expect((await owner.complete(id)).status).toBe(200);
    // Completed: still answered as unknown (not `upload_complete`, which would tell that it exists).
    expect(await seen(await colleague.chunk(id, 'original', 0, forged))).toEqual(unknown);
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual(stored);
  });

  it("refuses another client's completion exactly like an unknown upload, logging and storing nothing, in every state", async () => {
    const gateway = testGateway();
    const { owner, colleague } = await ownerAndColleague(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    await owner.sendAll(id, clip);
    const size = await logSize();
    const unknown = await seen(await colleague.complete(UNKNOWN));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found' } });

    expect(await seen(await colleague.complete(id))).toEqual(unknown);
    expect(await selectVideo(gatewayEnv.DB, owner.ref)).toBeNull();
    expect(await selectUpload(gatewayEnv.DB, id)).toMatchObject({ state: 'open', logIndex: null });
    expect(await logSize()).toBe(size);

    // The opener completes it, and the ingest is logged under the opener.
    const res = await owner.complete(id);
    expect(res.status).toBe(200);
    const done = (await res.json()) as { log_index: number };
    expect(await loggedEntry(auditLog(gatewayEnv), done.log_index, done.log_index + 1)).toMatchObject({
      kind: 'media_ingest',
      client: owner.client.id,
    });
    // Completed: a repeated completion by another client does not hand out the opener's result.
    const after = await logSize();
    expect(await seen(await colleague.complete(id))).toEqual(unknown);
    expect(await logSize()).toBe(after);

    // Cancelled: answered as unknown too (not `upload_cancelled`).
    const second = await owner.open(clip);
    expect((await owner.cancel(second)).status).toBe(200);
    expect(await seen(await colleague.complete(second))).toEqual(unknown);
    expect(await seen(await colleague.chunk(second, 'blurred', 0, clip.blurred))).toEqual(
      await seen(await colleague.chunk(UNKNOWN, 'blurred', 0, clip.blurred)),
    );
  });
});
