/**
 * Cancelling a video upload while other writes to it are under way (issue 18). Whatever the order,
 * no chunk row is left naming an object the bucket lacks, and no object is left that nothing names:
 *
 * - chunks sent at the same time as the cancel are each either stored before it (counted in the
 *   cancel's log entry and deleted with the others) or refused with `upload_cancelled`;
 * - a completion sent with it either stores the video (and the cancel is refused `upload_complete`)
 *   or is refused `upload_cancelled`, even while it reads back the chunks the cancel deletes;
 * - a chunk whose request read the upload before the cancel and writes after it is refused by the
 *   store's guard and deletes the object it wrote;
 * - a field-key re-wrap that read the upload's parts before the cancel switches nothing after it
 *   (and deletes what it wrote); one that switched a chunk between the cancel's first step and its
 *   deletion has its new object deleted by the cancel;
 * - a re-wrap run that listed the upload's chunks before the cancel does not report them as damaged;
 * - a cancelled upload holds back no key retirement: nothing of it is read again.
 */
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { forgetKeyRing, keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { keyRingSourceOf, storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { rewrapVideoBatch } from '../../gateway/src/services/video/rewrap-video.js';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { selectChunks, selectVideo } from '../../gateway/src/store/d1/videos.js';
import type { VideoSealedPart } from '../../gateway/src/store/ports/index.js';
import { VIDEO_OBJECT_PREFIX } from '../../gateway/src/store/r2/video-store.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { logSize, syntheticClip, videoOwner } from './video-harness.js';

/** Rotation, re-wrap and retirement through the admin routes: seconds alone, longer on a loaded machine. */
const REWRAP_TEST_TIMEOUT = 60_000;

const objectKeys = async (id: string) => (await gatewayEnv.MEDIA.list({ prefix: `${VIDEO_OBJECT_PREFIX}${id}/` })).objects.map((o) => o.key);

/** Every chunk position of `clip`, with its bytes. */
function chunksOf(clip: ReturnType<typeof syntheticClip>) {
  return (['original', 'redacted', 'blurred'] as const).flatMap((file) => {
    const bytes = clip[file];
    if (bytes === null) return [];
    return Array.from({ length: Math.ceil(bytes.length / VIDEO_CHUNK_BYTES) }, (_, n) => ({
      file,
      n,
      bytes: bytes.subarray(n * VIDEO_CHUNK_BYTES, (n + 1) * VIDEO_CHUNK_BYTES),
    }));
  });
}

describe('cancelling a video upload during other writes', () => {
  it('chunks sent with the cancel are each counted and deleted with it, or refused; nothing is left', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    const before = await logSize();
    const [first, second, ...rest] = chunksOf(clip);
    if (first === undefined || second === undefined) throw new Error('a clip of several chunks');
    // Two stored before the cancel starts; the rest sent together with it, each racing it.
    const earlier = [await owner.chunk(id, first.file, first.n, first.bytes), await owner.chunk(id, second.file, second.n, second.bytes)];
    const sends = rest.map((c) => owner.chunk(id, c.file, c.n, c.bytes));
    const [cancelled, ...racing] = await Promise.all([owner.cancel(id), ...sends]);
    expect(cancelled?.status).toBe(200);
    const answers = [...earlier, ...racing];
    const stored = answers.filter((a) => a.status === 200).length;
    expect(stored).toBeGreaterThanOrEqual(2);
    for (const a of answers.filter((r) => r.status !== 200)) {
      expect(a.status).toBe(410);
      expect(((await a.json()) as { code: string }).code).toBe('upload_cancelled');
    }
    // Exactly the chunks answered 200 were stored before the cancel closed the upload, and counted.
    expect(await cancelled?.json()).toMatchObject({ chunks: stored });
    expect(await loggedEntry(auditLog(gatewayEnv), before, before + 1)).toMatchObject({ kind: 'media_upload_cancelled', chunks: stored });
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    expect(await objectKeys(id)).toEqual([]);
  });

  it('a completion sent with the cancel either stores the video (the cancel then refused) or is refused upload_cancelled; never half of each', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    for (let round = 0; round < 3; round++) {
      const id = await owner.open(clip);
      await owner.sendAll(id, clip);
      const [completed, cancelled] = await Promise.all([owner.complete(id), owner.cancel(id)]);
      const codes = [completed.status, cancelled.status];
      const video = await selectVideo(gatewayEnv.DB, owner.ref);
      if (completed.status === 200) {
        expect(codes).toEqual([200, 409]);
        expect(((await cancelled.json()) as { code: string }).code).toBe('upload_complete');
        expect(video?.id).toBe(id);
        expect(await objectKeys(id)).toHaveLength(4);
      } else {
        expect(codes).toEqual([410, 200]);
        expect(((await completed.json()) as { code: string }).code).toBe('upload_cancelled');
        expect(video?.id).not.toBe(id);
        expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
        expect(await objectKeys(id)).toEqual([]);
      }
    }
  });

  it('a chunk whose request read the upload before the cancel and writes after it is refused, and its object deleted', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const id = await owner.open(clip);
    const videos = storesWithKeysOf(gatewayEnv).videos;
    const read = await videos.upload(id); // what the chunk's request read while the upload was open
    if (read === null) throw new Error('upload not stored');
    expect((await owner.cancel(id)).status).toBe(200);
    const late = { file: 'blurred' as const, seq: 0, bytes: clip.blurred.length, sha256: 'a'.repeat(64) };
    expect(await videos.putChunk(read, late, 'n2kf1.1.late-envelope', 1, gateway.clock.now)).toEqual({ ok: false, reason: 'conflict' });
    expect(await selectChunks(gatewayEnv.DB, id)).toEqual([]);
    expect(await objectKeys(id)).toEqual([]);
  });

  it('a re-wrap that read the parts before the cancel switches nothing after it; one that switched a chunk mid-cancel loses its new object too', async () => {
    const gateway = testGateway();
    const owner = await videoOwner(gateway);
    const clip = syntheticClip();
    const videos = storesWithKeysOf(gatewayEnv).videos;
    const partsOf = async (id: string) =>
      (await videos.partsBelowKeyVersion(Number.MAX_SAFE_INTEGER, gateway.clock.now, 100)).filter((p) => p.upload.id === id);
    /** What the re-wrap job writes for `part`: its envelope as read (the store keeps envelopes as opaque text). */
    const rewrap = async (part: VideoSealedPart) => videos.rewrapPart(part, (await videos.envelope(part)) ?? '', Number.MAX_SAFE_INTEGER);

    // Read before the cancel, written after it.
    const first = await owner.open(clip);
    await owner.sendAll(first, clip);
    const read = await partsOf(first);
    expect(read.map((p) => p.kind).sort()).toEqual(['chunk', 'chunk', 'chunk', 'chunk', 'manifest']);
    expect((await owner.cancel(first)).status).toBe(200);
    for (const part of read) expect(await rewrap(part)).toEqual({ ok: false, reason: 'conflict' });
    expect(await selectChunks(gatewayEnv.DB, first)).toEqual([]);
    expect(await objectKeys(first)).toEqual([]);

    // Switched between the cancel's first step (closing the upload) and its deletion: the cancel,
    // finished by the client's repeated request, deletes the re-wrapped objects with the rest.
    const second = await owner.open(clip);
    await owner.sendAll(second, clip);
    const chunks = (await partsOf(second)).filter((p) => p.kind === 'chunk');
    expect(await videos.cancelUpload(second, gateway.clock.now, gateway.clock.now + 3600)).toEqual({ ok: true });
    for (const part of chunks) expect(await rewrap(part)).toEqual({ ok: true });
    const moved = await objectKeys(second);
    expect(moved).toHaveLength(4);
    expect(moved.some((key) => chunks.some((p) => p.location === key))).toBe(false);
    const before = await logSize();
    const finished = await owner.cancel(second);
    expect(finished.status).toBe(200);
    expect(await finished.json()).toMatchObject({ chunks: 4, log_index: before });
    expect(await selectChunks(gatewayEnv.DB, second)).toEqual([]);
    expect(await objectKeys(second)).toEqual([]);
  });

  it(
    'a re-wrap run whose list was read before the cancel reports none of the deleted chunks as damaged',
    async () => {
      const gateway = testGateway();
      const owner = await videoOwner(gateway);
      const clip = syntheticClip();
      const id = await owner.open(clip);
      await owner.sendAll(id, clip);
      const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
      expect((await admin('POST', '/field-keys/rotate')).status).toBe(200);
      forgetKeyRing();
      const ring = await keyRing(keyRingSourceOf(gatewayEnv));
      const videos = storesWithKeysOf(gatewayEnv).videos;
      let cancelled = false;
      // The run's list is read, then the owner cancels, then the run reads each part.
      const racing = {
        ...videos,
        partsBelowKeyVersion: async (...args: Parameters<typeof videos.partsBelowKeyVersion>) => {
          const parts = await videos.partsBelowKeyVersion(...args);
          if (!cancelled && parts.some((p) => p.upload.id === id)) {
            cancelled = true;
            expect((await owner.cancel(id)).status).toBe(200);
          }
          return parts;
        },
      };
      const progress = await rewrapVideoBatch({ videos: racing }, ring, 100, gateway.clock.now);
      expect(cancelled).toBe(true);
      expect(progress.unreadable).toEqual([]);
      expect(await objectKeys(id)).toEqual([]);
    },
    REWRAP_TEST_TIMEOUT,
  );

  it(
    'a cancelled upload holds back no key retirement: rotate → cancel → re-wrap → retire',
    async () => {
      const gateway = testGateway();
      const owner = await videoOwner(gateway);
      const clip = syntheticClip();
      const id = await owner.open(clip);
      await owner.chunk(id, 'original', 0, clip.original.subarray(0, VIDEO_CHUNK_BYTES));
      const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
      expect((await admin('POST', '/field-keys/rotate')).status).toBe(200);
      gateway.clock.advance(60); // past every isolate's cached reading of the versions
      expect((await owner.cancel(id)).status).toBe(200);
      let progress = { moved: 1, remaining: 1, unreadable: [] as unknown[] };
      for (let i = 0; i < 50 && progress.remaining > 0 && progress.moved > 0; i++) {
        const res = await admin('POST', '/field-keys/rewrap');
        expect(res.status).toBe(200);
        progress = (await res.json()) as typeof progress;
        expect(progress.unreadable).toEqual([]);
      }
      expect(progress.remaining).toBe(0);
      expect((await admin('POST', '/field-keys/retire')).status).toBe(200);
    },
    REWRAP_TEST_TIMEOUT,
  );
});
