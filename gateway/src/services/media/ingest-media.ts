/**
 * Storing an uploaded media item: check it against the record that names it, prepare its renditions,
 * seal them, and replace what the reference held, in one transaction. The record decides whether a
 * blurred rendition is required: it is whenever minimisation protects the reference today (flagged
 * evidence; the photo of a minor or of a person of unknown age).
 */
import { mediaIngestEntry, mediaRegionsEntry } from '@need2know/audit';
import { civilDate, type RegionEdit } from '@need2know/policy';
import { recordType } from '@need2know/schema';
import { subjectHashes } from '../access/subjects.js';
import { Problem } from '../../platform/errors/problem.js';
import { keyRing } from '../keys/key-ring.js';
import { readRecords } from '../records/read.js';
import type { NewMediaItem, Stores } from '../../store/ports/index.js';
import { MAX_MEDIA_REF_BYTES, type MediaType } from './limits.js';
import { fieldHoldingRef, mediaFields, refFlagged } from './release.js';
import { MediaInputError, prepareRenditions, type PreparedMedia, type UploadedFile } from './renditions.js';
import { sealUpload } from './seal-upload.js';
import { editSize, loggedEdit } from './regions/apply-edit.js';
import { keysOf, recordReader, type MediaSettings } from './settings.js';

/** What storing an upload reads and writes: the record naming it, the key state, the media store, and the log that names every upload first. */
export type MediaIngestStores = Pick<Stores, 'media' | 'auditLog' | 'records' | 'keyState'>;

/** One upload, as the route parsed it. */
export interface MediaUpload {
  readonly owner: string;
  readonly clientId: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly ref: string;
  readonly original: UploadedFile;
  readonly blurred: UploadedFile | undefined;
  /** Manual regions sent with the photo (a flagged one only): applied before anything is stored, so the photo never leaves without them. */
  readonly regions?: RegionEdit | undefined;
  readonly now: number;
}

/** What was stored. */
export interface MediaIngestResult {
  readonly ref: string;
  readonly record_type: string;
  readonly record_id: string;
  readonly field: string;
  readonly content_type: MediaType;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  /** Whether the record requires the blurred rendition today (flagged, or a minor's photo). */
  readonly flagged: boolean;
  readonly blurred: { readonly content_type: MediaType; readonly bytes: number; readonly by: 'gateway' | 'owner' } | null;
  /**
   * For a photo flagged at upload: the protected rendition it goes out as (`redacted` when a face was
   * found with confidence, `blurred` otherwise), the boxes found, and the detector; null otherwise.
   */
  readonly redaction: { readonly rendition: 'redacted' | 'blurred'; readonly faces: number; readonly detector: string } | null;
  /** Manual regions and face removals stored with the photo (0 without). */
  readonly regions: number;
  readonly outcome: 'created' | 'replaced';
}

const invalid = (path: string, code: string, message: string) => new Problem(422, 'validation_failed', message, { issues: [{ path, code, message }] });

