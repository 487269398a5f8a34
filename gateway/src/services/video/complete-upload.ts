/**
 * Completing a video upload: every chunk present, each file's size and SHA-256 as the manifest
 * states (read back from the sealed chunks, so what is checked is what is stored), then the ingest
 * on the log with the manifest's hash, and only then the video named by its reference (disclosable).
 * Completing again answers the same result.
 */
import { mediaIngestEntry } from '@need2know/audit';
import { envelopeKeyVersion, encodeHex, openField } from '@need2know/crypto';
import { type VideoUploadCaller, videoProtection, videoUploadStep } from '@need2know/policy';
import { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import { MEDIA_DROP_GRACE } from '../../platform/config.js';
import { Problem } from '../../platform/errors/problem.js';
import { VIDEO_FILES, type Stores, type VideoFile, type VideoUploadRow } from '../../store/ports/index.js';
import { subjectHashes } from '../access/subjects.js';
import { keyRing, keyRingOpening } from '../keys/key-ring.js';
import { keysOf, type MediaSettings } from '../media/settings.js';
import { openUploadOf, uploadNamed } from './receive-chunk.js';
import { VIDEO_CONTENT_TYPE } from './limits.js';
import { openManifest, videoChunkContext, type VideoPlace } from './seal-video.js';

/** What completing reads and writes: the upload, the key state, and the log that names every ingest first. */
export type VideoCompleteStores = Pick<Stores, 'videos' | 'keyState' | 'auditLog'>;

/** The answer: the reference, the manifest's hash as logged, and where the entry stands in the log. */
export interface VideoCompleted {
  readonly ref: string;
  readonly manifest_sha256: string;
  readonly log_index: number;
  readonly outcome: 'created' | 'replaced';
  /** The rendition the video goes out as where faces may not be shown. */
  readonly redaction: 'redacted' | 'blurred';
}

const completed = (u: VideoUploadRow, outcome: 'created' | 'replaced', redaction: 'redacted' | 'blurred'): VideoCompleted => ({
  ref: u.ref,
  manifest_sha256: u.manifestSha256,
  log_index: u.logIndex ?? 0,
  outcome,
  redaction,
});

/** The manifest an upload holds, opened. */
export async function manifestOf(stores: Pick<Stores, 'keyState'>, settings: MediaSettings, u: VideoUploadRow): Promise<VideoRedactionManifest> {
  const place: VideoPlace = { owner: u.owner, ref: u.ref, uploadId: u.id };
  const ring = await keyRingOpening(keysOf(stores, settings), u.manifest.split('\n').map(envelopeKeyVersion));
  return VideoRedactionManifest.parse(JSON.parse(new TextDecoder().decode(openManifest(ring, place, u.manifest))));
}

/** Opens chunk `seq` of `file` of a stored upload (an integrity failure throws). */
export async function openVideoChunk(
  stores: Pick<Stores, 'videos' | 'keyState'>,
  settings: MediaSettings,
  u: VideoUploadRow,
  file: VideoFile,
  seq: number,
): Promise<Uint8Array> {
  const count = u.chunks[file];
  const envelope = count === null ? null : await stores.videos.chunk(u.id, file, seq);
  if (count === null || envelope === null) throw new Error('video store: a chunk the upload names is missing');
  const ring = await keyRingOpening(keysOf(stores, settings), [envelopeKeyVersion(envelope)]);
  return openField(ring, videoChunkContext({ owner: u.owner, ref: u.ref, uploadId: u.id }, file, seq, count), envelope);
}

/** SHA-256 (hex) of `file` as stored, chunk by chunk. */
async function storedSha256(
  stores: Pick<Stores, 'videos' | 'keyState'>,
  settings: MediaSettings,
  u: VideoUploadRow,
  file: VideoFile,
  count: number,
): Promise<string> {
  const digest = new crypto.DigestStream('SHA-256');
  const writer = digest.getWriter();
  for (let seq = 0; seq < count; seq++) await writer.write(await openVideoChunk(stores, settings, u, file, seq));
  await writer.close();
  return encodeHex(new Uint8Array(await digest.digest));
}

/**
 * Completes the caller's upload `uploadId`. Refusals change nothing and log nothing: 404 (missing,
 * another owner's or another client's, even once completed), 403 `insufficient_scope` (the token no longer carries the upload's record type),
 * 410 (expired, or cancelled: `upload_cancelled`), 409 `upload_incomplete` (chunks missing, named in `issues`),
 * 422 `hash_mismatch` (a file's size or SHA-256 is not the manifest's), 409 `conflict` (the reference
 * now holds another owner's video).
 */
export async function completeVideoUpload(
  stores: VideoCompleteStores,
  settings: MediaSettings,
  req: VideoUploadCaller & { readonly uploadId: string; readonly now: number },
): Promise<VideoCompleted> {
  const done = await uploadNamed(stores, req.uploadId);
  const asked = videoUploadStep(done, req, 'complete', req.now);
  if (done !== null && asked.kind === 'refuse' && asked.code === 'upload_complete') {
    // Sent again by its opener (a lost answer, even after a newer upload replaced it): the same result, nothing logged twice.
    const manifest = await manifestOf(stores, settings, done);
    return completed(done, 'created', videoProtection(manifest));
  }
  const upload = await openUploadOf(stores, req, req.uploadId, req.now, 'complete');
  // Chunks that go missing while the files are checked: the upload was cancelled meanwhile, answered as such.
  const refusedMeanwhile = async (err: unknown): Promise<never> => {
    await openUploadOf(stores, req, req.uploadId, req.now, 'complete');
    throw err;
  };
  const received = await stores.videos.receivedChunks(upload.id);
  const issues = VIDEO_FILES.flatMap((file) => {
    const count = upload.chunks[file];
    if (count === null) return [];
    const have = new Set(received.filter((c) => c.file === file).map((c) => c.seq));
    const missing = Array.from({ length: count }, (_, seq) => seq).filter((seq) => !have.has(seq));
    return missing.length === 0
      ? []
      : [{ path: file, code: 'missing_chunks', message: `${file}: ${missing.length} of ${count} chunks missing, first ${missing[0]}` }];
  });
  if (issues.length > 0) await refusedMeanwhile(new Problem(409, 'upload_incomplete', issues[0]?.message, { issues }));

  const manifest = await manifestOf(stores, settings, upload);
  const stated = { original: manifest.original, redacted: manifest.renditions.redacted, blurred: manifest.renditions.blurred };
  for (const file of VIDEO_FILES) {
    const count = upload.chunks[file];
    const want = stated[file];
    if (count === null || want === null) continue;
    const size = received.filter((c) => c.file === file).reduce((n, c) => n + c.bytes, 0);
    if (size !== want.bytes)
      throw new Problem(422, 'hash_mismatch', `${file}: ${size} bytes received, the manifest states ${want.bytes}`, {
        issues: [{ path: file, code: 'size', message: `${file}: size differs from the manifest` }],
      });
    if ((await storedSha256(stores, settings, upload, file, count).catch(refusedMeanwhile)) !== want.sha256)
      throw new Problem(422, 'hash_mismatch', `${file}: its SHA-256 is not the manifest's`, {
        issues: [{ path: file, code: 'sha256', message: `${file}: SHA-256 differs from the manifest` }],
      });
  }

  const existing = await stores.videos.video(upload.ref);
  if (existing !== null && existing.owner !== upload.owner) throw new Problem(409, 'conflict', "This reference holds another data owner's video.");
  const outcome = existing === null ? 'created' : 'replaced';
  const redaction = videoProtection(manifest);
  const ring = await keyRing(keysOf(stores, settings));
  // Logged before the video is named by its reference: nothing is disclosable that the log does not name.
  const { first } = await stores.auditLog.append([
    mediaIngestEntry({
      at: req.now,
      clientId: req.clientId,
      owner: upload.owner,
      recordType: upload.recordType,
      records: subjectHashes(ring, [`${upload.recordType}:${upload.recordId}`]),
      field: upload.field,
      contentType: VIDEO_CONTENT_TYPE,
      bytes: manifest.original.bytes,
      blurredBy: 'owner',
      redaction,
      faces: manifest.tracks.length,
      outcome,
      manifestSha256: upload.manifestSha256,
    }),
  ]);
  const committed = await stores.videos.complete(upload, first, req.now, req.now + MEDIA_DROP_GRACE);
  if (!committed.ok) {
    // Completed by a concurrent request (its entry names the same manifest), or the reference was taken meanwhile.
    const now = await stores.videos.upload(upload.id);
    if (now?.state === 'complete') return completed(now, outcome, redaction);
    // Cancelled (or swept) meanwhile: answered as if it had happened before.
    await openUploadOf(stores, req, req.uploadId, req.now, 'complete');
    throw new Problem(409, 'conflict', "This reference holds another data owner's video.");
  }
  return completed({ ...upload, logIndex: first }, outcome, redaction);
}
