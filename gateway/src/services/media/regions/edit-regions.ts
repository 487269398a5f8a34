/**
 * The data owner's manual regions of a stored photo: check them (policy/media-regions.ts), log every
 * region and reason, re-make the redacted rendition from the sealed original and the sealed
 * detection, and store it with the regions sealed beside it, in one transaction. The original, the
 * blurred rendition and the detection are never altered.
 */
import { envelopeKeyVersion, type KeyRing } from '@need2know/crypto';
import { mediaRegionsEntry, type LoggedFaceRemoval, type LoggedRegion } from '@need2know/audit';
import { protectionAfterEdit, regionEditIssues, type RegionEdit } from '@need2know/policy';
import { auditLog } from '../../access/audit.js';
import { subjectHashes } from '../../access/subjects.js';
import type { GatewayEnv } from '../../../platform/env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { keyRing, keyRingOpening } from '../../keys/key-ring.js';
import { revealReasonHash } from '../../officers/reveal-reasons.js';
import { isChangedSinceRead, replaceRedactionStatements, selectChunks, selectMedia, type MediaRow } from '../../../store/d1/media.js';
import { decodeJpeg } from '../decode/decode-jpeg.js';
import { encodeJpeg } from '../decode/encode-jpeg.js';
import type { DetectionManifest } from '../detect/manifest.js';
import { FACE_CONFIDENCE_FLOOR, REDACT_MARGIN } from '../detect/thresholds.js';
import { isStorableRef } from '../ingest-media.js';
import { MAX_MEDIA_PIXELS } from '../limits.js';
import { decodePng, encodePng } from '@need2know/png';
import { redactRegions } from '../redact/redact-regions.js';
import { DETECTION_CONTENT_TYPE, openMedia, sealMedia, type StoredRendition } from '../seal-media.js';

/**
 * Margin around a manual region, as a fraction of its larger side: the owner drew the box around
 * what must be hidden, so it needs less room than a detector's box (which hugs eyes and mouth);
 * a little still covers an unsteady hand.
 */
export const MANUAL_REGION_MARGIN = 0.1;

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

/** Opens one stored rendition of `row`. */
async function openRendition(env: GatewayEnv, row: MediaRow, rendition: StoredRendition, contentType: string): Promise<Uint8Array> {
  const chunks = await selectChunks(env.DB, row.ref, rendition);
  const opening = await keyRingOpening(env, [row.keyVersion, ...chunks.map(envelopeKeyVersion)]);
  return openMedia(opening, { owner: row.owner, ref: row.ref, rendition, contentType: contentType as MediaRow['contentType'] }, chunks);
}

/** The logged form of a reason's free text: its keyed hash, never the text. */
const noteHash = async (ring: KeyRing, note: string | undefined) => (note === undefined || note === '' ? null : revealReasonHash(ring, note));

/**
 * Applies `req.edit` (the whole set of regions and face removals; it replaces the last) to the
 * owner's photo `req.ref`. Refusals change nothing: 404 when the item is missing or another owner's
 * (the same answer), 409 `media_not_examined` for a photo no detection ran on (not flagged at
 * upload: it never goes out redacted), 422 `validation_failed` with the policy's issues, 409
 * `conflict` when the photo was replaced while the edit was applied.
 */
export async function editRegions(env: GatewayEnv, req: RegionEditRequest): Promise<RegionEditResult> {
  if (!isStorableRef(req.ref)) throw new Problem(404, 'not_found');
  const row = await selectMedia(env.DB, req.ref);
  if (row === null || row.owner !== req.owner) throw new Problem(404, 'not_found');
  if (row.protectedRendition === null) throw new Problem(409, 'media_not_examined', 'Regions apply to a photo examined for faces at upload (one its record flags); this one never goes out redacted.');

  const manifest = JSON.parse(new TextDecoder().decode(await openRendition(env, row, 'detection', DETECTION_CONTENT_TYPE))) as DetectionManifest;
  const issues = regionEditIssues(req.edit, { width: row.width, height: row.height, faces: manifest.faces.length });
  if (issues.length > 0) throw new Problem(422, 'validation_failed', issues[0]?.message ?? 'invalid regions', { issues });

  const removed = req.edit.removedFaces.map((f) => f.face);
  const redaction = protectionAfterEdit(manifest, removed, FACE_CONFIDENCE_FLOOR);
  let redacted: { bytes: Uint8Array; contentType: MediaRow['contentType'] } | null = null;
  if (redaction === 'redacted') {
    // Re-made from the sealed original, upright, as at upload: the original itself is never written.
    const original = await openRendition(env, row, 'original', row.contentType);
    const pixels = row.contentType === 'image/png' ? await decodePng(original, { maxPixels: MAX_MEDIA_PIXELS }) : decodeJpeg(original, { maxPixels: MAX_MEDIA_PIXELS }).image;
    const faces = redactRegions(pixels, manifest.faces.filter((_, i) => !removed.includes(i)), REDACT_MARGIN);
    const image = redactRegions(faces, req.edit.regions, MANUAL_REGION_MARGIN);
    redacted = { bytes: row.contentType === 'image/png' ? await encodePng(image) : encodeJpeg(image), contentType: row.contentType };
  }

  const ring = await keyRing(env);
  const regions: LoggedRegion[] = await Promise.all(req.edit.regions.map(async (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height, reason: r.reason, note_hash: await noteHash(ring, r.note) })));
  const removedFaces: LoggedFaceRemoval[] = await Promise.all(req.edit.removedFaces.map(async (f) => ({ face: f.face, reason: f.reason, note_hash: await noteHash(ring, f.note) })));
  const slot = { owner: row.owner, ref: row.ref };
  const sealedRedacted = redacted === null ? [] : sealMedia(ring, { ...slot, rendition: 'redacted', contentType: redacted.contentType }, redacted.bytes);
  // The regions as the owner gave them (free text included), sealed: the log holds only the text's keyed hash.
  const document = { regions: req.edit.regions, removed_faces: req.edit.removedFaces, at: req.now, by: req.clientId };
  const total = req.edit.regions.length + req.edit.removedFaces.length;
  const sealedRegions = total === 0 ? [] : sealMedia(ring, { ...slot, rendition: 'regions', contentType: DETECTION_CONTENT_TYPE }, new TextEncoder().encode(JSON.stringify(document)));

  // Logged before it is stored: every region and reason, never a pixel.
  await auditLog(env).append([
    mediaRegionsEntry({ at: req.now, clientId: req.clientId, owner: row.owner, recordType: row.recordType, records: subjectHashes(ring, [`${row.recordType}:${row.recordId}`]), field: row.field, regions, removedFaces, redaction }),
  ]);
  try {
    await env.DB.batch(
      replaceRedactionStatements(env.DB, row, { redacted: redacted === null ? null : { contentType: redacted.contentType, bytes: redacted.bytes.length, chunks: sealedRedacted.length }, protectedRendition: redaction, regions: total }, { redacted: sealedRedacted, regions: sealedRegions }),
    );
  } catch (err) {
    if (isChangedSinceRead(err)) throw new Problem(409, 'conflict', 'The photo was replaced while its regions were applied; apply them again.');
    throw err;
  }
  return {
    ref: row.ref,
    regions: req.edit.regions.length,
    removed_faces: req.edit.removedFaces.length,
    faces: manifest.faces.map((f, face) => ({ face, x: f.x, y: f.y, width: f.width, height: f.height, score: f.score, removed: removed.includes(face) })),
    redaction,
  };
}
