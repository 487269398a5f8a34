/**
 * Helpers for the video tests: a data owner that opens, fills and completes video uploads through the
 * real routes, a case naming a video, and synthetic files with the box structure of fragmented MP4
 * (the gateway reads no more of a video; the end-to-end test plays a real clip).
 */
import { contentDigest } from '@need2know/client';
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import { syntheticFragmentedMp4 } from '../../gateway/src/services/video/test-clip.js';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { sha256hex } from '../../gateway/src/platform/lib/digest.js';
import { ingestRecords } from '../../gateway/src/services/records/ingest.js';
import { storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { VIDEO_OBJECT_PREFIX } from '../../gateway/src/store/r2/video-store.js';
import { expect } from 'vitest';
import { accessTokenFor, callResource, createAgency, createClient, gatewayEnv, type testGateway } from './harness.js';
import { caseWith, uniq } from './media-harness.js';

type Gateway = ReturnType<typeof testGateway>;
type File = 'original' | 'redacted' | 'blurred';

/** A video's files: the original (two chunks), and its renditions (`redacted` null: failed safe). */
export interface Clip {
  readonly original: Uint8Array;
  readonly redacted: Uint8Array | null;
  readonly blurred: Uint8Array;
}

/** A clip of synthetic files: an original of two chunks and two smaller renditions. */
export function syntheticClip(failSafe = false, seed = 1): Clip {
  return {
    original: syntheticFragmentedMp4(VIDEO_CHUNK_BYTES + 40_000, seed),
    redacted: failSafe ? null : syntheticFragmentedMp4(90_000, seed + 1),
    blurred: syntheticFragmentedMp4(60_000, seed + 2),
  };
}

const rendition = async (bytes: Uint8Array) => ({
  mime: 'video/mp4; codecs="avc1.64001f"',
  width: 640,
  height: 360,
  fps: 25,
  audio: 'dropped' as const,
  bytes: bytes.length,
  sha256: await sha256hex(bytes),
});

/** The manifest of `clip`: one face track and one plate region, consistent with a 2-second 640 × 360 clip. */
export async function manifestOf(clip: Clip): Promise<VideoRedactionManifest> {
  return {
    version: 1,
    detector: { name: 'tiny_face_detector', version: '1.7.15', min_score: 0.5 },
    source: { width: 640, height: 360, fps: 25, frames: 50, duration_ms: 2000, video_codec: 'h264', audio: true },
    original: { bytes: clip.original.length, sha256: await sha256hex(clip.original) },
    renditions: { redacted: clip.redacted === null ? null : await rendition(clip.redacted), blurred: await rendition(clip.blurred) },
    fail_safe: clip.redacted === null ? 'no_face_found' : null,
    tracks: [
      {
        id: 0,
        from_frame: 0,
        to_frame: 1,
        boxes: [
          { frame: 0, x: 100, y: 50, w: 60, h: 60, score: 0.91 },
          { frame: 1, x: 102, y: 50, w: 60, h: 60, score: null },
        ],
      },
    ],
    regions: [{ x: 0, y: 300, w: 120, h: 40, from_ms: 0, to_ms: 2000, reason: 'plate' }],
  };
}

/** A video evidence item, flagged as given. */
export const video = (ref: string, flags: Partial<Record<'shows_minor' | 'shows_restrained' | 'shows_victim' | 'shows_witness', boolean>> = {}) => ({
  media_ref: ref,
  kind: 'video',
  shows_minor: false,
  shows_restrained: false,
  ...flags,
});

/** A data owner with a case naming one video (`flags` on it), and calls of the video upload routes. */
export async function videoOwner(gateway: Gateway, flags: Parameters<typeof video>[1] = { shows_restrained: true }) {
  const agency = await createAgency();
  const client = await createClient('data_owner', agency, { ingestTypes: ['person', 'case'] });
  const token = await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: ['person', 'case'] });
  const seed = (type: string, records: readonly Record<string, unknown>[]) =>
    ingestRecords(storesWithKeysOf(gatewayEnv), gatewayEnv, { owner: agency, clientId: client.id, type, bodies: records, now: gateway.clock.now });
  const caseId = uniq('case');
  const ref = `media/case/${caseId}/1.mp4`;
  await seed('case', [caseWith(caseId, [video(ref, flags)])]);
  const call = (path: string, init: RequestInit = {}) => callResource(gateway, client, token, path, init);
  const start = (body: Record<string, unknown>) =>
    call('/v1/ingest/media/videos', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const chunk = async (id: string, file: string, n: number, bytes: Uint8Array, headers: Record<string, string> = {}) =>
    call(`/v1/ingest/media/videos/${id}/${file}/${n}`, {
      method: 'PUT',
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream', 'content-digest': await contentDigest(bytes), ...headers },
    });
  const complete = (id: string) => call(`/v1/ingest/media/videos/${id}/complete`, { method: 'POST' });
  const cancel = (id: string) => call(`/v1/ingest/media/videos/${id}`, { method: 'DELETE' });
  /** Sends every chunk of `clip` to upload `id` (all answered 200, or the test fails). */
  const sendAll = async (id: string, clip: Clip) => {
    for (const file of ['original', 'redacted', 'blurred'] as const satisfies readonly File[]) {
      const bytes = clip[file];
      if (bytes === null) continue;
      for (let n = 0; n * VIDEO_CHUNK_BYTES < bytes.length; n++) {
        const res = await chunk(id, file, n, bytes.subarray(n * VIDEO_CHUNK_BYTES, (n + 1) * VIDEO_CHUNK_BYTES));
        if (res.status !== 200) throw new Error(`chunk ${file}/${n} refused: ${res.status} ${await res.text()}`);
      }
    }
  };
  /** Opens an upload of `clip` for the case's video and returns its id. */
  const open = async (clip: Clip, over: Record<string, unknown> = {}) => {
    const res = await start({ record_type: 'case', record_id: caseId, ref, manifest: await manifestOf(clip), ...over });
    if (res.status !== 201) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { upload_id: string }).upload_id;
  };
  /** Uploads and completes `clip`; returns the completion's answer. */
  const uploadClip = async (clip: Clip) => {
    const id = await open(clip);
    await sendAll(id, clip);
    const res = await complete(id);
    if (res.status !== 200) throw new Error(`completion refused: ${res.status} ${await res.text()}`);
    return (await res.json()) as { ref: string; manifest_sha256: string; log_index: number; outcome: string; redaction: string };
  };
  return { agency, client, token, seed, caseId, ref, call, start, chunk, complete, cancel, sendAll, open, uploadClip };
}

/** How many objects of upload or video `id` the object store holds. */
export const videoObjectCount = async (id: string) => (await gatewayEnv.MEDIA.list({ prefix: `${VIDEO_OBJECT_PREFIX}${id}/` })).objects.length;

/** How many entries the audit log holds. */
export const logSize = () => auditLog(gatewayEnv).size();

/** Checks that `res` is an RFC 9457 problem with `status` and `code`; returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<{ code: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { code: string };
  expect(body.code).toBe(code);
  return body;
}
