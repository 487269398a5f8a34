/**
 * Receiving one chunk of a video upload: checked (an open upload the caller's client opened, a chunk the manifest
 * provides for, exactly its size, its RFC 9530 Content-Digest, and for a file's first chunk the MP4
 * structure), then sealed and stored at once. A refused chunk changes nothing.
 */
import { decodeBase64, encodeHex, sealField } from '@need2know/crypto';
import { type VideoUploadCaller, type VideoUploadRefusal, videoUploadStep } from '@need2know/policy';
import { Problem, type ProblemStatus } from '../../platform/errors/problem.js';
import { VIDEO_FILES, type Stores, type VideoFile, type VideoUploadRow } from '../../store/ports/index.js';
import { keyRing } from '../keys/key-ring.js';
import { keysOf, type MediaSettings } from '../media/settings.js';
import { mp4Refusal } from './mp4.js';
import { videoChunkContext } from './seal-video.js';

/** What receiving a chunk reads and writes. */
export type VideoChunkStores = Pick<Stores, 'videos' | 'keyState'>;

/** One chunk, as the route received it. */
export interface VideoChunk {
  readonly owner: string;
  readonly clientId: string;
  /** The record types the caller's ingest token carries. */
  readonly recordTypes: readonly string[];
  readonly uploadId: string;
  readonly file: string;
  readonly seq: number;
  readonly bytes: Uint8Array;
  /** The `Content-Digest` header, if sent. */
  readonly digest: string | undefined;
  readonly now: number;
}

/** What was stored. */
export interface VideoChunkStored {
  readonly file: VideoFile;
  readonly seq: number;
  readonly bytes: number;
}

/** The SHA-256 a `Content-Digest` header states (RFC 9530 §2: `sha-256=:<base64>:`, other algorithms ignored), or null. */
export function statedSha256(header: string | undefined): Uint8Array | null {
  const match = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/]{43}=):\s*(?:,|$)/.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const bytes = decodeBase64(match[1]);
  return bytes?.length === 32 ? bytes : null;
}

/** The status each refusal of `videoUploadStep` is answered with. */
export const STATUS_OF_UPLOAD_REFUSAL: Readonly<Record<VideoUploadRefusal, ProblemStatus>> = {
  not_found: 404,
  insufficient_scope: 403,
  upload_complete: 409,
  upload_expired: 410,
  upload_cancelled: 410,
};

/** The upload `id` (null when the id is not of the form the gateway draws, or no such upload is stored). */
export async function uploadNamed(stores: Pick<Stores, 'videos'>, id: string): Promise<VideoUploadRow | null> {
  return /^[0-9a-f]{32}$/.test(id) ? stores.videos.upload(id) : null;
}

/**
 * The caller's upload `id`, still open at `now` for `step` (`videoUploadStep` decides): 404 when
 * missing, another owner's or another client's (the same answer), 403 `insufficient_scope` when the caller's token no
 * longer carries its record type, 409 `upload_complete` once completed (or since replaced), 410
 * `upload_expired` past its time, 410 `upload_cancelled` once cancelled.
 */
export async function openUploadOf(
  stores: Pick<Stores, 'videos'>,
  caller: VideoUploadCaller,
  id: string,
  now: number,
  step: 'send' | 'complete' = 'send',
): Promise<VideoUploadRow> {
  const upload = await uploadNamed(stores, id);
  const decision = videoUploadStep(upload, caller, step, now);
  if (decision.kind === 'refuse' || upload === null) {
    const code = decision.kind === 'refuse' ? decision.code : 'not_found';
    throw new Problem(STATUS_OF_UPLOAD_REFUSAL[code], code);
  }
  return upload;
}

const isVideoFile = (file: string): file is VideoFile => (VIDEO_FILES as readonly string[]).includes(file);

/** Checks, seals and stores `chunk`. */
export async function receiveVideoChunk(stores: VideoChunkStores, settings: MediaSettings, chunk: VideoChunk): Promise<VideoChunkStored> {
  const upload = await openUploadOf(stores, chunk, chunk.uploadId, chunk.now);
  const count = isVideoFile(chunk.file) ? upload.chunks[chunk.file] : null;
  const fileBytes = isVideoFile(chunk.file) ? upload.bytes[chunk.file] : null;
  if (!isVideoFile(chunk.file) || count === null || fileBytes === null || chunk.seq >= count)
    throw new Problem(
      422,
      'chunk_out_of_range',
      `This upload takes ${VIDEO_FILES.filter((f) => upload.chunks[f] !== null).join(', ')}, each in the chunks its answer stated.`,
    );
  const file = chunk.file;
  const expected = chunk.seq < count - 1 ? upload.chunkBytes : fileBytes - (count - 1) * upload.chunkBytes;
  if (chunk.bytes.length !== expected)
    throw new Problem(chunk.bytes.length > upload.chunkBytes ? 413 : 422, 'chunk_size_mismatch', `Chunk ${chunk.seq} of ${file} is ${expected} bytes.`);
  const stated = statedSha256(chunk.digest);
  if (stated === null) throw new Problem(400, 'digest_required');
  const sha256 = new Uint8Array(await crypto.subtle.digest('SHA-256', chunk.bytes));
  if (encodeHex(sha256) !== encodeHex(stated)) throw new Problem(422, 'digest_mismatch');
  if (chunk.seq === 0) {
    // The rendition a viewer streams must be fragmented; the original is kept as it came.
    const refusal = mp4Refusal(chunk.bytes, file !== 'original');
    if (refusal === 'not_mp4') throw new Problem(415, 'not_mp4', `${file}: an MP4 file (ftyp box first)`);
    if (refusal === 'not_fragmented') throw new Problem(422, 'not_fragmented_mp4', `${file}: a fragmented MP4 (moov with mvex before any media data)`);
  }
  const ring = await keyRing(keysOf(stores, settings));
  const envelope = sealField(ring, videoChunkContext({ owner: upload.owner, ref: upload.ref, uploadId: upload.id }, file, chunk.seq, count), chunk.bytes);
  const stored = await stores.videos.putChunk(
    upload,
    { file, seq: chunk.seq, bytes: chunk.bytes.length, sha256: encodeHex(sha256) },
    envelope,
    ring.currentVersion,
    chunk.now,
  );
  // Completed, cancelled or swept between our read and our write: answered as if it had happened before.
  if (!stored.ok) await openUploadOf(stores, chunk, chunk.uploadId, chunk.now);
  if (!stored.ok) throw new Problem(409, 'conflict');
  return { file, seq: chunk.seq, bytes: chunk.bytes.length };
}
