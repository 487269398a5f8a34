/**
 * Playing a video: one logged disclosure per play, then its chunks.
 *
 * A play starts like any media request (`findPlayableVideo` decides the rendition by the photo's
 * rules, counted against the limits and logged by `deliver`, once, with the field and rendition that
 * left). Its sealed answer (to the partner's key; for the viewer, again under the grant's viewer
 * key) carries the play's id and a fresh key. The chunks are then fetched one by one and re-sealed
 * under that key (`@need2know/schema` `openVideoChunk`): they are not logged one by one, because
 * they disclose nothing the logged play did not — only the same client, under the same grant, with
 * the key from inside that answer, until the play ends (`VIDEO_PLAY_LIFETIME`, never past the
 * grant's window) can read them. Watching again is a new play, logged again.
 */
import { encodeBase64url, envelopeKeyVersion, openField, sealField } from '@need2know/crypto';
import { VIDEO_PLAY_IV_BYTES, videoChunkAad, type VideoPlayPayload } from '@need2know/schema';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import { keyRing, keyRingOpening } from '../keys/key-ring.js';
import type { MediaRequester } from '../media/disclose-media.js';
import { keysOf, type MediaSettings } from '../media/settings.js';
import { openVideoChunk } from './complete-upload.js';
import { findPlayableVideo, type PlayableVideo, type VideoReadStores } from './find-video.js';
import { VIDEO_CONTENT_TYPE, VIDEO_PLAY_LIFETIME } from './limits.js';
import { playKeyContext } from './seal-video.js';

/** A play recorded and ready to be delivered: what was found, and the payload of its answer. */
export interface StartedPlay {
  readonly found: PlayableVideo;
  readonly payload: VideoPlayPayload;
}

/** Who fetches a chunk: the verified token's client and grant. */
export interface ChunkRequester {
  readonly clientId: string;
  readonly grantId: string;
}

const hexId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Finds what `who` may play for `requested` and records a play of it for `clientId` (its key kept
 * sealed), or null when nothing may be played (the caller logs the refusal). The caller delivers the
 * payload, which logs the play, before anything leaves.
 */
export async function startVideoPlay(
  stores: VideoReadStores,
  settings: MediaSettings,
  who: MediaRequester & { readonly clientId: string },
  requested: string,
  now: number,
): Promise<StartedPlay | null> {
  const found = await findPlayableVideo(stores, settings, who, requested, now);
  if (found === null) return null;
  const { upload, manifest, rendition } = found;
  const id = hexId();
  const key = crypto.getRandomValues(new Uint8Array(32));
  const ring = await keyRing(keysOf(stores, settings));
  const expiresAt = Math.min(now + VIDEO_PLAY_LIFETIME, who.grant.notAfter);
  await stores.videos.startPlay({
    id,
    ref: upload.ref,
    uploadId: upload.id,
    rendition,
    clientId: who.clientId,
    grantId: who.grant.id,
    playKey: sealField(ring, playKeyContext({ owner: upload.owner, ref: upload.ref, uploadId: upload.id }, id, who.clientId), key),
    keyVersion: ring.currentVersion,
    expiresAt,
  });
  const file = rendition === 'original' ? null : manifest.renditions[rendition];
  const chunks = upload.chunks[rendition] ?? 0;
  return {
    found,
    payload: {
      ref: requested,
      rendition,
      mime: file?.mime ?? VIDEO_CONTENT_TYPE,
      width: file?.width ?? manifest.source.width,
      height: file?.height ?? manifest.source.height,
      duration_ms: manifest.source.duration_ms,
      bytes: file?.bytes ?? manifest.original.bytes,
      chunks,
      chunk_bytes: upload.chunkBytes,
      play: { id, key: encodeBase64url(key), expires_at: expiresAt },
    },
  };
}

/**
 * Chunk `n` of play `playId`, sealed under the play's key: `iv ‖ AES-256-GCM(chunk)`. 404 when the
 * play is unknown or not this client's under this grant (the same answer), 410 `play_expired` once
 * it ended, 422 `chunk_out_of_range` past the last chunk. Not logged: the play was.
 */
export async function playChunk(
  stores: Pick<Stores, 'videos' | 'keyState'>,
  settings: MediaSettings,
  who: ChunkRequester,
  playId: string,
  n: number,
  now: number,
): Promise<Uint8Array> {
  const play = /^[0-9a-f]{32}$/.test(playId) ? await stores.videos.play(playId) : null;
  if (play === null || play.clientId !== who.clientId || play.grantId !== who.grantId) throw new Problem(404, 'not_found');
  if (play.expiresAt <= now) throw new Problem(410, 'play_expired');
  const upload = await stores.videos.upload(play.uploadId);
  // Replaced and swept since the play started: the video it named is gone.
  if (upload === null || upload.state === 'open' || upload.state === 'cancelled') throw new Problem(410, 'play_expired');
  const count = upload.chunks[play.rendition] ?? 0;
  if (n >= count) throw new Problem(422, 'chunk_out_of_range', `This play has ${count} chunks.`);
  const plain = await openVideoChunk(stores, settings, upload, play.rendition, n);
  const ring = await keyRingOpening(keysOf(stores, settings), [envelopeKeyVersion(play.playKey)]);
  const rawKey = openField(ring, playKeyContext({ owner: upload.owner, ref: upload.ref, uploadId: upload.id }, play.id, play.clientId), play.playKey);
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(VIDEO_PLAY_IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: videoChunkAad(play.id, n, count) }, key, plain));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return out;
}
