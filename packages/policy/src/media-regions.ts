/**
 * Manual redaction regions of a photo: what a data owner may add (a box with a reason) or take away
 * (an automatic face box, with a reason), and what the photo's protection becomes. Pure: no I/O.
 */
import { protectedRendition, type FaceScores, type ProtectedRendition } from './media-redaction.js';

/** Why a region is hidden: the things a face detector does not find but that identify people. */
export const REGION_REASONS = ['plate', 'tattoo', 'id_document', 'screen', 'restraints', 'missed_face', 'other'] as const;
export type RegionReason = (typeof REGION_REASONS)[number];

/** Why an automatic face box is taken away: it is not a person's face to protect. */
export const FACE_REMOVAL_REASONS = ['not_a_face', 'picture_of_a_picture', 'other'] as const;
export type FaceRemovalReason = (typeof FACE_REMOVAL_REASONS)[number];

/**
 * Most manual regions one photo takes: a busy scene (a street with several plates, a wall of
 * screens) fits well within it, and each region costs a crop and blur when the rendition is re-made.
 */
export const MAX_MEDIA_REGIONS = 64;

/** Longest free text a region or a face removal carries (`other`), in characters: a short explanation, not a narrative. */
export const MAX_REGION_NOTE = 200;

/** A box in the upright picture's pixels. */
export interface RegionBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A region the data owner hides. */
export interface ManualRegion extends RegionBox {
  readonly reason: string;
  readonly note?: string | undefined;
}

/** An automatic face box the data owner takes away, by its position in the detection (highest score first). */
export interface FaceRemoval {
  readonly face: number;
  readonly reason: string;
  readonly note?: string | undefined;
}

/** The owner's edits of one photo: every manual region and every face box taken away (the whole set; it replaces the last). */
export interface RegionEdit {
  readonly regions: readonly ManualRegion[];
  readonly removedFaces: readonly FaceRemoval[];
}

/** What the edit is checked against: the picture's size and how many faces the detector found. */
export interface RegionFacts {
  readonly width: number;
  readonly height: number;
  readonly faces: number;
}

/** Stable codes of a refused edit. */
export type RegionIssueCode =
  | 'too_many_regions'
  | 'region_outside_image'
  | 'unknown_reason'
  | 'note_required'
  | 'note_too_long'
  | 'unknown_face'
  | 'duplicate_face';

/** One problem with an edit, located by path (`regions.2`, `removed_faces.0.reason`). */
export interface RegionIssue {
  readonly path: string;
  readonly code: RegionIssueCode;
  readonly message: string;
}

const isWhole = (n: number) => Number.isSafeInteger(n);

/** Issues of a reason and its note: a known code, and free text for `other` (only), bounded. */
function reasonIssues(path: string, reason: string, note: string | undefined, known: readonly string[]): RegionIssue[] {
  if (!known.includes(reason)) return [{ path: `${path}.reason`, code: 'unknown_reason', message: `reason: one of ${known.join(', ')}` }];
  if (note !== undefined && [...note].length > MAX_REGION_NOTE)
    return [{ path: `${path}.note`, code: 'note_too_long', message: `note: at most ${MAX_REGION_NOTE} characters` }];
  if (reason === 'other' && (note === undefined || note.trim() === ''))
    return [{ path: `${path}.note`, code: 'note_required', message: 'note: say what the region is when the reason is other' }];
  return [];
}

/**
 * The problems with `edit` for a picture described by `facts`; empty means it may be applied.
 * Every box lies wholly inside the picture (whole pixels, at least one wide and high), at most
 * {@link MAX_MEDIA_REGIONS} of them; every reason is a known code and `other` says what it is in at
 * most {@link MAX_REGION_NOTE} characters; a face taken away exists and is taken away once.
 *
 * @example
 * regionEditIssues({ regions: [{ x: 600, y: 10, width: 80, height: 20, reason: 'plate' }], removedFaces: [] }, { width: 640, height: 480, faces: 0 })
 * // [{ path: 'regions.0', code: 'region_outside_image', … }]
 */
export function regionEditIssues(edit: RegionEdit, facts: RegionFacts): RegionIssue[] {
  const issues: RegionIssue[] = [];
  if (edit.regions.length > MAX_MEDIA_REGIONS)
    return [{ path: 'regions', code: 'too_many_regions', message: `regions: at most ${MAX_MEDIA_REGIONS} per photo` }];
  edit.regions.forEach((r, i) => {
    const inside =
      [r.x, r.y, r.width, r.height].every(isWhole) &&
      r.x >= 0 &&
      r.y >= 0 &&
      r.width >= 1 &&
      r.height >= 1 &&
      r.x + r.width <= facts.width &&
      r.y + r.height <= facts.height;
    if (!inside)
      issues.push({
        path: `regions.${i}`,
        code: 'region_outside_image',
        message: `regions.${i}: a box of whole pixels inside the ${facts.width} × ${facts.height} picture`,
      });
    issues.push(...reasonIssues(`regions.${i}`, r.reason, r.note, REGION_REASONS));
  });
  const seen = new Set<number>();
  edit.removedFaces.forEach((f, i) => {
    if (!isWhole(f.face) || f.face < 0 || f.face >= facts.faces)
      issues.push({
        path: `removed_faces.${i}.face`,
        code: 'unknown_face',
        message: `removed_faces.${i}.face: the detection found ${facts.faces} face(s), numbered from 0`,
      });
    else if (seen.has(f.face)) issues.push({ path: `removed_faces.${i}.face`, code: 'duplicate_face', message: `removed_faces.${i}.face: taken away twice` });
    seen.add(f.face);
    issues.push(...reasonIssues(`removed_faces.${i}`, f.reason, f.note, FACE_REMOVAL_REASONS));
  });
  return issues;
}

/**
 * The protection of a flagged photo once the owner's edit applies: the faces the detector found,
 * less those taken away, decide (`protectedRendition`); manual regions add to what is hidden but
 * never vouch that nobody else is in the picture, so they never turn `blurred` into `redacted`.
 *
 * @example protectionAfterEdit({ faces: [{ score: 0.9 }] }, [0], 0.5) // 'blurred' (the only face was taken away)
 */
export function protectionAfterEdit(detection: FaceScores, removedFaces: readonly number[], floor: number): ProtectedRendition {
  return protectedRendition({ faces: detection.faces.filter((_, i) => !removedFaces.includes(i)) }, floor);
}
