/**
 * Videos across a field-key rotation (issue 18): the re-wrap job the console runs
 * (`POST /v1/admin/field-keys/rewrap`) moves every part of a stored video — its manifest, every
 * chunk of the original and of the renditions — and the key of each play in progress to the current
 * version, so the old version can be retired while the footage stays and plays go on. A chunk that
 * does not open is reported, left as it is, and keeps the old version from being retired.
 */
import { CryptoError, envelopeKeyVersion, openField } from '@need2know/crypto';
import type { PurposeRules } from '@need2know/policy';
import { openVideoChunk as openPlayChunk, type VideoPlayPayload } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { forgetKeyRing, keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { keyRingSourceOf, storesWithKeysOf } from '../../gateway/src/services/stores.js';
import { VIDEO_CHUNK_BYTES } from '../../gateway/src/services/video/limits.js';
import { videoChunkContext } from '../../gateway/src/services/video/seal-video.js';
import { call, open } from './disclosure-harness.js';
import { adminSession, callResource, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { mediaPartner } from './media-harness.js';
import { syntheticClip, videoOwner } from './video-harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** Each test uploads a clip, rotates and re-wraps everything through the admin route: seconds alone, longer on a loaded machine. */
const REWRAP_TEST_TIMEOUT = 60_000;
type Rewrap = { current_version: number; moved: number; remaining: number; unreadable: { type: string; id: string }[] };

const same = (a: Uint8Array, b: Uint8Array | null) => b !== null && a.length === b.length && a.every((x, i) => x === b[i]);

/** A privacy officer's admin calls, and the re-wrap run as the console runs it: batch after batch until nothing moves. */
async function fieldKeyAdmin(gateway: Gateway) {
  const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
  const rewrapAll = async () => {
    const unreadable: Rewrap['unreadable'] = [];
    let progress: Rewrap | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await admin('POST', '/field-keys/rewrap');
      expect(res.status).toBe(200);
      progress = (await res.json()) as Rewrap;
      unreadable.push(...progress.unreadable);
      if (progress.remaining === 0 || progress.moved === 0) break;
    }
    return { ...(progress as Rewrap), unreadable };
  };
  return { admin, rewrapAll };
}

/** A partner whose purpose shows evidence in the clear (the original of unflagged footage), with calls to play and watch. */
async function watcher(gateway: Gateway) {
  const partner = await mediaPartner(gateway, { rules: { case: { case_number: 'clear', evidence: 'clear' } } as unknown as PurposeRules });
  const play = async (ref: string) =>
    (await open(gateway, partner.client, await call(gateway, partner.client, partner.token, 'POST', '/v1/media/videos/plays', { ref })))
      .video as VideoPlayPayload;
  const watch = async (video: VideoPlayPayload) => {
    const parts: Uint8Array[] = [];
    for (let n = 0; n < video.chunks; n++) {
      const res = await callResource(gateway, partner.client, partner.token, `/v1/media/videos/plays/${video.play.id}/chunks/${n}`);
      expect(res.status).toBe(200);
      parts.push(await openPlayChunk(video.play.key, video.play.id, n, video.chunks, new Uint8Array(await res.arrayBuffer())));
    }
    return Uint8Array.from(parts.flatMap((p) => [...p]));
  };
  return { play, watch };
}

/** Uploads `clip` for a new owner's case (unflagged footage); returns the owner and the upload's id. */
async function storedVideo(gateway: Gateway, clip = syntheticClip(false, 7)) {
  const owner = await videoOwner(gateway, { shows_restrained: false });
  const id = await owner.open(clip);
  await owner.sendAll(id, clip);
  expect((await owner.complete(id)).status).toBe(200);
  return { owner, id, clip };
}

/** Every object of upload `id` in the bucket, with its text. */
async function objectsOf(id: string): Promise<Map<string, string>> {
  const listed = await gatewayEnv.MEDIA.list({ prefix: `video/${id}/` });
  const out = new Map<string, string>();
  for (const o of listed.objects) out.set(o.key, (await (await gatewayEnv.MEDIA.get(o.key))?.text()) ?? '');
  return out;
}

describe('video key rotation: re-wrap, then retire', () => {
  it(
    'rotate → re-wrap through the admin route → retire succeeds; the video and a play begun before the rotation still play, and the old key is gone',
    async () => {
      const gateway = testGateway();
      const { owner, id, clip } = await storedVideo(gateway);
      const partner = await watcher(gateway);
      const begun = await partner.play(owner.ref); // its key is sealed under the version about to be rotated
      expect(begun).toMatchObject({ rendition: 'original', chunks: 2 });
      const stores = storesWithKeysOf(gatewayEnv);
      const oldChunk = await stores.videos.chunk(id, 'original', 0);
      if (oldChunk === null) throw new Error('chunk not stored');
      const { admin, rewrapAll } = await fieldKeyAdmin(gateway);

      const rotated = (await (await admin('POST', '/field-keys/rotate')).json()) as { current_version: number };
      const current = rotated.current_version;
      expect(envelopeKeyVersion(oldChunk)).toBeLessThan(current);
      gateway.clock.advance(60); // past every isolate's cached reading of the versions
      const refused = await admin('POST', '/field-keys/retire');
      expect(refused.status).toBe(409); // records, then videos, still below the current version

      const progress = await rewrapAll();
      expect(progress).toMatchObject({ current_version: current, remaining: 0, unreadable: [] });
      // Every object of the video is sealed under the current version; no copy under the old one is left behind.
      const objects = await objectsOf(id);
      expect(objects.size).toBe(4); // two chunks of the original, one of each rendition
      for (const envelope of objects.values()) expect(envelopeKeyVersion(envelope)).toBe(current);
      const upload = await stores.videos.upload(id);
      for (const piece of upload?.manifest.split('\n') ?? ['missing']) expect(envelopeKeyVersion(piece)).toBe(current);

      const retired = await admin('POST', '/field-keys/retire');
      expect(retired.status).toBe(200);
      expect(await retired.json()).toMatchObject({ current_version: current, oldest_version: current });

      // The play begun before the rotation goes on to its end, and a new one plays the same bytes.
      expect(same(await partner.watch(begun), clip.original)).toBe(true);
      expect(same(await partner.watch(await partner.play(owner.ref)), clip.original)).toBe(true);
      // What the old version sealed no longer opens: its key is gone.
      forgetKeyRing();
      const ring = await keyRing(keyRingSourceOf(gatewayEnv));
      const place = { owner: owner.agency, ref: owner.ref, uploadId: id };
      expect(() => openField(ring, videoChunkContext(place, 'original', 0, 2), oldChunk)).toThrow(CryptoError);
      const moved = (await stores.videos.chunk(id, 'original', 0)) ?? '';
      expect(same(openField(ring, videoChunkContext(place, 'original', 0, 2), moved), clip.original.subarray(0, VIDEO_CHUNK_BYTES))).toBe(true);
    },
    REWRAP_TEST_TIMEOUT,
  );

  it(
    'an upload still being filled is re-wrapped too, and completes after the retirement',
    async () => {
      const gateway = testGateway();
      const clip = syntheticClip(false, 9);
      const owner = await videoOwner(gateway, { shows_restrained: false });
      const id = await owner.open(clip);
      await owner.sendAll(id, clip); // every chunk, but not completed yet
      const { admin, rewrapAll } = await fieldKeyAdmin(gateway);
      expect((await admin('POST', '/field-keys/rotate')).status).toBe(200);
      gateway.clock.advance(60);
      expect(await rewrapAll()).toMatchObject({ remaining: 0, unreadable: [] });
      expect((await admin('POST', '/field-keys/retire')).status).toBe(200);
      const completed = await owner.complete(id); // reads every chunk back to check its hash
      expect(completed.status).toBe(200);
      const partner = await watcher(gateway);
      expect(same(await partner.watch(await partner.play(owner.ref)), clip.original)).toBe(true);
    },
    REWRAP_TEST_TIMEOUT,
  );

  it(
    'a tampered chunk is reported unreadable, left as it is, and keeps the old version from being retired',
    async () => {
      const gateway = testGateway();
      const { owner, id } = await storedVideo(gateway, syntheticClip(false, 11));
      const row = await gatewayEnv.DB.prepare("SELECT object_key FROM video_upload_chunks WHERE upload_id = ? AND file = 'blurred' AND seq = 0")
        .bind(id)
        .first<{ object_key: string }>();
      const key = row?.object_key ?? 'missing';
      const sealed = (await (await gatewayEnv.MEDIA.get(key))?.text()) ?? '';
      const at = sealed.length - 10;
      const tampered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
      await gatewayEnv.MEDIA.put(key, tampered);
      const { admin, rewrapAll } = await fieldKeyAdmin(gateway);
      expect((await admin('POST', '/field-keys/rotate')).status).toBe(200);
      gateway.clock.advance(60);

      const progress = await rewrapAll();
      expect(progress.unreadable).toContainEqual({ type: 'video', id: `${owner.ref}#blurred/0`, version: 0 });
      expect(progress.remaining).toBe(1);
      // Not overwritten, not moved: the row names the same object, which holds what was put there.
      const after = await gatewayEnv.DB.prepare("SELECT object_key FROM video_upload_chunks WHERE upload_id = ? AND file = 'blurred' AND seq = 0")
        .bind(id)
        .first<{ object_key: string }>();
      expect(after?.object_key).toBe(key);
      expect(await (await gatewayEnv.MEDIA.get(key))?.text()).toBe(tampered);
      const refused = await admin('POST', '/field-keys/retire');
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ code: 'invalid_transition', detail: 'videos still need re-wrapping' });

      // Put right, it moves, and the old version can go.
      await gatewayEnv.MEDIA.put(key, sealed);
      expect(await rewrapAll()).toMatchObject({ remaining: 0, unreadable: [] });
      expect((await admin('POST', '/field-keys/retire')).status).toBe(200);
    },
    REWRAP_TEST_TIMEOUT,
  );
});
