/**
 * Finding what a partner or an officer's viewer may play for a video reference: the completed
 * upload, inside the grant (record type, case-specific record list, the field granted in a media
 * mode, the row scope, not a sensitive case it may not see), named by the current version of its
 * record, in the rendition the purpose's mode gives — decided by the same rules as a photo
 * (`renditionToRelease`, `protectedOriginalAccess`, `mayReleaseUnblurredMedia`), with the video's
 * protection (`videoProtection`: redacted, or blurred when the upload tool failed safe). Every way of
 * getting nothing looks the same to the caller; the reason goes to the gateway's log.
 */
import {
  carriesMark,
  civilDate,
  hiddenFor,
  isMediaMode,
  mayReleaseUnblurredMedia,
  parseRequestedRef,
  protectedOriginalAccess,
  renditionToRelease,
  videoProtection,
  type ReleasedRendition,
} from '@need2know/policy';
import { recordType } from '@need2know/schema';
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import type { Stores, VideoUploadRow } from '../../store/ports/index.js';
import { fieldsForDisclosure } from '../access/open-fields.js';
import { disclosureFor, inGrantRecords } from '../access/scope.js';
import { subjectIds } from '../access/subjects.js';
import { keyRing } from '../keys/key-ring.js';
import type { MediaRequester } from '../media/disclose-media.js';
import { isStorableRef } from '../media/ingest-media.js';
import { refFlagged } from '../media/release.js';
import { keysOf, recordReader, type MediaSettings } from '../media/settings.js';
import { readRecords } from '../records/read.js';
import { recordInScope, rowScopeOf } from '../records/row-scope.js';
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

function nothing(reason: string): null {
  console.warn(`video not released: ${reason}`);
  return null;
}

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
  const ask = parseRequestedRef(requested);
  if (!isStorableRef(ask.ref)) return nothing('malformed reference');
  const upload = await stores.videos.video(ask.ref);
  if (upload === null) return nothing('no such video');
  const modes = disclosureFor(who.granted, who.purpose, upload.recordType);
  const mode = modes === null ? undefined : modes[upload.field];
  if (!isMediaMode(mode) || mode === 'none' || !inGrantRecords(who.granted, upload.recordId)) return nothing('outside the grant');
  const def = recordType(upload.recordType);
  if (def === undefined) return nothing('unknown record type');
  if (!(await recordInScope(recordReader(stores, settings), def, upload.recordId, rowScopeOf(who)))) return nothing('outside the row scope');
  const hidden = hiddenFor(def.name, who.grant);
  const [record] = await readRecords(
    recordReader(stores, settings),
    def.name,
    [upload.recordId],
    [...fieldsForDisclosure(def, { [upload.field]: 'clear' }), ...(hidden === null ? [] : [hidden.field])],
  );
  if (record === undefined || record.owner !== upload.owner) return nothing('record gone or of another owner');
  if (carriesMark(def.name, record.fields, hidden)) return nothing('a sensitive case the grant may not see');
  const fields = { id: record.id, ...record.fields };
  const ring = await keyRing(keysOf(stores, settings));
  const flagged = refFlagged(def, upload.field, fields, ask.ref, {
    ring,
    agency: who.agencyId,
    today: civilDate(now, settings.timeZone),
    mediaUnblurred: false,
  });
  if (flagged === null) return nothing('the record no longer names this reference');
  const manifest = await manifestOf(stores, settings, upload);
  const rendition = renditionToRelease(mode, ask.asked, { flagged, originalsApproved: originals, protectedRendition: videoProtection(manifest) });
  if (rendition === null) return nothing('the mode releases nothing');
  if (upload.chunks[rendition] === null) return nothing(`no ${rendition} rendition stored`);
  return { upload, manifest, rendition, subjectIds: subjectIds(def.name, fields) };
}
