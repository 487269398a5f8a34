/**
 * Cancelling a video upload: the data owner's client that opened it abandons it (a failed
 * redaction, an interrupted tool, a file that changed), and its sealed chunks are deleted at once
 * instead of waiting for its expiry. Only that client may cancel (`videoUploadStep`), and never a
 * completed upload (a stored video is replaced by a new upload).
 *
 * The steps, each safe to repeat, so that a cancel cut short is finished by the next one (which
 * logs it if the first did not get to; two cancels at the same moment may then both log it, so the
 * log may name a cancel twice, never not at all):
 * 1. the upload is closed in one guarded write (`cancelUpload`): no chunk is stored for it and it
 *    never completes from then on, and the chunks it holds are counted;
 * 2. the cancel is logged (`media_upload_cancelled`: counts, never content), before anything is
 *    deleted, and its place in the log recorded;
 * 3. the chunks go (`discardChunks`): rows first, then objects. The row stays until the upload's
 *    expiry, so that a late chunk or completion is answered `upload_cancelled`, then is swept.
 */
import { mediaUploadCancelledEntry } from '@need2know/audit';
import { videoUploadStep } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores, VideoUploadRow } from '../../store/ports/index.js';
import { subjectHashes } from '../access/subjects.js';
import { keyRing } from '../keys/key-ring.js';
import { keysOf, type MediaSettings } from '../media/settings.js';
import { STATUS_OF_UPLOAD_REFUSAL, uploadNamed } from './receive-chunk.js';

/** What cancelling reads and writes: the upload, the key state (for the log's keyed hash), and the log. */
export type VideoCancelStores = Pick<Stores, 'videos' | 'keyState' | 'auditLog'>;

/** A cancel, as the route received it. */
export interface VideoCancelRequest {
  readonly owner: string;
  readonly clientId: string;
  /** The record types the caller's ingest token carries (a cancel by the opener needs none of them: `videoUploadStep`). */
  readonly recordTypes: readonly string[];
  readonly uploadId: string;
  readonly now: number;
}

/** The answer: what was cancelled, when, what was dropped with it, and where the cancel stands in the log. */
export interface VideoUploadCancelled {
  readonly upload_id: string;
  readonly ref: string;
  readonly cancelled_at: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly log_index: number;
}

/** Reads the upload and asks the policy; a refusal is thrown as its problem. */
async function decide(stores: VideoCancelStores, req: VideoCancelRequest): Promise<{ upload: VideoUploadRow; proceed: boolean }> {
  const upload = await uploadNamed(stores, req.uploadId);
  const decision = videoUploadStep(upload, req, 'cancel', req.now);
  if (decision.kind === 'refuse' || upload === null) {
    const code = decision.kind === 'refuse' ? decision.code : 'not_found';
    throw new Problem(STATUS_OF_UPLOAD_REFUSAL[code], code);
  }
  return { upload, proceed: decision.kind === 'proceed' };
}

/**
 * Cancels the caller's upload `uploadId`. Refusals change nothing and log nothing: 404 (missing,
 * another owner's or another client's: the same answer), 409 `upload_complete` (completed, or since
 * replaced by a newer upload), 410 `upload_expired` (already swept). Cancelling a cancelled upload
 * answers the same result and logs nothing more.
 */
export async function cancelVideoUpload(stores: VideoCancelStores, settings: MediaSettings, req: VideoCancelRequest): Promise<VideoUploadCancelled> {
  const asked = await decide(stores, req);
  let upload = asked.upload;
  if (asked.proceed) {
    // The row is kept until the upload's own expiry (at once for one already past it).
    const closed = await stores.videos.cancelUpload(upload.id, req.now, Math.max(upload.expiresAt, req.now));
    // Completed, swept or cancelled by a concurrent request meanwhile: decided again on what it is now.
    if (!closed.ok && (await decide(stores, req)).proceed) throw new Problem(409, 'conflict');
    const closedRow = await stores.videos.upload(upload.id);
    if (closedRow === null) throw new Problem(410, 'upload_expired'); // swept meanwhile: nothing is left of it
    upload = closedRow;
  }
  const cancelled = upload.cancelled;
  if (cancelled === null) throw new Error('video store: a cancelled upload without its cancel');
  let logIndex = upload.logIndex;
  if (logIndex === null) {
    // Logged before anything is deleted. A cancel cut short before this point is logged by the next.
    const ring = await keyRing(keysOf(stores, settings));
    const { first } = await stores.auditLog.append([
      mediaUploadCancelledEntry({
        at: cancelled.at,
        clientId: upload.clientId,
        owner: upload.owner,
        recordType: upload.recordType,
        records: subjectHashes(ring, [`${upload.recordType}:${upload.recordId}`]),
        field: upload.field,
        uploadId: upload.id,
        manifestSha256: upload.manifestSha256,
        chunks: cancelled.chunks,
        bytes: cancelled.bytes,
      }),
    ]);
    await stores.videos.cancelLogged(upload.id, first);
    // A concurrent cancel may have recorded its own entry first: the answer names the one recorded.
    logIndex = (await stores.videos.upload(upload.id))?.logIndex ?? first;
  }
  await stores.videos.discardChunks(upload.id);
  return { upload_id: upload.id, ref: upload.ref, cancelled_at: cancelled.at, chunks: cancelled.chunks, bytes: cancelled.bytes, log_index: logIndex };
}
