/**
 * Finding: cancelling an upload that was completed and then replaced by a newer upload of the same
 * reference answered 410 `upload_expired`, which the cancel route's OpenAPI contract keeps for an
 * upload that expired and was swept. The upload completed: it is answered 409 `upload_complete`, as
 * the contract says for a completed upload, and nothing changes. Its chunks are answered the same,
 * and its completion sent again gets the same result as the first (the contract of completing).
 */
import { describe, expect, it } from 'vitest';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { selectUpload, selectVideo } from '../../gateway/src/store/d1/videos.js';
import { gatewayEnv, testGateway } from './harness.js';
import { logSize, syntheticClip, videoObjectCount, videoOwner } from './video-harness.js';

type Gateway = ReturnType<typeof testGateway>;
type Operations = Record<string, Record<string, { responses: Record<string, { description: string }> }>>;

const UPLOAD = '/v1/ingest/media/videos/{id}';

/** The description the OpenAPI document gives `status` of `method` on `path`. */
async function documented(gateway: Gateway, path: string, method: string, status: number): Promise<string> {
  const doc = (await (await gateway.request('/openapi.json')).json()) as { paths: Operations };
  return doc.paths[path]?.[method]?.responses[String(status)]?.description ?? '';
}

/** `res` is the problem `status`/`code`, and the OpenAPI document names `code` for that status of the route. */
async function expectDocumentedProblem(gateway: Gateway, res: Response, path: string, method: string, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(((await res.json()) as { code: string }).code).toBe(code);
  expect(await documented(gateway, path, method, status)).toContain(`\`${code}\``);
}

describe('an upload completed and since replaced by a newer upload', () => {
  it('is refused a cancel with 409 upload_complete, as the route documents, leaving both videos and the log as they were', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip(false, 1);
    const firstId = await owner.open(clip);
    await owner.sendAll(firstId, clip);
    expect((await owner.complete(firstId)).status).toBe(200);
    expect(await owner.uploadClip(syntheticClip(false, 7))).toMatchObject({ outcome: 'replaced' });
    const newest = (await selectVideo(gatewayEnv.DB, owner.ref))?.id;
    const objects = await videoObjectCount(firstId);
    const size = await logSize();

    await expectDocumentedProblem(gateway, await owner.cancel(firstId), UPLOAD, 'delete', 409, 'upload_complete');
    expect(await documented(gateway, UPLOAD, 'delete', 410)).not.toMatch(/replaced/);
    expect(await selectUpload(gatewayEnv.DB, firstId)).toMatchObject({ state: 'replaced', cancelled: null });
    expect((await selectVideo(gatewayEnv.DB, owner.ref))?.id).toBe(newest);
    expect(await videoObjectCount(firstId)).toBe(objects);
    expect(await logSize()).toBe(size);
  });

  it('answers a chunk with 409 upload_complete and its completion sent again with the first result, logging nothing', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip(false, 1);
    const firstId = await owner.open(clip);
    await owner.sendAll(firstId, clip);
    const first = await (await owner.complete(firstId)).json();
    await owner.uploadClip(syntheticClip(false, 7));
    const size = await logSize();

    const chunk = await owner.chunk(firstId, 'original', 0, clip.original.subarray(0, VIDEO_CHUNK_BYTES));
    await expectDocumentedProblem(gateway, chunk, '/v1/ingest/media/videos/{id}/{file}/{n}', 'put', 409, 'upload_complete');
    const again = await owner.complete(firstId);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(await logSize()).toBe(size);
  });
});
