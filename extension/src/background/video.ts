/**
 * Playing a video in the viewer, the background's side: starting a play (one logged disclosure,
 * opened through a logged view with the grant's viewer key) and opening its chunks. The play's key
 * stays here, in memory, until the play ends; the page gets the opened chunks only, to append to its
 * Media Source Extensions buffer.
 */
import type { StatedReason } from '@need2know/client';
import { openVideoChunk, type VideoPlayPayload } from '@need2know/schema';
import type { OfficerKeys } from '../lib/keystore.js';
import type { Replies, Request } from '../lib/messages.js';
import { withSession } from './gateway.js';

/** A play this background started: its key and chunk count, until `endsAt` (Unix seconds). */
interface HeldPlay {
  readonly key: string;
  readonly chunks: number;
  readonly endsAt: number;
  readonly grant: string;
}

const plays = new Map<string, HeldPlay>();

/** Forgets plays that ended. */
function forgetEnded(now: number): void {
  for (const [id, play] of plays) if (play.endsAt <= now) plays.delete(id);
}

/** What the handlers file lends: the officer's keys, the sealed call with its view, and the viewer's error. */
export interface VideoDeps {
  readonly officerKeys: () => Promise<OfficerKeys>;
  /** Calls a route with `delivery=viewer` and opens its payload through a logged view. */
  readonly openViewerDelivery: <T>(
    keys: OfficerKeys,
    req: { grant: string; purpose: string; stated?: StatedReason | undefined },
    path: string,
    body: unknown,
  ) => Promise<{ payload: T; view_id: string; destroy_at: number; window_ends: number }>;
  readonly fail: (code: string, message: string) => Error;
}

/** base64 of bytes, for a message to the page. */
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The two video handlers. */
export function videoHandlers(deps: VideoDeps) {
  return {
    video: async (req: Extract<Request, { type: 'video' }>): Promise<Replies['video']> => {
      const keys = await deps.officerKeys();
      const opened = await deps.openViewerDelivery<{ video?: VideoPlayPayload }>(keys, req, '/v1/media/videos/plays?delivery=viewer', { ref: req.ref });
      const video = opened.payload.video;
      if (video === undefined || !/^video\/mp4\b/.test(video.mime)) throw deps.fail('not_media', 'The gateway did not send a video.');
      const endsAt = Math.min(video.play.expires_at, opened.destroy_at, opened.window_ends);
      forgetEnded(Date.now() / 1000);
      plays.set(video.play.id, { key: video.play.key, chunks: video.chunks, endsAt, grant: req.grant });
      return {
        play: video.play.id,
        view_id: opened.view_id,
        rendition: video.rendition,
        mime: video.mime,
        chunks: video.chunks,
        width: video.width,
        height: video.height,
        ends_at: endsAt,
      };
    },
    video_chunk: async (req: Extract<Request, { type: 'video_chunk' }>): Promise<Replies['video_chunk']> => {
      forgetEnded(Date.now() / 1000);
      const play = plays.get(req.play);
      if (play === undefined || play.grant !== req.grant) throw deps.fail('play_expired', 'This play has ended.');
      if (req.n >= play.chunks) throw deps.fail('chunk_out_of_range', 'No such chunk.');
      const sealed = await withSession(await deps.officerKeys(), req, async (s) => {
        const res = await s.fetch(`/v1/media/videos/plays/${req.play}/chunks/${req.n}`);
        if (!res.ok) throw deps.fail(res.status === 410 ? 'play_expired' : 'not_found', 'The gateway refused the chunk.');
        return new Uint8Array(await res.arrayBuffer());
      });
      return { data: toBase64(await openVideoChunk(play.key, req.play, req.n, play.chunks, sealed)) };
    },
  };
}
