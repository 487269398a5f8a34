/**
 * Uploading a redacted video to the gateway, as the data owner's upload tool does after making the
 * renditions and the manifest. The protocol, in three steps (`record_ingest` token, DPoP on each):
 *
 * 1. `POST /v1/ingest/media/videos` `{ record_type, record_id, ref, manifest }`: the gateway checks the
 *    record names the reference and the manifest (shape, limits, cross-checks) before any byte of
 *    video is sent, and answers `{ upload_id, chunk_bytes, chunks: { original, redacted, blurred }, expires_at }`.
 * 2. `PUT /v1/ingest/media/videos/{upload_id}/{original|redacted|blurred}/{n}`, `application/octet-stream`,
 *    at most `chunk_bytes` each (every chunk but a file's last exactly that), with
 *    `Content-Digest: sha-256=:…:` (RFC 9530) of the chunk: each is checked, sealed and stored as it
 *    arrives; sending a chunk again replaces it.
 * 3. `POST /v1/ingest/media/videos/{upload_id}/complete`: sizes and SHA-256 of each file checked against
 *    the manifest, the ingest logged with the manifest's hash, and only then the video disclosable.
 *    Completing again answers the same result.
 *
 * An upload that stops after step 1 (a refused chunk or completion, a reader that throws, an abort)
 * is cancelled: `DELETE /v1/ingest/media/videos/{upload_id}` deletes its chunks at once and logs the
 * cancel (only the client that opened it may). One that cannot be cancelled (the gateway out of
 * reach) expires at `expires_at`, and the gateway's housekeeping deletes its chunks then.
 */
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import { GatewayError } from './errors.js';
import type { GatewaySession } from './session.js';

/** Where uploads start; chunks and the completion are under `<path>/<upload_id>/`. */
export const VIDEO_UPLOAD_PATH = '/v1/ingest/media/videos';

/** The files of a video upload, in the order they are sent. */
export const VIDEO_FILES = ['original', 'redacted', 'blurred'] as const;
export type VideoFile = (typeof VIDEO_FILES)[number];

/**
 * A file of an upload read piece by piece, so that a clip of hundreds of megabytes is never held
 * whole: the upload tool's reader reads it from disk chunk by chunk and checks, as it goes, that
 * it is still the file the manifest describes.
 */
export interface VideoFileReader {
  /** The file's length in bytes (the manifest's). */
  readonly bytes: number;
  /**
   * The file's chunks in order, each `chunkBytes` long but the last. A chunk may be overwritten once
   * the next one is asked for, so it must be sent before. Throwing abandons the upload: nothing
   * more is sent and it is not completed.
   */
  chunks(chunkBytes: number): AsyncIterable<Uint8Array>;
}

/** A file to send: its bytes, or a {@link VideoFileReader} that hands them out chunk by chunk. */
export type VideoFileSource = Uint8Array | VideoFileReader;

/** What `uploadVideo` sends. */
export interface VideoUpload {
  readonly recordType: string;
  readonly recordId: string;
  readonly ref: string;
  readonly original: VideoFileSource;
  /** Null when flagged footage failed safe (the manifest's `renditions.redacted` is null then too). */
  readonly redacted: VideoFileSource | null;
  readonly blurred: VideoFileSource;
  readonly manifest: VideoRedactionManifest;
}

/** What the gateway answers once the video is stored and logged. */
export interface VideoStored {
  readonly ref: string;
  /** SHA-256 (hex) of the manifest as logged at ingest. */
  readonly manifest_sha256: string;
  /** Where the ingest entry stands in the gateway's log. */
  readonly log_index?: number;
}

/** The gateway's answer to step 1. */
interface UploadStarted {
  readonly upload_id: string;
  readonly chunk_bytes: number;
  readonly expires_at: number;
}

/** The gateway's answer to a cancel: what was dropped, and where the cancel stands in its log. */
export interface VideoUploadCancelled {
  readonly upload_id: string;
  readonly ref: string;
  readonly cancelled_at: number;
  /** Chunks the upload held, all deleted, and their bytes. */
  readonly chunks: number;
  readonly bytes: number;
  readonly log_index: number;
}

/**
 * What became of an upload that stopped before it was completed: cancelled (its chunks deleted), or
 * not (`error`: why the cancel failed; the upload then expires at `expiresAt` and is deleted then).
 */
export type VideoUploadAbandoned =
  | { readonly uploadId: string; readonly cancelled: VideoUploadCancelled }
  | { readonly uploadId: string; readonly cancelled: null; readonly error: unknown; readonly expiresAt: number };

/** An upload the gateway opened: its id (what a cancel names) and when it expires if not completed (Unix seconds). */
export interface VideoUploadOpened {
  readonly uploadId: string;
  readonly expiresAt: number;
}

/** How `uploadVideo` may be stopped, and told what became of an upload it stopped. */
export interface VideoUploadOptions {
  /**
   * Called once as soon as the gateway opened the upload, before any chunk is sent: a tool shows the
   * id so that its operator can cancel the upload by hand (`cancelVideoUpload`) should the tool be
   * killed before it could cancel it itself.
   */
  readonly onOpened?: (opened: VideoUploadOpened) => void;
  /** Aborting it stops the upload: nothing more is sent, the upload is cancelled, and `uploadVideo` throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called once when an upload that was opened stops before it is completed, after the cancel was tried. */
  readonly onAbandoned?: (abandoned: VideoUploadAbandoned) => void;
}

/** `sha-256=:<base64>:`, the RFC 9530 §2 Content-Digest of `bytes`. */
export async function contentDigest(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return `sha-256=:${btoa(binary)}:`;
}

