/**
 * The heavy half of storing an upload, after its record and owner are checked: a flagged photo's faces
 * found and its redacted rendition made (with the owner's regions, when sent), and every rendition
 * sealed in chunks. This is where an ingest's memory goes (the working picture, the detector, the
 * encoded renditions and their envelopes), so `npm run bench:media-memory` measures exactly this
 * function beside `prepareRenditions`.
 */
import type { KeyRing } from '@need2know/crypto';
import { regionEditIssues, type RegionEdit } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { applyEdit, editSize, regionsDocument } from './regions/apply-edit.js';
import { prepareRedaction, type PreparedRedaction } from './redact/prepare-redaction.js';
import type { PreparedMedia } from './renditions.js';
import { DETECTION_CONTENT_TYPE, sealMedia, type StoredRendition } from './seal-media.js';

/** Who stores what: the owner and reference every chunk is bound to, and the regions sent with the photo. */
export interface UploadToSeal {
  readonly owner: string;
  readonly ref: string;
  readonly clientId: string;
  readonly now: number;
  /** Manual regions and face removals (none: undefined or an empty edit). */
  readonly edit: RegionEdit | undefined;
}

/** What {@link sealUpload} gives: the redaction made (null: not flagged) and the envelopes of every rendition, in order. */
export interface SealedUpload {
  readonly redaction: PreparedRedaction | null;
  readonly chunks: Readonly<Record<StoredRendition, string[]>>;
}

/**
 * Finds the faces of a flagged photo (`flagged`), applies the owner's regions, and seals every
 * rendition of `prepared` under the ring's current version.
 *
 * @throws Problem 422 `validation_failed` when the regions do not fit the photo or its faces.
 * @example
 * const { redaction, chunks } = await sealUpload(ring, { owner, ref, clientId, now, edit: undefined }, prepared, true);
 */
export async function sealUpload(ring: KeyRing, upload: UploadToSeal, prepared: PreparedMedia, flagged: boolean): Promise<SealedUpload> {
  const { owner, ref } = upload;
  // A flagged photo's faces are found once, here: its redacted rendition (when a face is found with
  // confidence) and the detection behind it are stored sealed beside the untouched original.
  const detected = flagged ? await prepareRedaction(prepared.pixels, prepared.original.contentType, prepared.scale) : null;
  const edit = upload.edit !== undefined && editSize(upload.edit) > 0 ? upload.edit : undefined;
  if (edit !== undefined && detected !== null) {
    const issues = regionEditIssues(edit, { width: prepared.original.width, height: prepared.original.height, faces: detected.manifest.faces.length });
    if (issues.length > 0) throw new Problem(422, 'validation_failed', issues[0]?.message ?? 'invalid regions', { issues });
  }
  // The owner's regions, when sent, decide the redacted rendition from the start (faces left plus regions).
  const edited =
    edit === undefined || detected === null ? null : await applyEdit(prepared.pixels, prepared.original.contentType, detected.manifest, edit, prepared.scale);
  const redaction = detected === null ? null : edited === null ? detected : { ...detected, protectedRendition: edited.redaction, redacted: edited.redacted };
  const seal = (rendition: StoredRendition, contentType: Parameters<typeof sealMedia>[1]['contentType'], bytes: Uint8Array) =>
    sealMedia(ring, { owner, ref, rendition, contentType }, bytes);
  return {
    redaction,
    chunks: {
      original: seal('original', prepared.original.contentType, prepared.original.bytes),
      blurred: prepared.blurred === null ? [] : seal('blurred', prepared.blurred.contentType, prepared.blurred.bytes),
      redacted: redaction?.redacted == null ? [] : seal('redacted', redaction.redacted.contentType, redaction.redacted.bytes),
      detection: redaction === null ? [] : seal('detection', DETECTION_CONTENT_TYPE, new TextEncoder().encode(JSON.stringify(redaction.manifest))),
      regions: edit === undefined ? [] : seal('regions', DETECTION_CONTENT_TYPE, regionsDocument(edit, upload.now, upload.clientId)),
      // The clear picture at the working size, for an original too large to deliver whole (sealed like the rest).
      scaled: prepared.scaled === null ? [] : seal('scaled', prepared.scaled.contentType, prepared.scaled.bytes),
    },
  };
}
