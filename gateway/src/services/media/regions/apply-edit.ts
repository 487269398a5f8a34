/**
 * The data owner's edit applied to a flagged photo's pixels: the faces the detector found, less those
 * taken away, and every manual region, pixelated and blurred with their margins; and the edit as the
 * log and the store keep it. Used at upload (regions sent with the photo) and later (regions route).
 */
import type { KeyRing } from '@need2know/crypto';
import type { LoggedFaceRemoval, LoggedRegion } from '@need2know/audit';
import { protectionAfterEdit, type ProtectedRendition, type RegionEdit } from '@need2know/policy';
import { encodePng, type RgbaImage } from '@need2know/png';
import { encodeJpeg } from '../decode/encode-jpeg.js';
import { toWorkingBox } from '../decode/working-picture.js';
import type { DetectionManifest } from '../detect/manifest.js';
import { FACE_CONFIDENCE_FLOOR, REDACT_MARGIN } from '../detect/thresholds.js';
import type { MediaType } from '../limits.js';
import { redactRegions } from '../redact/redact-regions.js';
import { revealReasonHash } from '../../officers/reveal-reasons.js';

/**
 * Margin around a manual region, as a fraction of its larger side: the owner drew the box around
 * what must be hidden, so it needs less room than a detector's box (which hugs eyes and mouth);
 * a little still covers an unsteady hand.
 */
export const MANUAL_REGION_MARGIN = 0.1;

/** What an edit makes of a photo: the protection now in force, and the redacted rendition when it is `redacted`. */
export interface EditedRedaction {
  readonly redaction: ProtectedRendition;
  readonly redacted: { readonly bytes: Uint8Array; readonly contentType: MediaType } | null;
}

/**
 * Re-makes the redacted rendition of `pixels` (upright, as decoded from the original, at 1/`scale`
 * of its size) for `edit`, in the original's format; none when no confident face is left (the photo
 * then goes out blurred). The manifest's faces and the edit's regions are in the upright original's
 * pixels, and are mapped to the working picture here.
 * Call only with an edit the policy accepted (`regionEditIssues` empty).
 */
export async function applyEdit(pixels: RgbaImage, type: MediaType, manifest: DetectionManifest, edit: RegionEdit, scale = 1): Promise<EditedRedaction> {
  const removed = edit.removedFaces.map((f) => f.face);
  const redaction = protectionAfterEdit(manifest, removed, FACE_CONFIDENCE_FLOOR);
  if (redaction === 'blurred') return { redaction, redacted: null };
  const faces = redactRegions(
    pixels,
    manifest.faces.filter((_, i) => !removed.includes(i)).map((f) => toWorkingBox(f, scale)),
    REDACT_MARGIN,
  );
  const image = redactRegions(
    faces,
    edit.regions.map((r) => toWorkingBox(r, scale)),
    MANUAL_REGION_MARGIN,
  );
  return { redaction, redacted: { bytes: type === 'image/png' ? await encodePng(image) : encodeJpeg(image), contentType: type } };
}

/** The logged form of a reason's free text: its keyed hash, never the text. */
const noteHash = async (ring: KeyRing, note: string | undefined) => (note === undefined || note === '' ? null : revealReasonHash(ring, note));

/** The edit as the `media_regions` log entry carries it: boxes and reason codes, notes as keyed hashes. */
export async function loggedEdit(ring: KeyRing, edit: RegionEdit): Promise<{ regions: LoggedRegion[]; removedFaces: LoggedFaceRemoval[] }> {
  const regions = await Promise.all(
    edit.regions.map(async (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height, reason: r.reason, note_hash: await noteHash(ring, r.note) })),
  );
  const removedFaces = await Promise.all(edit.removedFaces.map(async (f) => ({ face: f.face, reason: f.reason, note_hash: await noteHash(ring, f.note) })));
  return { regions, removedFaces };
}

/** The edit as sealed in the `regions` chunk (free text included): who set it and when. */
export function regionsDocument(edit: RegionEdit, at: number, by: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ regions: edit.regions, removed_faces: edit.removedFaces, at, by }));
}

/** Regions plus face removals: what `media.regions` counts. */
export const editSize = (edit: RegionEdit) => edit.regions.length + edit.removedFaces.length;
