/**
 * Opening a video upload: the caller's token must carry the record's type (`videoUploadOpening`,
 * the rule the chunks, the completion and the cancel ask too), the record must name the reference as a video of its evidence, and the
 * manifest must be of the schema's shape, within the limits and consistent
 * (`videoManifestIssues`), all before a byte of video is sent. The manifest is kept sealed; nothing
 * is disclosable until the upload completes.
 */
import { videoManifestIssues, videoUploadOpening } from '@need2know/policy';
import { recordType } from '@need2know/schema';
import { VideoRedactionManifest, videoManifestBytes } from '@need2know/schema/video-manifest';
import { Problem } from '../../platform/errors/problem.js';
import { sha256hex } from '../../platform/lib/digest.js';
import type { Stores } from '../../store/ports/index.js';
import { keyRing } from '../keys/key-ring.js';
import { isStorableRef } from '../media/ingest-media.js';
import { MAX_MEDIA_REF_BYTES } from '../media/limits.js';
import { fieldHoldingRef, mediaFields } from '../media/release.js';
import { keysOf, recordReader, type MediaSettings } from '../media/settings.js';
import { readRecords } from '../records/read.js';
import { VIDEO_CHUNK_BYTES, VIDEO_UPLOAD_LIFETIME } from './limits.js';
import { STATUS_OF_UPLOAD_REFUSAL } from './receive-chunk.js';
import { sealManifest } from './seal-video.js';

/** What opening an upload reads and writes. */
export type VideoUploadStores = Pick<Stores, 'videos' | 'records' | 'keyState'>;

/** An upload's first request, as the route parsed it (the manifest not yet: it is checked here). */
export interface VideoUploadRequest {
  readonly owner: string;
  /** The client opening it: the only one that may then fill, complete or cancel it (`videoUploadStep`). */
  readonly clientId: string;
  /** The record types the caller's ingest token carries. */
  readonly recordTypes: readonly string[];
  readonly recordType: string;
  readonly recordId: string;
  readonly ref: string;
  readonly manifest: unknown;
  readonly now: number;
}

/** The answer: where to send the chunks, how long each is, how many each file takes, and until when. */
export interface VideoUploadOpened {
  readonly upload_id: string;
  readonly chunk_bytes: number;
  readonly chunks: { readonly original: number; readonly redacted: number | null; readonly blurred: number };
  readonly expires_at: number;
  readonly manifest_sha256: string;
}

const invalid = (path: string, code: string, message: string) => new Problem(422, 'validation_failed', message, { issues: [{ path, code, message }] });

/** The evidence item of `record` naming `ref` is a video (`kind: 'video'`). */
function namesVideo(record: Readonly<Record<string, unknown>>, field: string, ref: string): boolean {
  const value = record[field];
  return (
    Array.isArray(value) &&
    value.some((item: unknown) => {
      const entry = typeof item === 'object' && item !== null ? (item as { media_ref?: unknown; kind?: unknown }) : null;
      return entry?.media_ref === ref && entry.kind === 'video';
    })
  );
}

/** Parses and checks the manifest: the schema's shape (422 `invalid_manifest`), the limits (413 `video_too_large`), the cross-checks (422 `invalid_manifest`). */
export function checkedManifest(manifest: unknown): VideoRedactionManifest {
  const parsed = VideoRedactionManifest.safeParse(manifest);
  if (!parsed.success)
    throw new Problem(422, 'invalid_manifest', 'manifest: not a video redaction manifest of this version', {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: ['manifest', ...i.path].join('.'), code: i.code, message: i.message })),
    });
  const issues = videoManifestIssues(parsed.data).map((i) => ({ ...i, path: `manifest.${i.path}` }));
  if (issues.some((i) => i.code === 'too_large' || i.code === 'too_long' || i.code === 'too_many'))
    throw new Problem(413, 'video_too_large', issues[0]?.message, { issues });
  if (issues.length > 0) throw new Problem(422, 'invalid_manifest', issues[0]?.message, { issues: issues.slice(0, 20) });
  return parsed.data;
}

/** A new upload id: 128 random bits, hex. */
function newUploadId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const chunksOf = (bytes: number) => Math.ceil(bytes / VIDEO_CHUNK_BYTES);

/**
 * Opens an upload of a video for `req.ref`. Refusals change nothing: 403 `insufficient_scope` when
 * the token does not carry the record type, 404 when the record is missing
 * or another owner's, 422 when it does not name the reference as a video, 422/413 for the manifest,
 * 409 when the reference holds another owner's video.
 */
export async function startVideoUpload(stores: VideoUploadStores, settings: MediaSettings, req: VideoUploadRequest): Promise<VideoUploadOpened> {
  const opening = videoUploadOpening(req, req.recordType);
  if (opening.kind === 'refuse')
    throw new Problem(STATUS_OF_UPLOAD_REFUSAL[opening.code], opening.code, 'This token does not allow ingesting this record type.');
  if (!isStorableRef(req.ref)) throw invalid('ref', 'invalid_ref', `ref: 1 to ${MAX_MEDIA_REF_BYTES} UTF-8 bytes, without "#" or control characters`);
  const def = recordType(req.recordType);
  if (def === undefined || mediaFields(def).length === 0) throw invalid('record_type', 'no_media_fields', 'record_type: this record type holds no media');
  const manifest = checkedManifest(req.manifest);

  const [record] = await readRecords(recordReader(stores, settings), def.name, [req.recordId], mediaFields(def));
  if (record === undefined || record.owner !== req.owner) throw new Problem(404, 'not_found');
  const field = fieldHoldingRef(def, record.fields, req.ref);
  if (field === null) throw invalid('ref', 'ref_not_in_record', 'ref: the current version of the record does not name this reference');
  if (!namesVideo(record.fields, field, req.ref))
    throw invalid('ref', 'not_a_video', 'ref: the record names this reference, but not as a video (evidence kind "video")');
  const existing = await stores.videos.video(req.ref);
  if (existing !== null && existing.owner !== req.owner) throw new Problem(409, 'conflict', "This reference holds another data owner's video.");

  const bytes = videoManifestBytes(manifest);
  const id = newUploadId();
  const ring = await keyRing(keysOf(stores, settings));
  const chunks = {
    original: chunksOf(manifest.original.bytes),
    redacted: manifest.renditions.redacted === null ? null : chunksOf(manifest.renditions.redacted.bytes),
    blurred: chunksOf(manifest.renditions.blurred.bytes),
  };
  const manifestSha256 = await sha256hex(bytes);
  const expiresAt = req.now + VIDEO_UPLOAD_LIFETIME;
  await stores.videos.openUpload({
    id,
    owner: req.owner,
    clientId: req.clientId,
    recordType: def.name,
    recordId: record.id,
    field,
    ref: req.ref,
    manifest: sealManifest(ring, { owner: req.owner, ref: req.ref, uploadId: id }, bytes),
    manifestKeyVersion: ring.currentVersion,
    manifestSha256,
    chunkBytes: VIDEO_CHUNK_BYTES,
    bytes: { original: manifest.original.bytes, redacted: manifest.renditions.redacted?.bytes ?? null, blurred: manifest.renditions.blurred.bytes },
    chunks,
    createdAt: req.now,
    expiresAt,
  });
  return { upload_id: id, chunk_bytes: VIDEO_CHUNK_BYTES, chunks, expires_at: expiresAt, manifest_sha256: manifestSha256 };
}