/** A reference the media store can hold: 1–200 UTF-8 bytes, no `#` (kept for `#blurred`), no control characters. */
export function isStorableRef(ref: string): boolean {
  const bytes = new TextEncoder().encode(ref);
  // A lone surrogate would encode as U+FFFD: the round trip catches it.
  return bytes.length > 0 && bytes.length <= MAX_MEDIA_REF_BYTES && !/[#\u0000-\u001f\u007f]/.test(ref) && new TextDecoder().decode(bytes) === ref;
}

/** Maps a refused file to its problem: 415 for a type the store does not take, 413 past the size or pixel cap, 422 otherwise. */
function problemOf(err: MediaInputError): Problem {
  if (err.code === 'unsupported_content_type') return new Problem(415, 'unsupported_media_type', err.message);
  // A decompression bomb is refused from its header: the decoder's code says so in `issues`.
  if (err.code === 'too_large')
    return new Problem(
      413,
      'body_too_large',
      err.message,
      err.reason === undefined ? undefined : { issues: [{ path: err.part, code: err.reason, message: err.message }] },
    );
  return invalid(err.part, err.reason ?? err.code, err.message);
}

/**
 * Stores `upload` for its data owner, after appending its log entry (who, which record as a keyed
 * hash, what was stored; never the picture or the reference). Refusals change nothing: 404 when the record is missing or
 * another owner's (the same answer), 422 when the record does not name the reference, the file is
 * unreadable, or a flagged JPEG comes without its blurred rendition, 409 when the reference is
 * another owner's.
 */
export async function ingestMedia(stores: MediaIngestStores, settings: MediaSettings, upload: MediaUpload): Promise<MediaIngestResult> {
  if (!isStorableRef(upload.ref)) throw invalid('ref', 'invalid_ref', `ref: 1 to ${MAX_MEDIA_REF_BYTES} UTF-8 bytes, without "#" or control characters`);
  const def = recordType(upload.recordType);
  if (def === undefined || mediaFields(def).length === 0) throw invalid('record_type', 'no_media_fields', 'record_type: this record type holds no media');

  const [record] = await readRecords(
    recordReader(stores, settings),
    def.name,
    [upload.recordId],
    [...mediaFields(def), ...(def.fields['date_of_birth'] === undefined ? [] : ['date_of_birth'])],
  );
  if (record === undefined || record.owner !== upload.owner) throw new Problem(404, 'not_found');
  const fields = { id: record.id, ...record.fields };
  const field = fieldHoldingRef(def, fields, upload.ref);
  if (field === null) throw invalid('ref', 'ref_not_in_record', 'ref: the current version of the record does not name this reference');

  let prepared: PreparedMedia;
  try {
    prepared = await prepareRenditions(upload.original, upload.blurred);
  } catch (err) {
    if (err instanceof MediaInputError) throw problemOf(err);
    throw err;
  }
  const ring = await keyRing(keysOf(stores, settings));
  const today = civilDate(upload.now, settings.timeZone);
  const flagged = refFlagged(def, field, fields, upload.ref, { ring, agency: upload.owner, today, mediaUnblurred: false }) === true;
  if (flagged && prepared.blurred === null) {
    // Fail closed should a rendition ever be missing: the gateway blurs every photo it decodes.
    throw invalid('blurred', 'blurred_rendition_required', 'blurred: the record flags this reference, and no blurred rendition could be made');
  }

  if (upload.regions !== undefined && !flagged)
    throw new Problem(409, 'media_not_examined', 'Regions apply to a photo its record flags (examined for faces at upload); this one never goes out redacted.');

  const existing = await stores.media.item(upload.ref);
  if (existing !== null && existing.owner !== upload.owner) throw new Problem(409, 'conflict', "This reference holds another data owner's media.");
  const edit = upload.regions !== undefined && editSize(upload.regions) > 0 ? upload.regions : undefined;
  const { redaction, chunks } = await sealUpload(
    ring,
    { owner: upload.owner, ref: upload.ref, clientId: upload.clientId, now: upload.now, edit },
    prepared,
    flagged,
  );
  const row: NewMediaItem = {
    ref: upload.ref,
    owner: upload.owner,
    recordType: def.name,
    recordId: record.id,
    field,
    contentType: prepared.original.contentType,
    width: prepared.original.width,
    height: prepared.original.height,
    bytes: prepared.original.bytes.length,
    chunks: chunks.original.length,
    blurred:
      prepared.blurred === null
        ? null
        : { contentType: prepared.blurred.contentType, bytes: prepared.blurred.bytes.length, chunks: chunks.blurred.length, by: prepared.blurred.by },
    redacted:
      redaction?.redacted == null
        ? null
        : { contentType: redaction.redacted.contentType, bytes: redaction.redacted.bytes.length, chunks: chunks.redacted.length },
    protectedRendition: redaction?.protectedRendition ?? null,
    scaled:
      prepared.scaled === null
        ? null
        : {
            contentType: prepared.scaled.contentType,
            bytes: prepared.scaled.bytes.length,
            chunks: chunks.scaled.length,
            width: prepared.scaled.width,
            height: prepared.scaled.height,
          },
    regions: edit === undefined ? 0 : editSize(edit),
    keyVersion: ring.currentVersion,
    ingestedAt: upload.now,
    ingestedBy: upload.clientId,
  };
  const outcome = existing === null ? 'created' : 'replaced';
  // Logged before it is stored, so nothing is readable that the log does not name: a failed append
  // stores nothing, and a crash after it leaves an entry that the data owner's retry completes.
  await stores.auditLog.append([
    mediaIngestEntry({
      at: upload.now,
      clientId: upload.clientId,
      owner: upload.owner,
      recordType: row.recordType,
      records: subjectHashes(ring, [`${row.recordType}:${row.recordId}`]),
      field,
      contentType: row.contentType,
      bytes: row.bytes,
      blurredBy: row.blurred?.by ?? null,
      // How the faces were handled (never a box or a pixel): the rendition chosen and how many boxes.
      redaction: row.protectedRendition,
      faces: redaction === null ? null : redaction.manifest.faces.length,
      outcome,
    }),
    // Every region and reason sent with the photo, in the same append (never a pixel; notes as keyed hashes).
    ...(edit === undefined || redaction === null
      ? []
      : [
          mediaRegionsEntry({
            at: upload.now,
            clientId: upload.clientId,
            owner: upload.owner,
            recordType: row.recordType,
            records: subjectHashes(ring, [`${row.recordType}:${row.recordId}`]),
            field,
            ...(await loggedEdit(ring, edit)),
            redaction: redaction.protectedRendition,
          }),
        ]),
  ]);
  const stored = await stores.media.replace(row, chunks);
  // Another owner stored the reference between our read and our write.
  if (!stored.ok) throw new Problem(409, 'conflict', "This reference holds another data owner's media.");
  return {
    ref: row.ref,
    record_type: row.recordType,
    record_id: row.recordId,
    field,
    content_type: row.contentType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    flagged,
    blurred: row.blurred === null ? null : { content_type: row.blurred.contentType, bytes: row.blurred.bytes, by: row.blurred.by },
    redaction:
      redaction === null
        ? null
        : {
            rendition: redaction.protectedRendition,
            faces: redaction.manifest.faces.length,
            detector: `${redaction.manifest.detector} (${redaction.manifest.version})`,
          },
    regions: row.regions,
    outcome,
  };
}