const byteLength = (source: VideoFileSource) => (source instanceof Uint8Array ? source.length : source.bytes);

/** The chunks of `source` of `chunkBytes` each (the last shorter). */
async function* chunksOf(source: VideoFileSource, chunkBytes: number): AsyncIterable<Uint8Array> {
  if (!(source instanceof Uint8Array)) {
    yield* source.chunks(chunkBytes);
    return;
  }
  for (let at = 0; at < source.length; at += chunkBytes) yield source.subarray(at, at + chunkBytes);
}

async function sendJson<T>(session: GatewaySession, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await session.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal === undefined ? {} : { signal }),
  });
  if (!response.ok) throw await GatewayError.from(response);
  return (await response.json()) as T;
}

/**
 * Cancels the video upload `uploadId`, which this session's client opened and has not completed:
 * the gateway deletes its chunks at once and logs the cancel. Cancelling again answers the same.
 * Any ingest token of the client that opened the upload will do, whatever record types it carries.
 * Throws {@link GatewayError}: `not_found` (no such upload of this client), `upload_complete` (the
 * video is stored, or was since replaced by a newer upload: upload it again to replace it),
 * `upload_expired` (already deleted).
 *
 * @example await cancelVideoUpload(session, opened.upload_id) // { chunks: 3, bytes: 1_310_720, … }
 */
export async function cancelVideoUpload(session: GatewaySession, uploadId: string): Promise<VideoUploadCancelled> {
  const response = await session.fetch(`${VIDEO_UPLOAD_PATH}/${encodeURIComponent(uploadId)}`, { method: 'DELETE' });
  if (!response.ok) throw await GatewayError.from(response);
  return (await response.json()) as VideoUploadCancelled;
}

/** Tries to cancel an upload that stopped, and says what became of it. */
async function abandon(session: GatewaySession, started: UploadStarted, options: VideoUploadOptions): Promise<void> {
  let abandoned: VideoUploadAbandoned;
  try {
    abandoned = { uploadId: started.upload_id, cancelled: await cancelVideoUpload(session, started.upload_id) };
  } catch (error) {
    abandoned = { uploadId: started.upload_id, cancelled: null, error, expiresAt: started.expires_at };
  }
  options.onAbandoned?.(abandoned);
}

/**
 * Uploads a video with its renditions and redaction manifest for the record that names `ref`, in
 * chunks, and completes it. Files given as a {@link VideoFileReader} are read one chunk at a time,
 * so memory stays bounded whatever the clip's size. `onProgress` is called after each chunk with the
 * bytes sent so far and the total. Throws {@link GatewayError} with the problem's `code` when the
 * gateway refuses a step, what a reader throws (e.g. the file changed while it was sent), or the
 * reason of `options.signal` once aborted: the upload is then never completed (nothing of it is
 * disclosable) and is cancelled first, its chunks deleted at once (`options.onAbandoned` says so,
 * or why it could not be, in which case it expires).
 *
 * @example
 * const stored = await uploadVideo(session, { recordType: 'case', recordId: 'case-1', ref: 'media/case/case-1/1.mp4', original, redacted, blurred, manifest });
 */
export async function uploadVideo(
  session: GatewaySession,
  upload: VideoUpload,
  onProgress?: (sentBytes: number, totalBytes: number) => void,
  options: VideoUploadOptions = {},
): Promise<VideoStored> {
  if ((upload.redacted === null) !== (upload.manifest.renditions.redacted === null))
    throw new TypeError('the redacted file and the manifest disagree: send a redacted file exactly when the manifest names one');
  const { signal } = options;
  signal?.throwIfAborted();
  // Not aborted half-way: an upload opened by a request whose answer was never read could not be cancelled.
  const started = await sendJson<UploadStarted>(session, VIDEO_UPLOAD_PATH, {
    record_type: upload.recordType,
    record_id: upload.recordId,
    ref: upload.ref,
    manifest: upload.manifest,
  });
  try {
    options.onOpened?.({ uploadId: started.upload_id, expiresAt: started.expires_at });
    signal?.throwIfAborted();
    return await sendAndComplete(session, started, upload, onProgress, signal);
  } catch (err) {
    // Stopped after opening: nothing of it must wait for its expiry.
    await abandon(session, started, options);
    throw err;
  }
}

/** Steps 2 and 3 of an opened upload. */
async function sendAndComplete(
  session: GatewaySession,
  started: UploadStarted,
  upload: VideoUpload,
  onProgress: ((sentBytes: number, totalBytes: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<VideoStored> {
  const base = `${VIDEO_UPLOAD_PATH}/${encodeURIComponent(started.upload_id)}`;
  const files = VIDEO_FILES.flatMap((name) => {
    const source = upload[name];
    return source === null ? [] : [{ name, source }];
  });
  const total = files.reduce((n, f) => n + byteLength(f.source), 0);
  let sent = 0;
  for (const { name, source } of files) {
    let n = 0;
    for await (const chunk of chunksOf(source, started.chunk_bytes)) {
      signal?.throwIfAborted();
      const response = await session.fetch(`${base}/${name}/${n}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'content-digest': await contentDigest(chunk) },
        body: chunk as Uint8Array<ArrayBuffer>,
        ...(signal === undefined ? {} : { signal }),
      });
      if (!response.ok) throw await GatewayError.from(response);
      await response.body?.cancel();
      sent += chunk.length;
      n++;
      onProgress?.(sent, total);
    }
  }
  signal?.throwIfAborted();
  return sendJson<VideoStored>(session, `${base}/complete`, undefined, signal);
}
