/**
 * The data owner's manual regions of a stored photo: check them (policy/media-regions.ts), log every
 * region and reason, re-make the redacted rendition from the sealed original and the sealed
 * detection, and store it with the regions sealed beside it, in one transaction. The original, the
 * blurred rendition and the detection are never altered.
 */
import { envelopeKeyVersion } from '@need2know/crypto';
import { mediaRegionsEntry } from '@need2know/audit';
import { regionEditIssues, type RegionEdit } from '@need2know/policy';
import { subjectHashes } from '../../access/subjects.js';
import { Problem } from '../../../platform/errors/problem.js';
import { keyRing, keyRingOpening } from '../../keys/key-ring.js';
import type { MediaItem, Stores } from '../../../store/ports/index.js';
import { decodeWorkingPicture } from '../decode/working-picture.js';
import type { DetectionManifest } from '../detect/manifest.js';
import { isStorableRef } from '../ingest-media.js';
import { DETECTION_CONTENT_TYPE, openMedia, sealMedia, type StoredRendition } from '../seal-media.js';
import { applyEdit, editSize, loggedEdit, regionsDocument } from './apply-edit.js';
import { keysOf, type MediaSettings } from '../settings.js';

/** One edit as the route parsed it. */
export interface RegionEditRequest {
  readonly owner: string;
  readonly clientId: string;
  readonly ref: string;
  readonly edit: RegionEdit;
  readonly now: number;
}

/** What the owner gets back: the faces the detector found (to name the ones taken away) and the protection now in force. */
export interface RegionEditResult {
  readonly ref: string;
  readonly regions: number;
  readonly removed_faces: number;
  readonly faces: { face: number; x: number; y: number; width: number; height: number; score: number; removed: boolean }[];
  readonly redaction: 'redacted' | 'blurred';
}

/** What a region edit reads and writes: the key state, the media store, and the log that names every edit first. */
export type RegionEditStores = Pick<Stores, 'media' | 'auditLog' | 'keyState'>;

/** Opens one stored rendition of `row`. */
async function openRendition(
  stores: RegionEditStores,
  settings: MediaSettings,
  row: MediaItem,
  rendition: StoredRendition,
  contentType: string,
): Promise<Uint8Array> {
  const chunks = await stores.media.chunks(row, rendition);
  const opening = await keyRingOpening(keysOf(stores, settings), [row.keyVersion, ...chunks.map(envelopeKeyVersion)]);
  return openMedia(opening, { owner: row.owner, ref: row.ref, rendition, contentType: contentType as MediaItem['contentType'] }, chunks);
}

/**
 * Applies `req.edit` (the whole set of regions and face removals; it replaces the last) to the
 * owner's photo `req.ref`. Refusals change nothing: 404 when the item is missing or another owner's
 * (the same answer), 409 `media_not_examined` for a photo no detection ran on (not flagged at
 * upload: it never goes out redacted), 422 `validation_failed` with the policy's issues, 409
 * `conflict` when the photo was replaced while the edit was applied.
 */
export async function editRegions(stores: RegionEditStores, settings: MediaSettings, req: RegionEditRequest): Promise<RegionEditResult> {
  if (!isStorableRef(req.ref)) throw new Problem(404, 'not_found');
  const row = await stores.media.item(req.ref);
  if (row === null || row.owner !== req.owner) throw new Problem(404, 'not_found');
  if (row.protectedRendition === null)
    throw new Problem(
      409,
      'media_not_examined',
      'Regions apply to a photo examined for faces at upload (one its record flags); this one never goes out redacted.',
    );

  const manifest = JSON.parse(new TextDecoder().decode(await openRendition(stores, settings, row, 'detection', DETECTION_CONTENT_TYPE))) as DetectionManifest;
  const issues = regionEditIssues(req.edit, { width: row.width, height: row.height, faces: manifest.faces.length });
  if (issues.length > 0) throw new Problem(422, 'validation_failed', issues[0]?.message ?? 'invalid regions', { issues });

  // Re-made from the sealed original, upright and at the working scale, as at upload: the original itself is never written.
  const original = await openRendition(stores, settings, row, 'original', row.contentType);
  const picture = await decodeWorkingPicture(original, row.contentType);
  const { redaction, redacted } = await applyEdit(picture.image, row.contentType, manifest, req.edit, picture.scale);

  const ring = await keyRing(keysOf(stores, settings));
  const { regions, removedFaces } = await loggedEdit(ring, req.edit);
  const slot = { owner: row.owner, ref: row.ref };
  const sealedRedacted = redacted === null ? [] : sealMedia(ring, { ...slot, rendition: 'redacted', contentType: redacted.contentType }, redacted.bytes);
  // The regions as the owner gave them (free text included), sealed: the log holds only the text's keyed hash.
  const total = editSize(req.edit);
  const sealedRegions =
    total === 0
      ? []
      : sealMedia(ring, { ...slot, rendition: 'regions', contentType: DETECTION_CONTENT_TYPE }, regionsDocument(req.edit, req.now, req.clientId));

  // Logged before it is stored: every region and reason, never a pixel.
  await stores.auditLog.append([
    mediaRegionsEntry({
      at: req.now,
      clientId: req.clientId,
      owner: row.owner,
      recordType: row.recordType,
      records: subjectHashes(ring, [`${row.recordType}:${row.recordId}`]),
      field: row.field,
      regions,
      removedFaces,
      redaction,
    }),
  ]);
  const stored = await stores.media.replaceRedaction(
    row,
    {
      redacted: redacted === null ? null : { contentType: redacted.contentType, bytes: redacted.bytes.length, chunks: sealedRedacted.length },
      protectedRendition: redaction,
      regions: total,
    },
    { redacted: sealedRedacted, regions: sealedRegions },
    req.now,
  );
  if (!stored.ok) throw new Problem(409, 'conflict', 'The photo was replaced while its regions were applied; apply them again.');
  return {
    ref: row.ref,
    regions: req.edit.regions.length,
    removed_faces: req.edit.removedFaces.length,
    faces: manifest.faces.map((f, face) => ({
      face,
      x: f.x,
      y: f.y,
      width: f.width,
      height: f.height,
      score: f.score,
      removed: req.edit.removedFaces.some((r) => r.face === face),
    })),
    redaction,
  };
}
