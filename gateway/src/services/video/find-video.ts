/**
 * Finding what a partner or an officer's viewer may play for a video reference: the completed
 * upload, inside the grant, in the rendition the purpose's mode gives — decided by the path photos
 * take (`mediaInGrant`: record type, case-specific record list, the field granted in a media mode,
 * the row scope, not a sensitive case it may not see, named by the current version of its record),
 * with the video's protection (`videoProtection`: redacted, or blurred when the upload tool failed
 * safe). Every way of getting nothing looks the same to the caller; the reason goes to the gateway's log.
 */
import { mayReleaseUnblurredMedia, protectedOriginalAccess, videoProtection, type ReleasedRendition } from '@need2know/policy';
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import type { Stores, VideoUploadRow } from '../../store/ports/index.js';
import { mediaInGrant, type MediaKind, type MediaRequester } from '../media/media-in-grant.js';
import type { MediaSettings } from '../media/settings.js';
import { manifestOf } from './complete-upload.js';

/** A video the requester may play: the upload, its manifest, the rendition, and whom it is about. */
export interface PlayableVideo {
  readonly upload: VideoUploadRow;
  readonly manifest: VideoRedactionManifest;
  readonly rendition: ReleasedRendition;
  /** Ids of the persons the record is about (for limits and the log). */
  readonly subjectIds: readonly string[];
}

/** What finding a video reads. */
export type VideoReadStores = Pick<Stores, 'videos' | 'records' | 'keyState'>;

/** Videos as `mediaInGrant` reads them: the completed upload, and its protection from its manifest (kept for the play). */
const videos = (
  stores: VideoReadStores,
  settings: MediaSettings,
): MediaKind<VideoUploadRow, { readonly protectedRendition: 'redacted' | 'blurred'; readonly manifest: VideoRedactionManifest }> => ({
  name: 'video',
  item: (ref) => stores.videos.video(ref),
  facts: async (upload) => {
    const manifest = await manifestOf(stores, settings, upload);
    return { protectedRendition: videoProtection(manifest), manifest };
  },
});

/**
 * What `requested` (a reference, or one ending in `#redacted` or `#blurred`) lets `who` play at
 * `now`, or null. The original of flagged footage only when `protectedOriginalAccess` says
 * `in_answer` (a partner under a grant with two leadership approvals); an officer's viewer gets the
 * protected rendition.
 */
export async function findPlayableVideo(
  stores: VideoReadStores,
  settings: MediaSettings,
  who: MediaRequester,
  requested: string,
  now: number,
): Promise<PlayableVideo | null> {
  const originals = protectedOriginalAccess(who.clientKind, mayReleaseUnblurredMedia(who.purpose, who.grant)) === 'in_answer';
  const found = await mediaInGrant(stores, settings, who, requested, now, originals, videos(stores, settings));
  if (found === null) return null;
  if (found.item.chunks[found.rendition] === null) {
    console.warn(`video not released: no ${found.rendition} rendition stored`);
    return null;
  }
  return { upload: found.item, manifest: found.facts.manifest, rendition: found.rendition, subjectIds: found.subjectIds };
}
