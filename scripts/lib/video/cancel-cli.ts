/**
 * `n2k media cancel <upload-id>`: the data owner's operator cancels a video upload by its id, when
 * the upload tool could not do it itself (killed with `kill -9`, a laptop that went to sleep, a lost
 * connection): the gateway deletes what was sent at once instead of keeping it sealed until the
 * upload expires, and logs the cancel. `n2k media upload` prints the id as soon as the upload is
 * opened ({@link openedNote}). Only the client that opened an upload may cancel it, with any of its
 * ingest tokens.
 */
import { cancelVideoUpload, GatewayError, type GatewaySession, type VideoUploadCancelled, type VideoUploadOpened } from '@need2know/client';

/** An upload id as the gateway draws it: 128 random bits, hex. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * The line `n2k media upload` prints as soon as the gateway opened an upload: its id, its expiry, and
 * the command that cancels it.
 *
 * @example openedNote({ uploadId: 'ab12…', expiresAt: 1_800_000_000 }, 'police-video', 'case') // 'upload ab12… opened (expires 2027-01-15T08:00:00.000Z if not completed); to cancel it should this tool be stopped: n2k media cancel ab12… --client police-video --type case'
 */
export function openedNote(opened: VideoUploadOpened, clientId: string, recordType: string): string {
  const expires = new Date(opened.expiresAt * 1000).toISOString();
  return `upload ${opened.uploadId} opened (expires ${expires} if not completed); to cancel it should this tool be stopped: n2k media cancel ${opened.uploadId} --client ${clientId} --type ${recordType}`;
}

/**
 * What a cancel dropped, in one line.
 *
 * @example cancelledNote({ upload_id: 'ab12…', chunks: 3, bytes: 1310720, log_index: 41, … }) // 'the upload ab12… was cancelled: 3 chunks (1310720 bytes) deleted by the gateway; the cancel is entry 41 of its log'
 */
export function cancelledNote(cancelled: VideoUploadCancelled): string {
  return `the upload ${cancelled.upload_id} was cancelled: ${cancelled.chunks} chunks (${cancelled.bytes} bytes) deleted by the gateway; the cancel is entry ${cancelled.log_index} of its log`;
}

/** Why a cancel of `uploadId` by `clientId` failed, in words an operator can act on (nothing was cancelled). */
export function cancelRefusedNote(error: GatewayError, uploadId: string, clientId: string): string {
  switch (error.code) {
    case 'upload_complete':
      return `the upload ${uploadId} is complete: its video is stored and is not cancelled (upload the video again to replace it)`;
    case 'not_found':
      return `no upload ${uploadId} of client ${clientId}: the id is unknown, another client opened it, or it expired and was deleted; nothing was cancelled`;
    case 'upload_expired':
      return `the upload ${uploadId} expired and the gateway deleted it: nothing is left to cancel`;
    default:
      return error.status === 401 || error.status === 403
        ? `the gateway refused client ${clientId}'s token (${error.status} ${error.code}): nothing was cancelled`
        : `the gateway refused to cancel the upload ${uploadId} (${error.status} ${error.code}): nothing was cancelled`;
  }
}

/** Why the token endpoint refused `clientId` a token (nothing was cancelled). */
export function tokenRefusedNote(error: GatewayError, clientId: string): string {
  return `the gateway refused client ${clientId} a token (${error.status} ${error.code}): nothing was cancelled`;
}

/** A cancel the gateway refused: `message` says why in words ({@link cancelRefusedNote}); `cause` is the gateway's answer. */
export class CancelRefused extends Error {
  constructor(message: string, cause: GatewayError) {
    super(message, { cause });
    this.name = 'CancelRefused';
  }
}

/**
 * Cancels upload `uploadId` with a session of `clientId` (opened by `openSession`, so that a token
 * the gateway refuses is reported like a refused cancel) and returns what was dropped.
 *
 * @throws Error when `uploadId` is not an upload id (nothing is sent).
 * @throws CancelRefused when the gateway refuses the token or the cancel (completed, unknown, expired).
 */
export async function cancelUploadById(openSession: () => Promise<GatewaySession>, clientId: string, uploadId: string): Promise<VideoUploadCancelled> {
  if (!UPLOAD_ID.test(uploadId)) throw new Error(`not an upload id: "${uploadId}" (32 hexadecimal characters, as "n2k media upload" printed it)`);
  let session: GatewaySession;
  try {
    session = await openSession();
  } catch (err) {
    if (err instanceof GatewayError) throw new CancelRefused(tokenRefusedNote(err, clientId), err);
    throw err;
  }
  try {
    return await cancelVideoUpload(session, uploadId);
  } catch (err) {
    if (err instanceof GatewayError) throw new CancelRefused(cancelRefusedNote(err, uploadId, clientId), err);
    throw err;
  }
}
